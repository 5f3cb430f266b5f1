package io.kamaros.bench;

import static io.kamaros.Trees.deleteTree;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.FileChange;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.NoChangesException;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionDiff;
import io.kamaros.engine.model.WorkingCopyStatus;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Scenario benchmark of the engine on a real disk ({@link FileAdapter}), as the issue asks:
 * <ol>
 *   <li>first checkpoint of a generated 5,000-file / ~200 MB project (~4,500 source-like text files of
 *       1–40 KB in nested folders, ~500 binary files of 50 KB–2 MB, most incompressible, some partly
 *       compressible);</li>
 *   <li>an incremental checkpoint after editing 10 files (8 small text edits, 2 binary files with 1% of
 *       their bytes changed in place);</li>
 *   <li>a no-change checkpoint ({@code allowEmpty(true)}), plus {@code getStatus()} and the default
 *       checkpoint that reports {@code NoChangesException};</li>
 *   <li>the same project grown to 100 versions (each version edits a few files through java.nio directly
 *       in {@code content/}, as a user's other programs would), then restore of the oldest version and
 *       restore of HEAD back;</li>
 *   <li>a separate project of 50 small text files with 10,000 versions (each edits 1–2 files), then the
 *       open time: {@code new JcfManager().init(new FileAdapter(dir))} + {@code getHistory()} +
 *       {@code getStatus()}, median of 3.</li>
 * </ol>
 * Every engine call is timed with {@link System#nanoTime()} in this one JVM, without warm-up (numbers
 * are what a user would see in a fresh process). MB = 10^6 bytes; MB/s = bytes processed / time.
 * After generating the big project it waits 2.5 s, so that the files are older than the scanner's 2 s
 * "racy timestamp" window at the first checkpoint (otherwise the next checkpoint re-reads every file
 * hashed within 2 s of its creation, which a real, older project would not see).
 * Data is deterministic (fixed-seed {@link SplittableRandom}).
 *
 * <p>Run (from the project root; a main, not a test):
 * <pre>
 *   mvn -q -Pbench test-compile exec:java                                  # full: ~200 MB, 100 and 10,000 versions
 *   mvn -q -Pbench test-compile exec:java -Dexec.args="--quick"            # smoke run: everything 10x smaller
 *   mvn -q -Pbench test-compile exec:java -Dexec.args="--dir /tmp/kb --keep"
 * </pre>
 * {@code --quick}: 500 files / ~20 MB, 10 versions, a 1,000-version project (edit counts per version
 * unchanged). {@code --dir DIR}: work there (must be absent or empty) instead of a new folder under
 * {@code target/bench}. {@code --keep}: leave the generated projects on disk. {@code --max-build-seconds N}:
 * stop growing the many-version project after N seconds (default 900) and report what was reached.
 * {@code --many-files N}: files in the many-version project (default 50; the "10,000 versions and
 * 5,000 files" case is {@code --many-files 5000 --only-many --max-build-seconds 3600}, which takes
 * about 20 minutes because every checkpoint scans 5,000 files). {@code --only-many}: skip scenarios 1–4.
 *
 * <p>Disk usage of {@code .store} depends on the blob store in use (compression, chunking, deltas).
 */
public final class EngineScenarioBenchmark {
    private static final long SEED = 0x4B414D41524F53L; // "KAMAROS"
    private static final double MB = 1_000_000.0;
    private static final int KB = 1024;

    private final boolean quick;
    private final int manyFiles;
    private final boolean onlyMany;
    private final Path base;
    private final boolean keep;
    private final long maxBuildNanos;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> storage = new ArrayList<>();
    private final AtomicReference<JcfEvent.CheckpointCompleted> lastCheckpoint = new AtomicReference<>();

    private record Row(String scenario, double ms, long bytes, String note) {
    }

    private record Timed<T>(T value, long nanos) {
        double ms() {
            return nanos / 1e6;
        }
    }

    /** The generated project: file paths by kind (relative to content/). */
    private static final class Project {
        final Path root;
        final List<String> text = new ArrayList<>();
        final List<String> binary = new ArrayList<>();

        Project(Path root) {
            this.root = root;
        }

        Path content() {
            return root.resolve("content");
        }
    }

    private EngineScenarioBenchmark(boolean quick, Path base, boolean keep, long maxBuildSeconds, int manyFiles,
                                    boolean onlyMany) {
        this.quick = quick;
        this.manyFiles = manyFiles;
        this.onlyMany = onlyMany;
        this.base = base;
        this.keep = keep;
        this.maxBuildNanos = maxBuildSeconds * 1_000_000_000L;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean keep = false;
        Path dir = null;
        long maxBuild = 900;
        int manyFiles = 50;
        boolean onlyMany = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--keep" -> keep = true;
                case "--dir" -> dir = Path.of(args[++i]);
                case "--max-build-seconds" -> maxBuild = Long.parseLong(args[++i]);
                case "--many-files" -> manyFiles = Integer.parseInt(args[++i]);
                case "--only-many" -> onlyMany = true;
                default -> {
                    System.err.println("unknown argument " + args[i]
                            + "; use --quick, --dir DIR, --keep, --max-build-seconds N, --many-files N, --only-many");
                    System.exit(2);
                }
            }
        }
        if (dir == null) {
            dir = Path.of("target", "bench",
                    "run-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now()));
        }
        dir = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    System.err.println(dir + " is not empty; pass an empty or new folder with --dir");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(dir);
        new EngineScenarioBenchmark(quick, dir, keep, maxBuild, manyFiles, onlyMany).run();
    }

    // ------------------------------------------------------------------ main flow

    private void run() throws Exception {
        long start = System.nanoTime();
        printMachine();
        try {
            if (!onlyMany) {
                bigProject();
            }
            manyVersions();
        } finally {
            printResults();
            if (!keep) {
                deleteTree(base);
                System.out.println("(deleted " + base + "; pass --keep to keep it)");
            }
        }
        System.out.printf(Locale.ROOT, "Total wall time: %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private void printMachine() throws IOException {
        Runtime rt = Runtime.getRuntime();
        FileStore fs = Files.getFileStore(base);
        System.out.println("== Kamaros engine scenario benchmark" + (quick ? " (--quick: 10x smaller)" : ""));
        System.out.println("date:      " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
        System.out.println("java:      " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                + ", " + System.getProperty("java.vendor") + ")");
        System.out.println("os:        " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        System.out.println("cores:     " + rt.availableProcessors());
        System.out.printf(Locale.ROOT, "max heap:  %.0f MB%n", rt.maxMemory() / MB);
        System.out.println("jvm args:  " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println("work dir:  " + base + " (" + fs.type() + ")");
        System.out.println();
    }

    // ------------------------------------------------------------------ scenarios 1–4

    private void bigProject() throws Exception {
        Project p = new Project(base.resolve("big"));
        long genStart = System.nanoTime();
        generate(p);
        System.out.printf(Locale.ROOT, "generated in %.1f s%n", (System.nanoTime() - genStart) / 1e9);
        // The scanner does not trust a file time within 2 s of when it hashed the file ("racy" times) and
        // reads such files again next scan. A real project's files are not seconds old at its first
        // checkpoint, so let the generated ones age past that window (not a warm-up: nothing is run).
        System.out.println("waiting 2.5 s so the generated files are older than the scanner's 2 s racy-time window");
        Thread.sleep(2_500);
        System.out.println();
        long workingBytes = treeSize(p.content());
        int fileCount = p.text.size() + p.binary.size();

        JcfManager jcf = new JcfManager();
        jcf.on(JcfEvent.CheckpointCompleted.class, lastCheckpoint::set);
        Timed<Void> init = time(() -> {
            jcf.init(new FileAdapter(p.root));
            return null;
        });
        add("init new project (FileAdapter)", init, 0, "");

        // (1) first checkpoint
        section("(1) first checkpoint of " + fileCount + " files / " + mb(workingBytes));
        Timed<String> first = time(() -> jcf.saveCheckpoint("Initial import"));
        JcfEvent.CheckpointCompleted e1 = lastCheckpoint.get();
        add("1 first checkpoint", first, workingBytes, fileCount + " files, " + e1.filesAdded() + " added, "
                + mb(e1.bytesStored()) + " stored");

        // (2) incremental checkpoint after 10 edits
        SplittableRandom edits = new SplittableRandom(SEED + 1);
        List<String> textPick = pick(edits, p.text, 8);
        List<String> binPick = pick(edits, p.binary, 2);
        Map<String, String> originalHashes = new LinkedHashMap<>();
        long changedBytes = 0;
        for (String f : concat(textPick, binPick)) {
            originalHashes.put(f, sha256(p.content().resolve(f)));
        }
        for (String f : textPick) {
            editText(p.content().resolve(f), edits, "edit of scenario 2");
            changedBytes += Files.size(p.content().resolve(f));
        }
        for (String f : binPick) {
            editBinary(p.content().resolve(f), edits, 0.01);
            changedBytes += Files.size(p.content().resolve(f));
        }
        section("(2) incremental checkpoint: 8 text edits + 2 binaries 1% changed in place (" + mb(changedBytes) + ")");
        Timed<String> incr = time(() -> jcf.saveCheckpoint("Ten edits"));
        JcfEvent.CheckpointCompleted e2 = lastCheckpoint.get();
        add("2 incremental checkpoint (10 files)", incr, changedBytes, e2.filesModified() + " modified, "
                + mb(e2.bytesStored()) + " stored (changed files: " + mb(changedBytes) + ")");
        if (e2.filesModified() != 10) {
            warn("scenario 2 recorded " + e2.filesModified() + " modified files, expected 10");
        }

        // (3) no change
        section("(3) no-change: getStatus, default checkpoint, allowEmpty checkpoint");
        Timed<WorkingCopyStatus> status = time(jcf::getStatus);
        add("3 getStatus (clean)", status, 0, fileCount + " files, " + perSecond(fileCount, status.nanos())
                + " files/s, changes: " + status.value().changeCount());
        Timed<String> refused = time(() -> {
            try {
                jcf.saveCheckpoint("Nothing");
                return "saved!";
            } catch (NoChangesException ex) {
                return "NoChangesException";
            }
        });
        add("3 no-change checkpoint (default)", refused, 0, refused.value());
        Timed<String> empty = time(() -> jcf.saveCheckpoint("Empty", CheckpointOptions.builder().allowEmpty(true).build()));
        JcfEvent.CheckpointCompleted e3 = lastCheckpoint.get();
        add("3 no-change checkpoint (allowEmpty)", empty, 0, "changes: " + (e3.filesAdded() + e3.filesModified()
                + e3.filesDeleted() + e3.filesRenamed()) + ", " + mb(e3.bytesStored()) + " stored");

        // (4) grow to 100 versions, restore the oldest, restore HEAD back
        int target = quick ? 10 : 100;
        int have = jcf.getHistory().size();
        section("(4) growing to " + target + " versions (each: 3 text edits, every 4th a binary 1%, every 10th a new file,"
                + " every 20th a deletion)");
        List<Long> perCheckpoint = new ArrayList<>();
        long buildStart = System.nanoTime();
        int added = 0;
        int deleted = 0;
        for (int v = have + 1; v <= target; v++) {
            for (int k = 0; k < 3; k++) {
                editText(p.content().resolve(p.text.get(edits.nextInt(p.text.size()))), edits, "version " + v);
            }
            if (v % 4 == 0) {
                editBinary(p.content().resolve(p.binary.get(edits.nextInt(p.binary.size()))), edits, 0.01);
            }
            if (v % 10 == 0) {
                String f = "src/added/v" + v + "/Added" + v + ".java";
                Path path = p.content().resolve(f);
                Files.createDirectories(path.getParent());
                Files.write(path, textBytes(edits, 5 * KB, f));
                p.text.add(f);
                added++;
            }
            if (v % 20 == 0) {
                String f = p.text.remove(edits.nextInt(p.text.size()));
                Files.delete(p.content().resolve(f));
                deleted++;
            }
            String message = "Version " + v;
            Timed<String> t = time(() -> jcf.saveCheckpoint(message));
            perCheckpoint.add(t.nanos());
        }
        long buildNanos = System.nanoTime() - buildStart;
        if (!perCheckpoint.isEmpty()) {
            long[] ns = perCheckpoint.stream().mapToLong(Long::longValue).toArray();
            rows.add(new Row("4 build: " + ns.length + " checkpoints (" + added + " added, " + deleted + " deleted)",
                    buildNanos / 1e6, 0, String.format(Locale.ROOT, "per checkpoint: median %.0f ms, max %.0f ms, "
                            + "first %.0f ms, last %.0f ms", median(ns) / 1e6, Arrays.stream(ns).max().orElse(0) / 1e6,
                            ns[0] / 1e6, ns[ns.length - 1] / 1e6)));
        }
        List<Version> history = jcf.getHistory();
        String headId = jcf.getCurrentVersion().orElseThrow().id();
        String oldestId = history.get(history.size() - 1).id();
        // What restoring the oldest version has to bring back (computed outside the timing).
        VersionDiff diff = jcf.getVersionDiff(headId, oldestId);
        long restoreBytes = 0;
        for (FileChange c : concat(diff.added(), diff.modified())) {
            restoreBytes += c.after().size();
        }
        String plan = diff.added().size() + diff.modified().size() + " files / " + mb(restoreBytes) + " to write, "
                + diff.deleted().size() + " to delete";
        section("(4) restore the oldest of " + history.size() + " versions: " + plan);
        Timed<RestoreResult> restOld = time(() -> jcf.restoreVersion(oldestId));
        RestoreResult r1 = restOld.value();
        add("4 restore oldest of " + history.size() + " versions", restOld, restoreBytes,
                describe(r1) + " (plan: " + plan + ")");
        for (Map.Entry<String, String> o : originalHashes.entrySet()) {
            Path f = p.content().resolve(o.getKey());
            if (!Files.exists(f) || !sha256(f).equals(o.getValue())) {
                warn("after restoring the oldest version " + o.getKey() + " differs from the original");
            }
        }
        Timed<RestoreResult> restHead = time(() -> jcf.restoreVersion(headId));
        add("4 restore HEAD back", restHead, restoreBytes, describe(restHead.value()));
        Timed<WorkingCopyStatus> after = time(jcf::getStatus);
        add("4 getStatus after restores", after, 0, "changes: " + after.value().changeCount()
                + ", HEAD " + (jcf.getCurrentVersion().orElseThrow().id().equals(headId) ? "back at newest" : "MOVED?"));
        Timed<Void> close = time(() -> {
            jcf.close();
            return null;
        });
        add("close", close, 0, "");
        storage.add(storageLine("big (" + history.size() + " versions)", p.root));
    }

    private static String describe(RestoreResult r) {
        return r.filesRestored() + " written, " + r.filesDeleted() + " deleted, " + r.patchesApplied() + " patches"
                + (r.autoSavedVersionId() != null ? ", AUTO-SAVED " + r.autoSavedVersionId() : "");
    }

    // ------------------------------------------------------------------ scenario 5

    private void manyVersions() throws Exception {
        int versions = quick ? 1_000 : 10_000;
        int every = versions / 10;
        int files = manyFiles;
        Project p = new Project(base.resolve("many"));
        SplittableRandom r = new SplittableRandom(SEED + 5);
        for (int i = 0; i < files; i++) {
            String f = "notes/part" + (i % 5) + "/note" + i + ".txt";
            Path path = p.content().resolve(f);
            Files.createDirectories(path.getParent());
            Files.write(path, textBytes(r, 2 * KB + r.nextInt(6 * KB), f));
            p.text.add(f);
        }
        section("(5) building a project of " + files + " small text files with " + versions
                + " versions (each edits 1–2 files); max " + maxBuildNanos / 1_000_000_000L + " s");
        JcfManager jcf = new JcfManager();
        jcf.init(new FileAdapter(p.root));
        long start = System.nanoTime();
        long blockStart = start;
        long[] perCheckpoint = new long[versions];
        int made = 0;
        boolean capped = false;
        List<String> blockLines = new ArrayList<>();
        for (int v = 1; v <= versions; v++) {
            if (v > 1) {
                int n = 1 + r.nextInt(2);
                for (int k = 0; k < n; k++) {
                    replaceLine(p.content().resolve(p.text.get(r.nextInt(files))), r, "v" + v);
                }
            }
            String message = "Version " + v;
            long t0 = System.nanoTime();
            jcf.saveCheckpoint(message);
            perCheckpoint[made++] = System.nanoTime() - t0;
            if (v % every == 0 || v == versions) {
                long now = System.nanoTime();
                long[] block = Arrays.copyOfRange(perCheckpoint, made - Math.min(every, made), made);
                String line = String.format(Locale.ROOT, "  %,6d versions  %6.1f s  last %d: mean %.1f ms, median %.1f ms,"
                                + " max %.1f ms per checkpoint (block wall %.1f s)", v, (now - start) / 1e9, block.length,
                        Arrays.stream(block).average().orElse(0) / 1e6, median(block) / 1e6,
                        Arrays.stream(block).max().orElse(0) / 1e6, (now - blockStart) / 1e9);
                System.out.println(line);
                blockLines.add(line);
                blockStart = now;
            }
            if (System.nanoTime() - start > maxBuildNanos && v < versions) {
                capped = true;
                System.out.println("  stopped at " + v + " versions: --max-build-seconds reached");
                break;
            }
        }
        long buildNanos = System.nanoTime() - start;
        jcf.close();
        long[] ns = Arrays.copyOf(perCheckpoint, made);
        int firstN = Math.min(every, made);
        rows.add(new Row("5 build: " + made + " checkpoints" + (capped ? " (CAPPED)" : ""), buildNanos / 1e6, 0,
                String.format(Locale.ROOT, "per checkpoint: mean %.1f ms, median %.1f ms; first %d mean %.1f ms, last %d mean %.1f ms",
                        Arrays.stream(ns).average().orElse(0) / 1e6, median(ns) / 1e6, firstN,
                        Arrays.stream(ns, 0, firstN).average().orElse(0) / 1e6, firstN,
                        Arrays.stream(ns, made - firstN, made).average().orElse(0) / 1e6)));

        section("(5) open the " + made + "-version project: init + getHistory + getStatus, 3 times");
        long[] total = new long[3];
        long[] init = new long[3];
        long[] hist = new long[3];
        long[] stat = new long[3];
        int historySize = 0;
        int changes = -1;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            JcfManager m = new JcfManager();
            m.init(new FileAdapter(p.root));
            long t1 = System.nanoTime();
            List<Version> h = m.getHistory();
            long t2 = System.nanoTime();
            WorkingCopyStatus s = m.getStatus();
            long t3 = System.nanoTime();
            m.close();
            init[i] = t1 - t0;
            hist[i] = t2 - t1;
            stat[i] = t3 - t2;
            total[i] = t3 - t0;
            historySize = h.size();
            changes = s.changeCount();
            System.out.printf(Locale.ROOT, "  open %d: %.1f ms (init %.1f, getHistory %.1f, getStatus %.1f)%n", i + 1,
                    total[i] / 1e6, init[i] / 1e6, hist[i] / 1e6, stat[i] / 1e6);
        }
        long journal = Files.size(p.root.resolve(".store/versions.jsonl"));
        rows.add(new Row("5 open " + made + "-version project (median of 3)", median(total) / 1e6, journal,
                String.format(Locale.ROOT, "init %.1f + getHistory %.1f + getStatus %.1f ms; %d versions listed, %d changes;"
                                + " MB/s = journal bytes", median(init) / 1e6, median(hist) / 1e6, median(stat) / 1e6,
                        historySize, changes)));
        if (historySize != made) {
            warn("getHistory listed " + historySize + " versions, expected " + made);
        }
        storage.add(storageLine("many (" + made + " versions)", p.root));
    }

    // ------------------------------------------------------------------ data generation

    /** Writes the text and binary files of the big project into content/. */
    private void generate(Project p) throws IOException {
        int textCount = quick ? 450 : 4_500;
        int binCount = quick ? 50 : 500;
        long targetBytes = quick ? 20_000_000L : 200_000_000L;
        SplittableRandom master = new SplittableRandom(SEED);
        String[] exts = {".java", ".java", ".java", ".kt", ".xml", ".md", ".txt", ".json", ".css", ".js"};
        long textBytes = 0;
        for (int i = 0; i < textCount; i++) {
            SplittableRandom r = master.split();
            StringBuilder dir = new StringBuilder("src/module" + (i % 12) + "/pkg" + r.nextInt(6));
            for (int d = r.nextInt(3); d > 0; d--) {
                dir.append("/sub").append(r.nextInt(4));
            }
            String f = dir + "/File" + i + exts[r.nextInt(exts.length)];
            int size = KB + r.nextInt(39 * KB + 1);
            byte[] data = textBytes(r, size, f);
            write(p.content().resolve(f), data);
            p.text.add(f);
            textBytes += data.length;
        }
        // Binary sizes: a few fixed large ones, the rest 50 KB + s * u^2 with s chosen to reach the target total.
        int twoMb = Math.max(1, binCount / 125);
        int oneMb = Math.max(1, binCount / 62);
        long min = 50L * KB;
        long max = 2048L * KB;
        long[] sizes = new long[binCount];
        double[] w = new double[binCount];
        double wsum = 0;
        for (int i = 0; i < binCount; i++) {
            double u = master.nextDouble();
            w[i] = u * u;
            if (i >= twoMb + oneMb) {
                wsum += w[i];
            }
        }
        long rest = targetBytes - textBytes - twoMb * max - oneMb * 1024L * KB
                - (long) (binCount - twoMb - oneMb) * min;
        double s = Math.max(0, rest / Math.max(wsum, 1e-9));
        for (int i = 0; i < binCount; i++) {
            sizes[i] = i < twoMb ? max : i < twoMb + oneMb ? 1024L * KB : Math.min(max, min + (long) (s * w[i]));
        }
        String[] kinds = {"images", "audio", "models", "archives", "data"};
        String[] bext = {".png", ".ogg", ".bin", ".zip", ".dat"};
        long incompressible = 0;
        long partly = 0;
        int partlyCount = 0;
        for (int i = 0; i < binCount; i++) {
            SplittableRandom r = master.split();
            int kind = r.nextInt(kinds.length);
            String f = "assets/" + kinds[kind] + "/set" + r.nextInt(8) + "/asset" + i + bext[kind];
            boolean compressible = i % 10 < 3; // 30% partly compressible
            byte[] data = binaryBytes(r, (int) sizes[i], compressible);
            write(p.content().resolve(f), data);
            p.binary.add(f);
            if (compressible) {
                partly += data.length;
                partlyCount++;
            } else {
                incompressible += data.length;
            }
        }
        long binBytes = incompressible + partly;
        System.out.println("generated project " + p.root);
        System.out.printf(Locale.ROOT, "  text files:   %,6d  %s  (1–40 KB, avg %.1f KB)%n", textCount, mb(textBytes),
                textBytes / (double) textCount / KB);
        System.out.printf(Locale.ROOT, "  binary files: %,6d  %s  (%d incompressible %s, %d partly compressible %s;"
                        + " %d x 2 MB, %d x 1 MB, smallest %.0f KB, largest %.0f KB)%n", binCount, mb(binBytes),
                binCount - partlyCount, mb(incompressible), partlyCount, mb(partly), twoMb, oneMb,
                Arrays.stream(sizes).min().orElse(0) / (double) KB, Arrays.stream(sizes).max().orElse(0) / (double) KB);
        System.out.printf(Locale.ROOT, "  total:        %,6d  %s%n", textCount + binCount, mb(textBytes + binBytes));
    }

    private static final String[] WORDS = {"value", "index", "count", "buffer", "result", "node", "entry", "path",
            "version", "store", "manager", "config", "stream", "reader", "writer", "item", "list", "map", "key",
            "hash", "size", "offset", "length", "total", "status", "event", "listener", "handler", "request",
            "response", "context", "session", "user", "file", "folder", "chunk", "blob", "delta", "patch", "journal",
            "record", "graph", "parent", "child", "state", "cache", "limit", "timeout", "error", "message"};
    private static final String[] TYPES = {"int", "long", "String", "boolean", "List<String>", "Map<String, Long>",
            "byte[]", "double", "Path", "Optional<Version>"};

    private static String ident(SplittableRandom r) {
        String a = WORDS[r.nextInt(WORDS.length)];
        if (r.nextInt(3) == 0) {
            return a;
        }
        String b = WORDS[r.nextInt(WORDS.length)];
        return a + Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }

    /** One source-like line (ASCII, with newline). */
    private static String sourceLine(SplittableRandom r, int indent) {
        String pad = "    ".repeat(indent);
        return switch (r.nextInt(10)) {
            case 0 -> pad + "// " + ident(r) + " " + ident(r) + " when the " + ident(r) + " is " + ident(r) + ".\n";
            case 1 -> pad + TYPES[r.nextInt(TYPES.length)] + " " + ident(r) + " = " + ident(r) + "." + ident(r) + "("
                    + ident(r) + ", " + r.nextInt(1000) + ");\n";
            case 2 -> pad + "if (" + ident(r) + " > " + ident(r) + ".size()) {\n";
            case 3 -> pad + "}\n";
            case 4 -> pad + "return " + ident(r) + ";\n";
            case 5 -> pad + ident(r) + ".put(\"" + ident(r) + "\", " + ident(r) + " + " + r.nextInt(100) + ");\n";
            case 6 -> pad + "for (" + TYPES[r.nextInt(TYPES.length)] + " " + ident(r) + " : " + ident(r) + ") {\n";
            case 7 -> pad + "throw new IllegalStateException(\"" + ident(r) + " " + ident(r) + " failed\");\n";
            case 8 -> "\n";
            default -> pad + "private " + TYPES[r.nextInt(TYPES.length)] + " " + ident(r) + "("
                    + TYPES[r.nextInt(TYPES.length)] + " " + ident(r) + ") {\n";
        };
    }

    /** Source-like ASCII text of exactly {@code size} bytes, ending with a newline. */
    static byte[] textBytes(SplittableRandom r, int size, String path) {
        StringBuilder sb = new StringBuilder(size + 200);
        sb.append("// ").append(path).append(" (generated by EngineScenarioBenchmark)\n");
        sb.append("package io.example.").append(ident(r).toLowerCase(Locale.ROOT)).append(";\n\n");
        while (sb.length() < size) {
            sb.append(sourceLine(r, 1 + r.nextInt(3)));
        }
        sb.setLength(Math.max(1, size - 1));
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Random bytes; when {@code compressible}, about half of the 4 KB blocks are instead a repeated
     * 64-byte motif with a little noise or zeros (compresses to roughly half).
     */
    public static byte[] binaryBytes(SplittableRandom r, int size, boolean compressible) {
        byte[] data = new byte[size];
        r.nextBytes(data);
        if (compressible) {
            byte[] motif = new byte[64];
            r.nextBytes(motif);
            for (int off = 0; off < size; off += 4 * KB) {
                int end = Math.min(size, off + 4 * KB);
                int kind = r.nextInt(4);
                if (kind == 0) {
                    Arrays.fill(data, off, end, (byte) 0);
                } else if (kind == 1) {
                    for (int i = off; i < end; i++) {
                        data[i] = r.nextInt(50) == 0 ? (byte) r.nextInt(256) : motif[i & 63];
                    }
                }
            }
        }
        return data;
    }

    private static void write(Path path, byte[] data) throws IOException {
        Files.createDirectories(path.getParent());
        Files.write(path, data);
    }

    // ------------------------------------------------------------------ edits (java.nio on content/)

    /** A small text edit: inserts one source line at a line boundary. */
    private static void editText(Path file, SplittableRandom r, String why) throws IOException {
        byte[] data = Files.readAllBytes(file);
        int at = data.length == 0 ? 0 : r.nextInt(data.length);
        while (at > 0 && data[at - 1] != '\n') {
            at--;
        }
        byte[] line = ("        // " + why + ": " + ident(r) + " " + r.nextInt(1_000_000) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[data.length + line.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(line, 0, out, at, line.length);
        System.arraycopy(data, at, out, at + line.length, data.length - at);
        Files.write(file, out);
    }

    /** Replaces one line with a new source line (file size stays about the same). */
    private static void replaceLine(Path file, SplittableRandom r, String why) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int i = 2 + r.nextInt(Math.max(1, lines.size() - 3));
        lines.set(i, "        " + ident(r) + "(" + r.nextInt(1_000_000) + "); // " + why);
        Files.writeString(file, String.join("\n", lines), StandardCharsets.US_ASCII);
    }

    /** Overwrites {@code fraction} of the file's bytes in place, in 8 regions (size unchanged). */
    private static void editBinary(Path file, SplittableRandom r, double fraction) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            int total = (int) Math.max(8, size * fraction);
            int region = total / 8;
            for (int k = 0; k < 8; k++) {
                byte[] bytes = new byte[region];
                r.nextBytes(bytes);
                long pos = (long) (r.nextDouble() * Math.max(1, size - region));
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf, pos + buf.position());
                }
            }
        }
    }

    private static <T> List<T> pick(SplittableRandom r, List<T> from, int n) {
        List<T> copy = new ArrayList<>(from);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n && !copy.isEmpty(); i++) {
            out.add(copy.remove(r.nextInt(copy.size())));
        }
        return out;
    }

    private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    // ------------------------------------------------------------------ measuring and reporting

    private static <T> Timed<T> time(Callable<T> call) throws Exception {
        long t0 = System.nanoTime();
        T value = call.call();
        return new Timed<>(value, System.nanoTime() - t0);
    }

    private void add(String scenario, Timed<?> t, long bytes, String note) {
        Row row = new Row(scenario, t.ms(), bytes, note);
        rows.add(row);
        System.out.println("  " + format(row));
    }

    private static String format(Row r) {
        String rate = r.bytes() > 0 && r.ms() > 0 ? String.format(Locale.ROOT, "%9.1f", r.bytes() / MB / (r.ms() / 1000)) : "        -";
        return String.format(Locale.ROOT, "%-52s %11.1f %s  %s", r.scenario(), r.ms(), rate, r.note());
    }

    private void printResults() {
        System.out.println();
        System.out.println("== Results" + (quick ? " (--quick)" : "") + "  (MB = 10^6 bytes; MB/s = bytes processed / time)");
        System.out.printf(Locale.ROOT, "%-52s %11s %9s  %s%n", "scenario", "time ms", "MB/s", "notes");
        System.out.println("-".repeat(140));
        for (Row r : rows) {
            System.out.println(format(r));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-28s %14s %14s %14s %14s %8s%n", "storage", "working copy", ".store",
                ".store (du)", "manifest.json", "store/wc");
        System.out.println("-".repeat(100));
        storage.forEach(System.out::println);
        System.out.println();
    }

    private String storageLine(String name, Path root) throws IOException {
        long wc = treeSize(root.resolve("content"));
        long st = treeSize(root.resolve(".store"));
        long du = du(root.resolve(".store"));
        long manifest = Files.size(root.resolve("manifest.json"));
        return String.format(Locale.ROOT, "%-28s %14s %14s %14s %14s %7.2fx", name, mb(wc), mb(st),
                du < 0 ? "n/a" : mb(du), mb(manifest), st / (double) Math.max(1, wc));
    }

    private static void section(String title) {
        System.out.println(title);
    }

    private static void warn(String message) {
        System.out.println("  !! " + message);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.2f MB", bytes / MB);
    }

    private static String perSecond(long count, long nanos) {
        return String.format(Locale.ROOT, "%,.0f", count / (nanos / 1e9));
    }

    private static double median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        if (s.length == 0) {
            return 0;
        }
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    /** Sum of the regular files' sizes under a folder. */
    private static long treeSize(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.mapToLong(f -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    return a.isRegularFile() ? a.size() : 0;
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    /** Disk usage as {@code du -sk} reports it (allocated blocks), or -1 where du is unavailable. */
    private static long du(Path dir) {
        try {
            Process proc = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
            String out;
            try (InputStream in = proc.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (proc.waitFor() != 0) {
                return -1;
            }
            return Long.parseLong(out.split("\\s+")[0]) * 1024;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        return HexFormat.of().formatHex(md.digest(Files.readAllBytes(file)));
    }
}
