package io.kamaros.bench;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.WorkingCopyStatus;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.frontend.ProjectLocation;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens a project in a fresh JVM and prints when each step finished, in ms since the JVM started
 * (so start-up is included, as a person double-clicking sees it): init, the whole history, the
 * working copy's status. Run it as its own process, several times:
 * {@code java -cp "target/classes:target/test-classes:target/lib/*" io.kamaros.bench.OpenProjectMain <folder>}
 * (a folder tracked in place, e.g. one made by {@link LargeHistoryMain}), or {@code <history> <work tree>}.
 */
public final class OpenProjectMain {
    private OpenProjectMain() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        long main = uptime();
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(args.length > 1 // a history folder and the folder it versions, as the CLI's init --work-tree makes
                    ? new FileAdapter(folder, new FileAdapter.Options().workTree(Path.of(args[1])))
                    : ProjectLocation.detect(folder).adapter());
            long opened = uptime();
            List<Version> history = jcf.getHistory();
            long listed = uptime();
            WorkingCopyStatus status = jcf.getStatus();
            long scanned = uptime();
            System.out.printf("jvm->main %d ms, init %d ms, history (%d versions) %d ms, status (%d changes) %d ms: "
                            + "open+history+status done %d ms after JVM start%n", main, opened - main, history.size(),
                    listed - opened, status.changeCount(), scanned - listed, scanned);
        }
    }

    private static long uptime() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }
}
