package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.kamaros.engine.history.SampleProject;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemotePruneResult;
import io.kamaros.engine.model.RemoteStatus;
import io.kamaros.engine.model.RemoteVerifyResult;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.objects.pack.PackFormat;
import io.kamaros.engine.objects.pack.PackIndex;
import io.kamaros.engine.objects.pack.PackReader;
import io.kamaros.engine.remote.ObjectInfo;
import io.kamaros.engine.remote.RemoteBackend;
import io.kamaros.engine.remote.RemoteStore;
import io.kamaros.engine.remote.S3ProxyServer;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A version forgotten by hand leaves the remote too (docs/storage-format.md, "Forgotten versions on a remote"): the
 * push after the forget carries it, every reader treats it as absent, a machine that had it loses it at its next
 * fetch, and remote pruning rewrites the packs that held its bytes and deletes the old ones after the safety delay.
 * Against a folder remote and a real S3 server (S3Proxy in this JVM), plain and encrypted; the prune's clock is the
 * test's ("an hour later" is a clock an hour ahead).
 */
class RemoteForgetTest {
    enum Kind { FOLDER, S3 }

    private static final Duration DELAY = Duration.ofHours(1);
    private static final char[] PASSWORD = "correct horse".toCharArray();
    private static final String SECRET_TEXT = "api-key = sk-live-4f1c2a9e77d04b1b, never share this\n";
    private static S3ProxyServer s3;

    @TempDir
    Path dir;

    private final List<JcfManager> open = new ArrayList<>();
    private final List<CountingBackend> backends = new ArrayList<>();
    private Consumer<CountingBackend> fault = b -> { };

