package io.kamaros.engine;

import static io.kamaros.engine.HistoryAssertions.assertHasHistoryOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.PasswordException;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemoteTransferResult;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.objects.ProjectKey;
import io.kamaros.engine.remote.RemoteBackend;
import io.kamaros.engine.remote.RemoteStore;
import io.kamaros.engine.remote.S3ProxyServer;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Push, clone, fetch and pull of a project's history ({@link Remotes}) against a folder remote and a real S3
 * server (S3Proxy in this JVM, its conditional writes serialised per key as AWS S3 does them; see
 * {@code SerialisingBlobStore}). Requests are counted by a wrapper around the real backend.
 */
class RemoteHistoryTest {
    enum Kind { FOLDER, S3 }

    private static S3ProxyServer s3;
    private static String previousIterations;

    @TempDir
    Path dir;

    private final List<JcfManager> open = new ArrayList<>();
    private final List<CountingBackend> backends = new ArrayList<>();

    @BeforeAll
    static void startS3() {
        s3 = S3ProxyServer.start(true);
        previousIterations = System.setProperty(ProjectKey.TEST_ITERATIONS_PROPERTY, EncryptionTest.TEST_ITERATIONS);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
        if (previousIterations == null) {
            System.clearProperty(ProjectKey.TEST_ITERATIONS_PROPERTY);
        } else {
            System.setProperty(ProjectKey.TEST_ITERATIONS_PROPERTY, previousIterations);
        }
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

    private JcfManager project(String name, char... password) {
        JcfManager jcf = new JcfManager();
        jcf.init(new FileAdapter(dir.resolve(name)), password.length == 0 ? null : password);
        open.add(jcf);
        return jcf;
    }

    private JcfManager reopen(Path folder, char... password) {
        JcfManager jcf = new JcfManager();
        jcf.init(new FileAdapter(folder), password.length == 0 ? null : password);
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

    private Remotes withRemote(JcfManager jcf, RemoteConfig remote) {
        Remotes r = remotes(jcf);
        r.add(remote);
        return r;
    }

    private RemoteTransferResult cloneTo(RemoteConfig remote, Path folder, char... password) {
        return Remotes.clone(remote, folder, Remotes.Layout.PROJECT, password.length == 0 ? null : password, s3.env(),
                CancellationToken.NONE,
                e -> { }, RemoteStore.Settings.defaults(), this::counted);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Three versions: text edited (reverse patches), a chunked binary, a rename and a delete. */
    private static List<String> buildHistory(JcfManager jcf) {
        List<String> ids = new ArrayList<>();
        byte[] binary = new byte[700_000];
        new Random(7).nextBytes(binary);
        StringBuilder chapter = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            chapter.append("Line ").append(i).append(" of the first chapter.\n");
        }
        jcf.addFile("chapter1.txt", chapter.toString());
        jcf.addFile("notes/todo.md", "- write\n- edit\n");
        jcf.addFile("cover.bin", binary);
        ids.add(jcf.saveCheckpoint("first draft"));
        jcf.addFile("chapter1.txt", chapter.toString().replace("Line 50 ", "Line fifty "));
        binary[123_456] ^= 1;
        jcf.addFile("cover.bin", binary);
        ids.add(jcf.saveCheckpoint("second draft"));
        jcf.moveFile("notes/todo.md", "notes/done.md");
        jcf.removeFile("cover.bin");
        jcf.addFile("chapter2.txt", "It was a dark night.\n");
        ids.add(jcf.saveCheckpoint("third"));
        return ids;
    }

    // ------------------------------------------------------------------ push and clone

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aClonedProjectRestoresEveryVersionByteExact(Kind kind) throws Exception {
        JcfManager a = project("a");
        List<String> ids = buildHistory(a);
        RemoteConfig remote = remote(kind);
        RemoteTransferResult pushed = withRemote(a, remote).push("origin");
        assertThat(pushed.versionsSent()).isEqualTo(3);
        assertThat(pushed.remoteHead()).isEqualTo(ids.get(2));

        Path folder = dir.resolve("clone");
        RemoteTransferResult cloned = cloneTo(remote, folder);
        assertThat(cloned.versionsReceived()).isEqualTo(3);
        JcfManager c = reopen(folder);
        assertHasHistoryOf(c, a);
        assertThat(c.getCurrentVersion().orElseThrow().id()).isEqualTo(ids.get(2));
        assertThat(Files.readString(folder.resolve("content/chapter2.txt"))).isEqualTo("It was a dark night.\n");
        assertThat(c.getStatus().isClean()).isTrue();
        assertThat(remotes(c).list()).extracting(RemoteConfig::name).containsExactly("origin");

        RemoteTransferResult again = remotes(a).push("origin");
        assertThat(again.versionsSent()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aCloneInPlaceHasTheFilesInTheFolderAndTheHistoryInItsKamarosFolder(Kind kind) throws Exception {
        Path work = Files.createDirectories(dir.resolve("a-folder"));
        JcfManager a = new JcfManager();
        a.init(new FileAdapter(work.resolve(Remotes.IN_PLACE_HISTORY), new FileAdapter.Options().workTree(work)));
        open.add(a);
        List<String> ids = buildHistory(a);
        RemoteConfig remote = remote(kind);
        withRemote(a, remote).push("origin");

        Path folder = Files.createDirectories(dir.resolve("clone")); // an empty folder is taken as well
        RemoteTransferResult cloned = Remotes.clone(remote, folder, Remotes.Layout.IN_PLACE, null, s3.env(),
                CancellationToken.NONE, e -> { }, RemoteStore.Settings.defaults(), this::counted);
        assertThat(cloned.versionsReceived()).isEqualTo(3);
        assertThat(Files.readString(folder.resolve("chapter2.txt"))).isEqualTo("It was a dark night.\n");
        assertThat(folder.resolve("notes/done.md")).exists();
        assertThat(folder.resolve("content")).doesNotExist();
        assertThat(folder.resolve(".kamaros/manifest.json")).exists();

        // Nothing in it names the folder: moved elsewhere, it opens there with its files and every version.
        Path moved = dir.resolve("moved");
        Files.move(folder, moved);
        JcfManager c = new JcfManager();
        c.init(new FileAdapter(moved.resolve(Remotes.IN_PLACE_HISTORY), new FileAdapter.Options().workTree(moved)));
        open.add(c);
        assertHasHistoryOf(c, a);
        assertThat(c.getCurrentVersion().orElseThrow().id()).isEqualTo(ids.get(2));
        assertThat(c.getStatus().isClean()).isTrue();
        assertThat(remotes(c).list()).extracting(RemoteConfig::name).containsExactly("origin");
    }

    @Test
    void fetchedPacksArriveWithTheirIndexesAndNothingStagedStays() throws Exception {
        JcfManager a = project("a");
        buildHistory(a);
        RemoteConfig remote = remote(Kind.FOLDER);
        withRemote(a, remote).push("origin");
        Path folder = dir.resolve("clone");
        RemoteTransferResult cloned = cloneTo(remote, folder);
        assertThat(cloned.packsReceived()).isPositive();

        List<String> packs;
        try (Stream<Path> files = Files.list(folder.resolve(".store/packs"))) {
            packs = files.map(p -> p.getFileName().toString()).toList();
        }
        List<String> packNames = packs.stream().filter(n -> n.endsWith(".pack")).toList();
        assertThat(packNames).hasSize(cloned.packsReceived());
        for (String pack : packNames) {
            assertThat(packs).contains(pack.replace(".pack", ".idx"));
        }
        Path temp = folder.resolve(".store/temp");
        if (Files.isDirectory(temp)) {
            try (Stream<Path> left = Files.walk(temp)) {
                assertThat(left.filter(Files::isRegularFile)).as("staged files left").isEmpty();
            }
        }
        JcfManager c = reopen(folder);
        assertHasHistoryOf(c, a);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPushAfterOneChangedFileSendsOneSmallPackAndARecord(Kind kind) throws Exception {
        JcfManager a = project("a");
        for (int i = 0; i < 300; i++) {
            a.addFile("src/file" + i + ".txt", "file " + i + "\n" + "some text that is not tiny\n".repeat(20));
        }
        a.saveCheckpoint("all files");
        Remotes remotes = withRemote(a, remote(kind));
        remotes.push("origin");
        CountingBackend counter = backends.get(backends.size() - 1);

        a.addFile("src/file17.txt", "changed\n");
        a.saveCheckpoint("one change");
        counter.reset();
        RemoteTransferResult r = remotes.push("origin");
        counter = backends.get(backends.size() - 1);

        assertThat(r.versionsSent()).isEqualTo(1);
        assertThat(r.packsSent()).isEqualTo(1);
        // each a round trip to S3: one listing of the remote (records, packs and prune marks: three listings before),
        // the pack, its index and the record, and the head moved from the etag this project gave it (the descriptor
        // and the head are not read again)
        assertRequests(counter, Map.of("list", 1L, "create", 3L, "replaceIfMatch", 1L), "push after one change");
        assertThat(counter.bytesUp.get()).as("bytes sent").isLessThan(8_000);
    }

    private static Map<String, Long> byKind(CountingBackend counter) {
        Map<String, Long> out = new TreeMap<>();
        counter.requests.forEach((kind, n) -> out.put(kind, n.get()));
        return out;
    }

    /**
     * {@code counter}'s requests by kind are {@code expected}, but for the read-backs of writes whose answer was lost:
     * S3Proxy, through the JDK's HTTP client, now and then answers a write that landed with "Error writing request
     * body", and RemoteStore then reads back before deciding (a head, then a head and a get, or the create again).
     * Those extras come with at least one head each; without a head the count is exact.
     */
    private static void assertRequests(CountingBackend counter, Map<String, Long> expected, String as) {
        Map<String, Long> actual = byKind(counter);
        long heads = actual.getOrDefault("head", 0L) - expected.getOrDefault("head", 0L);
        if (heads > 0) {
            for (String kind : List.of("head", "get", "create")) {
                long extra = actual.getOrDefault(kind, 0L) - expected.getOrDefault(kind, 0L);
                assertThat(extra).as("%s: extra %s requests, with %d read-backs", as, kind, heads)
                        .isBetween(0L, 2 * heads);
                if (expected.containsKey(kind)) {
                    actual.put(kind, expected.get(kind));
                } else {
                    actual.remove(kind);
                }
            }
        }
        assertThat(actual).as(as).isEqualTo(expected);
    }

    /** A project of a hundred small checkpoints: one small pack each. */
    private static JcfManager hundredCheckpoints(JcfManager a) throws IOException {
        List<StringBuilder> texts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            texts.add(new StringBuilder("file " + i + "\n" + "some text that is not tiny\n".repeat(20)));
            a.addFile("src/file" + i + ".txt", texts.get(i).toString());
        }
        for (int v = 1; v <= 100; v++) {
            StringBuilder text = texts.get(v % 10).append("edit ").append(v).append('\n');
            a.addFile("src/file" + v % 10 + ".txt", text.toString());
            a.saveCheckpoint("v" + v);
        }
        assertThat(a.getAdapter().listFiles(".store/packs")).filteredOn(n -> n.endsWith(".pack"))
                .as("one pack per checkpoint").hasSizeGreaterThanOrEqualTo(100);
        return a;
    }

    @Test
    void aFirstPushOfAHundredCheckpointsSendsTheirObjectsInOnePack() throws Exception {
        JcfManager a = hundredCheckpoints(project("a"));
        for (Kind kind : Kind.values()) {
            RemoteConfig remote = remote(kind);
            String name = kind.name().toLowerCase(Locale.ROOT);
            RemoteTransferResult pushed = withRemote(a, new RemoteConfig(name, remote.url(), remote.endpoint(),
                    remote.region(), remote.pathStyle(), remote.profile())).push(name);
            CountingBackend counter = backends.get(backends.size() - 1);
            assertThat(pushed.versionsSent()).isEqualTo(100);
            assertThat(pushed.packsSent()).as(kind + ": packs sent").isEqualTo(1);
            // the descriptor, the pack, its index, the record; one listing of the remote (records, packs, prune marks:
            // three listings before), descriptor and head read; the head set
            assertRequests(counter, Map.of("list", 1L, "get", 2L, "create", 4L, "replaceIfMatch", 1L), kind.name());

            Path folder = dir.resolve("clone-" + kind);
            RemoteTransferResult cloned = cloneTo(remote, folder);
            assertThat(cloned.versionsReceived()).isEqualTo(100);
            assertThat(cloned.packsReceived()).isEqualTo(1);
            assertHasHistoryOf(reopen(folder), a);
        }
    }

    /** Remotes whose backends note each object created, and fail creating an index when {@code cutAtIndex}. */
    private Remotes creating(JcfManager a, List<String> created, boolean cutAtIndex) {
        return new Remotes(a.getAdapter(), s3.env(), RemoteStore.Settings.defaults(), a, r -> {
            CountingBackend b = new CountingBackend(Remotes.defaultBackend(r, s3.env()));
            b.beforeCreate = name -> {
                if (cutAtIndex && name.endsWith(".idx")) {
                    throw new IllegalStateException("the network went away");
                }
                synchronized (created) {
                    created.add(name);
                }
            };
            return b;
        });
    }

    /**
     * A push cut off after its merged pack arrived and before its index did: the next push sends the index, the
     * record and the head, and not the pack again (the same objects make the same pack, under the same name).
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void anInterruptedFirstPushResumesWithoutSendingThePackAgain(Kind kind) throws Exception {
        JcfManager a = hundredCheckpoints(project("a"));
        RemoteConfig remote = remote(kind);
        List<String> created = new ArrayList<>();
        Remotes cut = creating(a, created, true);
        cut.add(remote);
        assertThatThrownBy(() -> cut.push("origin")).hasStackTraceContaining("the network went away");
        assertThat(created).filteredOn(n -> n.endsWith(".pack")).as("the merged pack arrived").hasSize(1);

        created.clear();
        RemoteTransferResult resumed = creating(a, created, false).push("origin");
        assertThat(resumed.versionsSent()).isEqualTo(100);
        assertThat(created).as("the index and the record; not the pack").hasSize(2)
                .anyMatch(n -> n.endsWith(".idx")).anyMatch(n -> n.startsWith("pushes/"));
        Path folder = dir.resolve("clone-after");
        cloneTo(remote, folder);
        assertHasHistoryOf(reopen(folder), a);
    }

    @Test
    void looseObjectsTravelInPacksMadeForThePushAndAreSentOnce() throws Exception {
        JcfManager a = new JcfManager(JcfConfig.builder().looseObjects(true).build());
        a.init(new FileAdapter(dir.resolve("loose")));
        open.add(a);
        List<String> ids = buildHistory(a);
        assertThat(a.getAdapter().listFiles(".store/packs")).isEmpty();
        RemoteConfig remote = remote(Kind.FOLDER);
        Remotes ra = withRemote(a, remote);
        RemoteTransferResult first = ra.push("origin");
        assertThat(first.packsSent()).isPositive();

        a.addFile("chapter2.txt", "Another night.\n");
        a.saveCheckpoint("fourth");
        CountingBackend counter = backends.get(backends.size() - 1);
        counter.reset();
        RemoteTransferResult second = ra.push("origin");
        counter = backends.get(backends.size() - 1);
        assertThat(second.versionsSent()).isEqualTo(1);
        assertThat(counter.bytesUp.get()).as("only the new objects").isLessThan(6_000);

        Path folder = dir.resolve("clone");
        cloneTo(remote, folder);
        JcfManager c = reopen(folder);
        assertHasHistoryOf(c, a);
        assertThat(c.getVersion(ids.get(0))).isPresent();
    }

    /**
     * Packs written before packs were named by their skeleton ({@code "KPK" 01}, named by the SHA-256 of all their
     * bytes) still verify and push from a project, and come down from a remote checked by that rule.
     */
    @Test
    void packsNamedByTheOlderRuleVerifyPushAndClone() throws Exception {
        JcfManager a = project("a");
        buildHistory(a);
        a.close();
        assertThat(toOlderRule(dir.resolve("a/.store/packs"))).isNotEmpty();
        JcfManager older = reopen(dir.resolve("a"));
        assertThat(older.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
        RemoteConfig remote = remote(Kind.FOLDER);
        withRemote(older, remote).push("origin");

        List<String> onRemote = toOlderRule(remote.folder().resolve("packs"));
        assertThat(onRemote).isNotEmpty();
        Path folder = dir.resolve("clone");
        cloneTo(remote, folder);
        try (Stream<Path> files = Files.list(folder.resolve(".store/packs"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsAll(
                    onRemote.stream().map(n -> n + ".pack").toList());
        }
        JcfManager c = reopen(folder);
        assertHasHistoryOf(c, older);
        assertThat(c.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
    }

    /** Rewrites every pack in {@code packs} as the older rule has it: magic "KPK" 01, named by its bytes' SHA-256. */
    private static List<String> toOlderRule(Path packs) throws Exception {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(packs)) {
            for (Path pack : files.filter(p -> p.toString().endsWith(".pack")).toList()) {
                byte[] bytes = Files.readAllBytes(pack);
                bytes[3] = 1;
                String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                String old = pack.getFileName().toString().replace(".pack", "");
                Files.write(packs.resolve(name + ".pack"), bytes);
                Files.move(packs.resolve(old + ".idx"), packs.resolve(name + ".idx"));
                Files.delete(pack);
                names.add(name);
            }
        }
        return names;
    }

    @Test
    void aTamperedPackIsCorruptionNamingItAndTheCloneLeavesNothing() throws Exception {
        JcfManager a = project("a");
        buildHistory(a);
        RemoteConfig remote = remote(Kind.FOLDER);
        withRemote(a, remote).push("origin");
        Path packs = remote.folder().resolve("packs");
        Path pack;
        try (Stream<Path> files = Files.list(packs)) {
            pack = files.filter(p -> p.toString().endsWith(".pack")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(pack, bytes);

        Path folder = dir.resolve("clone");
        assertThatThrownBy(() -> cloneTo(remote, folder)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("packs/" + pack.getFileName());
        assertThat(folder).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("clone-"));
        }
    }

    // ------------------------------------------------------------------ fetch and pull

    @ParameterizedTest
    @EnumSource(Kind.class)
    void pullFastForwardsAndWorkOnBothSidesStaysAsTwoBranches(Kind kind) throws Exception {
        JcfManager a = project("a");
        buildHistory(a);
        RemoteConfig remote = remote(kind);
        Remotes ra = withRemote(a, remote);
        ra.push("origin");
        Path bFolder = dir.resolve("b");
        cloneTo(remote, bFolder);
        JcfManager b = reopen(bFolder);
        Remotes rb = remotes(b);

        a.addFile("chapter2.txt", "It was a dark and stormy night.\n");
        String fromA = a.saveCheckpoint("storm");
        ra.push("origin");
        RemoteTransferResult pulled = rb.pull("origin");
        assertThat(pulled.fastForwarded()).isTrue();
        assertThat(pulled.versionsReceived()).isEqualTo(1);
        assertThat(b.getCurrentVersion().orElseThrow().id()).isEqualTo(fromA);
        assertThat(Files.readString(bFolder.resolve("content/chapter2.txt"))).isEqualTo("It was a dark and stormy night.\n");

        a.addFile("chapter3.txt", "A's chapter\n");
        String a3 = a.saveCheckpoint("a's work");
        ra.push("origin");
        b.addFile("chapter3.txt", "B's chapter\n");
        String b3 = b.saveCheckpoint("b's work");
        RemoteTransferResult diverged = rb.pull("origin");
        assertThat(diverged.diverged()).isTrue();
        assertThat(diverged.fastForwarded()).isFalse();
        assertThat(b.getCurrentVersion().orElseThrow().id()).isEqualTo(b3);
        assertThat(Files.readString(bFolder.resolve("content/chapter3.txt"))).isEqualTo("B's chapter\n");
        assertThat(b.getVersion(a3)).isPresent();

        rb.push("origin");
        ra.fetch("origin");
        assertThat(a.getCurrentVersion().orElseThrow().id()).isEqualTo(a3);
        assertHasHistoryOf(a, b);
        assertHasHistoryOf(b, a);
    }

    @Test
    void aVersionForgottenHereDoesNotComeBackWithAFetch() throws Exception {
        // "forget one version by hand" is for a secret or a huge file saved by mistake: the remote still holds the
        // version (until the remote is pruned), and a fetch must not bring it back into the project
        JcfManager a = project("a");
        List<String> ids = buildHistory(a);
        RemoteConfig remote = remote(Kind.FOLDER);
        Remotes ra = withRemote(a, remote);
        ra.push("origin");
        a.forget(List.of(ids.get(1)), ForgetOptions.defaults());
        assertThat(a.getVersion(ids.get(1))).isEmpty();

        assertThat(ra.status("origin").versionsToReceive()).as("nothing waits to be received").isZero();
        RemoteTransferResult fetched = ra.fetch("origin");
        assertThat(fetched.versionsReceived()).isZero();
        assertThat(a.getVersion(ids.get(1))).isEmpty();
        assertThat(a.getHistory()).extracting(Version::id)
                .containsExactlyInAnyOrder(ids.get(0), ids.get(2));
    }

    @Test
    void aFailedFetchChangesNothingLocal() throws Exception {
        JcfManager a = project("a");
        buildHistory(a);
        RemoteConfig remote = remote(Kind.FOLDER);
        withRemote(a, remote).push("origin");
        JcfManager b = project("b");
        Remotes rb = withRemote(b, remote);
        byte[] manifestBefore = b.getAdapter().readFile("manifest.json");
        try (Stream<Path> files = Files.list(remote.folder().resolve("packs"))) {
            Path pack = files.filter(p -> p.toString().endsWith(".pack")).findFirst().orElseThrow();
            Files.write(pack, new byte[] {1, 2, 3}); // cut short
        }
        assertThatThrownBy(() -> rb.fetch("origin")).isInstanceOf(CorruptionException.class);
        assertThat(b.getHistory()).isEmpty();
        assertThat(b.getAdapter().readFile("manifest.json")).isEqualTo(manifestBefore);
        assertThat(b.getAdapter().listFiles(".store/packs")).isEmpty();
    }

    // ------------------------------------------------------------------ encryption

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anEncryptedProjectLeavesOnlyCiphertextOnTheRemote(Kind kind) throws Exception {
        JcfManager a = project("a", "correct horse".toCharArray());
        a.addFile("secret-plan.txt", "TOP SECRET PLAINTEXT: meet at the old mill at noon.\n".repeat(30));
        a.addFile("diary/private-entry.md", "Dear diary, PLAINTEXT-MARKER-42\n");
        a.saveCheckpoint("Confidential message text");
        RemoteConfig remote = remote(kind);
        withRemote(a, remote).push("origin");

        List<String> needles = List.of("secret-plan", "private-entry", "diary", "TOP SECRET", "PLAINTEXT",
                "Confidential message");
        try (RemoteStore store = new RemoteStore(Remotes.defaultBackend(remote, s3.env()))) {
            List<String> names = store.list("").stream().map(o -> o.name()).toList();
            assertThat(names).anyMatch(n -> n.startsWith("packs/")).anyMatch(n -> n.startsWith("pushes/"))
                    .contains("kamaros-remote.json", "heads/main");
            for (var o : store.list("")) {
                String text = new String(store.get(o.name()).orElseThrow(), StandardCharsets.ISO_8859_1);
                for (String needle : needles) {
                    assertThat(o.name()).doesNotContain(needle);
                    assertThat(text).as(o.name()).doesNotContain(needle);
                }
            }
        }

        Path folder = dir.resolve("clone");
        assertThatThrownBy(() -> cloneTo(remote, folder)).isInstanceOf(PasswordException.class)
                .extracting(e -> ((JcfException) e).code()).isEqualTo(ErrorCodes.PASSWORD_REQUIRED);
        assertThat(folder).doesNotExist();
        cloneTo(remote, folder, "correct horse".toCharArray());
        JcfManager c = reopen(folder, "correct horse".toCharArray());
        assertThat(c.isEncrypted()).isTrue();
        assertHasHistoryOf(c, a);
    }

    @Test
    void aRemoteOfAnotherProjectKindIsRefused() throws Exception {
        JcfManager plain = project("plain");
        plain.addFile("a.txt", "a");
        plain.saveCheckpoint("a");
        RemoteConfig remote = remote(Kind.FOLDER);
        withRemote(plain, remote).push("origin");
        JcfManager sealed = project("sealed", "pw-1234567".toCharArray());
        sealed.addFile("b.txt", "b");
        sealed.saveCheckpoint("b");
        assertThatThrownBy(() -> withRemote(sealed, remote).push("origin")).isInstanceOf(JcfException.class)
                .extracting(e -> ((JcfException) e).code()).isEqualTo(ErrorCodes.REMOTE_ERROR);
    }

}
