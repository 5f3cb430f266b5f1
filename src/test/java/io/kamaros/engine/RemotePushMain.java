package io.kamaros.engine;

import static io.kamaros.Trees.deleteTree;
import io.kamaros.bench.EngineScenarioBenchmark;
import io.kamaros.bench.W1Workload;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemoteTransferResult;
import io.kamaros.engine.remote.RemoteStore;
import io.kamaros.engine.remote.S3ProxyProcess;
import io.kamaros.engine.remote.S3ProxyServer;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Measures (not a test) a project's history on remotes against what people use today, in one run on one machine:
 * <ul>
 *   <li>the first push of a W1-like project (2,500 text files over 100 versions, {@link W1Workload}) and of a
 *   W2-like one (binaries, scaled by {@code --w2-mb}) to a folder remote and to S3Proxy, against
 *   {@code rclone copy} of the same working files to the same places;</li>
 *   <li>the push after one changed file ({@code --one-change-rounds} times): requests by kind, the time spent in
 *   each kind, and seconds;</li>
 *   <li>the clone of W1 (in-process, and with {@code --cli} through the launcher a user runs) against
 *   {@code git clone} of the same 100 versions from a local bare repository (default local clone, and
 *   {@code --no-local}, which packs and sends objects as over a network).</li>
 * </ul>
 * Every clone's working files are compared (SHA-256 of every path and content) with the project's.
 *
 * <p>The S3 server ({@code --server process}, the default) is S3Proxy 4.1.0 in a JVM of its own
 * ({@link S3ProxyProcess#startPlain}: in memory, as it is), so that kamaros in-process, kamaros through the CLI and
 * rclone are all clients of one server that shares no JVM with any of them. {@code --server jvm} runs it inside this
 * JVM instead (as the first runs did), beside the in-process client.
 * <pre>
 * java -cp "target/classes:target/test-classes:$(cat cp)" io.kamaros.engine.RemotePushMain DIR \
 *      [--files 2500] [--versions 100] [--w2-mb 100] [--cli "java -jar target/kamaros.jar"]   (--files 0: W2 only)
 *      [--server process|jvm] [--one-change-rounds 1]
 * java ... io.kamaros.engine.RemotePushMain --clone-only URL DEST     (one clone, e.g. under JFR)
 * java ... io.kamaros.engine.RemotePushMain --clone-only URL DEST --rounds N [--git BARE]   (N clones in one JVM)
 * </pre>
 */
public final class RemotePushMain {
    private static final int MIB = 1 << 20;

    private RemotePushMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--clone-only")) {
            if (args.length > 3) {
                cloneRounds(args);
                return;
            }
            long t0 = System.nanoTime();
            RemoteTransferResult r = Remotes.clone(new RemoteConfig("origin", args[1], null, null, false, null),
                    Path.of(args[2]), null, System.getenv(), CancellationToken.NONE, e -> { });
            System.out.printf(Locale.ROOT, "clone: %d versions, %d packs, %.2f s%n", r.versionsReceived(),
                    r.packsReceived(), seconds(t0));
            return;
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        if (Files.exists(dir) && !isEmptyDir(dir)) {
            throw new IllegalArgumentException(dir + " must be absent or empty");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        int files = Integer.parseInt(options.getOrDefault("--files", "2500"));
        int versions = Integer.parseInt(options.getOrDefault("--versions", "100"));
        int w2Mb = Integer.parseInt(options.getOrDefault("--w2-mb", "100"));
        String cli = options.get("--cli");
        int rounds = Integer.parseInt(options.getOrDefault("--one-change-rounds", "1"));
        boolean ownProcess = options.getOrDefault("--server", "process").equals("process");
        System.out.printf(Locale.ROOT, "RemotePushMain %s, %d cores, load %s; S3Proxy %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), load(), ownProcess
                        ? "in a process of its own (in memory, as it is)" : "in this JVM (in memory, as it is)");
        if (ownProcess) {
            Files.createDirectories(dir);
            try (S3ProxyProcess p = S3ProxyProcess.startPlain(dir.resolve("s3proxy"))) {
                runAll(dir, new Server(p.endpoint(), p.env(), p::newBucket), cli, files, versions, rounds, w2Mb);
            }
        } else {
            try (S3ProxyServer s = S3ProxyServer.start(false)) {
                runAll(dir, new Server(s.endpoint(), s.env(), s::newBucket), cli, files, versions, rounds, w2Mb);
            }
        }
    }

    /**
     * {@code --clone-only URL DEST --rounds N [--git BARE]}: N clones in this JVM (the first warms it up, as the
     * full run's pushes do), each followed by a {@code git clone} of BARE when given; each clone's files are compared
     * with the first's (and with git's), and the median of the warm rounds is printed. Alternating two builds of
     * the engine under the same load: put this test folder first and either build's classes after it.
     */
    private static void cloneRounds(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 3; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "4"));
        String git = options.get("--git");
        Path dest = Path.of(args[2]).toAbsolutePath();
        List<Double> kamaros = new ArrayList<>();
        List<Double> gits = new ArrayList<>();
        String tree = null;
        for (int i = 0; i < rounds; i++) {
            Path into = dest.resolve("kamaros-" + i);
            long t0 = System.nanoTime();
            RemoteTransferResult r = Remotes.clone(new RemoteConfig("origin", args[1], null, null, false, null),
                    into, null, System.getenv(), CancellationToken.NONE, e -> { });
            double s = seconds(t0);
            String digest = treeDigest(into.resolve("content"));
            if (tree == null) {
                tree = digest;
            } else if (!tree.equals(digest)) {
                throw new IllegalStateException("clone " + i + ": the working files differ from the first clone's");
            }
            String line = String.format(Locale.ROOT, "round %d: clone %d versions, %d packs, %.3f s", i,
                    r.versionsReceived(), r.packsReceived(), s);
            if (git != null) {
                Path gitInto = dest.resolve("git-" + i);
                t0 = System.nanoTime();
                Process p = new ProcessBuilder("git", "clone", "-q", git, gitInto.toString()).inheritIO().start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("git clone failed: " + p.exitValue());
                }
                double g = seconds(t0);
                deleteTree(gitInto.resolve(".git"));
                check(gitInto, tree, "git clone");
                line += String.format(Locale.ROOT, "; git clone (local) %.3f s; ratio %.2f×", g, s / g);
                if (i > 0) {
                    gits.add(g);
                }
            }
            if (i > 0) {
                kamaros.add(s);
            }
            System.out.println(line + "; load " + load());
        }
        if (!kamaros.isEmpty()) {
            double k = median(kamaros);
            System.out.printf(Locale.ROOT, "median of %d warm rounds: clone %.3f s%s%n", kamaros.size(), k,
                    gits.isEmpty() ? "" : String.format(Locale.ROOT, ", git clone %.3f s, ratio %.2f×", median(gits),
                            k / median(gits)));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void runAll(Path dir, Server s3, @Nullable String cli, int files, int versions, int rounds,
                               int w2Mb) throws Exception {
        if (files > 0) {
            new RemotePushMain.Run(dir, s3, cli).w1(files, versions, rounds);
        }
        if (w2Mb > 0) {
            new RemotePushMain.Run(dir, s3, cli).w2(w2Mb);
        }
    }

    /** The S3 server every client of the run sends to. */
    private record Server(String endpoint, Map<String, String> env, Supplier<String> buckets) {
        String newBucket() {
            return buckets.get();
        }
    }

    /** One workload's project, its remotes and what was measured on them. */
    private static final class Run {
        final Path dir;
        final Server s3;
        final @Nullable String cli;
        final Map<String, CountingBackend> counters = new HashMap<>();
        /** Nanoseconds the last opening of each remote's backend took (an S3 client is built per operation). */
        final Map<String, Long> openNanos = new HashMap<>();

        Run(Path dir, Server s3, @Nullable String cli) {
            this.dir = dir;
            this.s3 = s3;
            this.cli = cli;
        }

        void w1(int files, int versions, int rounds) throws Exception {
            Path base = Files.createDirectories(dir.resolve("w1"));
            Path work = Files.createDirectories(base.resolve("work"));
            Path git = base.resolve("git.git");
            run(base, List.of("git", "init", "-q", "--bare", git.toString()));
            JcfManager jcf = project(base.resolve("history"), work);
            W1Workload w = new W1Workload(work, 0x57_31L);
            long bytes = w.create(files);
            long kamarosNanos = 0;
            for (int v = 1; v <= versions; v++) {
                if (v > 1) {
                    w.edit(v);
                }
                long t0 = System.nanoTime();
                jcf.saveCheckpoint("v" + v);
                kamarosNanos += System.nanoTime() - t0;
                gitIn(git, work, "add", "-A");
                gitIn(git, work, "commit", "-q", "-m", "v" + v);
            }
            System.out.printf(Locale.ROOT, "%n== W1: %,d files (%.1f MB first version), %d versions (%s); saves %.1f s%n",
                    files, bytes / 1e6, versions, w.summary(), kamarosNanos / 1e9);
            String tree = treeDigest(work);

            Remotes remotes = remotes(jcf);
            List<RemoteConfig> targets = targets(base, remotes, "w1");
            pushAgainstRclone(remotes, targets, work, base, "W1");

            Path one = work.resolve(w.paths().get(0));
            for (int round = 1; round <= rounds; round++) {
                Files.writeString(one, Files.readString(one) + "// one more line " + round + "\n");
                jcf.saveCheckpoint("one change " + round);
                gitIn(git, work, "add", "-A");
                gitIn(git, work, "commit", "-q", "-m", "one change " + round);
                for (RemoteConfig r : targets) {
                    long t0 = System.nanoTime();
                    RemoteTransferResult pushed = remotes.push(r.name());
                    double s = seconds(t0);
                    CountingBackend c = counters.get(r.name()); // each push opens the remote anew
                    Map<String, String> ms = new TreeMap<>();
                    c.nanos.forEach((kind, n) -> ms.put(kind, String.format(Locale.ROOT, "%.1f", n.get() / 1e6)));
                    System.out.printf(Locale.ROOT, "W1 push after one changed file, %s: %d version, %d pack, %,d "
                            + "bytes, %d requests %s, %.3f s (ms in requests by kind %s; opening the remote %.1f ms)%n",
                            r.name(), pushed.versionsSent(), pushed.packsSent(), pushed.bytesSent(), c.total(),
                            c.requests, s, ms, openNanos.get(r.name()) / 1e6);
                }
            }
            tree = treeDigest(work);
            jcf.close();

            // clones: kamaros in-process and through the launcher, git from the bare repository
            List<String> lines = new ArrayList<>();
            for (RemoteConfig r : targets) {
                Path into = base.resolve("clone-" + r.name());
                long t0 = System.nanoTime();
                RemoteTransferResult cloned = Remotes.clone(r, into, Remotes.Layout.PROJECT, null, s3.env(),
                        CancellationToken.NONE, e -> { },
                        RemoteStore.Settings.defaults(), this::counting);
                double s = seconds(t0);
                check(into.resolve("content"), tree, "clone from " + r.name());
                lines.add(String.format(Locale.ROOT, "W1 clone, kamaros in-process, %s: %d versions, %d packs, "
                        + "%,d bytes, %d requests, %.2f s", r.name(), cloned.versionsReceived(), cloned.packsReceived(),
                        cloned.bytesReceived(), counters.get(r.name()).total(), s));
                if (cli != null) {
                    Path viaCli = base.resolve("cli-clone-" + r.name());
                    List<String> cmd = new ArrayList<>(List.of(cli.split(" ")));
                    cmd.addAll(List.of("clone", r.url(), viaCli.toString()));
                    if (r.endpoint() != null) {
                        cmd.addAll(List.of("--endpoint", r.endpoint(), "--path-style"));
                    }
                    t0 = System.nanoTime();
                    run(base, cmd);
                    s = seconds(t0);
                    check(viaCli.resolve("content"), tree, "CLI clone from " + r.name());
                    lines.add(String.format(Locale.ROOT, "W1 clone, kamaros CLI (%s), %s: %.2f s", cli, r.name(), s));
                }
            }
            for (String mode : List.of("local", "--no-local")) {
                Path into = base.resolve("git-clone" + mode.replace("-", "_"));
                List<String> cmd = new ArrayList<>(List.of("git", "clone", "-q"));
                if (!mode.equals("local")) {
                    cmd.add(mode);
                }
                cmd.addAll(List.of(git.toString(), into.toString()));
                long t0 = System.nanoTime();
                run(base, cmd);
                double s = seconds(t0);
                deleteTree(into.resolve(".git"));
                check(into, tree, "git clone " + mode);
                lines.add(String.format(Locale.ROOT, "W1 git clone (%s) of the bare repository: %.2f s", mode, s));
            }
            lines.forEach(System.out::println);
        }

        void w2(int megabytes) throws Exception {
            Path base = Files.createDirectories(dir.resolve("w2"));
            Path work = Files.createDirectories(base.resolve("work"));
            JcfManager jcf = project(base.resolve("history"), work);
            SplittableRandom rnd = new SplittableRandom(0x57_32L);
            long bytes = 0;
            long target = (long) megabytes * 1_000_000;
            List<Path> paths = new ArrayList<>();
            for (int i = 0; bytes < target; i++) {
                boolean large = i % 10 == 9; // as W2: mostly 0.1–2 MB incompressible, some 4–12 MB partly compressible
                int size = large ? 4 * MIB + rnd.nextInt(8 * MIB) : 100 * 1024 + rnd.nextInt(1948 * 1024);
                Path p = work.resolve("assets/set" + i % 10 + "/asset" + i + (large ? ".pak" : ".bin"));
                Files.createDirectories(p.getParent());
                Files.write(p, EngineScenarioBenchmark.binaryBytes(rnd, size, large));
                paths.add(p);
                bytes += size;
            }
            long t0 = System.nanoTime();
            jcf.saveCheckpoint("v1");
            System.out.printf(Locale.ROOT, "%n== W2: %,d binary files, %.1f MB, 1 version (save %.1f s)%n",
                    paths.size(), bytes / 1e6, seconds(t0));
            Remotes remotes = remotes(jcf);
            pushAgainstRclone(remotes, targets(base, remotes, "w2"), work, base, "W2");
            jcf.close();
        }

        private void pushAgainstRclone(Remotes remotes, List<RemoteConfig> targets, Path work, Path base,
                                       String workload) throws IOException, InterruptedException {
            for (RemoteConfig r : targets) {
                long t0 = System.nanoTime();
                RemoteTransferResult first = remotes.push(r.name());
                double kamaros = seconds(t0);
                CountingBackend c = counters.get(r.name());
                String rcloneTarget = r.isS3() ? "s3p:" + s3.newBucket() + "/" + workload.toLowerCase(Locale.ROOT)
                        : base.resolve("rclone-folder").toString();
                t0 = System.nanoTime();
                run(base, List.of("rclone", "copy", "--config", "/dev/null", work.toString(), rcloneTarget));
                double rclone = seconds(t0);
                System.out.printf(Locale.ROOT, "%s first push, %s: %d versions, %d packs, %,d bytes, %d requests, "
                        + "%.2f s; rclone copy of the working files: %.2f s; ratio %.2f×%n", workload, r.name(),
                        first.versionsSent(), first.packsSent(), first.bytesSent(), c.total(), kamaros, rclone,
                        kamaros / rclone);
            }
        }

        private List<RemoteConfig> targets(Path base, Remotes remotes, String prefix) throws IOException {
            List<RemoteConfig> out = List.of(
                    RemoteConfig.folder("folder", Files.createDirectories(base.resolve("remote-folder"))),
                    new RemoteConfig("s3proxy", "s3://" + s3.newBucket() + "/" + prefix, s3.endpoint(), null, true,
                            null));
            out.forEach(remotes::add);
            return out;
        }

        private Remotes remotes(JcfManager jcf) {
            return new Remotes(jcf.getAdapter(), s3.env(), RemoteStore.Settings.defaults(), jcf, this::counting);
        }

        private CountingBackend counting(RemoteConfig r) {
            long t0 = System.nanoTime();
            CountingBackend c = new CountingBackend(Remotes.defaultBackend(r, s3.env()));
            openNanos.put(r.name(), System.nanoTime() - t0);
            counters.put(r.name(), c);
            return c;
        }

        private void run(Path cwd, List<String> cmd) throws IOException, InterruptedException {
            Path log = Files.createTempFile("remote-bench-", ".log");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(s3.env());
            // rclone refuses to start with a custom CA bundle in the environment, even for plain HTTP
            pb.environment().remove("AWS_CA_BUNDLE");
            pb.environment().put("RCLONE_CONFIG_S3P_TYPE", "s3");
            pb.environment().put("RCLONE_CONFIG_S3P_PROVIDER", "Other");
            pb.environment().put("RCLONE_CONFIG_S3P_ENDPOINT", s3.endpoint());
            pb.environment().put("RCLONE_CONFIG_S3P_ACCESS_KEY_ID", S3ProxyServer.IDENTITY);
            pb.environment().put("RCLONE_CONFIG_S3P_SECRET_ACCESS_KEY", S3ProxyServer.CREDENTIAL);
            pb.environment().put("GIT_AUTHOR_NAME", "Bench");
            pb.environment().put("GIT_AUTHOR_EMAIL", "bench@example.org");
            pb.environment().put("GIT_COMMITTER_NAME", "Bench");
            pb.environment().put("GIT_COMMITTER_EMAIL", "bench@example.org");
            int exit = pb.start().waitFor();
            String output = Files.readString(log);
            Files.delete(log);
            if (exit != 0) {
                throw new IOException(String.join(" ", cmd) + " exited with " + exit + ":\n" + output);
            }
        }

        private void gitIn(Path git, Path work, String... args) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(List.of("git", "--git-dir=" + git, "--work-tree=" + work));
            cmd.addAll(List.of(args));
            run(work, cmd);
        }
    }

    private static JcfManager project(Path history, Path work) {
        JcfManager jcf = new JcfManager(JcfConfig.builder().author("Bench").email("bench@example.org").build());
        jcf.init(new FileAdapter(history, new FileAdapter.Options().workTree(work)));
        return jcf;
    }

    private static void check(Path folder, String expected, String what) throws Exception {
        if (!treeDigest(folder).equals(expected)) {
            throw new IllegalStateException(what + ": the working files differ from the project's");
        }
    }

    /** SHA-256 over every file's relative path and content, in path order. */
    private static String treeDigest(Path root) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            sha.update(root.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
