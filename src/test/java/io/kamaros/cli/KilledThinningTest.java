package io.kamaros.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.Trees;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.RetentionPolicy;
import io.kamaros.engine.model.RetentionSettings;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kamaros watch} killed (kill -9) while it thins the history by itself (issue 17, "Crash-safety"): a
 * project with weeks of automatic saves and a change waiting in its folder; the child saves it, and its automatic
 * thinning then forgets all but the newest few automatic saves and collects their space — and is killed at a random
 * moment of that. After every kill, in this JVM: the project opens, a deep verify finds nothing wrong; every version
 * there is byte-exact (each of its files as it was saved); the versions the thinning was to forget are either all
 * still there or all gone, never some; the manual checkpoint is kept. Rounds: {@code -Dkamaros.killedThinning.rounds}
 * (default 4).
 */
class KilledThinningTest {
    static final int ROUNDS = Integer.getInteger("kamaros.killedThinning.rounds", 4);
    static final int AUTOSAVES = 150;
    static final int KEEP_LAST = 6;
    static final Map<String, String> ENV = Map.of("JCF_AUTHOR", "Tess Ter");

    @TempDir
    static Path shared;
    static Path template;
    /** Every version of the template: its files (path → bytes). */
    static final Map<String, Map<String, byte[]>> FILES = new LinkedHashMap<>();
    static String manual;
    /** The working copy the child's autosave saves (the change waiting in the folder). */
    static Map<String, byte[]> pending;

