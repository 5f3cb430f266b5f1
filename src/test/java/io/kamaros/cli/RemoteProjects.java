package io.kamaros.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.history.sync.PushRecord;
import io.kamaros.engine.remote.ObjectInfo;
import io.kamaros.engine.remote.RemoteStore;
import io.kamaros.engine.remote.S3ProxyProcess;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the tests with remote servers and clients in separate processes share: projects, snapshots, waiting. */
final class RemoteProjects {
    private RemoteProjects() {
    }

    /** The CLI's test environment (author, e-mail) with {@code s3}'s credentials. */
    static Map<String, String> env(S3ProxyProcess s3) {
        Map<String, String> env = new HashMap<>(CliRunner.ENV);
        env.putAll(s3.env());
        return env;
    }

    /**
     * {@link #env} with 1 MiB packs: each version's data fills packs of its own, which a push sends as they are
     * (small packs go up merged into one upload pack), so a push is many requests a kill can fall between.
     */
    static Map<String, String> envWithSmallPacks(S3ProxyProcess s3) {
        Map<String, String> env = env(s3);
        env.put("JCF_PACK_BYTES", Integer.toString(1 << 20));
        return env;
    }

    /** {@code kamaros remote add origin s3://BUCKET/PREFIX --endpoint … --path-style} in {@code project}. */
    static void addOrigin(Path project, Map<String, String> env, S3ProxyProcess s3, String prefix) {
        CliRunner.Result added = CliRunner.run(project, false, env, "remote", "add", "origin", s3.url(prefix),
                "--endpoint", s3.endpoint(), "--path-style");
        assertThat(added.exit()).as(added.toString()).isZero();
    }

    /**
     * {@code kamaros init NAME} in {@code dir}, then {@code versions} commits, each adding a file of {@code bytes}
     * random (incompressible) bytes and a line to a text file.
     */
    static Path withVersions(Path dir, String name, int versions, int bytes, Map<String, String> env) throws IOException {
        CliRunner.Result init = CliRunner.run(dir, false, env, "init", name);
        assertThat(init.exit()).as(init.toString()).isZero();
        Path project = dir.resolve(name);
        addVersions(project, name, 0, versions, bytes, env);
        return project;
    }

    /** Commits versions {@code from} … {@code from + count - 1}, as {@link #withVersions}. */
    static void addVersions(Path project, String name, int from, int count, int bytes, Map<String, String> env)
            throws IOException {
        Random random = new Random(name.hashCode() * 31L + from);
        for (int v = from; v < from + count; v++) {
            byte[] data = new byte[bytes];
            random.nextBytes(data);
            Files.write(project.resolve("content/" + name + "-" + v + ".bin"), data);
            Path notes = project.resolve("content/notes.txt");
            Files.writeString(notes, (Files.exists(notes) ? Files.readString(notes) : "") + name + " " + v + "\n");
            CliRunner.Result commit = CliRunner.run(project, false, env, "commit", "-m", name + " " + v);
            assertThat(commit.exit()).as(commit.toString()).isZero();
        }
    }

    /** Every file under {@code folder} with the SHA-256 of its bytes; not the lock file (it names its last holder). */
    static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(f -> Files.isRegularFile(f) && !f.endsWith(".store/lock")).toList()) {
                out.put(folder.relativize(f).toString(),
                        HexFormat.of().formatHex(RemoteStore.digest("SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        return out;
    }

    static int localPacks(Path project) throws IOException {
        try (Stream<Path> s = Files.list(project.resolve(".store/packs"))) {
            return (int) s.filter(f -> f.toString().endsWith(".pack")).count();
        }
    }

    /** The bytes of the project's packs and their indexes. */
    static long packBytes(Path project) throws IOException {
        try (Stream<Path> s = Files.list(project.resolve(".store/packs"))) {
            long total = 0;
            for (Path f : s.filter(f -> f.toString().endsWith(".pack") || f.toString().endsWith(".idx")).toList()) {
                total += Files.size(f);
            }
            return total;
        }
    }

    /** Every version id in the remote's push records, with how many records hold it (1 each, when all is well). */
    static Map<String, Integer> recordedVersions(S3ProxyProcess s3, String prefix) {
        Map<String, Integer> out = new TreeMap<>();
        try (RemoteStore remote = s3.store(prefix)) {
            for (ObjectInfo o : remote.list(PushRecord.PREFIX)) {
                PushRecord r = PushRecord.decode(o.name(), remote.get(o.name()).orElseThrow(), null, remote.describe());
                r.versions().forEach(v -> out.merge(v.id(), 1, Integer::sum));
            }
        }
        return out;
    }

    static JcfManager open(Path project) {
        JcfManager jcf = new JcfManager();
        jcf.init(new FileAdapter(project));
        return jcf;
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls {@code condition} every 10 ms; returns {@link System#nanoTime()} when it first holds. */
    static long waitUntil(Condition condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not so after " + seconds + " s");
            }
            Thread.sleep(10);
        }
        return System.nanoTime();
    }
}
