package io.kamaros.engine;

import io.kamaros.engine.store.FileAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfEvent;

/**
 * Run in a child JVM by {@link MultiProcessLockTest}: opens the project {@code args[0]}, adds
 * {@code child.txt} and starts a checkpoint whose start listener prints READY and then blocks
 * (holding the project's writer lock) until the file {@code args[1]} appears, at most 60 s. Then
 * the checkpoint finishes and its id is printed as {@code VERSION <id>}.
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]);
        Path release = Path.of(args[1]);
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("child").build())) {
            jcf.init(new FileAdapter(project));
            jcf.addFile("child.txt", "written by the child process\n");
            jcf.on(JcfEvent.CheckpointStarted.class, e -> {
                System.out.println("READY");
                System.out.flush();
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!Files.exists(release) && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            String id = jcf.saveCheckpoint("from the child");
            System.out.println("VERSION " + id);
        }
        System.out.flush();
    }
}
