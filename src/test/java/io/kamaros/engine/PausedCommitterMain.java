package io.kamaros.engine;

import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ConcurrentModificationException;
import io.kamaros.engine.model.JcfConfig;

/**
 * Run in child JVMs by {@link PausedWritersTest}: {@code args[2]} times changes its own files in the
 * working copy of project {@code args[0]} ({@code big-<name>.bin}, a few MB with a few KB rewritten
 * each time, and {@code note-<name>.txt}), then opens the project with a new manager (as the
 * command line does for every command) and checkpoints, retrying while the other writers hold the
 * lock. Files are replaced atomically (written beside the project, then moved in), so another
 * writer's scan sees either the old or the new file. Prints {@code OPENING <i>} before each open
 * (where the test aims its pauses) and {@code SAVED <i> <id> <sha256 of big> <sha256 of note>}
 * once the checkpoint returned.
 */
public final class PausedCommitterMain {
    static final int BIG_SIZE = 3 * 1024 * 1024;

    private PausedCommitterMain() {
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]);
        String name = args[1];
        int n = Integer.parseInt(args[2]);
        Random random = new Random(Long.parseLong(args[3]));
        Path wc = project.resolve("content");
        Path staging = project.resolveSibling("staging-" + name);
        Files.createDirectories(wc);
        byte[] big = new byte[BIG_SIZE];
        random.nextBytes(big);
        for (int i = 1; i <= n; i++) {
            byte[] edit = new byte[1 + random.nextInt(8192)];
            random.nextBytes(edit);
            System.arraycopy(edit, 0, big, random.nextInt(big.length - edit.length), edit.length);
            byte[] note = (name + " " + i + "\n").getBytes(StandardCharsets.UTF_8);
            place(staging, wc.resolve("big-" + name + ".bin"), big);
            place(staging, wc.resolve("note-" + name + ".txt"), note);
            String id = null;
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (id == null) {
                say("OPENING " + i);
                try (JcfManager jcf = new JcfManager(JcfConfig.builder().author(name).build())) {
                    jcf.init(new FileAdapter(project));
                    id = jcf.saveCheckpoint(name + " " + i, CheckpointOptions.builder().allowEmpty(true).build());
                } catch (ConcurrentModificationException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(2 + random.nextInt(25));
                }
            }
            say("SAVED " + i + " " + id + " " + CrashWorkloadMain.sha256(big) + " " + CrashWorkloadMain.sha256(note));
        }
        say("DONE");
    }

    private static void place(Path staging, Path target, byte[] data) throws IOException {
        Files.write(staging, data);
        Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
