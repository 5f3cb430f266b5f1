package io.kamaros.bench;

import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.GcOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.NoChangesException;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Kamaros and git side by side on the same generated data, in the same run (issue 4).
 *
 * <p>Kamaros runs in this JVM (one {@link JcfManager} per workload, as the desktop app holds one),
 * git runs as processes ({@code git --git-dir=<elsewhere> --work-tree=<folder>}); both track the same
 * working folder in place (kamaros: {@link FileAdapter.Options#workTree}), and neither sees the other's
 * metadata. Every version's edits are made once with java.nio; then both tools checkpoint it, in
 * alternating order (so neither always gets the warmer page cache). After the edits the harness waits
 * {@code --settle-ms} (default 2,100 ms, not measured) so that edited files are older than both tools'
 * "racy timestamp" windows, as they would be when a person edits and later commits.
 *
 * <p>Workloads (data from fixed seeds, so every run generates the same bytes):
 * <ul>
 *   <li>W1 source-like: ~2,500 text files (~16 MB) over 100 versions; per version 1–6 files get small
 *       edits, sometimes a file is added, deleted or renamed.</li>
 *   <li>W2 binary assets: 200 incompressible files of 0.1–2 MB plus 20 partly compressible ones of
 *       4–12 MB (~370 MB) over 20 versions; per version 1% of 5 files is overwritten in place, one file
 *       grows by an append, one is added and one deleted.</li>
 *   <li>W3: one 1 GiB incompressible file, then 10 MiB overwritten in the middle; baseline: SHA-256 of
 *       the 1 GiB file with {@link MessageDigest} (median of 3, file in the page cache like for the tools).</li>
 * </ul>
 * Measured per workload and tool: first checkpoint; median incremental checkpoint; no-change checkpoint
 * (the same command when nothing changed: kamaros {@code saveCheckpoint} ending in
 * {@link NoChangesException}, git {@code add -A && commit -q} exiting 1; median of 3) and, for
 * information, a forced empty version (kamaros {@code allowEmpty}, git {@code commit --allow-empty});
 * restore of the oldest version into an empty folder (kamaros {@link RestoreOptions#target}, git
 * {@code checkout <oldest> -- .} with a throw-away index, so the repository's index is untouched), checked
 * byte-exact against the folder's state when that version was made; store size (kamaros history folder,
 * git dir; sum of file sizes, du in the log); then {@code runGc()} / {@code git gc} and
 * {@code runGc(aggressive)} / {@code git gc --aggressive} with sizes and times, and the restore again.
 * Git's own settings are left at their defaults except {@code gc.auto=0} (no automatic packing in the
 * middle of a timed commit) and an empty template (no sample hooks counted as store); system and
 * global config are ignored (fresh HOME) so the run does not depend on the machine's git config.
 *
 * <p>Run (one JVM for everything; see README "Side-by-side with git"):
 * <pre>
 *   mvn -o -q -Pbench test-compile exec:java -Dbench.main=io.kamaros.bench.GitSideBySideBenchmark
 *   ... -Dexec.args="--quick"                          # smoke run, small sizes
 *   ... -Dexec.args="--only W1,W3 --dir /tmp/gsb --keep --cli 'java -jar target/kamaros.jar'"
 * </pre>
 * Options: {@code --quick}, {@code --only W1,W2,W3}, {@code --dir DIR} (absent or empty), {@code --keep},
 * {@code --cli "<command prefix>"} (times {@code <cli> --version} and {@code <cli> status} as processes,
 * median of 7), {@code --settle-ms N}, {@code --phases FILE} (writes when each kamaros operation ran, for
 * attributing JFR samples with {@link JfrHotMethods}), {@code --git-gc-timeout SECONDS} (default 7,200: stop
 * {@code git gc --aggressive} after that long and report it as not finished; on W2's 480 MB of binaries it
 * ran over 40 minutes on a busy 2-core machine).
 */
public final class GitSideBySideBenchmark {
    private static final double MB = 1_000_000.0;
    private static final int KB = 1024;
    private static final int MIB = 1024 * 1024;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final boolean quick;
    private final Set<String> only;
    private final Path base;
    private final boolean keep;
    private final String cli;
    private final long settleMs;
    private final long gitGcTimeoutSeconds;
    private final Path phasesFile;
    private final Path gitHome;
    private final List<Result> results = new ArrayList<>();
    private final List<String> phases = new ArrayList<>();
    private final Map<String, String> cliNotes = new LinkedHashMap<>();

    /** One line of the final table: a measure for both tools (or one, with the other null). */
    private record Result(String workload, String measure, String unit, Double kamaros, Double git, String target,
                          Double goal, String note) {
        Double ratio() {
            return kamaros == null || git == null || git == 0 ? null : kamaros / git;
        }
    }

    private GitSideBySideBenchmark(boolean quick, Set<String> only, Path base, boolean keep, String cli, long settleMs,
                                   Path phasesFile, long gitGcTimeoutSeconds) {
        this.quick = quick;
        this.only = only;
        this.base = base;
        this.keep = keep;
        this.cli = cli;
        this.settleMs = settleMs;
        this.gitGcTimeoutSeconds = gitGcTimeoutSeconds;
        this.phasesFile = phasesFile;
        this.gitHome = base.resolve("git-home");
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean keep = false;
        Path dir = null;
        String cli = null;
        long settle = 2_100;
        long gcTimeout = TimeUnit.HOURS.toSeconds(2);
        Path phases = null;
        Set<String> only = new LinkedHashSet<>(List.of("W1", "W2", "W3"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--keep" -> keep = true;
                case "--dir" -> dir = Path.of(args[++i]);
                case "--cli" -> cli = args[++i];
                case "--settle-ms" -> settle = Long.parseLong(args[++i]);
                case "--git-gc-timeout" -> gcTimeout = Long.parseLong(args[++i]);
                case "--phases" -> phases = Path.of(args[++i]).toAbsolutePath();
                case "--only" -> {
                    only.clear();
                    for (String w : args[++i].split(",")) {
                        String n = w.trim().toUpperCase(Locale.ROOT);
                        if (!List.of("W1", "W2", "W3").contains(n)) {
                            usage("unknown workload " + w);
                        }
                        only.add(n);
                    }
                }
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (dir == null) {
            dir = Path.of("target", "bench", "git-" + STAMP.format(ZonedDateTime.now()));
        }
        dir = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    usage(dir + " is not empty; pass an empty or new folder with --dir");
                }
            }
        }
        Files.createDirectories(dir);
        new GitSideBySideBenchmark(quick, only, dir, keep, cli, settle, phases, gcTimeout).run();
    }

    private static void usage(String problem) {
        System.err.println(problem + "; options: --quick, --only W1,W2,W3, --dir DIR, --keep, --cli \"<command>\","
                + " --settle-ms N, --phases FILE, --git-gc-timeout SECONDS");
        System.exit(2);
    }

    // ------------------------------------------------------------------ main flow

    private void run() throws Exception {
        long start = System.nanoTime();
        Files.createDirectories(gitHome);
        String header = machine();
        System.out.println(header);
        boolean cliDone = false;
        try {
            if (only.contains("W1")) {
                w1();
                cliDone = true;
            }
            if (only.contains("W2")) {
                w2();
            }
            if (only.contains("W3")) {
                w3();
            }
            if (!cliDone) {
                cliOnSmallProject();
            }
        } finally {
            if (phasesFile != null) {
                Files.write(phasesFile, phases);
                System.out.println("(kamaros operation times written to " + phasesFile + ")");
            }
            System.out.println();
            System.out.println(header);
            printTable();
            if (!keep) {
                deleteTree(base);
                System.out.println("(deleted " + base + "; pass --keep to keep it)");
            }
        }
        System.out.printf(Locale.ROOT, "Total wall time: %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private String machine() {
        Runtime rt = Runtime.getRuntime();
        String cpu = "?";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceFirst(".*:\\s*", ""))
                    .orElse("?");
        } catch (IOException | UncheckedIOException e) {
            // not Linux: the CPU name is only informative
        }
        String fs;
        try {
            fs = Files.getFileStore(base).type();
        } catch (IOException e) {
            fs = "?";
        }
        String load = "?";
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            // informative only
        }
        return "== Kamaros vs git, side by side" + (quick ? " (--quick: small sizes)" : "") + "\n"
                + "date:    " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.RFC_1123_DATE_TIME) + "\n"
                + "machine: " + rt.availableProcessors() + " cores (" + cpu + "), "
                + String.format(Locale.ROOT, "max heap %.0f MB", rt.maxMemory() / MB) + ", " + fs + " at " + base
                + ", load at start " + load + "\n"
                + "java:    " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " "
                + ManagementFactory.getRuntimeMXBean().getInputArguments() + "\n"
                + "git:     " + gitVersion() + "\n"
                + "os:      " + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    private String gitVersion() {
        try {
            return runProcess(List.of("git", "--version"), base, Map.of()).out.trim();
        } catch (IOException e) {
            return "not found (" + e.getMessage() + ")";
        }
    }

    // ------------------------------------------------------------------ the two tools on one folder

    /** Kamaros and git tracking one working folder; histories in sibling folders. */
    private final class Sides implements AutoCloseable {
        final String name;
        final Path work;
        final Path kamHome;
        final Path gitDir;
        final JcfManager jcf;
        String kamOldest;
        String gitOldest;
        String oldestDigest;
        int versions;
        final List<Long> kamIncremental = new ArrayList<>();
        final List<Long> gitIncremental = new ArrayList<>();
        long kamTotal;
        long gitTotal;
        boolean closed;

        Sides(String name) throws IOException {
            this.name = name;
            Path dir = base.resolve(name);
            work = dir.resolve("work");
            kamHome = dir.resolve("kamaros");
            gitDir = dir.resolve("git");
            Files.createDirectories(work);
            jcf = new JcfManager(JcfConfig.builder().author("Bench").email("bench@example.org").build());
            jcf.init(new FileAdapter(kamHome, new FileAdapter.Options().workTree(work)));
            git(base, List.of("init", "-q", "--bare", "--template=", gitDir.toString()), false);
            gitIn(List.of("config", "core.bare", "false"), false);
            gitIn(List.of("config", "gc.auto", "0"), false);
        }

        /** Kamaros checkpoint of the folder; nanoseconds, or -1 when it reported no changes. */
        long kamCheckpoint(String message, String phase, boolean allowEmpty) {
            Instant t0 = Instant.now();
            long n0 = System.nanoTime();
            long nanos;
            try {
                jcf.saveCheckpoint(message, CheckpointOptions.builder().allowEmpty(allowEmpty).build());
                nanos = System.nanoTime() - n0;
            } catch (NoChangesException e) {
                nanos = -(System.nanoTime() - n0);
            }
            phase(phase, t0);
            return nanos;
        }

        /** {@code git add -A && git commit -q}; nanoseconds, negative when commit found nothing to commit. */
        long gitCommit(String message, boolean allowEmpty) throws IOException {
            long n0 = System.nanoTime();
            gitIn(List.of("add", "-A"), false);
            List<String> commit = new ArrayList<>(List.of("commit", "-q", "-m", message));
            if (allowEmpty) {
                commit.add("--allow-empty");
            }
            Proc p = gitIn(commit, true);
            long nanos = System.nanoTime() - n0;
            if (p.exit != 0 && !(p.exit == 1 && p.out.contains("nothing to commit"))) {
                throw new IOException("git commit failed (" + p.exit + "): " + p.out + p.err);
            }
            return p.exit == 0 ? nanos : -nanos;
        }

        /** One version of both tools, alternating which goes first. */
        void checkpointBoth(String message) throws Exception {
            versions++;
            boolean kamFirst = versions % 2 == 1;
            long k;
            long g;
            if (kamFirst) {
                k = kamCheckpoint(message, name + " kamaros checkpoint v" + versions, false);
                g = gitCommit(message, false);
            } else {
                g = gitCommit(message, false);
                k = kamCheckpoint(message, name + " kamaros checkpoint v" + versions, false);
            }
            if (k < 0 || g < 0) {
                throw new IllegalStateException(name + " v" + versions + ": a tool saw no change (kamaros "
                        + (k >= 0) + ", git " + (g >= 0) + ")");
            }
            kamTotal += k;
            gitTotal += g;
            if (versions == 1) {
                kamOldest = jcf.getCurrentVersion().orElseThrow().id();
                gitOldest = gitIn(List.of("rev-parse", "HEAD"), false).out.trim();
                oldestDigest = treeDigest(work);
                add(name, "first checkpoint", k, g, null, null, null);
            } else {
                kamIncremental.add(k);
                gitIncremental.add(g);
            }
        }

        Proc gitIn(List<String> args, boolean allowFail) throws IOException {
            return gitIn(args, allowFail, Map.of());
        }

        Proc gitIn(List<String> args, boolean allowFail, Map<String, String> env) throws IOException {
            List<String> cmd = new ArrayList<>(List.of("--git-dir=" + gitDir, "--work-tree=" + work));
            cmd.addAll(args);
            return git(work, cmd, allowFail, env);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                jcf.close();
            }
        }
    }

    /** The measurements every workload shares, after its versions were made. */
    private void common(Sides s, String incrementalTarget, Double incrementalGoal, String storeTarget,
                        Double storeGoal, String gcTarget, Double gcGoal, String restoreTarget, Double restoreGoal)
            throws Exception {
        String w = s.name;
        if (s.kamIncremental.size() > 1) { // W3 has one, reported as "second checkpoint"
            add(w, "median incremental checkpoint", s.kamIncremental, s.gitIncremental, incrementalTarget,
                    incrementalGoal, s.kamIncremental.size() + " versions");
        }
        // No change: the same command a user runs, which both tools refuse after scanning.
        settle();
        long[] kNo = new long[3];
        long[] gNo = new long[3];
        for (int i = 0; i < 3; i++) {
            if (i % 2 == 0) {
                kNo[i] = s.kamCheckpoint("nothing", w + " kamaros no-change", false);
                gNo[i] = s.gitCommit("nothing", false);
            } else {
                gNo[i] = s.gitCommit("nothing", false);
                kNo[i] = s.kamCheckpoint("nothing", w + " kamaros no-change", false);
            }
            if (kNo[i] >= 0 || gNo[i] >= 0) {
                throw new IllegalStateException(w + ": a tool committed although nothing changed");
            }
            kNo[i] = -kNo[i];
            gNo[i] = -gNo[i];
        }
        add(w, "no-change checkpoint (refused)", median(kNo) / 1e6, median(gNo) / 1e6, w.equals("W1") ? "≤ 1.0× git" : null,
                w.equals("W1") ? 1.0 : null, "median of 3; kamaros NoChangesException, git commit exit 1");
        long kEmpty = s.kamCheckpoint("empty", w + " kamaros allow-empty", true);
        long gEmpty = s.gitCommit("empty", true);
        add(w, "forced empty version", kEmpty, gEmpty, null, null, "allowEmpty / commit --allow-empty");

        restore(s, "restore oldest into empty folder", restoreTarget, restoreGoal);

        long kStore = treeSize(s.kamHome);
        long gStore = treeSize(s.gitDir);
        System.out.printf(Locale.ROOT, "  [%s] store: kamaros %s (du %s), git loose %s (du %s), working folder %s%n", w,
                mb(kStore), mb(du(s.kamHome)), mb(gStore), mb(du(s.gitDir)), mb(treeSize(s.work)));
        addSize(w, "store (git: loose objects)", kStore, gStore, storeTarget, storeGoal, null);

        long k0 = System.nanoTime();
        Instant t0 = Instant.now();
        s.jcf.runGc();
        long kGc = System.nanoTime() - k0;
        phase(w + " kamaros gc", t0);
        long kGcSize = treeSize(s.kamHome);
        long g0 = System.nanoTime();
        s.gitIn(List.of("gc", "-q"), false);
        long gGc = System.nanoTime() - g0;
        long gGcSize = treeSize(s.gitDir);
        addSize(w, "store after runGc() / git gc", kGcSize, gGcSize, null, null, null);
        add(w, "gc time: runGc() / git gc", kGc, gGc, null, null, null);

        k0 = System.nanoTime();
        t0 = Instant.now();
        s.jcf.runGc(GcOptions.builder().aggressive(true).build());
        long kAgg = System.nanoTime() - k0;
        phase(w + " kamaros gc aggressive", t0);
        long kAggSize = treeSize(s.kamHome);
        List<String> agg = List.of("--git-dir=" + s.gitDir, "--work-tree=" + s.work, "gc", "-q", "--aggressive");
        Proc gp = runProcess(concat(List.of("git"), agg), s.work, gitEnv(Map.of()), gitGcTimeoutSeconds);
        if (gp.exit == -1) {
            // Killed: the repository stays valid (git gc only adds a pack, then deletes what it replaces).
            String why = "git gc --aggressive did not finish in " + gitGcTimeoutSeconds + " s (--git-gc-timeout)";
            System.out.println("  [" + w + "] " + why);
            results.add(new Result(w, "store after runGc(aggressive) / gc --aggressive", "MB", kAggSize / MB, null,
                    gcTarget, gcGoal, "git n/a: " + why));
            results.add(new Result(w, "gc time: aggressive", "ms", kAgg / 1e6, null, null, null, "git n/a: " + why));
        } else if (gp.exit != 0) {
            throw new IOException("git gc --aggressive failed (" + gp.exit + "): " + gp.err);
        } else {
            long gAggSize = treeSize(s.gitDir);
            addSize(w, "store after runGc(aggressive) / gc --aggressive", kAggSize, gAggSize, gcTarget, gcGoal, null);
            add(w, "gc time: aggressive", kAgg / 1e6, gp.nanos / 1e6, null, null, null);
        }
        System.out.printf(Locale.ROOT, "  [%s] du after aggressive gc: kamaros %s, git %s%n", w, mb(du(s.kamHome)),
                mb(du(s.gitDir)));

        restore(s, "restore oldest after aggressive gc", null, null);
    }

    /** Restores the oldest version with both tools into fresh folders; checks both byte-exact. */
    private void restore(Sides s, String measure, String target, Double goal) throws Exception {
        Path kDir = base.resolve(s.name).resolve("restore-kamaros");
        Path gDir = base.resolve(s.name).resolve("restore-git");
        deleteTree(kDir);
        deleteTree(gDir);
        Files.createDirectories(kDir);
        Files.createDirectories(gDir);
        Path index = base.resolve(s.name).resolve("restore-index");
        Files.deleteIfExists(index);
        Instant t0 = Instant.now();
        long k0 = System.nanoTime();
        RestoreResult r = s.jcf.restoreVersion(s.kamOldest, RestoreOptions.builder().target(kDir).build());
        long k = System.nanoTime() - k0;
        phase(s.name + " kamaros " + measure, t0);
        long g0 = System.nanoTime();
        // A throw-away index: like kamaros' target restore, this must not change the repository's state.
        git(base, List.of("--git-dir=" + s.gitDir, "--work-tree=" + gDir, "checkout", "-q", s.gitOldest, "--", "."),
                false, Map.of("GIT_INDEX_FILE", index.toString()));
        long g = System.nanoTime() - g0;
        Files.deleteIfExists(index);
        String kd = treeDigest(kDir);
        String gd = treeDigest(gDir);
        if (!kd.equals(s.oldestDigest) || !gd.equals(s.oldestDigest)) {
            throw new IllegalStateException(s.name + " " + measure + ": restored bytes differ from version 1 (kamaros "
                    + kd.equals(s.oldestDigest) + ", git " + gd.equals(s.oldestDigest) + ")");
        }
        long bytes = treeSize(kDir);
        add(s.name, measure, k, g, target, goal, String.format(Locale.ROOT, "%,d files, %s, %d rebuilt from patches; both"
                + " byte-exact", r.filesRestored(), mb(bytes), r.patchesApplied()));
        deleteTree(kDir);
        deleteTree(gDir);
    }

    // ------------------------------------------------------------------ W1: source-like

    private void w1() throws Exception {
        int files = quick ? 250 : 2_500;
        int versions = quick ? 10 : 100;
        System.out.println();
        System.out.println("== W1 source-like: " + files + " text files, " + versions + " versions");
        SplittableRandom rnd = new SplittableRandom(0x57_31L);
        try (Sides s = new Sides("W1")) {
            List<String> paths = new ArrayList<>();
            long bytes = 0;
            int next = 0;
            for (; next < files; next++) {
                String f = w1Path(rnd, next);
                bytes += writeText(s.work.resolve(f), rnd);
                paths.add(f);
            }
            System.out.printf(Locale.ROOT, "  generated %,d files, %s%n", files, mb(bytes));
            settle();
            s.checkpointBoth("v1: import");
            int edited = 0;
            int added = 0;
            int deleted = 0;
            int renamed = 0;
            for (int v = 2; v <= versions; v++) {
                // A few small edits, as in a day of programming; adds, deletes and renames now and then.
                int n = 1 + rnd.nextInt(6);
                for (String f : pick(rnd, paths, n)) {
                    Path p = s.work.resolve(f);
                    for (int e = 1 + rnd.nextInt(3); e > 0; e--) {
                        if (rnd.nextBoolean()) {
                            insertLine(p, rnd, "v" + v);
                        } else {
                            replaceLine(p, rnd, "v" + v);
                        }
                    }
                    edited++;
                }
                if (rnd.nextInt(100) < 30) {
                    String f = w1Path(rnd, next++);
                    writeText(s.work.resolve(f), rnd);
                    paths.add(f);
                    added++;
                }
                if (rnd.nextInt(100) < 15) {
                    String f = paths.remove(rnd.nextInt(paths.size()));
                    Files.delete(s.work.resolve(f));
                    deleted++;
                }
                if (rnd.nextInt(100) < 10) {
                    int i = rnd.nextInt(paths.size());
                    String from = paths.get(i);
                    String to = w1Path(rnd, next++);
                    Files.createDirectories(s.work.resolve(to).getParent());
                    Files.move(s.work.resolve(from), s.work.resolve(to));
                    paths.set(i, to);
                    renamed++;
                }
                settle();
                s.checkpointBoth("v" + v);
            }
            System.out.printf(Locale.ROOT, "  edits: %d files edited, %d added, %d deleted, %d renamed%n", edited,
                    added, deleted, renamed);
            common(s, "≤ 1.0× git", 1.0, "≤ git loose", 1.0, "≤ git gc --aggressive", 1.0, "≤ 1.0× git", 1.0);
            s.close();
            cliStartup(s, s.work);
        }
    }

    private static final String[] W1_EXT = {".java", ".java", ".java", ".java", ".kt", ".xml", ".md", ".json",
            ".properties", ".ts", ".css", ".txt"};

    private static String w1Path(SplittableRandom r, int i) {
        StringBuilder dir = new StringBuilder("src/module" + r.nextInt(10) + "/pkg" + r.nextInt(8));
        for (int d = r.nextInt(3); d > 0; d--) {
            dir.append("/sub").append(r.nextInt(5));
        }
        return dir + "/File" + i + W1_EXT[r.nextInt(W1_EXT.length)];
    }

    /** Writes a source-like file of 0.5–17 KB (skewed small; mean ≈ 6.2 KB); returns its size. */
    private static long writeText(Path file, SplittableRandom r) throws IOException {
        double u = r.nextDouble();
        int size = 512 + (int) (u * u * 17 * KB);
        byte[] data = EngineScenarioBenchmark.textBytes(r, size, file.getFileName().toString());
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        return data.length;
    }

    private static void insertLine(Path file, SplittableRandom r, String why) throws IOException {
        byte[] data = Files.readAllBytes(file);
        int at = data.length == 0 ? 0 : r.nextInt(data.length);
        while (at > 0 && data[at - 1] != '\n') {
            at--;
        }
        byte[] line = ("        counter.put(\"" + why + "\", " + r.nextInt(1_000_000) + ");\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[data.length + line.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(line, 0, out, at, line.length);
        System.arraycopy(data, at, out, at + line.length, data.length - at);
        Files.write(file, out);
    }

    private static void replaceLine(Path file, SplittableRandom r, String why) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int i = lines.size() <= 3 ? 0 : 2 + r.nextInt(lines.size() - 3);
        lines.set(i, "        result = compute(" + r.nextInt(1_000_000) + "); // " + why);
        Files.writeString(file, String.join("\n", lines), StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------------ W2: binary assets

    private void w2() throws Exception {
        int small = quick ? 20 : 200;
        int large = quick ? 2 : 20;
        int versions = quick ? 5 : 20;
        int div = quick ? 10 : 1;
        System.out.println();
        System.out.println("== W2 binary assets: " + small + " incompressible + " + large + " partly compressible files, "
                + versions + " versions");
        SplittableRandom rnd = new SplittableRandom(0x57_32L);
        try (Sides s = new Sides("W2")) {
            List<String> paths = new ArrayList<>();
            long bytes = 0;
            int next = 0;
            for (; next < small; next++) {
                String f = "assets/set" + rnd.nextInt(10) + "/asset" + next + ".bin";
                int size = (100 * KB + rnd.nextInt(1948 * KB)) / div; // 0.1–2 MB
                bytes += writeBytes(s.work.resolve(f), EngineScenarioBenchmark.binaryBytes(rnd, size, false));
                paths.add(f);
            }
            for (int i = 0; i < large; i++, next++) {
                String f = "assets/big/asset" + next + ".pak";
                int size = (4 * MIB + rnd.nextInt(8 * MIB)) / div; // 4–12 MB
                bytes += writeBytes(s.work.resolve(f), EngineScenarioBenchmark.binaryBytes(rnd, size, true));
                paths.add(f);
            }
            System.out.printf(Locale.ROOT, "  generated %,d files, %s%n", paths.size(), mb(bytes));
            settle();
            s.checkpointBoth("v1: import");
            for (int v = 2; v <= versions; v++) {
                for (String f : pick(rnd, paths, 5)) {
                    editBinary(s.work.resolve(f), rnd, 0.01);
                }
                String grow = paths.get(rnd.nextInt(paths.size()));
                byte[] tail = new byte[(64 * KB + rnd.nextInt(960 * KB)) / div];
                rnd.nextBytes(tail);
                Files.write(s.work.resolve(grow), tail, StandardOpenOption.APPEND);
                String f = "assets/set" + rnd.nextInt(10) + "/asset" + next++ + ".bin";
                writeBytes(s.work.resolve(f),
                        EngineScenarioBenchmark.binaryBytes(rnd, (100 * KB + rnd.nextInt(1948 * KB)) / div, false));
                paths.add(f);
                String gone = paths.remove(rnd.nextInt(paths.size()));
                Files.delete(s.work.resolve(gone));
                settle();
                s.checkpointBoth("v" + v);
            }
            common(s, null, null, "≤ 0.8× git loose", 0.8, null, null, null, null);
            double kTotal = s.kamTotal / 1e6 + restoreMs("W2", "restore oldest into empty folder", true);
            double gTotal = s.gitTotal / 1e6 + restoreMs("W2", "restore oldest into empty folder", false);
            add("W2", "total time (all checkpoints + restore)", kTotal, gTotal, "≤ 1.0× git", 1.0, versions
                    + " checkpoints + restore of the oldest");
        }
    }

    /** Overwrites {@code fraction} of the file's bytes in place, in 8 regions (size unchanged). */
    private static void editBinary(Path file, SplittableRandom r, double fraction) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            int region = (int) Math.max(1, size * fraction / 8);
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

    private double restoreMs(String workload, String measure, boolean kamaros) {
        for (Result r : results) {
            if (r.workload.equals(workload) && r.measure.equals(measure)) {
                return kamaros ? r.kamaros : r.git;
            }
        }
        throw new IllegalStateException("no " + measure + " for " + workload);
    }

    // ------------------------------------------------------------------ W3: one huge file

    private void w3() throws Exception {
        long size = quick ? 64L * MIB : 1024L * MIB;
        int change = quick ? MIB : 10 * MIB;
        System.out.println();
        System.out.printf(Locale.ROOT, "== W3 one %d MiB file, then %d MiB changed in the middle%n", size / MIB,
                change / MIB);
        SplittableRandom rnd = new SplittableRandom(0x57_33L);
        try (Sides s = new Sides("W3")) {
            Path file = s.work.resolve("disk.img");
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buf = new byte[8 * MIB];
                for (long done = 0; done < size; done += buf.length) {
                    rnd.nextBytes(buf);
                    out.write(buf, 0, (int) Math.min(buf.length, size - done));
                }
            }
            settle();
            long[] sha = new long[3];
            for (int i = 0; i < sha.length; i++) {
                long t0 = System.nanoTime();
                sha256(file);
                sha[i] = System.nanoTime() - t0;
            }
            double shaMs = median(sha) / 1e6;
            results.add(new Result("W3", "SHA-256 of the file (baseline)", "ms", shaMs, null, null, null,
                    "MessageDigest, 1 MiB reads, median of 3"));
            System.out.printf(Locale.ROOT, "  SHA-256 of %d MiB: %.0f ms (median of 3)%n", size / MIB, shaMs);
            s.checkpointBoth("v1: image");
            long kAfter1 = treeSize(s.kamHome);
            long gAfter1 = treeSize(s.gitDir);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                byte[] bytes = new byte[change];
                rnd.nextBytes(bytes);
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                long pos = size / 2 - change / 2;
                while (buf.hasRemaining()) {
                    ch.write(buf, pos + buf.position());
                }
            }
            settle();
            s.checkpointBoth("v2: middle changed");
            long k2 = s.kamIncremental.get(0);
            long g2 = s.gitIncremental.get(0);
            add("W3", "second checkpoint", k2, g2, null, null, null);
            results.add(new Result("W3", "second checkpoint / SHA-256 time", "×", k2 / 1e6 / shaMs,
                    g2 / 1e6 / shaMs, "kamaros ≤ 1.5×", 1.5, "the ratio columns are each tool against the baseline"));
            long kGrowth = treeSize(s.kamHome) - kAfter1;
            long gGrowth = treeSize(s.gitDir) - gAfter1;
            addSize("W3", "store growth at the second checkpoint", kGrowth, gGrowth, null, null, null);
            results.add(new Result("W3", "store growth / changed bytes", "×", kGrowth / (double) change,
                    gGrowth / (double) change, "kamaros ≤ 1.5×", 1.5, (change / MIB) + " MiB changed"));
            common(s, null, null, null, null, null, null, null, null);
        }
    }

    // ------------------------------------------------------------------ CLI start-up

    private void cliOnSmallProject() throws Exception {
        Path work = base.resolve("cli").resolve("work");
        if (cli != null) {
            SplittableRandom rnd = new SplittableRandom(0x43_4CL);
            for (int i = 0; i < 200; i++) {
                writeText(work.resolve(w1Path(rnd, i)), rnd);
            }
        }
        cliStartup(null, work);
    }

    /**
     * Times {@code <cli> --version} and {@code <cli> -C <project> status} as processes, median of 7; the
     * project is made by the CLI itself ({@code init --work-tree <folder> <project>}, {@code commit -m}), on
     * the W1 folder or a 200-file one, since only the CLI knows how it records a work tree. For scale: a
     * JVM's bare start ({@code java -version}) and {@code git status} on W1.
     */
    private void cliStartup(Sides w1, Path work) throws Exception {
        long[] javaFloor = new long[7];
        for (int i = 0; i < javaFloor.length; i++) {
            javaFloor[i] = runProcess(List.of(javaBin(), "-version"), base, Map.of()).nanos;
        }
        results.add(new Result("CLI", "JVM start alone (java -version)", "ms", median(javaFloor) / 1e6, null, null,
                null, "for scale: the floor of any Java command"));
        if (w1 != null) {
            long[] gs = new long[7];
            for (int i = 0; i < gs.length; i++) {
                gs[i] = w1.gitIn(List.of("status", "--porcelain"), false).nanos;
            }
            results.add(new Result("CLI", "git status --porcelain (W1)", "ms", null, median(gs) / 1e6, null, null,
                    "for scale"));
        }
        if (cli == null) {
            results.add(new Result("CLI", "kamaros --version", "ms", null, null, "≤ 300 ms", null, "n/a: no --cli given"));
            results.add(new Result("CLI", "kamaros status", "ms", null, null, "≤ 300 ms", null, "n/a: no --cli given"));
            return;
        }
        Path project = base.resolve("cli-project");
        String setupError = null;
        for (List<String> args : List.of(List.of("init", "--work-tree", work.toString(), project.toString()),
                List.of("-C", project.toString(), "commit", "-m", "v1"))) {
            List<String> cmd = new ArrayList<>(splitCommand(cli));
            cmd.addAll(args);
            Proc p = runProcess(cmd, base, Map.of());
            System.out.printf(Locale.ROOT, "  [CLI] %s -> exit %d in %.0f ms%n", String.join(" ", cmd), p.exit,
                    p.nanos / 1e6);
            if (p.exit != 0 && setupError == null) {
                setupError = String.join(" ", args.subList(0, Math.min(2, args.size()))) + " exit " + p.exit + ": "
                        + (p.err.isBlank() ? p.out : p.err).strip().lines().findFirst().orElse("");
            }
        }
        String where = w1 != null ? "the W1 folder" : "a 200-file folder";
        for (List<String> args : List.of(List.of("--version"), List.of("-C", project.toString(), "status"))) {
            String label = "kamaros " + args.get(args.size() - 1);
            if (setupError != null && args.size() > 1) {
                results.add(new Result("CLI", label, "ms", null, null, "≤ 300 ms", null, "n/a: " + setupError));
                continue;
            }
            List<String> cmd = new ArrayList<>(splitCommand(cli));
            cmd.addAll(args);
            long[] t = new long[7];
            Proc last = null;
            for (int i = 0; i < t.length; i++) {
                last = runProcess(cmd, base, Map.of());
                t[i] = last.nanos;
            }
            String firstLine = (last.out.isBlank() ? last.err : last.out).strip().lines().findFirst().orElse("");
            System.out.printf(Locale.ROOT, "  [CLI] %s -> exit %d, \"%s\"%n", String.join(" ", cmd), last.exit,
                    firstLine);
            if (last.exit != 0) {
                results.add(new Result("CLI", label, "ms", null, null, "≤ 300 ms", null,
                        "n/a: exit " + last.exit + ": " + firstLine));
            } else {
                results.add(new Result("CLI", label, "ms", median(t) / 1e6, null, "≤ 300 ms", 300.0,
                        "median of 7 processes" + (args.size() > 1 ? ", project on " + where : "")));
            }
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Splits a command prefix on spaces, keeping single- or double-quoted parts together. */
    static List<String> splitCommand(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
            }
        }
        if (any || cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    // ------------------------------------------------------------------ processes

    private record Proc(int exit, String out, String err, long nanos) {
    }

    private Proc git(Path cwd, List<String> args, boolean allowFail) throws IOException {
        return git(cwd, args, allowFail, Map.of());
    }

    private Proc git(Path cwd, List<String> args, boolean allowFail, Map<String, String> env) throws IOException {
        Proc p = runProcess(concat(List.of("git"), args), cwd, gitEnv(env));
        if (p.exit != 0 && !allowFail) {
            throw new IOException("git " + String.join(" ", args) + " failed (" + p.exit + "): " + p.err + p.out);
        }
        return p;
    }

    private Map<String, String> gitEnv(Map<String, String> env) {
        Map<String, String> e = new LinkedHashMap<>(env);
        // Machine-independent git: no system or user config; a fixed identity.
        e.put("HOME", gitHome.toString());
        e.put("XDG_CONFIG_HOME", gitHome.toString());
        e.put("GIT_CONFIG_NOSYSTEM", "1");
        e.put("GIT_AUTHOR_NAME", "Bench");
        e.put("GIT_AUTHOR_EMAIL", "bench@example.org");
        e.put("GIT_COMMITTER_NAME", "Bench");
        e.put("GIT_COMMITTER_EMAIL", "bench@example.org");
        e.put("LC_ALL", "C");
        return e;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Proc runProcess(List<String> cmd, Path cwd, Map<String, String> env) throws IOException {
        return runProcess(cmd, cwd, env, TimeUnit.HOURS.toSeconds(2));
    }

    /**
     * Runs a process to its end; the time is from start to exit, output drained concurrently. After
     * {@code timeoutSeconds} it and its children (git gc runs pack-objects) are killed and exit is -1.
     */
    private static Proc runProcess(List<String> cmd, Path cwd, Map<String, String> env, long timeoutSeconds)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        Thread drainOut = drain(p.getInputStream(), out);
        Thread drainErr = drain(p.getErrorStream(), err);
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                return new Proc(-1, "", "timed out after " + timeoutSeconds + " s", System.nanoTime() - t0);
            }
            long nanos = System.nanoTime() - t0;
            drainOut.join();
            drainErr.join();
            return new Proc(p.exitValue(), out.toString(), err.toString(), nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    private static Thread drain(InputStream in, StringBuilder into) {
        Thread t = new Thread(() -> {
            try (in) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                synchronized (into) {
                    into.append(text);
                }
            } catch (IOException ignored) {
                // the process was killed; what was read is enough
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    // ------------------------------------------------------------------ results

    private void add(String w, String measure, long kNanos, long gNanos, String target, Double goal, String note) {
        add(w, measure, kNanos / 1e6, gNanos / 1e6, target, goal, note);
    }

    private void add(String w, String measure, double kMs, double gMs, String target, Double goal, String note) {
        Result r = new Result(w, measure, "ms", kMs, gMs, target, goal, note);
        results.add(r);
        System.out.println("  " + line(r));
    }

    private void add(String w, String measure, List<Long> k, List<Long> g, String target, Double goal, String note) {
        long[] ka = k.stream().mapToLong(Long::longValue).toArray();
        long[] ga = g.stream().mapToLong(Long::longValue).toArray();
        add(w, measure, median(ka) / 1e6, median(ga) / 1e6, target, goal, note);
    }

    private void addSize(String w, String measure, long k, long g, String target, Double goal, String note) {
        Result r = new Result(w, measure, "MB", k / MB, g / MB, target, goal, note);
        results.add(r);
        System.out.println("  " + line(r));
    }

    private static String line(Result r) {
        return String.format(Locale.ROOT, "[%s] %-48s kamaros %s  git %s  ratio %s", r.workload, r.measure,
                num(r.kamaros, r.unit), num(r.git, r.unit), r.ratio() == null ? "-" : String.format(Locale.ROOT,
                        "%.2f×", r.ratio()));
    }

    private static String num(Double v, String unit) {
        if (v == null) {
            return "n/a";
        }
        if (unit.equals("×")) {
            return String.format(Locale.ROOT, "%.2f×", v);
        }
        return String.format(Locale.ROOT, v >= 100 ? "%,.0f %s" : "%.1f %s", v, unit);
    }

    private void printTable() {
        System.out.println();
        System.out.println("| workload | measure | kamaros | git | kamaros/git | target | met? | notes |");
        System.out.println("|---|---|---:|---:|---:|---|---|---|");
        for (Result r : results) {
            String ratio = r.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f×", r.ratio());
            String met = "";
            if (r.goal != null && r.kamaros != null) {
                // Ratio targets compare against git; "×" rows already are ratios; CLI rows are absolute ms.
                Double value = r.unit.equals("×") || r.workload.equals("CLI") ? r.kamaros : r.ratio();
                met = value == null ? "n/a" : value <= r.goal ? "met" : "**missed**";
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", r.workload, r.measure,
                    num(r.kamaros, r.unit), num(r.git, r.unit), ratio, r.target == null ? "" : r.target, met,
                    r.note == null ? "" : r.note);
        }
        System.out.println();
        System.out.println("(ms = wall time of the operation; git = its processes from start to exit; MB = 10^6 bytes of"
                + " files in the kamaros history folder / git dir)");
    }

    private void phase(String label, Instant start) {
        phases.add(label + "\t" + start + "\t" + Instant.now());
    }

    // ------------------------------------------------------------------ helpers

    private void settle() throws InterruptedException {
        Thread.sleep(settleMs);
    }

    private static long writeBytes(Path file, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        return data.length;
    }

    private static <T> List<T> pick(SplittableRandom r, List<T> from, int n) {
        List<T> copy = new ArrayList<>(from);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n && !copy.isEmpty(); i++) {
            out.add(copy.remove(r.nextInt(copy.size())));
        }
        return out;
    }

    private static double median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        if (s.length == 0) {
            return 0;
        }
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.2f MB", bytes / MB);
    }

    private static byte[] sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[MIB];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }

    /** SHA-256 over every file's relative path and content, in path order: equal trees, equal digests. */
    private static String treeDigest(Path dir) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Path f : files) {
            md.update(dir.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(sha256(f));
        }
        return HexFormat.of().formatHex(md.digest());
    }

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
                    return 0; // removed while walking (a temp file)
                }
            }).sum();
        }
    }

    /** Disk usage as {@code du -sk} reports it (allocated blocks), or -1 where du is unavailable. */
    private static long du(Path dir) {
        try {
            Proc p = runProcess(List.of("du", "-sk", dir.toString()), dir, Map.of());
            return p.exit == 0 ? Long.parseLong(p.out.trim().split("\\s+")[0]) * 1024 : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }
}
