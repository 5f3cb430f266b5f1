package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.kamaros.engine.format.Json;
import io.kamaros.engine.history.ManifestEdits;
import io.kamaros.engine.model.VerificationReport.Finding;
import io.kamaros.engine.history.SampleProject;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.objects.ProjectKey;
import io.kamaros.engine.objects.pack.PackReader;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.ExportOptions;
import io.kamaros.engine.model.GcOptions;
import io.kamaros.engine.model.GcReport;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.PasswordException;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerifyOptions;

/**
 * Encryption at rest end to end: every version byte-exact on memory and on disk, no plaintext
 * under {@code .store/}, a wrong password refused before anything is touched, tampered or swapped
 * objects refused and reported, export / import, password change, GC.
 *
 * <p>Projects here are created with {@value #TEST_ITERATIONS} PBKDF2 iterations through the
 * test-only system property (recorded in their manifest); {@code ObjectCipherTest} checks the
 * 600,000 default.
 */
class EncryptionTest {
    static final String TEST_ITERATIONS = "1000";
    static final String MARKER = "PLAINTEXT-MARKER-7f3a";
    private static final VerifyOptions DEEP = VerifyOptions.builder().deep(true).build();
    private static String previousIterations;

    @TempDir
    Path tmp;

    @BeforeAll
    static void lowIterationsForTests() {
        previousIterations = System.setProperty(ProjectKey.TEST_ITERATIONS_PROPERTY, TEST_ITERATIONS);
    }

    @AfterAll
    static void restoreIterations() {
        if (previousIterations == null) {
            System.clearProperty(ProjectKey.TEST_ITERATIONS_PROPERTY);
        } else {
            System.setProperty(ProjectKey.TEST_ITERATIONS_PROPERTY, previousIterations);
        }
    }

    static char[] pw() {
        return "tr0ub4dor&3".toCharArray();
    }

    static JcfManager openEncrypted(FileSystemAdapter adapter, char[] password) {
        JcfManager jcf = new JcfManager(SampleProject.config());
        try {
            jcf.init(adapter, password);
        } catch (RuntimeException e) {
            jcf.close();
            throw e;
        }
        return jcf;
    }

