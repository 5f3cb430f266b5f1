package io.kamaros.engine;

import static io.kamaros.Trees.deleteTree;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.ChildJvm;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.remote.FolderBackend;
import io.kamaros.engine.remote.ObjectInfo;
import io.kamaros.engine.remote.RemoteStore;
import io.kamaros.engine.remote.S3ProxyProcess;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What the tests that kill remote operations in child JVMs ({@link RemoteKillChild}) share: the remote (a folder, or
 * S3Proxy as a process of its own), the child, and the checks of a history against what the test wrote.
 */
final class KilledRemotes {
    private KilledRemotes() {
    }

    enum Kind { FOLDER, S3 }

    static final String PREFIX = "novel";

    /** The remote a test works on: a folder, or S3Proxy in a process of its own ({@link S3ProxyProcess}). */
    static final class Remote implements AutoCloseable {
        final Kind kind;
        private final @Nullable S3ProxyProcess s3;
        private final Path folder;

        private Remote(Kind kind, @Nullable S3ProxyProcess s3, Path folder) {
            this.kind = kind;
            this.s3 = s3;
            this.folder = folder;
        }

        static Remote start(Kind kind, Path dir) throws IOException {
            return kind == Kind.S3 ? new Remote(kind, S3ProxyProcess.start(dir.resolve("server")), dir)
                    : new Remote(kind, null, Files.createDirectories(dir.resolve("remote")));
        }

        RemoteConfig config() {
            return s3 != null ? s3.config("origin", PREFIX) : RemoteConfig.folder("origin", folder);
        }

        /** The environment of the test's engine and of its children: author, and S3's credentials. */
        Map<String, String> env() {
            Map<String, String> env = new HashMap<>(Map.of("JCF_AUTHOR", "Tess Ter", "JCF_EMAIL", "tess@example.com"));
            if (s3 != null) {
                env.putAll(s3.env());
            }
            return env;
        }

        /** The arguments a cloning child takes: URL, endpoint. */
        String[] cloneArgs() {
            return s3 != null ? new String[] {s3.url(PREFIX), s3.endpoint()}
                    : new String[] {folder.toAbsolutePath().toString(), "-"};
        }

        /** A client of the remote, for the test to look at what it holds. */
        RemoteStore store() {
            return s3 != null ? s3.store(PREFIX) : new RemoteStore(new FolderBackend(folder));
        }

        Remotes remotes(JcfManager jcf) {
            return new Remotes(jcf, env());
        }

        /** Every object on the remote with its bytes (S3Proxy's temp files of a killed upload left out). */
        Map<String, byte[]> objects() {
            Map<String, byte[]> out = new TreeMap<>();
            try (RemoteStore store = store()) {
                for (ObjectInfo o : store.list("")) {
                    if (!o.name().matches("packs/.*\\.(pack|idx)-.*")) {
                        store.get(o.name()).ifPresent(b -> out.put(o.name(), b));
                    }
                }
            }
            return out;
        }

        @Override
        public void close() throws InterruptedException {
            if (s3 != null) {
                s3.close();
            }
        }
    }

    /** A {@link RemoteKillChild} running. */
    static final class Child {
        final Process process;
        final Path log;

