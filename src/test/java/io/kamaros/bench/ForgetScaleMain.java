package io.kamaros.bench;

import static io.kamaros.Trees.copyProject;
import com.sun.management.OperatingSystemMXBean;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.ForgetResult;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.RetentionPolicy;
import io.kamaros.engine.model.RetentionSettings;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;

/**
 * How long thinning a long history takes (issue 17: 20,000 autosaves thinned to ~200 "in seconds, not
 * minutes", and a cost that grows with the versions removed, not with the whole history):
 * {@code java -cp "target/classes:target/test-classes:<classpath>" io.kamaros.bench.ForgetScaleMain
 * <folder>|memory [versions=20000] [gcEvery=0]}. Builds the project once through the API (50 text files and a
 * 200 KB binary; each version edits one to three texts, one version every 3 minutes, about 6 weeks for 20,000), in a
 * MemoryAdapter (no fsync per commit) and then, for a folder, writes it file by file into the folder and keeps a
 * copy beside it ({@code <folder>.built}), copied back when the folder is gone, so a second run measures the same
 * history again without building it. {@code memory} keeps everything in memory (the engine's own work, without the
 * file system). With {@code gcEvery} the build runs a GC every that many versions, which merges the small packs each
 * checkpoint seals (as the hourly automatic thinning's GC does); without it every version keeps its own pack.
 *
 * <p>Then times, each with wall time, the process's CPU time and this thread's (the engine works on it): opening, a
 * dry run of the policy, the forget with the GC after it (split at the GC's start), a deep verify, the everyday
 * case — an hour of new autosaves, then the hourly thinning on the thinned history — and reopening. The policy:
 * every version of the last hour, the newest of each of the last 168 hours, 30 days and every week (Time Machine's
 * shape), about 200 versions kept; "now" is a minute after the newest version, so a build keeps the same versions
 * at every run.
 */
public final class ForgetScaleMain {
    private static final int FILES = 50;

    private ForgetScaleMain() {
    }

    public static void main(String[] args) throws Exception {
        String where = args.length > 0 ? args[0] : "target/forget-scale";
        int versions = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int gcEvery = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        JcfConfig config = JcfConfig.builder().author("bench").autoGc(false).build();
        Path folder = where.equals("memory") ? null : Path.of(where);
        FileSystemAdapter adapter = folder == null ? new MemoryAdapter() : new FileAdapter(folder);
        Path kept = folder == null ? null : folder.resolveSibling(folder.getFileName() + ".built");
        if (kept != null && Files.isDirectory(kept) && !Files.exists(folder)) {
            copyProject(kept, folder); // a project built by an earlier run: measured again without building it again
        }
        if (!adapter.fileExists("manifest.json")) {
            if (folder == null) {
                build(adapter, versions, gcEvery, config);
            } else {
                // Built in memory and then written out file by file: the same store, without one fsync'd commit per
                // version (20,000 of them took longer than the forget being measured by orders of magnitude).
                MemoryAdapter memory = new MemoryAdapter();
                build(memory, versions, gcEvery, config);
                for (String path : memory.listFiles("")) {
                    adapter.writeFile(path, memory.readFile(path));
                }
                copyProject(folder, Objects.requireNonNull(kept)); // kept beside it for the next run (the forget changes it)
            }
        }
        long[] gcStarted = {0, 0};
        long[] gcEnded = {0, 0};
        Phase open = Phase.start();
        try (JcfManager jcf = new JcfManager(config)) {
            jcf.on("*", e -> {
                // Told on the thread that collects (this one): its CPU time splits the forget's from the GC's.
                if (e instanceof JcfEvent.GcStarted) {
                    gcStarted[0] = System.nanoTime();
                    gcStarted[1] = Phase.THREADS.getCurrentThreadCpuTime();
                } else if (e instanceof JcfEvent.GcCompleted) {
                    gcEnded[0] = System.nanoTime();
                    gcEnded[1] = Phase.THREADS.getCurrentThreadCpuTime();
                }
            });
            jcf.init(adapter);
            int before = jcf.getHistory().size();
            System.out.printf("open: %d versions, %s%n", before, open.end());
            // "Now" is a minute after the newest version (not the clock): the same build keeps the same versions.
            Instant newest = jcf.getCurrentVersion().orElseThrow().timestamp();
            Clock now = Clock.fixed(newest.plus(Duration.ofMinutes(1)), ZoneId.systemDefault());
            Phase dryRun = Phase.start();
            ForgetResult dry = jcf.forget(POLICY, OPTIONS.withDryRun(true), now);
            System.out.printf("dry run: would forget %d, keep %d, free ~%,d bytes, %s%n", dry.forgotten().size(),
                    dry.kept(), dry.bytesFreed(), dryRun.end());
            if (folder != null) {
                System.out.println("store before: " + storeSize(folder));
            }
            long t2 = System.nanoTime();
            Phase forget = Phase.start();
            ForgetResult done = jcf.forget(POLICY, OPTIONS, now);
            System.out.printf("forget + GC: forgot %d, kept %d, freed %,d bytes, %s (%s)%n", done.forgotten().size(),
                    done.kept(), done.bytesFreed(), forget.end(), forget.split(t2, gcStarted, gcEnded));
            Phase verify = Phase.start();
            boolean valid = jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors().isEmpty();
            System.out.printf("deep verify after: %s, %s%n", valid ? "clean" : "ERRORS", verify.end());
            if (folder != null) {
                System.out.println("store after: " + storeSize(folder));
            }
            everyday(jcf, now.instant(), gcStarted, gcEnded);
        }
        Phase reopen = Phase.start();
        try (JcfManager jcf = new JcfManager(config)) {
            jcf.init(adapter);
            System.out.printf("reopen the thinned project: %d versions, %s%n", jcf.getHistory().size(), reopen.end());
        }
    }

