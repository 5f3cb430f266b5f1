package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemotePruneResult;
import io.kamaros.engine.model.RemoteTransferResult;
import io.kamaros.engine.model.RemoteVerifyResult;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.objects.pack.PackFormat;
import io.kamaros.engine.objects.pack.PackIndex;
import io.kamaros.engine.objects.pack.PackReader;
import io.kamaros.engine.objects.pack.PackWriter;
import io.kamaros.engine.remote.ObjectInfo;
import io.kamaros.engine.remote.RemoteBackend;
import io.kamaros.engine.remote.RemoteStore;
import io.kamaros.engine.remote.S3ProxyServer;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Local GC and remotes, and remote pruning's two phases ({@link Remotes#prune}), against a folder remote and a
 * real S3 server (S3Proxy in this JVM, its conditional writes serialised per key as AWS S3 does them; see
 * {@code SerialisingBlobStore}). The prune's clock is the test's: "an hour later" is a clock an hour ahead.
 */
class RemotePruneTest {
    enum Kind { FOLDER, S3 }

    private static final Duration DELAY = Duration.ofHours(1);
    private static S3ProxyServer s3;

    @TempDir
    Path dir;

    private final List<JcfManager> open = new ArrayList<>();
    private final List<CountingBackend> backends = new ArrayList<>();

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

    // ------------------------------------------------------------------ helpers

    private RemoteConfig remote(Kind kind) throws IOException {
        return kind == Kind.FOLDER
                ? RemoteConfig.folder("origin", Files.createDirectories(dir.resolve("remote-" + System.nanoTime())))
                : s3.config("origin", s3.newBucket() + "/novel");
    }

    private JcfManager project(Path folder) {
        JcfManager jcf = new JcfManager();
        jcf.init(new FileAdapter(folder));
        open.add(jcf);
        return jcf;
    }

    private RemoteBackend counted(RemoteConfig r) {
        CountingBackend b = new CountingBackend(Remotes.defaultBackend(r, s3.env()));
        backends.add(b);
        return b;
    }

    private Remotes remotes(JcfManager jcf) {
        return new Remotes(jcf.getAdapter(), s3.env(), RemoteStore.Settings.defaults(), jcf, this::counted);
    }

    private RemoteStore store(RemoteConfig remote) {
        return new RemoteStore(Remotes.defaultBackend(remote, s3.env()));
    }

    private RemotePruneResult prune(Remotes remotes, Instant at, boolean dryRun) {
        return remotes.prune("origin", DELAY, dryRun, CancellationToken.NONE, Clock.fixed(at, ZoneOffset.UTC));
    }

    private Set<String> remotePacks(RemoteConfig remote) {
        Set<String> out = new HashSet<>();
        try (RemoteStore store = store(remote)) {
            for (ObjectInfo o : store.list("packs/")) {
                if (o.name().endsWith(PackFormat.PACK_SUFFIX)) {
                    out.add(o.name().substring("packs/".length(), o.name().length() - PackFormat.PACK_SUFFIX.length()));
                }
            }
        }
        return out;
    }

    private static Set<String> localPacks(Path project) throws IOException {
        return PackReader.open(new FileAdapter(project)).packs().keySet();
    }

    /** Uploads a local pack and its index as they are (what a push did before it sent only missing objects). */
    private void upload(RemoteConfig remote, Path from, String pack) throws IOException {
        try (RemoteStore store = store(remote)) {
            store.putIfAbsent("packs/" + pack + PackFormat.PACK_SUFFIX,
                    Files.readAllBytes(from.resolve(PackFormat.DIR).resolve(pack + PackFormat.PACK_SUFFIX)));
            store.putIfAbsent("packs/" + pack + PackFormat.INDEX_SUFFIX,
                    Files.readAllBytes(from.resolve(PackFormat.DIR).resolve(pack + PackFormat.INDEX_SUFFIX)));
        }
    }