    static SampleProject encryptedSample(Path dir) {
        return SampleProject.create(dir, openEncrypted(new FileAdapter(dir), pw()));
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void everyVersionRoundTripsByteExactOnDiskAlsoAfterReopeningAndRestoring() throws Exception {
        SampleProject p = encryptedSample(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            assertThat(jcf.isEncrypted()).isTrue();
            p.assertEveryVersionExact();
            assertThat(jcf.verifyIntegrity(DEEP).errors()).isEmpty();
        }
        try (JcfManager jcf = openEncrypted(new FileAdapter(p.dir), pw())) {
            p.assertEveryVersionExact(jcf);
            for (Map.Entry<String, Map<String, byte[]>> v : p.expected.entrySet()) {
                jcf.restoreVersion(v.getKey(), RestoreOptions.builder().force(true).build());
                for (Map.Entry<String, byte[]> f : v.getValue().entrySet()) {
                    assertThat(Files.readAllBytes(p.dir.resolve("content").resolve(f.getKey())))
                            .as("%s restored from %s", f.getKey(), v.getKey()).isEqualTo(f.getValue());
                    try (InputStream in = jcf.streamFile(f.getKey(), v.getKey())) {
                        assertThat(in.readAllBytes()).isEqualTo(f.getValue());
                    }
                }
            }
            assertThat(jcf.verifyIntegrity(DEEP).errors()).isEmpty();
        }
    }

    @Test
    void everyVersionRoundTripsByteExactInMemory() {
        MemoryAdapter mem = new MemoryAdapter();
        Map<String, Map<String, byte[]>> expected = new LinkedHashMap<>();
        Random rnd = new Random(42);
        byte[] big = new byte[900_000]; // chunked
        rnd.nextBytes(big);
        try (JcfManager jcf = openEncrypted(mem, pw())) {
            Map<String, byte[]> model = new TreeMap<>();
            for (int v = 0; v < 12; v++) {
                StringBuilder text = new StringBuilder();
                for (int line = 0; line < 300; line++) {
                    text.append(MARKER).append(' ').append(line == v * 11 ? "edit " + v : "line " + line).append('\n');
                }
                model.put("doc.txt", text.toString().getBytes(StandardCharsets.UTF_8));
                if (v % 4 == 0) {
                    big[rnd.nextInt(big.length)] ^= 0x11;
                    model.put("big.bin", big.clone());
                }
                if (v == 5) {
                    model.remove("doc.txt");
                }
                for (Map.Entry<String, byte[]> f : model.entrySet()) {
                    jcf.addFile(f.getKey(), f.getValue());
                }
                if (v == 5) {
                    jcf.removeFile("doc.txt");
                }
                expected.put(jcf.saveCheckpoint("v" + v), new TreeMap<>(model));
            }
            assertThat(jcf.verifyIntegrity(DEEP).errors()).isEmpty();
        }
        try (JcfManager jcf = openEncrypted(mem, pw())) {
            expected.forEach((id, files) -> files.forEach((path, bytes) ->
                    assertThat(jcf.getFileContent(path, id)).as("%s in %s", path, id).isEqualTo(bytes)));
        }
        // nothing sealed holds the marker
        for (String dir : List.of(".store/blobs", ".store/chunks", ".store/deltas")) {
            try {
                for (String name : mem.listFiles(dir)) {
                    assertThat(contains(mem.readFile(dir + "/" + name), MARKER)).as(dir + "/" + name).isFalse();
                }
            } catch (IOException e) {
                fail(e.toString());
            }
        }
    }

    // ---------------------------------------------------------------- no plaintext on disk

    @Test
    void noPlaintextOfTheContentAnywhereUnderStoreWhileAPlainProjectShowsIt() throws Exception {
        noPlaintextUnderStore(true, "blobs", "chunks", "deltas");
    }

    @Test
    void noPlaintextOfTheContentInPacksWhileAPlainProjectShowsIt() throws Exception {
        noPlaintextUnderStore(false, "packs");
    }

    private void noPlaintextUnderStore(boolean looseObjects, String... folders) throws Exception {
        // Compression off, so that in the plain project (the control) the marker is visible as is.
        JcfConfig raw = SampleProject.config().toBuilder().compressionLevel(0).looseObjects(looseObjects).build();
        Path enc = tmp.resolve("enc");
        Path plain = tmp.resolve("plain");
        for (Path dir : List.of(enc, plain)) {
            try (JcfManager jcf = new JcfManager(raw)) {
                if (dir == enc) {
                    jcf.init(new FileAdapter(dir), pw());
                } else {
                    jcf.init(new FileAdapter(dir));
                }
                byte[] bin = new byte[700_000];
                new Random(1).nextBytes(bin);
                byte[] m = MARKER.getBytes(StandardCharsets.US_ASCII);
                for (int at = 0; at + m.length < bin.length; at += 40_000) {
                    System.arraycopy(m, 0, bin, at, m.length);
                }
                for (int v = 0; v < 4; v++) {
                    StringBuilder notes = new StringBuilder();
                    for (int line = 0; line < 40; line++) {
                        notes.append(MARKER).append(line == 7 ? " edited in version " + v : " line " + line).append('\n');
                    }
                    jcf.addFile("notes.md", notes.toString()); // one line changes: reverse patches
                    jcf.addFile("small.txt", MARKER);
                    bin[v] = (byte) v;
                    jcf.addFile("data.bin", bin);
                    jcf.saveCheckpoint("v" + v);
                }
            }
        }
        assertThat(filesContaining(plain.resolve(".store"), MARKER)).as("control: the plain project shows it").isNotEmpty();
        assertThat(filesContaining(enc.resolve(".store"), MARKER)).isEmpty();
        assertThat(filesContaining(enc, MARKER)).allMatch(f -> f.startsWith("content/"));
        try (Stream<Path> s = Files.list(enc.resolve(".store"))) {
            assertThat(s.map(f -> f.getFileName().toString())).contains(folders);
        }
    }

    // ---------------------------------------------------------------- passwords

    @Test
    void aWrongOrMissingPasswordFailsBeforeAnythingIsTouched() throws Exception {
        SampleProject p = encryptedSample(tmp.resolve("p"));
        p.jcf.close();
        Map<String, String> before = snapshot(p.dir);

        assertThatThrownBy(() -> openEncrypted(new FileAdapter(p.dir), "wrong".toCharArray()))
                .isInstanceOf(PasswordException.class)
                .satisfies(e -> assertThat(((JcfException) e).code()).isEqualTo(ErrorCodes.WRONG_PASSWORD));
        assertThat(snapshot(p.dir)).isEqualTo(before);

        JcfManager noPassword = new JcfManager(SampleProject.config());
        assertThatThrownBy(() -> noPassword.init(new FileAdapter(p.dir)))
                .isInstanceOf(PasswordException.class)
                .satisfies(e -> assertThat(((JcfException) e).code()).isEqualTo(ErrorCodes.PASSWORD_REQUIRED));
        noPassword.close();
        assertThat(snapshot(p.dir)).isEqualTo(before);

        // A password for a plain project is a mistake too, said clearly.
        Path plainDir = tmp.resolve("plain");
        try (JcfManager jcf = SampleProject.open(plainDir)) {
            jcf.addFile("a.txt", "x");
            jcf.saveCheckpoint("one");
        }
        assertThatThrownBy(() -> openEncrypted(new FileAdapter(plainDir), pw())).isInstanceOf(ValidationException.class);

        char[] given = pw();
        try (JcfManager jcf = openEncrypted(new FileAdapter(p.dir), given)) {
            assertThat(given).as("wiped after the key is derived").containsOnly('\0');
            p.assertEveryVersionExact(jcf);
        }
    }

    @Test
    void kdfParametersAreRecordedInTheManifestAndHonouredOnOpen() throws Exception {
        Path dir = tmp.resolve("p");
        try (JcfManager jcf = openEncrypted(new FileAdapter(dir), pw())) {
            jcf.addFile("a.txt", MARKER);
            jcf.saveCheckpoint("one");
        }
        Map<?, ?> enc = encryptionRecord(dir);
        assertThat(enc.get("iterations")).isEqualTo(Integer.parseInt(TEST_ITERATIONS));
        assertThat(enc.get("kdf")).isEqualTo("PBKDF2-HMAC-SHA256");
        assertThat(enc.get("cipher")).isEqualTo("AES-256-GCM");
        assertThat(String.valueOf(enc.get("salt"))).hasSize(24); // 16 bytes, base64
        assertThat(enc.containsKey("wrappedKey")).isTrue();
        // Opening with the default raised back does not matter: the recorded count is used.
        String old = System.clearProperty(ProjectKey.TEST_ITERATIONS_PROPERTY);
        try (JcfManager jcf = openEncrypted(new FileAdapter(dir), pw())) {
            assertThat(jcf.getFileContent("a.txt", "HEAD")).isEqualTo(MARKER.getBytes(StandardCharsets.UTF_8));
        } finally {
            System.setProperty(ProjectKey.TEST_ITERATIONS_PROPERTY, old);
        }
        // Editing the recorded count (a downgrade attempt) fails the key check.
        Path manifest = dir.resolve("manifest.json");
        byte[] original = Files.readAllBytes(manifest);
        // with the manifest's checksum kept right, so that the key check is what refuses it
        ManifestEdits.edit(manifest,
                doc -> doc.withObjectProperty("config").withObjectProperty(ProjectKey.CONFIG_KEY).put("iterations", 1));
        assertThatThrownBy(() -> openEncrypted(new FileAdapter(dir), pw())).isInstanceOf(PasswordException.class);
        Files.write(manifest, original);
    }

    @Test
    void changingThePasswordRewrapsTheKeyAndTheOldPasswordStopsWorking() throws Exception {
        SampleProject p = encryptedSample(tmp.resolve("p"));
        String oldWrapped = String.valueOf(encryptionRecord(p.dir).get("wrappedKey"));
        Map<String, Long> objectsBefore = p.storeFiles();
        assertThatThrownBy(() -> p.jcf.changePassword("nope".toCharArray(), "new".toCharArray()))
                .isInstanceOf(PasswordException.class);
        p.jcf.changePassword(pw(), "n3w pass".toCharArray());
        p.assertEveryVersionExact();
        p.jcf.close();
        assertThat(Files.readString(p.dir.resolve("manifest.json"))).doesNotContain(oldWrapped);
        assertThat(new String(ProjectStore.decodeBackup(
                Files.readAllBytes(p.dir.resolve("manifest.json.bak"))), StandardCharsets.UTF_8))
                .contains("wrappedKey").doesNotContain(oldWrapped);
        Map<String, Long> objectsAfter = p.storeFiles();
        objectsAfter.keySet().removeIf(k -> k.startsWith("manifest"));
        objectsBefore.keySet().removeIf(k -> k.startsWith("manifest"));
        assertThat(objectsAfter).as("no object rewritten").isEqualTo(objectsBefore);
        assertThatThrownBy(() -> openEncrypted(new FileAdapter(p.dir), pw())).isInstanceOf(PasswordException.class);
        try (JcfManager jcf = openEncrypted(new FileAdapter(p.dir), "n3w pass".toCharArray())) {
            p.assertEveryVersionExact(jcf);
        }
    }

    // ---------------------------------------------------------------- tampering

    @Test
    void everyFlippedOrSwappedObjectIsRefusedAndReportedByDeepVerify() throws Exception {
        SampleProject p = encryptedSample(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            jcf.runGc();
            assertThat(jcf.verifyIntegrity(DEEP).errors()).isEmpty();
            List<Path> objects = new ArrayList<>();
            for (String dir : List.of("blobs", "chunks", "deltas")) {
                try (Stream<Path> s = Files.list(p.dir.resolve(".store").resolve(dir))) {
                    s.sorted().forEach(objects::add);
                }
            }
            Map<String, int[]> counts = new TreeMap<>(); // kind -> {objects, reported, reads refused}
            for (Path obj : objects) {
                String kind = obj.getParent().getFileName().toString();
                String name = obj.getFileName().toString();
                int[] c = counts.computeIfAbsent(kind, k -> new int[3]);
                c[0]++;
                byte[] original = Files.readAllBytes(obj);
                byte[] damaged = original.clone();
                damaged[damaged.length / 2] ^= 0x01;
                Files.write(obj, damaged);
                try {
                    VerificationReport r = jcf.verifyIntegrity(DEEP);
                    assertThat(r.valid()).as("%s", obj).isFalse();
                    if (r.errors().stream().anyMatch(f -> mentions(f, name))) {
                        c[1]++;
                    } else {
                        fail("not reported: %s; errors: %s", obj, r.errors());
                    }
                    c[2] += readEverything(p);
                } finally {
                    Files.write(obj, original);
                }
            }
            counts.forEach((kind, c) -> System.out.printf("[EncryptionTest] flipped %-6s %3d objects, %3d reported by "
                    + "deep verify, %3d reads refused with CorruptionException (never wrong bytes)%n", kind, c[0], c[1], c[2]));
            counts.forEach((kind, c) -> assertThat(c[1]).as(kind).isEqualTo(c[0]));
            assertThat(counts.keySet()).containsExactly("blobs", "chunks", "deltas");

            // Two objects swapped (each body valid, under the other's name): both refused, by name.
            List<Path> blobs = objects.stream().filter(o -> o.getParent().getFileName().toString().equals("blobs")).toList();
            Path a = blobs.get(0);
            Path b = blobs.get(1);
            byte[] ba = Files.readAllBytes(a);
            byte[] bb = Files.readAllBytes(b);
            Files.write(a, bb);
            Files.write(b, ba);
            try {
                VerificationReport r = jcf.verifyIntegrity(DEEP);
                assertThat(r.errors()).anyMatch(f -> mentions(f, a.getFileName().toString()));
                assertThat(r.errors()).anyMatch(f -> mentions(f, b.getFileName().toString()));
                assertThat(readEverything(p)).isPositive();
                String version = versionNeeding(p, a.getFileName().toString());
                if (version != null) {
                    assertThatThrownBy(() -> jcf.restoreVersion(version, RestoreOptions.builder().force(true).build()))
                            .isInstanceOf(CorruptionException.class);
                }
            } finally {
                Files.write(a, ba);
                Files.write(b, bb);
            }
            jcf.runGc();
            assertThat(jcf.verifyIntegrity(DEEP).valid()).isTrue();
            p.assertEveryVersionExact();
        }
    }

    /** Reads every file of every version: the right bytes or a CorruptionException. Returns the refusals. */
    private static int readEverything(SampleProject p) {
        int refused = 0;
        for (Map.Entry<String, Map<String, byte[]>> v : p.expected.entrySet()) {
            for (Map.Entry<String, byte[]> f : v.getValue().entrySet()) {
                try {
                    assertThat(p.jcf.getFileContent(f.getKey(), v.getKey())).isEqualTo(f.getValue());
                } catch (CorruptionException e) {
                    refused++;
                }
                try (InputStream in = p.jcf.streamFile(f.getKey(), v.getKey())) {
                    assertThat(in.readAllBytes()).isEqualTo(f.getValue());
                } catch (CorruptionException e) {
                    refused++;
                } catch (IOException e) {
                    fail(e.toString());
                }
            }
        }
        return refused;
    }

    private static String versionNeeding(SampleProject p, String hash) {
        for (Map.Entry<String, Map<String, byte[]>> v : p.expected.entrySet()) {
            for (Map.Entry<String, byte[]> f : v.getValue().entrySet()) {
                if (BlobStore.sha256Hex(f.getValue()).equals(hash)
                        && !Arrays.equals(f.getValue(), p.expected.get(p.ids.get(p.ids.size() - 1)).get(f.getKey()))) {
                    return v.getKey();
                }
            }
        }
        return null;
    }

    private static boolean mentions(Finding f, String name) {
        return f.message().contains(name) || f.details().values().stream().anyMatch(d -> d.contains(name));
    }

    // ---------------------------------------------------------------- export / import / gc

    @Test
    void exportKeepsObjectsEncryptedAndImportNeedsThePassword() throws Exception {
        SampleProject p = encryptedSample(tmp.resolve("p"));
        Path archive = tmp.resolve("p.jcf");
        Path plainArchive = tmp.resolve("p-with-content.jcf");
        String head = p.ids.get(p.ids.size() - 1);
        try (JcfManager jcf = p.jcf) {
            jcf.addFile("secret.txt", MARKER);
            String last = jcf.saveCheckpoint("marker");
            p.expected.put(last, new TreeMap<>(p.expected.get(head)));
            p.expected.get(last).put("secret.txt", MARKER.getBytes(StandardCharsets.UTF_8));
            jcf.export(archive);
            jcf.export(plainArchive, ExportOptions.builder().plaintextContent(true).build());
        }
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            List<String> names = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                names.add(e.getName());
                if (e.getName().startsWith(".store/")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        assertThat(contains(in.readAllBytes(), MARKER)).as(e.getName()).isFalse();
                    }
                }
            }
            assertThat(names).noneMatch(n -> n.startsWith("content/")).anyMatch(n -> n.startsWith(".store/deltas/"));
            try (InputStream in = zip.getInputStream(zip.getEntry("manifest.json"))) {
                String manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(manifest).contains("\"encryption\"", "\"wrappedKey\"", "AES-256-GCM");
            }
        }
        try (ZipFile zip = new ZipFile(plainArchive.toFile())) {
            assertThat(zip.getEntry("content/secret.txt")).as("asked for explicitly").isNotNull();
        }

        Path target = tmp.resolve("imported");
        try (JcfManager jcf = SampleProject.open(target)) {
            Map<String, String> before = snapshot(target);
            assertThatThrownBy(() -> jcf.importData(archive)).isInstanceOf(PasswordException.class)
                    .satisfies(e -> assertThat(((JcfException) e).code()).isEqualTo(ErrorCodes.PASSWORD_REQUIRED));
            assertThatThrownBy(() -> jcf.importData(archive, ImportOptions.builder().password("bad".toCharArray()).build()))
                    .isInstanceOf(PasswordException.class)
                    .satisfies(e -> assertThat(((JcfException) e).code()).isEqualTo(ErrorCodes.WRONG_PASSWORD));
            Map<String, String> after = snapshot(target);
            // the writer lock file (taken by open and by every mutation) is not project data
            before.remove(".store/lock");
            after.remove(".store/lock");
            assertThat(after).isEqualTo(before);
            jcf.importData(archive, ImportOptions.builder().password(pw()).build());
            assertThat(jcf.isEncrypted()).isTrue();
            p.assertEveryVersionExact(jcf);
            assertThat(jcf.verifyIntegrity(DEEP).errors()).isEmpty();
        }
        assertThat(filesContaining(target.resolve(".store"), MARKER)).isEmpty();
        try (JcfManager jcf = openEncrypted(new FileAdapter(target), pw())) {
            p.assertEveryVersionExact(jcf);
        }

        // Also into a project created encrypted (with its own key, which the archive's replaces).
        Path target2 = tmp.resolve("imported2");
        try (JcfManager jcf = openEncrypted(new FileAdapter(target2), "other".toCharArray())) {
            jcf.importData(archive, ImportOptions.builder().password(pw()).build());
            p.assertEveryVersionExact(jcf);
        }
        try (JcfManager jcf = openEncrypted(new FileAdapter(target2), pw())) {
            p.assertEveryVersionExact(jcf);
        }

        // A single-version export stays encrypted too, and imports.
        Path single = tmp.resolve("single.jcf");
        try (JcfManager jcf = openEncrypted(new FileAdapter(p.dir), pw())) {
            jcf.export(single, ExportOptions.builder().versionId(p.ids.get(2)).build());
        }
        try (JcfManager jcf = SampleProject.open(tmp.resolve("single"))) {
            jcf.importData(single, ImportOptions.builder().password(pw()).build());
            p.expected.get(p.ids.get(2)).forEach((path, bytes) ->
                    assertThat(jcf.getFileContent(path, "HEAD")).as(path).isEqualTo(bytes));
        }
    }

    @Test
    void aPlainArchiveImportedWithAPasswordBecomesAnEncryptedProject() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("plain"));
        Path archive = tmp.resolve("plain.jcf");
        try (JcfManager jcf = p.jcf) {
            jcf.export(archive);
        }
        Path target = tmp.resolve("enc");
        try (JcfManager jcf = openEncrypted(new FileAdapter(target), pw())) {
            jcf.importData(archive);
            p.assertEveryVersionExact(jcf);
        }
        try (JcfManager jcf = openEncrypted(new FileAdapter(target), pw())) {
            p.assertEveryVersionExact(jcf);
            assertThat(jcf.verifyIntegrity(DEEP).errors()).isEmpty();
        }
        // every object in the new project is sealed: each one would fail to open without the key
        Map<String, byte[]> objects = new TreeMap<>();
        try (Stream<Path> s = Files.walk(target.resolve(".store"))) {
            for (Path f : s.filter(Files::isRegularFile)
                    .filter(f -> f.getParent().getFileName().toString().matches("blobs|chunks|deltas")).toList()) {
                objects.put(f.toString(), Files.readAllBytes(f));
            }
        }
        PackReader packs = PackReader.open(new FileAdapter(target)); // no key: an entry's data as stored
        for (String id : packs.objectIds()) {
            objects.put(id, packs.read(id));
        }
        assertThat(objects).isNotEmpty();
        objects.forEach((name, b) ->
                assertThat(new String(b, 0, 4, StandardCharsets.ISO_8859_1)).as(name).isEqualTo("KE\u0001G"));
    }

    @Test
    void gcAndRepairWorkOnAnEncryptedProject() throws Exception {
        SampleProject p = encryptedSample(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            // History compaction (snapshotInterval 3) leaves text blobs that patches rebuild: GC reads
            // (decrypts) patches to prove that before deleting them.
            GcReport dry = jcf.runGc(GcOptions.builder().dryRun(true).build());
            GcReport gc = jcf.runGc();
            System.out.printf("[EncryptionTest] gc on an encrypted project: %d blobs, %d patches removed (dry run: %d, %d)%n",
                    gc.blobsRemoved(), gc.deltasRemoved(), dry.blobsRemoved(), dry.deltasRemoved());
            assertThat(gc.blobsRemoved()).isEqualTo(dry.blobsRemoved());
            p.assertEveryVersionExact();
            assertThat(jcf.verifyIntegrity(DEEP).errors()).isEmpty();

            // A damaged blob of the current working copy is rewritten (sealed) by repair.
            String head = p.ids.get(p.ids.size() - 1);
            byte[] a = p.expected.get(head).get("a.txt");
            Path blob = p.dir.resolve(".store/blobs/" + BlobStore.sha256Hex(a));
            byte[] b = Files.readAllBytes(blob);
            b[b.length / 2] ^= 1;
            Files.write(blob, b);
            VerificationReport r = jcf.verifyIntegrity(VerifyOptions.builder().deep(true).repair(true).build());
            assertThat(r.repaired()).isNotEmpty();
            assertThat(jcf.verifyIntegrity(DEEP).errors()).isEmpty();
            assertThat(new String(Files.readAllBytes(blob), 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("KE\u0001G");
            p.assertEveryVersionExact();
        }
    }

    @Test
    void aBigEncryptedFileStreamsInAHeapSmallerThanItself() throws Exception {
        Path project = tmp.resolve("big");
        byte[] data = new byte[32 << 20];
        new SplittableRandom(5).nextBytes(data);
        Files.createDirectories(project.resolve("content"));
        Files.write(project.resolve("content/huge.bin"), data);
        String expected = BlobStore.sha256Hex(data);
        data = null;
        String cp = System.getProperty("kamaros.test.classpath", "");
        String full = cp.isEmpty() ? System.getProperty("java.class.path")
                : cp + File.pathSeparator + System.getProperty("java.class.path");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx16m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-D" + ProjectKey.TEST_ITERATIONS_PROPERTY + "=" + TEST_ITERATIONS,
                "-cp", full, EncryptedBoundedMemoryMain.class.getName(), project.toString(),
                tmp.resolve("big.jcf").toString(), tmp.resolve("copy").toString());
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(proc.exitValue()).as(out).isZero();
        assertThat(out).contains("stream " + expected, "imported " + expected, "OK");
        try (ZipFile zip = new ZipFile(tmp.resolve("big.jcf").toFile())) {
            assertThat(zip.getEntry("content/huge.bin")).isNull();
        }
    }

    // ---------------------------------------------------------------- helpers

    static Map<?, ?> encryptionRecord(Path dir) throws Exception {
        Map<?, ?> manifest = Json.mapper().readValue(dir.resolve("manifest.json").toFile(), Map.class);
        return (Map<?, ?>) ((Map<?, ?>) manifest.get("config")).get("encryption");
    }

    /** Relative path → size, mtime and SHA-256 of every file under {@code dir}. */
    static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                if (Files.isRegularFile(f)) {
                    out.put(rel, Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis() + " "
                            + BlobStore.sha256Hex(Files.readAllBytes(f)));
                } else {
                    out.put(rel + "/", "dir");
                }
            }
        }
        return out;
    }

    static List<String> filesContaining(Path dir, String marker) throws Exception {
        List<String> out = new ArrayList<>();
        Path root = dir.getFileName().toString().equals(".store") ? dir.getParent() : dir;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(f) && contains(Files.readAllBytes(f), marker)) {
                    out.add(root.relativize(f).toString().replace('\\', '/'));
                }
            }
        }
        return out;
    }

    static boolean contains(byte[] haystack, String marker) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(marker);
    }

}
