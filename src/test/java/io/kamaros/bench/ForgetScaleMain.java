package io.kamaros.bench;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.ForgetResult;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.RetentionPolicy;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;

/**
 * How long thinning a long history takes (issue 17: 20,000 autosaves thinned to ~200 "in seconds, not
 * minutes"): {@code java -cp "target/classes:target/test-classes:target/lib/*" io.kamaros.bench.ForgetScaleMain
 * <folder>|memory [versions=20000] [gcEvery=0]}; {@code memory} keeps the project in a MemoryAdapter (no disk, no fsync:
 * builds 20,000 versions in minutes instead of a quarter of an hour on a loaded machine, and times the forget's
 * own work without the file system); a folder's project is built in memory too and then written into the folder
 * (its packs, journal and manifest as the engine wrote them). Builds the project once (through the API: 50 text files and a binary, each
 * version edits one to three of them, one version every 3 minutes ending now — about 6 weeks), copies nothing,
 * (a copy is kept beside the folder, {@code <folder>.built}, and copied back when the folder is gone, so a second
 * run measures again without building again), then times on it: opening, a dry run of the policy, and the forget itself with the GC that follows, and checks
 * the kept versions with a deep verify. The policy: every version of the last hour, the newest of each of the
 * last 168 hours, 30 days and every week (Time Machine's shape) — about 200 versions kept. With {@code gcEvery} the
 * build runs a GC every that many versions, which merges the small packs each checkpoint seals into full ones (as
 * the hourly automatic thinning's GC does); without it every version keeps its own pack, the worst case.
 */
public final class ForgetScaleMain {
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
            copyTree(kept, folder); // a project built by an earlier run: measured again without building it again
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
                copyTree(folder, Objects.requireNonNull(kept)); // kept beside it for the next run (the forget changes it)
            }
        }
        long[] gcStarted = {0};
        long[] gcEnded = {0};
        long t0 = System.nanoTime();
        try (JcfManager jcf = new JcfManager(config)) {
            jcf.on("*", e -> {
                if (e instanceof JcfEvent.GcStarted) {
                    gcStarted[0] = System.nanoTime();
                } else if (e instanceof JcfEvent.GcCompleted) {
                    gcEnded[0] = System.nanoTime();
                }
            });
            jcf.init(adapter);
            int before = jcf.getHistory().size();
            System.out.printf("open: %d versions in %.2f s%n", before, (System.nanoTime() - t0) / 1e9);
            RetentionPolicy policy = RetentionPolicy.none().withKeepWithin(Duration.ofHours(1)).withKeepHourly(168)
                    .withKeepDaily(30).withKeepWeekly(RetentionPolicy.UNLIMITED);
            ForgetOptions options = ForgetOptions.defaults().withIncludeManual(true);
            long t1 = System.nanoTime();
            ForgetResult dry = jcf.forget(policy, options.withDryRun(true));
            System.out.printf("dry run: would forget %d, keep %d, free ~%,d bytes: %.2f s%n", dry.forgotten().size(),
                    dry.kept(), dry.bytesFreed(), (System.nanoTime() - t1) / 1e9);
            if (folder != null) {
                System.out.println("store before: " + storeSize(folder));
            }
            long t2 = System.nanoTime();
            ForgetResult done = jcf.forget(policy, options);
            System.out.printf("forget + GC: forgot %d, kept %d, freed %,d bytes: %.2f s (forget %.2f s, GC %.2f s)%n",
                    done.forgotten().size(), done.kept(), done.bytesFreed(), (System.nanoTime() - t2) / 1e9,
                    (gcStarted[0] - t2) / 1e9, (gcEnded[0] - gcStarted[0]) / 1e9);
            long t3 = System.nanoTime();
            boolean valid = jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors().isEmpty();
            System.out.printf("deep verify after: %s, %.2f s%n", valid ? "clean" : "ERRORS", (System.nanoTime() - t3) / 1e9);
            if (folder != null) {
                System.out.println("store after: " + storeSize(folder));
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.getFileName().toString().equals("lock")) {
                    Files.copy(f, target);
                }
            }
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
        int files = 50;
        Instant start = Instant.now().minus(Duration.ofMinutes(3L * versions));
        long t0 = System.nanoTime();
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
                    System.out.printf("built %d versions, %.0f s%n", v + 1, (System.nanoTime() - t0) / 1e9);
                }
            }
        }
    }
}