    /** Every version of the last hour, the newest of each of the last 168 hours, 30 days, and every week. */
    private static final RetentionPolicy POLICY = RetentionPolicy.none().withKeepWithin(Duration.ofHours(1))
            .withKeepHourly(168).withKeepDaily(30).withKeepWeekly(RetentionPolicy.UNLIMITED);
    private static final ForgetOptions OPTIONS = ForgetOptions.defaults().withIncludeManual(true);
    /** Autosaves made after the big thinning, before the next hourly one. */
    private static final int NEW_AUTOSAVES = 20;

    /**
     * The everyday case on the thinned history: an hour of autosaves (one every 3 minutes), then the hourly
     * thinning an hour after the first thinning ({@link JcfManager#thinAutomatically}, as autosave runs it: its GC does
     * not purge) — the versions of that earlier hour now fall to one an hour.
     */
    private static void everyday(JcfManager jcf, Instant thinnedAt, long[] gcStarted, long[] gcEnded) {
        Random random = new Random(18);
        for (int v = 1; v <= NEW_AUTOSAVES; v++) {
            jcf.appendToFile("docs/file-" + random.nextInt(FILES) + ".md", ("new line " + v + "\n").getBytes());
            jcf.saveCheckpoint("Autosave, new " + v, CheckpointOptions.builder().automatic(true)
                    .timestamp(thinnedAt.plus(Duration.ofMinutes(3L * v))).build());
        }
        Clock hourLater = Clock.fixed(thinnedAt.plus(Duration.ofMinutes(3L * NEW_AUTOSAVES + 2)), ZoneId.systemDefault());
        int before = jcf.getHistory().size();
        long t0 = System.nanoTime();
        Phase thin = Phase.start();
        // as autosave runs it: the project's settings (this policy, manual checkpoints thinnable as OPTIONS says)
        jcf.setRetentionSettings(RetentionSettings.defaults().withPolicy(POLICY).withThinManual(true));
        ForgetResult r = jcf.thinAutomatically(null, hourLater);
        System.out.printf("everyday thinning (%d versions, %d new): forgot %d, kept %d, %s (%s)%n", before,
                NEW_AUTOSAVES, r.forgotten().size(), r.kept(), thin.end(), thin.split(t0, gcStarted, gcEnded));
    }