    @BeforeAll
    static void startS3() {
        s3 = S3ProxyServer.start(true);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @AfterEach
    void closeProjects() {
        open.forEach(JcfManager::close);
    }

    static Stream<Arguments> kinds() {
        return Stream.of(Arguments.of(Kind.FOLDER, false), Arguments.of(Kind.S3, false),
                Arguments.of(Kind.FOLDER, true), Arguments.of(Kind.S3, true));
    }

    // ------------------------------------------------------------------ helpers

    private RemoteConfig remote(Kind kind) throws IOException {
        return kind == Kind.FOLDER
                ? RemoteConfig.folder("origin", Files.createDirectories(dir.resolve("remote-" + System.nanoTime())))
                : s3.config("origin", s3.newBucket() + "/novel");
    }

    private JcfManager project(Path folder, boolean encrypted) {
        JcfManager jcf = new JcfManager();
        jcf.init(new FileAdapter(folder), encrypted ? PASSWORD.clone() : null);
        open.add(jcf);
        return jcf;
    }

    private RemoteBackend counted(RemoteConfig r) {
        CountingBackend b = new CountingBackend(Remotes.defaultBackend(r, s3.env()));
        fault.accept(b);
        backends.add(b);
        return b;
    }

    private Remotes remotes(JcfManager jcf) {
        return new Remotes(jcf.getAdapter(), s3.env(), RemoteStore.Settings.defaults(), jcf, this::counted);
    }

    private JcfManager cloneTo(RemoteConfig remote, String name, boolean encrypted) {
        Path folder = dir.resolve(name);
        Remotes.clone(remote, folder, Remotes.Layout.PROJECT, encrypted ? PASSWORD.clone() : null, s3.env(),
                CancellationToken.NONE, e -> { }, RemoteStore.Settings.defaults(), this::counted);
        return project(folder, encrypted);
    }

    private RemotePruneResult prune(Remotes remotes, Instant at, boolean dryRun) {
        return remotes.prune("origin", DELAY, dryRun, CancellationToken.NONE, Clock.fixed(at, ZoneOffset.UTC));
    }

    /** The history of the tests: a kept text and picture, a version with secrets, a version without them again. */
    private record Project(JcfManager jcf, Remotes remotes, String first, String secret, String third,
                           byte[] dump) {
    }

    private Project withSecretPushed(boolean encrypted, RemoteConfig remote) {
        JcfManager a = project(dir.resolve("a"), encrypted);
        a.addFile("story.txt", SampleProject.text(1));
        a.addFile("art.bin", SampleProject.binary(300_000, 1));
        String first = a.saveCheckpoint("first");
        byte[] dump = SampleProject.binary(900_000, 7); // chunked: ≥ 512 KiB
        a.addFile("keys.txt", SECRET_TEXT.repeat(40));
        a.addFile("dump.bin", dump);
        a.addFile("story.txt", SampleProject.text(2));
        String secret = a.saveCheckpoint("with the keys, by mistake");
        a.removeFile("keys.txt");
        a.removeFile("dump.bin");
        a.addFile("story.txt", SampleProject.text(3));
        String third = a.saveCheckpoint("third");
        Remotes ra = remotes(a);
        ra.add(remote);
        ra.push("origin");
        return new Project(a, ra, first, secret, third, dump);
    }

    /** Every version of {@code from} is in {@code to} with byte-exact files, and {@code to} has no other. */
    private static void assertSameHistory(JcfManager to, JcfManager from) {
        assertThat(to.getHistory().stream().map(Version::id).toList())
                .containsExactlyInAnyOrderElementsOf(from.getHistory().stream().map(Version::id).toList());
        for (Version v : from.getHistory()) {
            for (FileState f : v.fileStates().values()) {
                assertThat(to.getFileContent(f.path(), v.id())).as(f.path() + " at " + v.message())
                        .isEqualTo(from.getFileContent(f.path(), v.id()));
            }
        }
    }

    /** The object ids of every pack the remote lists. */
    private static Set<String> remoteObjects(RemoteStore store) throws IOException {
        Set<String> out = new HashSet<>();
        for (ObjectInfo o : store.list("packs/")) {
            if (o.name().endsWith(PackFormat.INDEX_SUFFIX)) {
                String pack = o.name().substring("packs/".length(), o.name().length() - PackFormat.INDEX_SUFFIX.length());
                long length = store.list("packs/" + pack + PackFormat.PACK_SUFFIX).stream()
                        .filter(p -> p.name().endsWith(PackFormat.PACK_SUFFIX)).mapToLong(ObjectInfo::size).sum();
                PackIndex index = PackIndex.decode(store.get(o.name()).orElseThrow(), length);
                assertThat(index).as(o.name()).isNotNull();
                index.entries().forEach(e -> out.add(e.objectId()));
            }
        }
        return out;
    }

    /**
     * Whether any object in the bucket holds a stretch of {@code secret}: every object's stored bytes, and every pack
     * entry's bytes decompressed (a whole blob or chunk is {@code KB\1} and its encoding, zstd or raw).
     */
    private static boolean bucketHolds(RemoteConfig remote, byte[] secret) throws IOException {
        byte[] probe = Arrays.copyOfRange(secret, secret.length / 2, Math.min(secret.length, secret.length / 2 + 1024));
        try (RemoteStore store = new RemoteStore(Remotes.defaultBackend(remote, s3.env()))) {
            for (ObjectInfo o : store.list("")) {
                byte[] bytes = store.get(o.name()).orElseThrow();
                if (indexOf(bytes, probe) >= 0) {
                    return true;
                }
                if (!o.name().endsWith(PackFormat.PACK_SUFFIX)) {
                    continue;
                }
                MemoryAdapter copy = new MemoryAdapter();
                String pack = o.name().substring("packs/".length(), o.name().length() - PackFormat.PACK_SUFFIX.length());
                String path = PackFormat.DIR + "/" + pack + PackFormat.PACK_SUFFIX;
                copy.writeFile(path, bytes);
                copy.writeFile(PackFormat.DIR + "/" + pack + PackFormat.INDEX_SUFFIX,
                        PackReader.indexOf(copy, path, bytes.length));
                PackReader reader = PackReader.open(copy);
                for (String id : reader.objectIds()) {
                    if (indexOf(plain(reader.readChecked(id, pack)), probe) >= 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** An object's stored body decompressed when it is a zstd-compressed blob or chunk; else as it is. */
    private static byte[] plain(byte[] body) {
        if (body.length > 4 && body[0] == 'K' && body[1] == 'B' && body[2] == 1 && body[3] == 'Z') {
            byte[] frame = Arrays.copyOfRange(body, 4, body.length);
            return Zstd.decompress(frame, (int) Zstd.getFrameContentSize(frame));
        }
        return body;
    }

    private static int indexOf(byte[] data, byte[] probe) {
        outer:
        for (int i = 0; i <= data.length - probe.length; i++) {
            for (int j = 0; j < probe.length; j++) {
                if (data[i + j] != probe[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ tests

    /**
     * The whole path: a checkpoint with secrets is pushed, a teammate clones it, the author forgets it and pushes;
     * the remote's status and a new clone no longer show it, the teammate loses it at the next fetch (version and
     * bytes), and prune — mark, then an hour later delete — leaves no byte of the secrets in the bucket: every
     * object's bytes and every pack entry decompressed are searched. A clone after that has every kept version
     * byte-exact.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void aForgottenSecretLeavesTheBucketAndEveryClone(Kind kind, boolean encrypted) throws Exception {
        RemoteConfig remote = remote(kind);
        Project p = withSecretPushed(encrypted, remote);
        JcfManager teammate = cloneTo(remote, "teammate", encrypted);
        assertThat(teammate.getVersion(p.secret())).isPresent();
        String bigHash = BlobStore.sha256Hex(p.dump());
        String textHash = BlobStore.sha256Hex(utf8(SECRET_TEXT.repeat(40)));
        try (RemoteStore store = new RemoteStore(Remotes.defaultBackend(remote, s3.env()))) {
            assertThat(remoteObjects(store)).contains("blobs/" + bigHash, "blobs/" + textHash);
        }
        if (!encrypted) {
            assertThat(bucketHolds(remote, p.dump())).as("the secret is on the remote before").isTrue();
            assertThat(bucketHolds(remote, utf8(SECRET_TEXT))).as("the secret text is on the remote before").isTrue();
        }

        p.jcf().forget(List.of(p.secret()), ForgetOptions.defaults());
        assertThat(p.remotes().status("origin").versionsToReceive()).as("forgotten here: nothing waits").isZero();
        p.remotes().push("origin");
        assertThat(p.remotes().status("origin")).isEqualTo(new RemoteStatus("origin", 0, 0));

        JcfManager before = cloneTo(remote, "clone-before-prune", encrypted);
        assertThat(before.getVersion(p.secret())).as("a clone does not get a forgotten version").isEmpty();
        assertSameHistory(before, p.jcf());

        Instant t0 = Instant.now();
        RemotePruneResult dry = prune(p.remotes(), t0, true);
        assertThat(dry.rewritten()).isNotEmpty();
        assertThat(dry.bytesToFree()).as("the 900 kB dump at least").isGreaterThan(800_000);
        RemotePruneResult marking = prune(p.remotes(), t0, false);
        assertThat(marking.marked()).containsAll(marking.rewritten()).isNotEmpty();
        assertThat(marking.deleted()).isEmpty();
        assertThat(prune(p.remotes(), t0.plus(Duration.ofMinutes(30)), false).waiting())
                .containsExactlyInAnyOrderElementsOf(marking.marked());
        RemotePruneResult deleting = prune(p.remotes(), t0.plus(DELAY), false);
        assertThat(deleting.deleted()).containsExactlyInAnyOrderElementsOf(marking.marked());
        assertThat(deleting.bytesFreed()).isGreaterThan(800_000);

        try (RemoteStore store = new RemoteStore(Remotes.defaultBackend(remote, s3.env()))) {
            Set<String> objects = remoteObjects(store);
            assertThat(objects).doesNotContain("blobs/" + bigHash, "blobs/" + textHash);
            // only what the kept versions need: the author's store after its GC, and whole copies of contents kept
            // versions have (the remote keeps a whole text a later checkpoint turned into a patch here)
            Set<String> allowed = new HashSet<>(localObjects(dir.resolve("a")));
            p.jcf().getHistory().forEach(v -> v.fileStates().values().forEach(f -> allowed.add("blobs/" + f.hash())));
            assertThat(objects).isSubsetOf(allowed);
        }
        if (!encrypted) {
            assertThat(bucketHolds(remote, p.dump())).as("no byte of the dump on the remote").isFalse();
            assertThat(bucketHolds(remote, utf8(SECRET_TEXT))).as("no byte of the keys on the remote").isFalse();
        }
        RemoteVerifyResult verified = p.remotes().verify("origin", true, CancellationToken.NONE);
        assertThat(verified.problems()).isEmpty();

        JcfManager after = cloneTo(remote, "clone-after-prune", encrypted);
        assertThat(after.getVersion(p.secret())).isEmpty();
        assertSameHistory(after, p.jcf());

        Remotes rt = remotes(teammate);
        rt.fetch("origin");
        assertThat(teammate.getVersion(p.secret())).as("the teammate loses it at the next fetch").isEmpty();
        assertSameHistory(teammate, p.jcf());
        if (!encrypted) {
            assertThat(storeHolds(dir.resolve("teammate"), p.dump())).as("its bytes leave the teammate's disk").isFalse();
        }
        rt.push("origin"); // its lines re-parented here: sent once, and nothing comes back
        assertThat(rt.status("origin")).isEqualTo(new RemoteStatus("origin", 0, 0));
        assertSameHistory(cloneTo(remote, "clone-last", encrypted), p.jcf());
        if (!encrypted) {
            assertThat(bucketHolds(remote, p.dump())).as("the teammate's push sends no byte of it back").isFalse();
        }
    }

    /** The ids of every object in the packs of the project in {@code folder}. */
    private static Set<String> localObjects(Path folder) throws IOException {
        return PackReader.open(new FileAdapter(folder)).objectIds();
    }

    /** True when some file under {@code folder}'s {@code .store/} holds a stretch from the middle of {@code secret}. */
    private static boolean storeHolds(Path folder, byte[] secret) throws IOException {
        byte[] probe = Arrays.copyOfRange(secret, secret.length / 2, secret.length / 2 + 4096);
        try (Stream<Path> files = Files.walk(folder.resolve(".store"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(f), probe) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A push made after the mark that needs an object only a marked pack holds (a teammate adds the forgotten dump
     * back on purpose, before fetching the forget): the push sends it again instead of relying on the marked pack,
     * so the delete an hour later loses nothing — the teammate's version is byte-exact in a clone.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPushAfterTheMarkThatNeedsAMarkedPacksObjectKeepsIt(Kind kind) throws Exception {
        RemoteConfig remote = remote(kind);
        Project p = withSecretPushed(false, remote);
        JcfManager teammate = cloneTo(remote, "teammate", false);
        p.jcf().forget(List.of(p.secret()), ForgetOptions.defaults());
        p.remotes().push("origin");
        Instant t0 = Instant.now();
        RemotePruneResult marking = prune(p.remotes(), t0, false);
        assertThat(marking.rewritten()).isNotEmpty();

        teammate.addFile("dump.bin", p.dump()); // on purpose this time
        String readded = teammate.saveCheckpoint("the dump, wanted after all");
        remotes(teammate).push("origin"); // applies the forget first, then sends the dump's objects again

        RemotePruneResult deleting = prune(p.remotes(), t0.plus(DELAY), false);
        assertThat(deleting.deleted()).isNotEmpty();
        JcfManager c = cloneTo(remote, "clone", false);
        assertThat(c.getVersion(p.secret())).isEmpty();
        assertThat(c.getFileContent("dump.bin", readded)).isEqualTo(p.dump());
        assertSameHistory(c, teammate);
        assertThat(p.remotes().verify("origin", true, CancellationToken.NONE).problems()).isEmpty();
    }

    /**
     * Two machines forget neighbouring versions, each before it fetched the other's forget: the second push applies the
     * first forget before it sends its own, so the lines it sends re-parent the kept version past both, and a clone
     * has exactly the kept versions, byte-exact.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoMachinesForgettingNeighbouringVersionsLeaveOneConsistentHistory(Kind kind) throws Exception {
        RemoteConfig remote = remote(kind);
        Project p = withSecretPushed(false, remote);
        JcfManager a = p.jcf();
        a.addFile("story.txt", SampleProject.text(4));
        String fourth = a.saveCheckpoint("fourth");
        p.remotes().push("origin");
        JcfManager b = cloneTo(remote, "b", false);

        a.forget(List.of(p.secret()), ForgetOptions.defaults());
        b.forget(List.of(p.third()), ForgetOptions.defaults());
        p.remotes().push("origin");
        Remotes rb = remotes(b);
        rb.push("origin");
        assertThat(b.getHistory().stream().map(Version::id).toList()).containsExactlyInAnyOrder(p.first(), fourth);
        assertThat(b.getVersion(fourth).orElseThrow().parentId()).isEqualTo(p.first());

        JcfManager c = cloneTo(remote, "c", false);
        assertSameHistory(c, b);
        assertThat(c.getFileContent("story.txt", fourth)).isEqualTo(utf8(SampleProject.text(4)));
        p.remotes().fetch("origin");
        assertSameHistory(a, b);
        Instant t0 = Instant.now();
        prune(p.remotes(), t0, false);
        prune(p.remotes(), t0.plus(DELAY), false);
        assertSameHistory(cloneTo(remote, "d", false), b);
        assertThat(p.remotes().verify("origin", true, CancellationToken.NONE).problems()).isEmpty();
    }

    /**
     * A prune killed between the upload of the rewritten pack and its mark, and one killed at its first delete:
     * nothing is lost (a clone has every kept version byte-exact after each), and the next prunes finish the job.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPruneKilledAfterUploadingTheRewrittenPackLosesNothing(Kind kind) throws Exception {
        RemoteConfig remote = remote(kind);
        Project p = withSecretPushed(false, remote);
        p.jcf().forget(List.of(p.secret()), ForgetOptions.defaults());
        p.remotes().push("origin");
        Instant t0 = Instant.now();

        fault = b -> b.beforeCreate = name -> {
            if (name.startsWith("prune/")) {
                throw new IllegalStateException("killed before the mark");
            }
        };
        assertThatThrownBy(() -> prune(p.remotes(), t0, false)).hasMessageContaining("killed before the mark");
        fault = b -> { };
        assertSameHistory(cloneTo(remote, "after-kill-1", false), p.jcf());

        RemotePruneResult marking = prune(p.remotes(), t0, false);
        assertThat(marking.marked()).isNotEmpty();
        fault = b -> b.beforeDelete = name -> {
            if (name.startsWith("packs/")) {
                throw new IllegalStateException("killed at the delete");
            }
        };
        assertThatThrownBy(() -> prune(p.remotes(), t0.plus(DELAY), false)).hasMessageContaining("killed at the delete");
        fault = b -> { };
        assertSameHistory(cloneTo(remote, "after-kill-2", false), p.jcf());

        prune(p.remotes(), t0.plus(DELAY), false);
        prune(p.remotes(), t0.plus(DELAY.multipliedBy(3)), false); // whatever a second mark named
        assertThat(bucketHolds(remote, p.dump())).isFalse();
        assertSameHistory(cloneTo(remote, "after-all", false), p.jcf());
    }
}
