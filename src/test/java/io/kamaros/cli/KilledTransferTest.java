package io.kamaros.cli;

import static io.kamaros.Trees.copyProject;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.ChildJvm;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kamaros import} and {@code kamaros export} killed (kill -9) at random moments in a child
 * JVM: the target holds nothing or the complete result (never a half or empty project), and once
 * the next command has run nothing of the killed one is left (no staging folder beside the
 * target, no hidden temp file beside the archive). Rounds per kind: {@code
 * -Dkamaros.killedTransfer.rounds} (default 3; nightly 20).
 */
class KilledTransferTest {
    static final int ROUNDS = Integer.getInteger("kamaros.killedTransfer.rounds", 3);
    static final int FILES = 400;

    @TempDir
    static Path shared;
    static Path project;
    static Path archive;

    @BeforeAll
    static void makeProjectAndArchive() throws IOException {
        project = shared.resolve("source");
        Random r = new Random(7);
        for (int i = 0; i < FILES; i++) {
            Path f = project.resolve("content/d" + i % 10 + "/f" + i + ".txt");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "file " + i + " " + r.nextLong() + "\n");
        }
        byte[] big = new byte[8 << 20];
        r.nextBytes(big);
        Files.write(project.resolve("content/big.bin"), big);
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new FileAdapter(project));
            jcf.saveCheckpoint("first");
            Files.writeString(project.resolve("content/d0/f0.txt"), "changed\n");
            jcf.saveCheckpoint("second");
            archive = shared.resolve("source.jcf");
            jcf.export(archive);
        }
    }

    static Process child(Path cwd, String... args) throws IOException {
        return child(cwd, Map.of(), args);
    }

    /** {@code kamaros ARGS} in a child JVM in {@code cwd}, with {@code env} added to its environment; output to a log there. */
    static Process child(Path cwd, Map<String, String> env, String... args) throws IOException {
        return ChildJvm.start(cwd, cwd.resolve("child-" + System.nanoTime() + ".log"), env, "io.kamaros.Launcher", args);
    }

    /** Runs the child to its end once, to learn how long the operation takes here. */
    static long fullRunMillis(Path cwd, String... args) throws Exception {
        long start = System.nanoTime();
        Process p = child(cwd, args);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isZero();
        return (System.nanoTime() - start) / 1_000_000;
    }

    static void killAfter(Process p, long millis) throws InterruptedException {
        if (!p.waitFor(millis, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
        }
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    }

    static List<String> leftovers(Path dir, String infix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".") && n.contains(infix)).toList();
        }
    }

    static int versions(Path root) {
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new FileAdapter(root, false, true));
            return jcf.getHistory().size();
        }
    }

    @Test
    void aKilledImportLeavesNoHalfProjectAndTheNextImportCleansUp(@TempDir Path dir) throws Exception {
        long full = fullRunMillis(dir, "import", archive.toString(), dir.resolve("learn").toString());
        Random r = new Random(Long.getLong("kamaros.killedTransfer.seed", 11));
        int landedInside = 0;
        int leftBefore = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path target = dir.resolve("t" + round);
            Process p = child(dir, "import", archive.toString(), target.toString());
            killAfter(p, 300 + (long) (r.nextDouble() * full));
            boolean finished = p.exitValue() == 0;
            // the target: nothing, or the complete project
            if (Files.exists(target)) {
                assertThat(versions(target)).as("round %d: a project at the target is complete", round).isEqualTo(2);
            } else {
                landedInside++;
            }
            leftBefore += leftovers(dir, ".kamaros-import-").size();
            // the next command: the same import again, or (when the killed one had finished) another one beside it
            Path again = Files.exists(target) ? dir.resolve("n" + round) : target;
            CliRunner.Result next = CliRunner.run(dir, "import", archive.toString(), again.toString());
            assertThat(next.exit()).as(next.toString()).isZero();
            assertThat(versions(again)).isEqualTo(2);
            assertThat(leftovers(dir, ".kamaros-import-")).as("round %d (finished: %s)", round, finished).isEmpty();
        }
        System.out.printf("[killed import] %d rounds, %d killed inside the import (learned run %d ms), %d staging "
                + "folders left before the next command, 0 after%n", ROUNDS, landedInside, full, leftBefore);
    }

    @Test
    void aKilledExportLeavesNoTempFileOnceTheNextCommandRan(@TempDir Path dir) throws Exception {
        Path work = dir.resolve("work");
        copyProject(project, work);
        Path out = dir.resolve("out.jcf");
        long full = fullRunMillis(work, "export", out.toString());
        Random r = new Random(Long.getLong("kamaros.killedTransfer.seed", 13));
        int left = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process p = child(work, "export", out.toString());
            killAfter(p, 300 + (long) (r.nextDouble() * full));
            left += leftovers(dir, "out.jcf.kamaros-").size();
            // the next command: an export to the same file (even rounds) or any command opening the project (odd)
            CliRunner.Result next = round % 2 == 0 ? CliRunner.run(work, "export", out.toString())
                    : CliRunner.run(work, "log");
            assertThat(next.exit()).as(next.toString()).isZero();
            assertThat(leftovers(dir, "out.jcf.kamaros-")).as("round %d", round).isEmpty();
            Path temp = work.resolve(".store/temp");
            if (Files.isDirectory(temp)) {
                try (Stream<Path> s = Files.list(temp)) {
                    assertThat(s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("export-")).toList())
                            .as("notes of killed exports").isEmpty();
                }
            }
        }
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new FileAdapter(dir.resolve("check")));
            assertThat(jcf.importData(out).versionsImported()).isEqualTo(2);
        }
        System.out.printf("[killed export] %d rounds (learned run %d ms), %d temp files left before the next command, "
                + "0 after%n", ROUNDS, full, left);
    }
}