    /**
     * Every version of {@code from} is in the clone {@code to} with byte-exact files (parents may differ: a version
     * forgotten locally is re-parented there, while the remote's records keep the original line).
     */
    private static void assertHasHistoryOf(JcfManager to, JcfManager from) {
        for (Version v : from.getHistory()) {
            assertThat(to.getVersion(v.id())).as("version " + v.message()).isPresent();
            for (FileState f : v.fileStates().values()) {
                assertThat(to.getFileContent(f.path(), v.id())).as(f.path() + " at " + v.message())
                        .isEqualTo(from.getFileContent(f.path(), v.id()));
            }
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    // ------------------------------------------------------------------ tests

    /**
     * A forget's GC rewrites the pack that held the forgotten file: the next push sends only the new version's
     * objects, not the rewritten pack (whose objects the remote has). Then a duplicate of it is put on the remote,
     * as pushes before that fix left them. The push after the forget carried it (see RemoteForgetTest), so prune
     * keeps one copy of what the kept versions need: the duplicate, which holds nothing else, and the rest of the
     * pushed pack that also held the forgotten file, rewritten; it marks that pack, leaves the mark while it is younger than the delay, deletes the pack
     * after; a clone made then has every kept version byte-exact, and not the forgotten one.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRepackIsNotSentAgainAndItsDuplicateIsPrunedAfterTheDelay(Kind kind) throws Exception {
        Path folder = dir.resolve("a");
        JcfManager a = project(folder);
        byte[] big = random(700_000, 1);
        byte[] kept = random(300_000, 2);
        a.addFile("big.bin", big);
        a.addFile("kept.bin", kept);
        String first = a.saveCheckpoint("first");
        a.removeFile("big.bin");
        a.addFile("notes.txt", "one\n");
        String second = a.saveCheckpoint("second");
        RemoteConfig remote = remote(kind);
        Remotes ra = remotes(a);
        ra.add(remote);
        ra.push("origin");
        Set<String> before = localPacks(folder);

        a.forget(List.of(first), ForgetOptions.defaults()); // its GC rewrites the pack that held big.bin
        Set<String> repacked = new HashSet<>(localPacks(folder));
        repacked.removeAll(before);
        assertThat(repacked).as("the forget's GC rewrote a pack").hasSize(1);
        String rewritten = repacked.iterator().next();

        a.addFile("notes.txt", "one\ntwo\n");
        a.saveCheckpoint("third");
        CountingBackend counter = backends.get(backends.size() - 1);
        counter.reset();
        RemoteTransferResult third = ra.push("origin");
        counter = backends.get(backends.size() - 1);
        assertThat(third.versionsSent()).isEqualTo(1);
        assertThat(counter.bytesUp.get()).as("the new version's objects, not the rewritten pack's 300 kB")
                .isLessThan(20_000);
        assertThat(remotePacks(remote)).doesNotContain(rewritten);

        upload(remote, folder, rewritten); // as a push before that fix did
        Instant t0 = Instant.now();
        RemotePruneResult marking = prune(ra, t0, false);
        assertThat(marking.marked()).isNotEmpty().doesNotContain(rewritten);
        assertThat(marking.rewritten()).as("the pushed pack held the forgotten file too").isNotEmpty();
        assertThat(marking.deleted()).isEmpty();
        assertThat(prune(ra, t0.plus(Duration.ofMinutes(30)), false).waiting())
                .containsExactlyInAnyOrderElementsOf(marking.marked());
        RemotePruneResult dry = prune(ra, t0.plus(DELAY), true);
        assertThat(dry.deleted()).containsExactlyInAnyOrderElementsOf(marking.marked());
        assertThat(remotePacks(remote)).as("a dry run deletes nothing").containsAll(marking.marked());

        RemotePruneResult deleting = prune(ra, t0.plus(DELAY), false);
        assertThat(deleting.deleted()).containsExactlyInAnyOrderElementsOf(marking.marked());
        assertThat(deleting.bytesFreed()).isGreaterThan(300_000);
        assertThat(deleting.marked()).isEmpty();
        assertThat(remotePacks(remote)).contains(rewritten).doesNotContainAnyElementsOf(deleting.deleted());

        Path cloneFolder = dir.resolve("clone");
        Remotes.clone(remote, cloneFolder, Remotes.Layout.PROJECT, null, s3.env(), CancellationToken.NONE, e -> { },
                RemoteStore.Settings.defaults(), this::counted);
        JcfManager c = project(cloneFolder);
        assertHasHistoryOf(c, a);
        assertThat(c.getVersion(first)).as("the push after the forget carried it").isEmpty();
        assertThat(c.getVersion(second).orElseThrow().parentId()).as("re-parented as here").isNull();
        assertThat(c.getFileContent("kept.bin", second)).isEqualTo(kept);
    }

    /**
     * The race two phases guard against: a push starts, another machine uploads the very pack it is about to send
     * (with a bigger pack holding the same objects) and prunes, marking it; the push then finds it there and its
     * record names it. A prune after the delay keeps the pack (a push since the mark names it), and a clone has
     * every version byte-exact.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPushNamingAMarkedPackBetweenThePhasesKeepsIt(Kind kind) throws Exception {
        Path folder = dir.resolve("a");
        JcfManager a = firstCheckpoint(folder, 3);
        RemoteConfig remote = remote(kind);
        Remotes ra = remotes(a);
        ra.add(remote);
        ra.push("origin");
        Path otherFolder = dir.resolve("other");
        Remotes.clone(remote, otherFolder, Remotes.Layout.PROJECT, null, s3.env(), CancellationToken.NONE, e -> { },
                RemoteStore.Settings.defaults(), this::counted);
        JcfManager other = project(otherFolder);
        Remotes ro = remotes(other);

        Set<String> before = localPacks(folder);
        String pack = secondCheckpointsPack(a, folder, 4);
        String bigger = packWithOneMoreObject(folder, pack, before.iterator().next());

        Instant t0 = Instant.now();
        AtomicBoolean raced = new AtomicBoolean();
        CountingBackend pusher = new CountingBackend(Remotes.defaultBackend(remote, s3.env())); // one push's
        ra = new Remotes(a.getAdapter(), s3.env(), RemoteStore.Settings.defaults(), a, r -> pusher);
        pusher.beforeCreate = name -> {
            if (name.equals("packs/" + pack + PackFormat.PACK_SUFFIX) && raced.compareAndSet(false, true)) {
                try {
                    upload(remote, folder, pack);
                    upload(remote, dir.resolve("bigger"), bigger);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                RemotePruneResult marking = prune(ro, t0, false);
                // both: no record names the version their objects belong to yet (the push is writing it), so they
                // count as garbage now; the delete an hour later rechecks with the push's record there
                assertThat(marking.marked()).containsExactlyInAnyOrder(pack, bigger);
            }
        };
        RemoteTransferResult pushed = ra.push("origin");
        assertThat(raced).isTrue();
        assertThat(pushed.versionsSent()).isEqualTo(1);

        RemotePruneResult later = prune(ro, t0.plus(DELAY), false);
        assertThat(later.keptMarked()).containsExactlyInAnyOrder(pack, bigger);
        assertThat(later.deleted()).isEmpty();
        assertThat(remotePacks(remote)).contains(pack, bigger);

        Path cloneFolder = dir.resolve("clone");
        Remotes.clone(remote, cloneFolder, Remotes.Layout.PROJECT, null, s3.env(), CancellationToken.NONE, e -> { },
                RemoteStore.Settings.defaults(), this::counted);
        assertHasHistoryOf(project(cloneFolder), a);
    }

    /**
     * A clone (a fetch) lists the remote's packs; before it reads one of them, another machine uploads a bigger pack
     * holding the same objects and prunes twice (the mark, then an hour later the delete), so the listed pack is
     * gone. The clone must not fail on it as damage: prune deletes only packs whose objects another pack holds, so
     * the fetch lists again and takes them from there. Every version of the project is then in the clone
     * byte-exact.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFetchWhosePackAPruneDeletesTakesItsObjectsFromThePackThatStays(Kind kind) throws Exception {
        Path folder = dir.resolve("a");
        JcfManager a = firstCheckpoint(folder, 5);
        RemoteConfig remote = remote(kind);
        Remotes ra = remotes(a);
        ra.add(remote);
        ra.push("origin"); // a push per checkpoint: one small pack each goes up as it is (a first push merges several)
        Set<String> before = localPacks(folder);
        String pack = secondCheckpointsPack(a, folder, 6);
        ra.push("origin");
        assertThat(remotePacks(remote)).contains(pack);
        String bigger = packWithOneMoreObject(folder, pack, before.iterator().next());

        Instant t0 = Instant.now();
        AtomicBoolean raced = new AtomicBoolean();
        Path cloneFolder = dir.resolve("clone");
        Remotes.clone(remote, cloneFolder, Remotes.Layout.PROJECT, null, s3.env(), CancellationToken.NONE, e -> { },
                RemoteStore.Settings.defaults(), r -> {
                    CountingBackend b = new CountingBackend(Remotes.defaultBackend(r, s3.env()));
                    b.beforeGetRange = name -> {
                        if (name.equals("packs/" + pack + PackFormat.PACK_SUFFIX) && raced.compareAndSet(false, true)) {
                            try {
                                upload(remote, dir.resolve("bigger"), bigger); // listed by the clone: no
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                            assertThat(prune(ra, t0, false).marked()).containsExactly(pack);
                            assertThat(prune(ra, t0.plus(DELAY), false).deleted()).containsExactly(pack);
                        }
                    };
                    return b;
                });
        assertThat(raced).as("the prune ran between the clone's listing and its read").isTrue();
        assertThat(remotePacks(remote)).doesNotContain(pack).contains(bigger);
        JcfManager c = project(cloneFolder);
        assertHasHistoryOf(c, a);
    }

    /**
     * {@code verify --deep} lists the remote's packs; before it reads one of them, another machine uploads a bigger
     * pack holding the same objects and prunes twice, so the listed pack is gone. That is no damage: its objects are
     * in a pack listed now (read and checked too), and later checks do not report it missing although the push
     * record that uploaded it names it. A pack that stays listed but cannot be read still is damage (a pack whose
     * bytes changed is too: {@code CliTransferTest}).
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDeepVerifyWhosePackAPruneDeletesFindsNoDamageButAnUnreadablePackIsSome(Kind kind) throws Exception {
        Path folder = dir.resolve("a");
        JcfManager a = firstCheckpoint(folder, 7);
        RemoteConfig remote = remote(kind);
        Remotes ra = remotes(a);
        ra.add(remote);
        ra.push("origin");
        Set<String> before = localPacks(folder);
        String pack = secondCheckpointsPack(a, folder, 8);
        ra.push("origin");
        String bigger = packWithOneMoreObject(folder, pack, before.iterator().next());
        Path otherFolder = dir.resolve("other"); // the other machine: its own project, so its prune is its own write
        Remotes.clone(remote, otherFolder, Remotes.Layout.PROJECT, null, s3.env(), CancellationToken.NONE, e -> { },
                RemoteStore.Settings.defaults(), this::counted);
        Remotes ro = remotes(project(otherFolder));

        CountingBackend verifier = new CountingBackend(Remotes.defaultBackend(remote, s3.env()));
        Remotes checking = new Remotes(a.getAdapter(), s3.env(), RemoteStore.Settings.defaults(), a, r -> verifier);
        // a pack listed but never readable is damage, named
        verifier.unreadable = name -> name.equals("packs/" + pack + PackFormat.PACK_SUFFIX);
        RemoteVerifyResult unreadable = checking.verify("origin", true, CancellationToken.NONE);
        assertThat(unreadable.problems()).hasSize(1);
        assertThat(unreadable.problems().get(0)).contains("packs/" + pack + PackFormat.PACK_SUFFIX, "cannot be read");
        verifier.unreadable = name -> false;

        Instant t0 = Instant.now();
        AtomicBoolean raced = new AtomicBoolean();
        verifier.beforeGetRange = name -> {
            if (name.equals("packs/" + pack + PackFormat.PACK_SUFFIX) && raced.compareAndSet(false, true)) {
                try {
                    upload(remote, dir.resolve("bigger"), bigger);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                assertThat(prune(ro, t0, false).marked()).containsExactly(pack);
                assertThat(prune(ro, t0.plus(DELAY), false).deleted()).containsExactly(pack);
            }
        };
        verifier.reset();
        RemoteVerifyResult afterPrune = checking.verify("origin", true, CancellationToken.NONE);
        assertThat(raced).as("the prune ran between the verify's listing and its read").isTrue();
        assertThat(remotePacks(remote)).doesNotContain(pack).contains(bigger);
        assertThat(afterPrune.problems()).as("a pack a prune deleted is no damage").isEmpty();
        assertThat(verifier.bytesDown.get()).as("the copy that stays was read and checked too")
                .isGreaterThan(400_000);
        // afterwards the push record that uploaded the pruned pack still names it: the prune's note says why it is
        // gone, so neither check reports it missing
        assertThat(checking.verify("origin", false, CancellationToken.NONE).problems()).isEmpty();
        assertThat(checking.verify("origin", true, CancellationToken.NONE).problems()).isEmpty();
    }

    /** A project in {@code folder} with one checkpoint: a text and a 200 kB binary made from {@code seed}. */
    private JcfManager firstCheckpoint(Path folder, int seed) throws IOException {
        JcfManager a = project(folder);
        a.addFile("chapter1.txt", "It was a dark night.\n".repeat(200));
        a.addFile("cover.bin", random(200_000, seed));
        a.saveCheckpoint("first");
        return a;
    }

    /** Saves a second checkpoint (another text, the binary from {@code seed}) and returns the one pack it made. */
    private static String secondCheckpointsPack(JcfManager a, Path folder, int seed) throws IOException {
        Set<String> before = localPacks(folder);
        a.addFile("chapter2.txt", "A storm came.\n".repeat(300));
        a.addFile("cover.bin", random(200_000, seed));
        a.saveCheckpoint("second");
        Set<String> created = new HashSet<>(localPacks(folder));
        created.removeAll(before);
        assertThat(created).hasSize(1);
        return created.iterator().next();
    }

    /** A pack (in {@code dir/bigger}) holding {@code pack}'s objects and one of {@code from}'s: it stays, not pack. */
    private String packWithOneMoreObject(Path project, String pack, String from) throws IOException {
        PackReader reader = PackReader.open(new FileAdapter(project));
        FileAdapter target = new FileAdapter(Files.createDirectories(dir.resolve("bigger")));
        try (PackWriter w = new PackWriter(target)) {
            PackIndex.Entry extra = reader.packs().get(from).entries().get(0);
            w.add(extra.objectId(), reader.readChecked(extra.objectId(), from));
            for (PackIndex.Entry e : reader.packs().get(pack).entries()) {
                w.add(e.objectId(), reader.readChecked(e.objectId(), pack));
            }
            List<PackWriter.SealedPack> sealed = w.finish();
            assertThat(sealed).hasSize(1);
            return sealed.get(0).name();
        }
    }
}
