package io.kamaros.bench;

import static io.kamaros.Trees.deleteTree;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.GcOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.NoChangesException;
import io.kamaros.engine.model.RestoreOptions;
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
import java.nio.file.LinkOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Kamaros beside git, borg and restic on the same generated data, in the same run (issues 4 and 15).
 *
 * <p>Five columns, all tracking the same working folder, each keeping its history in a sibling folder:
 * <ul>
 *   <li><b>kamaros</b>: the command line through its launcher ({@code --cli}, default {@code target/kamaros}),
 *       what a user runs: {@code init --work-tree <folder> <project>}, {@code commit -m}, {@code restore V --to};
 *       every command is a new process, JVM start included. The headline ratios are this column against borg,
 *       restic and git.</li>
 *   <li><b>kamaros in-process</b>: one {@link JcfManager} in this JVM per workload (as the desktop app holds
 *       one), tracking the folder in place ({@link FileAdapter.Options#workTree}); the targets of issue 4 are
 *       judged on it, as before.</li>
 *   <li><b>git</b>: {@code git --git-dir=<elsewhere> --work-tree=<folder>}, {@code add -A && commit -q}; defaults
 *       except {@code gc.auto=0} and an empty template; no system or user config (fresh HOME).</li>
 *   <li><b>borg</b>: {@code borg init --encryption=none}, default compression, {@code borg create repo::vN .}
 *       run in the folder, {@code borg extract} run in an empty folder.</li>
 *   <li><b>restic</b>: {@code RESTIC_PASSWORD} set, {@code restic init} (default repository version and
 *       compression), {@code restic backup .} run in the folder, {@code restic restore ID --target}.</li>
 * </ul>
 * Every version's edits are made once with java.nio; then every tool saves it, in an order that rotates
 * with each version (so no tool always gets the warmest page cache). After the edits the harness waits
 * {@code --settle-ms} (default 2,100 ms, not measured) so that edited files are older than the tools' "racy
 * timestamp" windows, as they would be when a person edits and later saves. borg's and restic's local caches
 * live in a fresh home under the run's folder; they are not counted as store.
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
 * Measured per workload and tool: first save; median incremental save; no-change save (the same command
 * when nothing changed, median of 3: kamaros and git refuse after scanning, borg and restic store an
 * archive / snapshot that adds no data) and, for kamaros in-process and git, a forced empty version;
 * restore of the first version into an empty folder, with a cold page cache when the harness may drop it
 * ({@code sync; echo 3 > /proc/sys/vm/drop_caches}, as root; otherwise warm, and the table says so), every
 * restored tree checked byte-exact against the folder's state when that version was made; the store: bytes
 * of its files, allocated bytes ({@code du -sk}) and number of files. Then, for kamaros in-process and git
 * only, {@code runGc()} / {@code git gc} and {@code runGc(aggressive)} / {@code git gc --aggressive} with
 * sizes and times, and the restore again.
 *
 * <p>Run (see docs/performance.md, "Side by side with git, borg and restic"):
 * <pre>
 *   mvn -q package -DskipTests     # builds target/kamaros, the launcher
 *   mvn -o -q -Pbench test-compile exec:java -Dbench.main=io.kamaros.bench.SideBySideBenchmark
 *   ... -Dexec.args="--quick"                          # smoke run, small sizes
 *   ... -Dexec.args="--only W1,W3 --dir /tmp/sbs --keep --cli 'java -jar target/kamaros.jar'"
 * </pre>
 * Options: {@code --quick}, {@code --only W1,W2,W3}, {@code --dir DIR} (absent or empty), {@code --keep},
 * {@code --cli "<command prefix>"} (default {@code target/kamaros}; also times {@code --version} and
 * {@code status} as processes, median of 7), {@code --warm} (never drop the page cache), {@code --no-gc} (skip the
 * GC rows: {@code git gc --aggressive} takes minutes on W2 and W3), {@code --settle-ms N},
 * {@code --generate} (with {@code --dir}: only writes W2's and W3's first versions, for {@code bench/first-save-cpu.sh}),
 * {@code --phases FILE} (writes when each in-process kamaros operation ran, for attributing JFR samples with
 * {@link JfrHotMethods}), {@code --git-gc-timeout SECONDS} (default 7,200: stop {@code git gc --aggressive}
 * after that long and report it as not finished; on W2's 480 MB of binaries it ran over 40 minutes on a busy
 * 2-core machine).
 */
public final class SideBySideBenchmark {
    private static final double MB = 1_000_000.0;
    private static final int KB = 1024;
    private static final int MIB = 1024 * 1024;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    // The table's columns, one per tool, in this order.
    private static final String CLI = "kamaros";
    private static final String JVM = "kamaros in-process";
    private static final String GIT = "git";
    private static final String BORG = "borg";
    private static final String RESTIC = "restic";
    private static final List<String> TOOLS = List.of(CLI, JVM, GIT, BORG, RESTIC);

    // Measures every workload has (targets are attached by name).
    private static final String FIRST = "first save";
    private static final String INCREMENTAL = "median incremental save";
    private static final String NO_CHANGE = "no-change save";
    private static final String STORE_BYTES = "store: bytes of its files";
    private static final String STORE_ALLOCATED = "store: allocated (du)";
    private static final String ALLOCATED_RATIO = "store: allocated / bytes";
    private static final String STORE_FILES = "store: number of files";
    private static final String GC_AGGRESSIVE = "store after runGc(aggressive) / gc --aggressive";
    private static final String TOTAL = "total time (all saves + restore)";

    private final boolean quick;
    private final Set<String> only;
    private final Path base;
    private final boolean keep;
    private final boolean gc;
    private final List<String> cli;
    private final long settleMs;
    private final long gitGcTimeoutSeconds;
    private final Path phasesFile;
    private final Path toolHome;
    private final boolean cold;
    private final String restoreMeasure;
    private final Map<String, String> versions = new LinkedHashMap<>();
    private final List<Result> results = new ArrayList<>();
    private final List<String> phases = new ArrayList<>();

    /** A target: the judged column's value, or its ratio to another column, at most {@code goal}. */
    private record Target(String label, String judged, String against, double goal) {
        static Target ratio(String judged, double goal, String against) {
            return new Target(String.format(Locale.ROOT, "≤ %.1f× %s (%s)", goal, against,
                    judged.equals(CLI) ? "CLI" : "in-process"), judged, against, goal);
        }

        static Target absolute(String judged, String label, double goal) {
            return new Target(label + (judged.equals(CLI) ? " (CLI)" : " (in-process)"), judged, null, goal);
        }
    }

    /** One line of the final table: a measure for each tool (absent where a tool has no such measure). */
    private record Result(String workload, String measure, String unit, Map<String, Double> values, Target target,
                          String note) {
        Double value(String tool) {
            return values.get(tool);
        }

        Double ratio(String tool, String to) {
            Double a = values.get(tool);
            Double b = values.get(to);
            // Ratios of ratios, or of throughputs (higher is better), would read the wrong way round.
            return a == null || b == null || b == 0 || unit.equals("×") || unit.equals("MB/s") ? null : a / b;
        }

        String met() {
            if (target == null) {
                return "";
            }
            Double v = target.against == null ? value(target.judged) : ratio(target.judged, target.against);
            return v == null ? "n/a" : v <= target.goal ? "met" : "**missed**";
        }

        Result withTarget(Target t) {
            return new Result(workload, measure, unit, values, t, note);
        }
    }

    private SideBySideBenchmark(boolean quick, Set<String> only, Path base, boolean keep, List<String> cli,
                                long settleMs, Path phasesFile, long gitGcTimeoutSeconds, boolean warm, boolean gc) {
        this.quick = quick;
        this.gc = gc;
        this.only = only;
        this.base = base;
        this.keep = keep;
        this.cli = cli;
        this.settleMs = settleMs;
        this.gitGcTimeoutSeconds = gitGcTimeoutSeconds;
        this.phasesFile = phasesFile;
        this.toolHome = base.resolve("tool-home");
        this.cold = !warm && dropCaches();
        this.restoreMeasure = "restore first version" + (cold ? ", cold cache" : ", warm cache");
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean keep = false;
        boolean warm = false;
        boolean gc = true;
        Path dir = null;
        String cli = null;
        long settle = 2_100;
        long gcTimeout = TimeUnit.HOURS.toSeconds(2);
        Path phases = null;
        Set<String> only = new LinkedHashSet<>(List.of("W1", "W2", "W3"));
        boolean generate = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--generate" -> generate = true;
                case "--keep" -> keep = true;
                case "--warm" -> warm = true;
                case "--no-gc" -> gc = false;
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
        if (generate) {
            if (dir == null) {
                usage("--generate needs --dir");
            }
            generateFirstVersions(dir.toAbsolutePath(), only);
            return;
        }
        if (cli == null) {
            Path launcher = Path.of("target", "kamaros").toAbsolutePath();
            if (!Files.isExecutable(launcher)) {
                usage(launcher + " not found: build it first (mvn -q package -DskipTests) or pass --cli");
            }
            cli = launcher.toString();
        }
        if (dir == null) {
            dir = Path.of("target", "bench", "sbs-" + STAMP.format(ZonedDateTime.now()));
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
        new SideBySideBenchmark(quick, only, dir, keep, splitCommand(cli), settle, phases, gcTimeout, warm, gc)
                .run();
    }

    private static void usage(String problem) {
        System.err.println(problem + "; options: --quick, --only W1,W2,W3, --dir DIR, --keep, --cli \"<command>\","
                + " --generate (with --dir: only writes W2's and W3's first versions),"
                + " --warm, --no-gc, --settle-ms N, --phases FILE, --git-gc-timeout SECONDS");
        System.exit(2);
    }

    // ------------------------------------------------------------------ main flow

    private void run() throws Exception {
        long start = System.nanoTime();
        Files.createDirectories(toolHome);
        findVersions();
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
            System.out.println("load at end: " + loadAverage());
            printTable();
            if (!keep) {
                deleteTree(base);
                System.out.println("(deleted " + base + "; pass --keep to keep it)");
            }
        }
        System.out.printf(Locale.ROOT, "Total wall time: %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** Each tool's version; a tool that does not run is left out of every workload. */
    private void findVersions() {
        versions.put(CLI, firstLine(List.of(concat(cli, List.of("--version")))));
        versions.put(GIT, firstLine(List.of(List.of("git", "--version"))));
        versions.put(BORG, firstLine(List.of(List.of("borg", "--version"))));
        versions.put(RESTIC, firstLine(List.of(List.of("restic", "version"))));
    }

    private String firstLine(List<List<String>> cmds) {
        try {
            Proc p = runProcess(cmds.get(0), base, toolEnv(Map.of()));
            return p.exit == 0 ? p.out.strip().lines().findFirst().orElse("?") : null;
        } catch (IOException e) {
            return null; // not installed
        }
    }

    private boolean runs(String tool) {
        return tool.equals(JVM) || versions.get(tool) != null;
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
        StringBuilder tools = new StringBuilder();
        versions.forEach((tool, v) -> tools.append("\n").append(String.format(Locale.ROOT, "%-9s%s", tool + ":",
                v == null ? "NOT FOUND: left out" : v)));
        return "== Kamaros vs git, borg and restic, side by side" + (quick ? " (--quick: small sizes)" : "") + "\n"
                + "date:    " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.RFC_1123_DATE_TIME) + "\n"
                + "machine: " + rt.availableProcessors() + " cores (" + cpu + "), "
                + String.format(Locale.ROOT, "max heap %.0f MB", rt.maxMemory() / MB) + ", " + fs + " at " + base
                + ", load at start " + loadAverage() + "\n"
                + "java:    " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " "
                + ManagementFactory.getRuntimeMXBean().getInputArguments() + "\n"
                + "cli:     " + String.join(" ", cli)
                + tools + "\n"
                + "restore: " + (cold ? "cold page cache (sync; echo 3 > /proc/sys/vm/drop_caches before each tool)"
                : "warm page cache (drop_caches not writable, or --warm)")
                + "\n"
                + "os:      " + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /** Empties the page cache (needs root on Linux); false where that is not allowed. */
    private boolean dropCaches() {
        try {
            runProcess(List.of("sync"), base, Map.of());
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3", StandardOpenOption.WRITE);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ the tools

    /** What one save did: its time, whether the tool refused (nothing changed), the version's id. */
    private record Saved(long nanos, boolean refused, String id) {
    }

    /** One tool tracking a workload's folder, its history in {@link #store}. */
    private abstract static class Tool {
        final String name;
        final Path store;
        String firstId;
        final List<Long> incremental = new ArrayList<>();
        long totalNanos;

        Tool(String name, Path store) {
            this.name = name;
            this.store = store;
        }

        /** Saves the folder as a new version (forced even when nothing changed if {@code allowEmpty}). */
        abstract Saved save(String message, boolean allowEmpty) throws Exception;

        /** Restores version {@code id} into the empty folder {@code into}; the time it took. */
        abstract long restore(String id, Path into) throws Exception;

        /** Whether the tool refuses to save when nothing changed (kamaros, git); borg and restic always store. */
        boolean refusesUnchanged() {
            return false;
        }

        void close() {
        }
    }

    /** Kamaros through its command line, a process per command, as a user runs it. */
    private final class KamarosCli extends Tool {
        private final Pattern id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

        KamarosCli(Path work, Path project) throws IOException {
            super(CLI, project);
            check(runProcess(concat(cli, List.of("init", "--work-tree", work.toString(), project.toString())), base,
                    toolEnv(Map.of())), "kamaros init");
        }

        @Override
        Saved save(String message, boolean allowEmpty) throws IOException {
            List<String> cmd = concat(cli, List.of("-C", store.toString(), "commit", "-m", message, "--json"));
            if (allowEmpty) {
                cmd.add("--allow-empty");
            }
            Proc p = runProcess(cmd, base, toolEnv(Map.of()));
            if (p.exit == 1 && p.err.contains("NO_CHANGES")) {
                return new Saved(p.nanos, true, null);
            }
            if (p.exit != 0 && p.exit != 8) { // 8: saved, with warnings
                check(p, "kamaros commit");
            }
            Matcher m = id.matcher(p.out);
            if (!m.find()) {
                throw new IOException("kamaros commit printed no id: " + p.out);
            }
            return new Saved(p.nanos, false, m.group(1));
        }

        @Override
        long restore(String version, Path into) throws IOException {
            Proc p = runProcess(concat(cli, List.of("-C", store.toString(), "restore", version, "--to", into.toString())),
                    base, toolEnv(Map.of()));
            return check(p, "kamaros restore").nanos;
        }

        @Override
        boolean refusesUnchanged() {
            return true;
        }
    }

    /** Kamaros in this JVM: one {@link JcfManager}, tracking the folder in place. */
    private final class KamarosInProcess extends Tool {
        final JcfManager jcf;
        private final String workload;
        private int saves;
        private boolean closed;

        KamarosInProcess(String workload, Path work, Path history) throws IOException {
            super(JVM, history);
            this.workload = workload;
            jcf = new JcfManager(JcfConfig.builder().author("Bench").email("bench@example.org").build());
            jcf.init(new FileAdapter(history, new FileAdapter.Options().workTree(work)));
        }

        @Override
        Saved save(String message, boolean allowEmpty) {
            saves++;
            Instant t0 = Instant.now();
            long n0 = System.nanoTime();
            try {
                jcf.saveCheckpoint(message, CheckpointOptions.builder().allowEmpty(allowEmpty).build());
                long nanos = System.nanoTime() - n0;
                phase(workload + " kamaros save " + saves + (allowEmpty ? " (allow empty)" : ""), t0);
                return new Saved(nanos, false, jcf.getCurrentVersion().orElseThrow().id());
            } catch (NoChangesException e) {
                long nanos = System.nanoTime() - n0;
                phase(workload + " kamaros no-change", t0);
                return new Saved(nanos, true, null);
            }
        }

        @Override
        long restore(String version, Path into) {
            Instant t0 = Instant.now();
            long n0 = System.nanoTime();
            jcf.restoreVersion(version, RestoreOptions.builder().target(into).build());
            long nanos = System.nanoTime() - n0;
            phase(workload + " kamaros restore", t0);
            return nanos;
        }

        long gc(boolean aggressive) {
            Instant t0 = Instant.now();
            long n0 = System.nanoTime();
            jcf.runGc(GcOptions.builder().aggressive(aggressive).build());
            long nanos = System.nanoTime() - n0;
            phase(workload + " kamaros gc" + (aggressive ? " aggressive" : ""), t0);
            return nanos;
        }

        @Override
        boolean refusesUnchanged() {
            return true;
        }

        @Override
        void close() {
            if (!closed) {
                closed = true;
                jcf.close();
            }
        }
    }

    /** git with its repository outside the folder: {@code add -A && commit -q}. */
    private final class Git extends Tool {
        private final Path work;

        Git(Path work, Path gitDir) throws IOException {
            super(GIT, gitDir);
            this.work = work;
            check(runProcess(List.of("git", "init", "-q", "--bare", "--template=", gitDir.toString()), base,
                    toolEnv(Map.of())), "git init");
            in(List.of("config", "core.bare", "false"));
            in(List.of("config", "gc.auto", "0"));
        }

        Proc in(List<String> args) throws IOException {
            return check(inAllowingFailure(args), "git " + args.get(0));
        }

        Proc inAllowingFailure(List<String> args) throws IOException {
            return runProcess(concat(List.of("git", "--git-dir=" + store, "--work-tree=" + work), args), work,
                    toolEnv(Map.of()));
        }

        @Override
        Saved save(String message, boolean allowEmpty) throws IOException {
            long n0 = System.nanoTime();
            in(List.of("add", "-A"));
            List<String> commit = new ArrayList<>(List.of("commit", "-q", "-m", message));
            if (allowEmpty) {
                commit.add("--allow-empty");
            }
            Proc p = inAllowingFailure(commit);
            long nanos = System.nanoTime() - n0;
            if (p.exit == 1 && p.out.contains("nothing to commit")) {
                return new Saved(nanos, true, null);
            }
            check(p, "git commit");
            return new Saved(nanos, false, in(List.of("rev-parse", "HEAD")).out.trim());
        }

        @Override
        long restore(String version, Path into) throws IOException {
            // A throw-away index: like kamaros' restore into a folder, this must not change the repository.
            Path index = into.resolveSibling(into.getFileName() + ".index");
            Files.deleteIfExists(index);
            Proc p = runProcess(List.of("git", "--git-dir=" + store, "--work-tree=" + into, "checkout", "-q", version,
                    "--", "."), base, toolEnv(Map.of("GIT_INDEX_FILE", index.toString())));
            Files.deleteIfExists(index);
            return check(p, "git checkout").nanos;
        }

        @Override
        boolean refusesUnchanged() {
            return true;
        }
    }

    /** borg: an unencrypted repository, default compression; archives v1, v2, … of the folder. */
    private final class Borg extends Tool {
        private final Path work;
        private int archives;

        Borg(Path work, Path repo) throws IOException {
            super(BORG, repo);
            this.work = work;
            check(runProcess(List.of("borg", "init", "--encryption=none", repo.toString()), base, toolEnv(Map.of())),
                    "borg init");
        }

        @Override
        Saved save(String message, boolean allowEmpty) throws IOException {
            String archive = "v" + ++archives;
            // Run in the folder with "." so the archive holds relative paths, extracted as they were.
            Proc p = runProcess(List.of("borg", "create", store + "::" + archive, "."), work, toolEnv(Map.of()));
            return new Saved(check(p, "borg create").nanos, false, archive);
        }

        @Override
        long restore(String archive, Path into) throws IOException {
            return check(runProcess(List.of("borg", "extract", store + "::" + archive), into, toolEnv(Map.of())),
                    "borg extract").nanos;
        }
    }

    /** restic: a repository with the default version and compression; snapshots of the folder. */
    private final class Restic extends Tool {
        private final Pattern snapshot = Pattern.compile("\"snapshot_id\"\\s*:\\s*\"([0-9a-f]+)\"");
        private final Path work;

        Restic(Path work, Path repo) throws IOException {
            super(RESTIC, repo);
            this.work = work;
            check(runProcess(List.of("restic", "-q", "-r", repo.toString(), "init"), base, toolEnv(Map.of())),
                    "restic init");
        }

        @Override
        Saved save(String message, boolean allowEmpty) throws IOException {
            Proc p = runProcess(List.of("restic", "-r", store.toString(), "backup", "--json", "."), work,
                    toolEnv(Map.of()));
            check(p, "restic backup");
            Matcher m = snapshot.matcher(p.out);
            if (!m.find()) {
                throw new IOException("restic backup printed no snapshot id: " + p.out);
            }
            return new Saved(p.nanos, false, m.group(1));
        }

        @Override
        long restore(String id, Path into) throws IOException {
            return check(runProcess(List.of("restic", "-q", "-r", store.toString(), "restore", id, "--target",
                    into.toString()), base, toolEnv(Map.of())), "restic restore").nanos;
        }
    }

    private static Proc check(Proc p, String what) throws IOException {
        if (p.exit != 0) {
            throw new IOException(what + " failed (exit " + p.exit + "): " + p.err + p.out);
        }
        return p;
    }

    // ------------------------------------------------------------------ a workload: every tool on one folder

    /** Every tool tracking one working folder; histories in sibling folders. */
    private final class Sides implements AutoCloseable {
        final String name;
        final Path dir;
        final Path work;
        final Map<String, Tool> tools = new LinkedHashMap<>();
        String firstDigest;
        int saves;
        int rotation;

        Sides(String name) throws IOException {
            this.name = name;
            dir = base.resolve(name);
            work = dir.resolve("work");
            Files.createDirectories(work);
            for (String t : TOOLS) {
                if (!runs(t)) {
                    continue;
                }
                tools.put(t, switch (t) {
                    case CLI -> new KamarosCli(work, dir.resolve("kamaros-cli"));
                    case JVM -> new KamarosInProcess(name, work, dir.resolve("kamaros"));
                    case GIT -> new Git(work, dir.resolve("git"));
                    case BORG -> new Borg(work, dir.resolve("borg"));
                    case RESTIC -> new Restic(work, dir.resolve("restic"));
                    default -> throw new IllegalStateException(t);
                });
            }
        }

        KamarosInProcess jvm() {
            return (KamarosInProcess) tools.get(JVM);
        }

        Git git() {
            return (Git) tools.get(GIT);
        }

        /** The tools (of {@code names}, or all) in an order that moves on by one at every call. */
        List<Tool> rotated(List<String> names) {
            List<Tool> list = tools.values().stream().filter(t -> names.isEmpty() || names.contains(t.name)).toList();
            List<Tool> out = new ArrayList<>();
            int shift = rotation++ % list.size();
            for (int i = 0; i < list.size(); i++) {
                out.add(list.get((i + shift) % list.size()));
            }
            return out;
        }

        /** One version, saved by every tool. */
        void saveAll(String message) throws Exception {
            saves++;
            Map<String, Double> ms = new LinkedHashMap<>();
            for (Tool t : rotated(List.of())) {
                Saved s = t.save(message, false);
                if (s.refused) {
                    throw new IllegalStateException(name + " v" + saves + ": " + t.name + " saw no change");
                }
                t.totalNanos += s.nanos;
                if (saves == 1) {
                    t.firstId = s.id;
                    ms.put(t.name, s.nanos / 1e6);
                } else {
                    t.incremental.add(s.nanos);
                }
            }
            if (saves == 1) {
                firstDigest = treeDigest(work);
                add(name, FIRST, "ms", ms, null);
            }
        }

        @Override
        public void close() {
            tools.values().forEach(Tool::close);
        }
    }

    /** The measurements every workload shares, after its versions were made. */
    private void common(Sides s) throws Exception {
        String w = s.name;
        if (s.saves > 2) { // W3 has one, reported as its "second save"
            add(w, INCREMENTAL, "ms", perTool(s, t -> median(t.incremental) / 1e6), (s.saves - 1) + " versions");
        }
        // No change: the same command a user runs; kamaros and git refuse after scanning, borg and restic
        // store a new archive / snapshot that adds no data.
        settle();
        Map<String, long[]> noChange = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            for (Tool t : s.rotated(List.of())) {
                Saved r = t.save("nothing", false);
                if (!r.refused && t.refusesUnchanged()) {
                    throw new IllegalStateException(w + ": " + t.name + " saved although nothing changed");
                }
                noChange.computeIfAbsent(t.name, k -> new long[3])[i] = r.nanos;
            }
        }
        add(w, NO_CHANGE, "ms", perTool(s, t -> median(noChange.get(t.name)) / 1e6),
                "median of 3; kamaros and git refuse, borg and restic store a version that adds no data");
        Map<String, Double> empty = new LinkedHashMap<>();
        for (Tool t : s.rotated(List.of(JVM, GIT))) {
            empty.put(t.name, t.save("empty", true).nanos / 1e6);
        }
        add(w, "forced empty version", "ms", empty, "allowEmpty / commit --allow-empty");

        restoreAll(s, restoreMeasure, List.of());
        storeRows(s, "");

        // GC: kamaros in-process and git only (borg and restic delete nothing here, so they have nothing to compact).
        KamarosInProcess k = s.jvm();
        Git g = s.git();
        if (g == null || !gc) {
            return;
        }
        long kGc = k.gc(false);
        long kGcSize = treeSize(k.store);
        long g0 = System.nanoTime();
        g.in(List.of("gc", "-q"));
        long gGc = System.nanoTime() - g0;
        add(w, "store after runGc() / git gc", "MB", Map.of(JVM, kGcSize / MB, GIT, treeSize(g.store) / MB), null);
        add(w, "gc time: runGc() / git gc", "ms", Map.of(JVM, kGc / 1e6, GIT, gGc / 1e6), null);

        long kAgg = k.gc(true);
        double kAggSize = treeSize(k.store) / MB;
        List<String> agg = List.of("git", "--git-dir=" + g.store, "--work-tree=" + s.work, "gc", "-q", "--aggressive");
        Proc gp = runProcess(agg, s.work, toolEnv(Map.of()), gitGcTimeoutSeconds);
        if (gp.exit == -1) {
            // Killed: the repository stays valid (git gc only adds a pack, then deletes what it replaces).
            String why = "git gc --aggressive did not finish in " + gitGcTimeoutSeconds + " s (--git-gc-timeout)";
            System.out.println("  [" + w + "] " + why);
            add(w, GC_AGGRESSIVE, "MB", Map.of(JVM, kAggSize), "git n/a: " + why);
            add(w, "gc time: aggressive", "ms", Map.of(JVM, kAgg / 1e6), "git n/a: " + why);
        } else {
            check(gp, "git gc --aggressive");
            add(w, GC_AGGRESSIVE, "MB", Map.of(JVM, kAggSize, GIT, treeSize(g.store) / MB), null);
            add(w, "gc time: aggressive", "ms", Map.of(JVM, kAgg / 1e6, GIT, gp.nanos / 1e6), null);
        }
        System.out.printf(Locale.ROOT, "  [%s] du after aggressive gc: kamaros %s, git %s%n", w, mb(du(k.store)),
                mb(du(g.store)));
        restoreAll(s, "restore first version after aggressive gc" + (cold ? ", cold cache" : ""), List.of(JVM, GIT));
    }

    /**
     * The first save's throughput, everything a save does (reading, hashing, chunking, compressing, writing);
     * for the parts alone on 64 MiB see the JMH {@link BlobStoreBenchmark}.
     */
    private void throughput(Sides s, long bytes) {
        Result first = find(s.name, FIRST);
        add(s.name, "first save throughput", "MB/s", perTool(s, t -> bytes / MB / (first.value(t.name) / 1e3)),
                String.format(Locale.ROOT, "%s in the folder; higher is better", mb(bytes)));
    }

    private static Map<String, Double> perTool(Sides s, ToDoubleFunction<Tool> f) {
        Map<String, Double> out = new LinkedHashMap<>();
        s.tools.values().forEach(t -> out.put(t.name, f.applyAsDouble(t)));
        return out;
    }

    /** Store bytes, allocated bytes, allocated/bytes and number of files, per tool. */
    private void storeRows(Sides s, String when) throws IOException {
        Map<String, Double> bytes = new LinkedHashMap<>();
        Map<String, Double> allocated = new LinkedHashMap<>();
        Map<String, Double> ratio = new LinkedHashMap<>();
        Map<String, Double> files = new LinkedHashMap<>();
        for (Tool t : s.tools.values()) {
            long b = treeSize(t.store);
            long a = du(t.store);
            bytes.put(t.name, b / MB);
            if (a >= 0) {
                allocated.put(t.name, a / MB);
                ratio.put(t.name, a / (double) b);
            }
            files.put(t.name, (double) fileCount(t.store));
        }
        System.out.printf(Locale.ROOT, "  [%s] working folder %s; local caches outside the stores: %s%n", s.name,
                mb(treeSize(s.work)), mb(treeSize(toolHome)));
        add(s.name, STORE_BYTES + when, "MB", bytes, "git: loose objects");
        add(s.name, STORE_ALLOCATED + when, "MB", allocated, "du -sk");
        add(s.name, ALLOCATED_RATIO + when, "×", ratio, null);
        add(s.name, STORE_FILES + when, "files", files, null);
    }

    /** Restores the first version with each tool (of {@code names}, or all) into fresh folders; checks each. */
    private void restoreAll(Sides s, String measure, List<String> names) throws Exception {
        Map<String, Double> ms = new LinkedHashMap<>();
        long bytes = 0;
        long files = 0;
        for (Tool t : s.rotated(names)) {
            Path into = s.dir.resolve("restore-" + t.store.getFileName());
            deleteTree(into);
            Files.createDirectories(into);
            if (cold && !dropCaches()) {
                throw new IllegalStateException("drop_caches worked at start, no longer");
            }
            long nanos = t.restore(t.firstId, into);
            String digest = treeDigest(into);
            if (!digest.equals(s.firstDigest)) {
                throw new IllegalStateException(s.name + " " + measure + ": " + t.name
                        + " restored other bytes than version 1 had");
            }
            bytes = treeSize(into);
            files = fileCount(into);
            ms.put(t.name, nanos / 1e6);
            deleteTree(into);
        }
        add(s.name, measure, "ms", ms, String.format(Locale.ROOT, "files: %,d, %s; every tool's byte-exact", files,
                mb(bytes)));
    }

    // ------------------------------------------------------------------ W1: source-like

    private void w1() throws Exception {
        int files = quick ? 250 : 2_500;
        int versions = quick ? 10 : 100;
        System.out.println();
        System.out.println("== W1 source-like: " + files + " text files, " + versions + " versions");
        try (Sides s = new Sides("W1")) {
            W1Workload w = new W1Workload(s.work, 0x57_31L);
            long bytes = w.create(files);
            System.out.printf(Locale.ROOT, "  generated %,d files, %s%n", files, mb(bytes));
            settle();
            s.saveAll("v1: import");
            for (int v = 2; v <= versions; v++) {
                w.edit(v); // a few small edits, as in a day of programming; adds, deletes and renames now and then
                settle();
                s.saveAll("v" + v);
            }
            System.out.println("  edits: " + w.summary());
            common(s);
            target("W1", INCREMENTAL, Target.ratio(JVM, 1.0, GIT));
            target("W1", NO_CHANGE, Target.ratio(JVM, 1.0, GIT));
            target("W1", restoreMeasure, Target.ratio(JVM, 1.0, GIT));
            target("W1", STORE_BYTES, Target.ratio(JVM, 1.0, GIT));
            target("W1", ALLOCATED_RATIO, Target.absolute(CLI, "≤ 1.2× its bytes", 1.2));
            target("W1", GC_AGGRESSIVE, Target.ratio(JVM, 1.0, GIT));
            s.close();
            Tool k = s.tools.get(CLI);
            cliStartup(s.git(), k == null ? null : k.store, "the W1 folder");
        }
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
        SplittableRandom rnd = new SplittableRandom(W2_SEED);
        try (Sides s = new Sides("W2")) {
            List<String> paths = new ArrayList<>();
            long bytes = writeW2FirstVersion(s.work, rnd, small, large, div, paths);
            int next = paths.size();
            System.out.printf(Locale.ROOT, "  generated %,d files, %s%n", paths.size(), mb(bytes));
            settle();
            s.saveAll("v1: import");
            throughput(s, bytes);
            for (int v = 2; v <= versions; v++) {
                for (String f : W1Workload.pick(rnd, paths, 5)) {
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
                s.saveAll("v" + v);
            }
            common(s);
            Result restore = find("W2", restoreMeasure);
            add("W2", TOTAL, "ms", perTool(s, t -> t.totalNanos / 1e6 + restore.value(t.name)),
                    versions + " saves + restore of the first version");
            target("W2", FIRST, Target.ratio(CLI, 1.0, BORG));
            target("W2", INCREMENTAL, Target.ratio(CLI, 1.0, BORG));
            target("W2", STORE_BYTES, Target.ratio(JVM, 0.8, GIT));
            target("W2", TOTAL, Target.ratio(JVM, 1.0, GIT));
        }
    }

    private static final long W2_SEED = 0x57_32L;
    private static final long W3_SEED = 0x57_33L;

    /**
     * W2's first version into {@code work}: {@code small} incompressible files of 0.1–2 MB and {@code large} partly
     * compressible ones of 4–12 MB (each divided by {@code div}); adds their paths; returns their bytes.
     */
    private static long writeW2FirstVersion(Path work, SplittableRandom rnd, int small, int large, int div,
                                            List<String> paths) throws IOException {
        long bytes = 0;
        int next = 0;
        for (; next < small; next++) {
            String f = "assets/set" + rnd.nextInt(10) + "/asset" + next + ".bin";
            int size = (100 * KB + rnd.nextInt(1948 * KB)) / div; // 0.1–2 MB
            bytes += writeBytes(work.resolve(f), EngineScenarioBenchmark.binaryBytes(rnd, size, false));
            paths.add(f);
        }
        for (int i = 0; i < large; i++, next++) {
            String f = "assets/big/asset" + next + ".pak";
            int size = (4 * MIB + rnd.nextInt(8 * MIB)) / div; // 4–12 MB
            bytes += writeBytes(work.resolve(f), EngineScenarioBenchmark.binaryBytes(rnd, size, true));
            paths.add(f);
        }
        return bytes;
    }

    /** W3's file: {@code size} incompressible bytes. */
    private static void writeW3File(Path file, SplittableRandom rnd, long size) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buf = new byte[8 * MIB];
            for (long done = 0; done < size; done += buf.length) {
                rnd.nextBytes(buf);
                out.write(buf, 0, (int) Math.min(buf.length, size - done));
            }
        }
    }

    /**
     * {@code --generate}: only writes the first version of W2 and W3 (as the full run makes them) into
     * {@code DIR/W2} and {@code DIR/W3}, for measuring one save by hand ({@code bench/first-save-cpu.sh}).
     */
    private static void generateFirstVersions(Path dir, Set<String> only) throws IOException {
        if (only.contains("W2")) {
            long bytes = writeW2FirstVersion(dir.resolve("W2"), new SplittableRandom(W2_SEED), 200, 20, 1,
                    new ArrayList<>());
            System.out.printf(Locale.ROOT, "W2: %s in %s%n", mb(bytes), dir.resolve("W2"));
        }
        if (only.contains("W3")) {
            writeW3File(dir.resolve("W3").resolve("disk.img"), new SplittableRandom(W3_SEED), 1024L * MIB);
            System.out.printf(Locale.ROOT, "W3: 1024 MiB in %s%n", dir.resolve("W3"));
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


    // ------------------------------------------------------------------ W3: one huge file

    private void w3() throws Exception {
        long size = quick ? 64L * MIB : 1024L * MIB;
        int change = quick ? MIB : 10 * MIB;
        System.out.println();
        System.out.printf(Locale.ROOT, "== W3 one %d MiB file, then %d MiB changed in the middle%n", size / MIB,
                change / MIB);
        SplittableRandom rnd = new SplittableRandom(W3_SEED);
        try (Sides s = new Sides("W3")) {
            Path file = s.work.resolve("disk.img");
            writeW3File(file, rnd, size);
            settle();
            long[] sha = new long[3];
            for (int i = 0; i < sha.length; i++) {
                long t0 = System.nanoTime();
                sha256(file);
                sha[i] = System.nanoTime() - t0;
            }
            double shaMs = median(sha) / 1e6;
            add("W3", "SHA-256 of the file (baseline)", "ms", Map.of(JVM, shaMs),
                    "MessageDigest in this JVM, 1 MiB reads, median of 3");
            s.saveAll("v1: image");
            throughput(s, size);
            storeRows(s, " after the first save");
            Map<String, Long> after1 = new LinkedHashMap<>();
            s.tools.values().forEach(t -> after1.put(t.name, treeSize(t.store)));
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
            s.saveAll("v2: middle changed");
            String second = "second save (" + change / MIB + " MiB changed)";
            add("W3", second, "ms", perTool(s, t -> t.incremental.get(0) / 1e6), null);
            add("W3", "second save / SHA-256 time", "×", perTool(s, t -> t.incremental.get(0) / 1e6 / shaMs),
                    "each tool against the baseline");
            add("W3", "store growth at the second save", "MB",
                    perTool(s, t -> (treeSize(t.store) - after1.get(t.name)) / MB), null);
            add("W3", "store growth / changed bytes", "×",
                    perTool(s, t -> (treeSize(t.store) - after1.get(t.name)) / (double) change),
                    (change / MIB) + " MiB changed");
            common(s);
            target("W3", FIRST, Target.ratio(CLI, 1.0, BORG));
            target("W3", second, Target.ratio(CLI, 1.0, BORG));
            target("W3", restoreMeasure, Target.ratio(CLI, 1.0, RESTIC));
            target("W3", STORE_FILES + " after the first save", Target.absolute(CLI, "≤ 50", 50));
            target("W3", "second save / SHA-256 time", Target.absolute(JVM, "≤ 1.5×", 1.5));
            target("W3", "store growth / changed bytes", Target.absolute(JVM, "≤ 1.5×", 1.5));
        }
    }

    // ------------------------------------------------------------------ CLI start-up

    private void cliOnSmallProject() throws Exception {
        Path work = base.resolve("cli").resolve("work");
        SplittableRandom rnd = new SplittableRandom(0x43_4CL);
        for (int i = 0; i < 200; i++) {
            W1Workload.writeText(work.resolve(W1Workload.path(rnd, i)), rnd);
        }
        Path project = base.resolve("cli").resolve("project");
        KamarosCli k = new KamarosCli(work, project);
        k.save("v1", false);
        cliStartup(null, project, "a 200-file folder");
    }

    /**
     * Times {@code <cli> --version} and {@code <cli> -C <project> status} as processes, median of 7, on a
     * project the CLI made; for scale, a JVM's bare start ({@code java -version}) and {@code git status}.
     */
    private void cliStartup(Git git, Path project, String where) throws Exception {
        long[] javaFloor = new long[7];
        for (int i = 0; i < javaFloor.length; i++) {
            javaFloor[i] = runProcess(List.of(javaBin(), "-version"), base, Map.of()).nanos;
        }
        add("CLI", "JVM start alone (java -version)", "ms", Map.of(CLI, median(javaFloor) / 1e6),
                "for scale: the floor of any Java command");
        if (git != null) {
            long[] gs = new long[7];
            for (int i = 0; i < gs.length; i++) {
                gs[i] = git.in(List.of("status", "--porcelain")).nanos;
            }
            add("CLI", "status (git status --porcelain), " + where, "ms", Map.of(GIT, median(gs) / 1e6), "for scale");
        }
        if (project == null) {
            return;
        }
        for (List<String> args : List.of(List.of("--version"), List.of("-C", project.toString(), "status"))) {
            String label = "kamaros " + args.get(args.size() - 1);
            List<String> cmd = concat(cli, args);
            long[] t = new long[7];
            Proc last = null;
            for (int i = 0; i < t.length; i++) {
                last = runProcess(cmd, base, toolEnv(Map.of()));
                t[i] = last.nanos;
            }
            String firstLine = (last.out.isBlank() ? last.err : last.out).strip().lines().findFirst().orElse("");
            System.out.printf(Locale.ROOT, "  [CLI] %s -> exit %d, \"%s\"%n", String.join(" ", cmd), last.exit,
                    firstLine);
            if (last.exit != 0) {
                add("CLI", label, "ms", Map.of(), "n/a: exit " + last.exit + ": " + firstLine);
            } else {
                add("CLI", label, "ms", Map.of(CLI, median(t) / 1e6),
                        "median of 7 processes" + (args.size() > 1 ? ", project on " + where : ""));
            }
            target("CLI", label, Target.absolute(CLI, "≤ 300 ms", 300));
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

    /** The environment of every tool's process: a fresh home, no user or system config, fixed identities. */
    private Map<String, String> toolEnv(Map<String, String> extra) {
        Map<String, String> e = new LinkedHashMap<>(extra);
        e.put("HOME", toolHome.toString());
        e.put("XDG_CONFIG_HOME", toolHome.resolve("config").toString());
        e.put("XDG_CACHE_HOME", toolHome.resolve("cache").toString());
        e.put("GIT_CONFIG_NOSYSTEM", "1");
        e.put("GIT_AUTHOR_NAME", "Bench");
        e.put("GIT_AUTHOR_EMAIL", "bench@example.org");
        e.put("GIT_COMMITTER_NAME", "Bench");
        e.put("GIT_COMMITTER_EMAIL", "bench@example.org");
        e.put("BORG_BASE_DIR", toolHome.resolve("borg").toString());
        e.put("BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK", "yes");
        e.put("BORG_RELOCATED_REPO_ACCESS_IS_OK", "yes");
        e.put("RESTIC_PASSWORD", "bench");
        e.put("RESTIC_CACHE_DIR", toolHome.resolve("restic-cache").toString());
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

    private void add(String w, String measure, String unit, Map<String, Double> values, String note) {
        Map<String, Double> ordered = new LinkedHashMap<>();
        TOOLS.stream().filter(values::containsKey).forEach(t -> ordered.put(t, values.get(t)));
        Result r = new Result(w, measure, unit, ordered, null, note);
        results.add(r);
        System.out.println("  " + line(r));
    }

    private Result find(String w, String measure) {
        return results.stream().filter(r -> r.workload.equals(w) && r.measure.equals(measure)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + measure + " for " + w));
    }

    private void target(String w, String measure, Target t) {
        results.replaceAll(r -> r.workload.equals(w) && r.measure.equals(measure) ? r.withTarget(t) : r);
    }

    private static String line(Result r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "[%s] %-44s", r.workload, r.measure));
        r.values.forEach((tool, v) -> b.append("  ").append(tool).append(' ').append(num(v, r.unit)));
        return b.toString();
    }

    private static String num(Double v, String unit) {
        if (v == null) {
            return "";
        }
        return switch (unit) {
            case "×" -> String.format(Locale.ROOT, "%.2f×", v);
            case "files" -> String.format(Locale.ROOT, "%,.0f", v);
            default -> String.format(Locale.ROOT, v >= 100 ? "%,.0f %s" : "%.1f %s", v, unit);
        };
    }

    private static String ratio(Result r, String tool, String to) {
        Double x = r.ratio(tool, to);
        return x == null ? "" : String.format(Locale.ROOT, x < 0.1 ? "%.3f×" : "%.2f×", x);
    }

    private void printTable() {
        System.out.println();
        System.out.println("| workload | measure | kamaros | ×borg | ×restic | ×git | kamaros in-process | in-process ×git"
                + " | git | borg | restic | target | met? | notes |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.workload, r.measure, num(r.value(CLI), r.unit), ratio(r, CLI, BORG), ratio(r, CLI, RESTIC),
                    ratio(r, CLI, GIT), num(r.value(JVM), r.unit), ratio(r, JVM, GIT), num(r.value(GIT), r.unit),
                    num(r.value(BORG), r.unit), num(r.value(RESTIC), r.unit),
                    r.target == null ? "" : r.target.label, r.met(), r.note == null ? "" : r.note);
        }
        System.out.println();
        System.out.println("(kamaros = the CLI launcher, a process per command; ms = wall time of the operation, processes"
                + " from start to exit; MB = 10^6 bytes; store = the history folder / git dir / borg or restic"
                + " repository, local caches not counted)");
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

    private static double median(List<Long> values) {
        return median(values.stream().mapToLong(Long::longValue).toArray());
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

    /** Bytes of the regular files under {@code dir} (0 when it does not exist). */
    private static long treeSize(Path dir) {
        return files(dir).mapToLong(f -> {
            try {
                return Files.size(f);
            } catch (IOException e) {
                return 0; // removed while walking (a temp file)
            }
        }).sum();
    }

    /** Number of regular files under {@code dir}. */
    private static long fileCount(Path dir) {
        return files(dir).count();
    }

    private static Stream<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
}