        private Child(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        /** Starts {@code op} on {@code project}, to pause at the {@code nth} point matching {@code pause}. */
        static Child start(Remote remote, Path logs, String op, Path project, String pause, int nth, String... more)
                throws IOException {
            List<String> args = new ArrayList<>(List.of(op, project.toString(), pause, Integer.toString(nth)));
            args.addAll(List.of(more));
            Path log = logs.resolve(op + "-" + System.nanoTime() + ".log");
            Files.createDirectories(logs);
            Map<String, String> env = remote.env();
            return new Child(ChildJvm.start(logs, log, env, RemoteKillChild.class.getName(),
                    args.toArray(String[]::new)), log);
        }

        /**
         * Waits until the child paused or ended: the point it paused at (then kills it, kill -9), or empty when it
         * ended (its exit value must be 0).
         */
        Optional<String> killWhenPausedOrEnded() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                Optional<String> paused = output().lines().filter(l -> l.startsWith("PAUSED ")).findFirst()
                        .map(l -> l.substring("PAUSED ".length()));
                if (paused.isPresent()) {
                    process.destroyForcibly();
                    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
                    return paused;
                }
                if (process.waitFor(10, TimeUnit.MILLISECONDS)) {
                    if (output().lines().anyMatch(l -> l.startsWith("PAUSED "))) {
                        continue; // paused and then killed by no one: cannot be, but read it as such
                    }
                    assertThat(process.exitValue()).as(output()).isZero();
                    return Optional.empty();
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new AssertionError("the child neither paused nor ended:\n" + output());
                }
            }
        }

        /** Waits for the child to end by itself; it must succeed. */
        void awaitSuccess() throws Exception {
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("child ended").isTrue();
            assertThat(process.exitValue()).as(output()).isZero();
        }

        /** The number of named points a child that ran to its end passed ({@code DONE points=n}). */
        int points() throws IOException {
            String out = output();
            return out.lines().filter(l -> l.startsWith("DONE points=")).findFirst()
                    .map(l -> Integer.parseInt(l.substring("DONE points=".length()).split(" ")[0]))
                    .orElseThrow(() -> new AssertionError("not done:\n" + out));
        }

        String output() throws IOException {
            return Files.readString(log);
        }
    }

    static JcfManager open(Path project) {
        JcfManager jcf = new JcfManager(JcfConfig.builder().author("Tess Ter").build());
        jcf.init(new FileAdapter(project));
        return jcf;
    }

    /** Opens {@code project} as a killed child left it and verifies it deep: no error. */
    static void assertOpensAndVerifiesDeep(Path project, String what) {
        try (JcfManager jcf = open(project)) {
            VerificationReport report = jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build());
            assertThat(report.errors()).as("%s: deep verify", what).isEmpty();
        }
    }

    /** The files of the version {@code id} of {@code jcf}: path → bytes. */
    static Map<String, byte[]> filesOf(JcfManager jcf, String id) {
        Version v = jcf.getVersion(id).orElseThrow(() -> new AssertionError("missing version " + id));
        Map<String, byte[]> out = new TreeMap<>();
        for (FileState f : v.fileStates().values()) {
            out.put(f.path(), jcf.getFileContent(f.path(), id));
        }
        return out;
    }

    /** {@code actual} has the files of {@code expected}, each byte-exact. */
    static void assertSameFiles(Map<String, byte[]> actual, Map<String, byte[]> expected, String what) {
        assertThat(actual.keySet()).as("%s: files", what).isEqualTo(expected.keySet());
        expected.forEach((path, bytes) -> assertThat(actual.get(path)).as("%s: %s", what, path).isEqualTo(bytes));
    }

    /** {@code jcf} holds exactly the versions of {@code expected} (id → files), each of them byte-exact. */
    static void assertHistory(JcfManager jcf, Map<String, Map<String, byte[]>> expected, String what) {
        assertThat(jcf.getHistory().stream().map(Version::id).toList()).as("%s: versions", what)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, Map<String, byte[]>> v : expected.entrySet()) {
            assertSameFiles(filesOf(jcf, v.getKey()), v.getValue(), what + ", version " + v.getKey());
        }
    }

    /** Clones the remote into {@code folder} (in this JVM) and checks it holds exactly {@code expected}, byte-exact. */
    static void assertClonesExactly(Remote remote, Path folder, Map<String, Map<String, byte[]>> expected,
                                    String what) throws IOException {
        Remotes.clone(remote.config(), folder, null, remote.env(), CancellationToken.NONE, e -> { });
        try (JcfManager copy = open(folder)) {
            assertHistory(copy, expected, what + ", its clone");
        }
        deleteTree(folder);
    }

    /** Whether {@code data} holds {@code needle}. */
    static boolean contains(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
