package io.kamaros.engine;

import io.kamaros.engine.store.FileAdapter;
import java.nio.file.Path;
import java.util.Random;
import io.kamaros.engine.model.ConcurrentModificationException;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.NoChangesException;

/**
 * Run in a child JVM by {@link MultiProcessLockTest}: {@code args[2]} times writes
 * {@code child-<name>.txt} ("<name> <i>\n") into project {@code args[0]} and checkpoints it,
 * retrying when the other process holds the lock. Prints {@code VERSION <i> <id>}, or
 * {@code SAVED_BY_OTHER <i>} when the other process's checkpoint already recorded the file,
 * or {@code GAVE_UP <i>}.
 */
public final class CheckpointLoopMain {
    private CheckpointLoopMain() {
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]);
        String name = args[1];
        int n = Integer.parseInt(args[2]);
        Random random = new Random(name.hashCode());
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author(name).build())) {
            jcf.init(new FileAdapter(project));
            for (int i = 1; i <= n; i++) {
                String line = "GAVE_UP " + i;
                for (int attempt = 0; attempt < 200; attempt++) {
                    try {
                        jcf.addFile("child-" + name + ".txt", name + " " + i + "\n");
                        String id = jcf.saveCheckpoint(name + " " + i);
                        line = "VERSION " + i + " " + id;
                        break;
                    } catch (NoChangesException e) {
                        line = "SAVED_BY_OTHER " + i;
                        break;
                    } catch (ConcurrentModificationException e) {
                        Thread.sleep(5 + random.nextInt(30));
                    }
                }
                System.out.println(line);
                System.out.flush();
            }
        }
    }
}
