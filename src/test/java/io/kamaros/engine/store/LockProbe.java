package io.kamaros.engine.store;

import java.nio.file.Path;
import java.util.Optional;

/** Run in a child JVM: tries the project's writer lock once and prints "locked" or "busy". */
public final class LockProbe {
    private LockProbe() {
    }

    public static void main(String[] args) throws Exception {
        Optional<ProjectLock> lock = new FileAdapter(Path.of(args[0])).tryLock();
        System.out.println(lock.isPresent() ? "locked" : "busy");
        if (lock.isPresent()) {
            lock.get().close();
        }
    }
}