    @BeforeAll
    static void makeProjectWithWeeksOfAutosaves() throws IOException {
        template = shared.resolve("template");
        Random r = new Random(17);
        Map<String, byte[]> files = new TreeMap<>();
        for (int f = 0; f < 6; f++) {
            files.put("notes/n" + f + ".md", ("# Note " + f + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] picture = new byte[48_000];
        r.nextBytes(picture);
        files.put("art/picture.bin", picture);
        write(files);
        Instant start = Instant.now().minus(Duration.ofHours(3L * AUTOSAVES + 24));
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("Tess Ter").build())) {
            jcf.init(new FileAdapter(template));
            manual = jcf.saveCheckpoint("By hand", CheckpointOptions.builder().timestamp(start).build());
            FILES.put(manual, new TreeMap<>(files));
            for (int v = 0; v < AUTOSAVES; v++) {
                for (int e = 0, edits = 1 + r.nextInt(2); e < edits; e++) {
                    String path = "notes/n" + r.nextInt(6) + ".md";
                    files.put(path, (new String(files.get(path), StandardCharsets.UTF_8) + "line " + v + "." + e + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
                if (v % 25 == 0) {
                    picture = picture.clone();
                    picture[r.nextInt(picture.length)]++;
                    files.put("art/picture.bin", picture);
                }
                write(files);
                String id = jcf.saveCheckpoint("Autosave", CheckpointOptions.builder().automatic(true)
                        .timestamp(start.plus(Duration.ofHours(3L * (v + 1)))).build());
                FILES.put(id, new TreeMap<>(files));
            }
            // the newest few automatic saves and the manual checkpoint are kept; thinning is on, never ran
            jcf.setRetentionSettings(RetentionSettings.defaults().withPolicy(RetentionPolicy.none().withKeepLast(KEEP_LAST)));
        }
        files.put("notes/n0.md", "# Note 0\n\nrewritten while watch was not running\n".getBytes(StandardCharsets.UTF_8));
        write(files);
        pending = files;
    }

    private static void write(Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = template.resolve("content").resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
    }

    /** When (nanoTime) the child's log said {@code what}, or -1 when it did not within {@code millis}. */
    private static long waitForLine(Path cwd, String what, long millis) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            if (log(cwd).contains(what)) {
                return System.nanoTime();
            }
            Thread.sleep(5);
        }
        return -1;
    }

    private static String log(Path cwd) throws IOException {
        try (Stream<Path> s = Files.list(cwd)) {
            StringBuilder out = new StringBuilder();
            for (Path f : s.filter(f -> f.getFileName().toString().startsWith("child-")).toList()) {
                out.append(Files.readString(f, StandardCharsets.UTF_8));
            }
            return out.toString();
        }
    }

    private static Process watch(Path project) throws IOException {
        return KilledTransferTest.child(project, ENV, "watch", "--settle", "1s", "--interval", "1s");
    }

    private static final String SAVED = "Saved automatic checkpoint";
    private static final String THINNED = "Thinned the history";

    @Test
    void aKilledAutomaticThinningKeepsEveryKeptVersionByteExactAndForgetsAllOrNothing(@TempDir Path dir)
            throws Exception {
        // a full run first: what the thinning keeps, and how long it takes here (from the save to its report)
        Path learn = dir.resolve("learn");
        Trees.copyProject(template, learn);
        Process full = watch(learn);
        long saved = waitForLine(learn, SAVED, 120_000);
        assertThat(saved).as("the child saved the waiting change: %s", log(learn)).isPositive();
        long thinned = waitForLine(learn, THINNED, 120_000);
        assertThat(thinned).as("the child thinned: %s", log(learn)).isPositive();
        long thinMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(thinned - saved));
        KilledTransferTest.killAfter(full, 0);
        Set<String> keptByThinning = check(learn, "learning run");
        assertThat(keptByThinning).as("the thinning forgot all but the newest automatic saves")
                .contains(manual).hasSizeLessThanOrEqualTo(KEEP_LAST + 1);

        Random random = new Random(Long.getLong("kamaros.killedThinning.seed", 17));
        int foundDone = 0;
        int foundUndone = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path project = dir.resolve("r" + round);
            Trees.copyProject(template, project);
            Process child = watch(project);
            assertThat(waitForLine(project, SAVED, 120_000)).as("round %d saved: %s", round, log(project)).isPositive();
            KilledTransferTest.killAfter(child, (long) (random.nextDouble() * thinMillis * 1.2));
            Set<String> kept = check(project, "round " + round);
            if (kept.size() == FILES.size()) {
                foundUndone++;
            } else {
                assertThat(kept).as("round %d: all of the thinning or none of it", round).isEqualTo(keptByThinning);
                foundDone++;
            }
        }
        System.out.printf("[killed thinning] %d rounds (thinning took %d ms in the learning run): %d found thinned, %d "
                + "found not thinned, none half%n", ROUNDS, thinMillis, foundDone, foundUndone);
    }

    /**
     * Opens the project a killed child left: deep verify clean; every version byte-exact (the template's as they were
     * saved, the child's autosave as the folder was). Returns the template's versions that are still there.
     */
    private static Set<String> check(Path project, String what) {
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("Tess Ter").build())) {
            jcf.init(new FileAdapter(project, false, true));
            VerificationReport report = jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build());
            assertThat(report.errors()).as("%s: deep verify", what).isEmpty();
            Set<String> kept = new HashSet<>();
            int added = 0;
            for (Version v : jcf.getHistory()) {
                Map<String, byte[]> expected = FILES.get(v.id());
                if (expected == null) {
                    added++; // the child's own automatic save of the waiting change
                    expected = pending;
                } else {
                    kept.add(v.id());
                }
                Map<String, byte[]> actual = new HashMap<>();
                for (String path : v.fileStates().keySet()) {
                    actual.put(path, jcf.getFileContent(path, v.id()));
                }
                assertThat(actual.keySet()).as("%s: files of %s", what, v.id()).isEqualTo(expected.keySet());
                for (String path : expected.keySet()) {
                    assertThat(actual.get(path)).as("%s: %s of %s", what, path, v.id()).isEqualTo(expected.get(path));
                }
            }
            assertThat(added).as("%s: the child's own save", what).isLessThanOrEqualTo(1);
            assertThat(kept).as("%s: the manual checkpoint", what).contains(manual);
            return kept;
        }
    }
}