    /**
     * Wall time and CPU time of a phase: the process's (every thread, the JIT's and the garbage collector's too) and
     * this thread's (the engine's own work runs on it). On a loaded machine the CPU times are what compare.
     */
    private record Phase(long wall, long processCpu, long threadCpu) {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private static final OperatingSystemMXBean OS =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        static Phase start() {
            return new Phase(System.nanoTime(), OS.getProcessCpuTime(), THREADS.getCurrentThreadCpuTime());
        }

        /** The forget's and the GC's share of a {@code forget} call (wall, and this thread's CPU). */
        String split(long startNanos, long[] gcStarted, long[] gcEnded) {
            if (gcStarted[0] < startNanos) { // no GC in this call (nothing forgotten): the arrays hold an earlier one's
                return "no GC ran";
            }
            return String.format("forget %.3f s wall %.3f s thread CPU, GC %.3f s wall %.3f s thread CPU",
                    (gcStarted[0] - startNanos) / 1e9, (gcStarted[1] - threadCpu) / 1e9,
                    (gcEnded[0] - gcStarted[0]) / 1e9, (gcEnded[1] - gcStarted[1]) / 1e9);
        }

        String end() {
            return String.format("%.3f s wall, %.3f s CPU (this thread %.3f s), load %.1f",
                    (System.nanoTime() - wall) / 1e9, (OS.getProcessCpuTime() - processCpu) / 1e9,
                    (THREADS.getCurrentThreadCpuTime() - threadCpu) / 1e9, OS.getSystemLoadAverage());
        }
    }

    /** Bytes and files under the project's .store/ (packs, journal, everything the history keeps), and its packs. */
    private static String storeSize(Path folder) throws IOException {
        long[] bytesFilesPacks = new long[3];
        try (Stream<Path> files = Files.walk(folder.resolve(".store"))) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    bytesFilesPacks[0] += Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                bytesFilesPacks[1]++;
                if (f.getFileName().toString().endsWith(".pack")) {
                    bytesFilesPacks[2]++;
                }
            });
        }
        return String.format("%,d bytes in %,d files (%,d packs)", bytesFilesPacks[0], bytesFilesPacks[1],
                bytesFilesPacks[2]);
    }

    private static void build(FileSystemAdapter adapter, int versions, int gcEvery, JcfConfig config) throws Exception {
        Random random = new Random(17);
        int files = FILES;
        Instant start = Instant.now().minus(Duration.ofMinutes(3L * versions));
        Phase phase = Phase.start();
        try (JcfManager jcf = new JcfManager(config)) {
            jcf.init(adapter);
            for (int f = 0; f < files; f++) {
                jcf.addFile("docs/file-" + f + ".md", "# File " + f + "\n\nfirst line\n");
            }
            byte[] picture = new byte[200_000];
            for (int v = 0; v < versions; v++) {
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    jcf.appendToFile("docs/file-" + random.nextInt(files) + ".md",
                            ("line " + v + " by edit " + e + "\n").getBytes());
                }
                if (v % 1000 == 0) {
                    random.nextBytes(picture);
                    jcf.addFile("art/picture.bin", picture);
                }
                jcf.saveCheckpoint("Autosave " + v, CheckpointOptions.builder()
                        .timestamp(start.plus(Duration.ofMinutes(3L * v))).build());
                if (gcEvery > 0 && v % gcEvery == gcEvery - 1) {
                    jcf.runGc(); // merges the small packs of the last versions (nothing is unused: nothing forgotten yet)
                }
                if (v % 1000 == 999) {
                    System.out.printf("built %d versions: %s%n", v + 1, phase.end());
                }
            }
        }
    }
}
