package io.kamaros.engine.container;

import static io.kamaros.engine.container.ContainerTestSupport.centralHeader;
import static io.kamaros.engine.container.ContainerTestSupport.putInt;
import static io.kamaros.engine.container.ContainerTestSupport.putShort;
import static io.kamaros.engine.container.ContainerTestSupport.utf8;
import static io.kamaros.engine.container.ContainerTestSupport.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed and malicious archives: only JcfExceptions, nothing written outside the project
 * folder, and the project stays as it was (no versions, empty working copy, no staging left).
 */
class HostileImportTest {
    static final String HELLO = "hello\n";
    static final String HELLO_HASH = BlobStore.sha256Hex(utf8(HELLO));

    @TempDir
    Path root;

    static String manifest(String versionsJson) {
        return "{\"formatVersion\":\"1.0.0\",\"metadata\":{\"name\":\"x\"},\"versionHistory\":" + versionsJson
                + ",\"refs\":{\"head\":\"v1\"}}";
    }

    static String oneVersion() {
        return manifest("[{\"id\":\"v1\",\"parentId\":null,\"timestamp\":\"2026-01-01T00:00:00Z\",\"message\":\"m\","
                + "\"author\":\"a\",\"fileStates\":{\"a.txt\":{\"inodeId\":\"i1\",\"path\":\"a.txt\",\"hash\":\""
                + HELLO_HASH + "\",\"size\":6,\"type\":\"text\"}}}]");
    }

    /** A valid minimal archive (checked by {@link #theMinimalArchiveImports}). */
    static byte[] valid() throws IOException {
        return zip("mimetype", "application/x-jcf", "manifest.json", oneVersion(), "content/a.txt", HELLO,
                ".store/blobs/" + HELLO_HASH, HELLO);
    }

    /** Imports and returns the exception; checks the project and the folder around it are untouched. */
    static JcfException attempt(Path root, byte[] archive, ImportOptions options) throws IOException {
        Path project = root.resolve("proj");
        Throwable thrown;
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new FileAdapter(project));
            thrown = catchThrowable(() -> jcf.importData(new ByteArrayInputStream(archive), options));
            if (thrown != null) {
                assertThat(jcf.getHistory()).isEmpty();
                assertThat(jcf.listFiles()).isEmpty();
            }
        }
        for (Path f : ContainerTestSupport.filesUnder(root)) {
            assertThat(f).startsWith(project);
        }
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(JcfException.class);
            List<Path> left = ContainerTestSupport.filesUnder(project);
            assertThat(left).allMatch(p -> {
                String rel = project.relativize(p).toString().replace('\\', '/');
                return rel.equals("manifest.json") || rel.equals(".store/versions.jsonl") || rel.equals(".store/lock");
            });
            return (JcfException) thrown;
        }
        return null;
    }

    static JcfException attempt(Path root, byte[] archive) throws IOException {
        return attempt(root, archive, ImportOptions.defaults());
    }

    @Test
    void theMinimalArchiveImports() throws Exception {
        assertThat(attempt(root, valid())).isNull();
        assertThat(Files.readString(root.resolve("proj/content/a.txt"))).isEqualTo(HELLO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "../../etc/passwd", "/abs", "/etc/x", "C:/x", "c:x", "a\\b", "content\\..\\..\\x",
            "content/../../x", "content/./x", "content//x", "./x", "content/a\u0001b", "..", "../dir/"})
    void entriesEscapingTheRootAreRefused(String name) throws Exception {
        byte[] archive = zip("mimetype", "application/x-jcf", "manifest.json", oneVersion(), name, "evil");
        JcfException e = attempt(root, archive);
        assertThat(e).isInstanceOf(ValidationException.class).hasMessageContaining("refused");
        assertThat(root.getParent().resolve("x")).doesNotExist();
    }

    @Test
    void duplicateNamesAreRefused() throws Exception {
        byte[] archive = zip("manifest.json", oneVersion(), "content/aa", "one", "content/ab", "two");
        byte[] from = utf8("content/ab");
        byte[] to = utf8("content/aa");
        for (int i = 0; i + from.length <= archive.length; i++) {
            if (Arrays.equals(archive, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, archive, i, to.length);
            }
        }
        JcfException e = attempt(root, archive);
        assertThat(e).isInstanceOf(ValidationException.class).hasMessageContaining("twice");
    }

    /**
     * ZipInputStream never sees the Unix mode (it lives in the central directory's external
     * attributes), so a stream is spooled to a file and its central directory read.
     */
    @Test
    void symbolicLinksAreRefused() throws Exception {
        byte[] archive = zip("mimetype", "application/x-jcf", "manifest.json", oneVersion(), "content/link", "/etc/passwd");
        int cen = centralHeader(archive, "content/link");
        putShort(archive, cen + 4, (3 << 8) | 20); // made by Unix
        putInt(archive, cen + 38, 0120777 << 16); // S_IFLNK | 0777
        JcfException e = attempt(root, archive);
        assertThat(e).isInstanceOf(ValidationException.class).hasMessageContaining("symbolic link");
    }

    private static byte[] bomb;

    /** 200 MB of zeros, deflated to a few hundred KB. */
    static synchronized byte[] bomb() throws IOException {
        if (bomb == null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.setLevel(Deflater.BEST_COMPRESSION);
                zip.putNextEntry(new ZipEntry("manifest.json"));
                zip.write(utf8(oneVersion()));
                zip.putNextEntry(new ZipEntry("content/zeros.bin"));
                byte[] block = new byte[1 << 20];
                for (int i = 0; i < 200; i++) {
                    zip.write(block);
                }
                zip.closeEntry();
            }
            bomb = bytes.toByteArray();
        }
        return bomb.clone();
    }

    @Test
    void aZipBombIsStoppedAtTheLimit() throws Exception {
        byte[] honest = bomb();
        assertThat(honest.length).isLessThan(1 << 20);
        JcfException declared = attempt(root, honest, ImportOptions.builder().maxTotalUncompressed(8L << 20).build());
        assertThat(declared).isInstanceOf(ValidationException.class).hasMessageContaining("maxTotalUncompressed");

        // The same bomb lying about its size: inflation stops right after the declared size.
        byte[] lying = bomb();
        int cen = centralHeader(lying, "content/zeros.bin");
        putInt(lying, cen + 24, 4096);
        Path project = root.resolve("lying");
        AtomicLong maxInflated = new AtomicLong();
        Throwable thrown;
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new FileAdapter(project));
            jcf.on(JcfEvent.Progress.class, p -> maxInflated.accumulateAndGet(p.bytesDone(), Math::max));
            thrown = catchThrowable(() -> jcf.importData(new ByteArrayInputStream(lying),
                    ImportOptions.builder().maxTotalUncompressed(8L << 20).build()));
            assertThat(jcf.getHistory()).isEmpty();
        }
        assertThat(thrown).isInstanceOf(CorruptionException.class).hasMessageContaining("declared size");
        assertThat(maxInflated.get()).isLessThan(1 << 20);
        assertThat(ContainerTestSupport.filesUnder(project.resolve("content"))).isEmpty();
    }

    /** Largest size the import's temporary folder reached while {@code work} ran (polled on disk). */
    static long maxTempSize(Path project, ThrowingRunnable work) throws Exception {
        AtomicLong max = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                long size = 0;
                try {
                    for (Path f : ContainerTestSupport.filesUnder(project.resolve(".store/temp"))) {
                        try {
                            size += Files.size(f);
                        } catch (IOException gone) {
                            // removed between listing and stat
                        }
                    }
                } catch (IOException | UncheckedIOException gone) {
                    // a folder removed while walked
                }
                max.accumulateAndGet(size, Math::max);
                Thread.onSpinWait();
            }
        });
        watcher.setDaemon(true);
        watcher.start();
        try {
            work.run();
        } finally {
            done.set(true);
            watcher.join();
        }
        return max.get();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aZipBombIsStoppedByTheCompressionRatioWithDefaultLimits() throws Exception {
        // 200 MB of zeros in ~200 KB: the default ratio cap allows max(64 MiB, 100 x size). Honestly
        // declared, it is refused from the central directory before anything is inflated.
        JcfException early = attempt(root, bomb());
        assertThat(early).isInstanceOf(ValidationException.class).hasMessageContaining("maxCompressionRatio");
        // Its size hidden (0xFFFFFFFF: "see the ZIP64 field", which is absent): only the bytes actually inflated tell.
        byte[] archive = bomb();
        putInt(archive, centralHeader(archive, "content/zeros.bin") + 24, -1);
        Path project = root.resolve("ratio");
        Throwable[] thrown = new Throwable[1];
        long maxTemp = maxTempSize(project, () -> {
            try (JcfManager jcf = new JcfManager()) {
                jcf.init(new FileAdapter(project));
                thrown[0] = catchThrowable(() -> jcf.importData(new ByteArrayInputStream(archive)));
                assertThat(jcf.getHistory()).isEmpty();
            }
        });
        assertThat(thrown[0]).isInstanceOf(ValidationException.class).hasMessageContaining("maxCompressionRatio")
                .hasMessageContaining("zip bomb");
        // actual bytes on disk in the staging folder: the budget plus one write block, the spooled archive
        assertThat(maxTemp).isLessThanOrEqualTo(ImportOptions.RATIO_FLOOR + (1 << 20) + archive.length);
        assertThat(ContainerTestSupport.filesUnder(project.resolve(".store/temp"))).isEmpty();
        assertThat(ContainerTestSupport.filesUnder(project.resolve("content"))).isEmpty();
    }

    @Test
    void theExpansionBudgetIsTheFreeDiskSpace() throws Exception {
        Path project = root.resolve("disk");
        Files.createDirectories(project);
        long usable = Files.getFileStore(project).getUsableSpace();
        long budget = 16L << 20;
        // A disk with only `budget` bytes above the reserve: the 200 MB bomb stops there.
        ImportOptions options = ImportOptions.builder().maxCompressionRatio(1_000_000).minFreeSpace(usable - budget).build();
        byte[] archive = bomb();
        putInt(archive, centralHeader(archive, "content/zeros.bin") + 24, -1);
        Throwable[] thrown = new Throwable[1];
        long maxTemp = maxTempSize(project, () -> {
            try (JcfManager jcf = new JcfManager()) {
                jcf.init(new FileAdapter(project));
                thrown[0] = catchThrowable(() -> jcf.importData(new ByteArrayInputStream(archive), options));
                assertThat(jcf.getHistory()).isEmpty();
            }
        });
        assertThat(thrown[0]).isInstanceOf(ValidationException.class).hasMessageContaining("free");
        // other programs share this disk: allow them 64 MB of drift either way
        assertThat(maxTemp).isLessThanOrEqualTo(budget + (64L << 20) + archive.length);
        assertThat(ContainerTestSupport.filesUnder(project.resolve(".store/temp"))).isEmpty();
    }

    @Test
    void aTruncatedArchiveIsCorrupt() throws Exception {
        byte[] archive = valid();
        for (int cut : new int[] {0, 10, archive.length / 2, archive.length - 10}) {
            JcfException e = attempt(root, Arrays.copyOf(archive, cut));
            assertThat(e).as("cut at %d", cut).isInstanceOf(CorruptionException.class);
        }
    }

    @Test
    void aWrongCrcIsCorrupt() throws Exception {
        byte[] archive = valid();
        int cen = centralHeader(archive, "content/a.txt");
        putInt(archive, cen + 16, ContainerTestSupport.getInt(archive, cen + 16) ^ 0x1);
        JcfException e = attempt(root, archive);
        assertThat(e).isInstanceOf(CorruptionException.class).hasMessageContaining("CRC");
    }

    @Test
    void aBlobThatDoesNotMatchItsNameIsCorrupt() throws Exception {
        byte[] archive = zip("manifest.json", oneVersion(), ".store/blobs/" + HELLO_HASH, "HELLO\n");
        JcfException e = attempt(root, archive);
        assertThat(e).isInstanceOf(CorruptionException.class).hasMessageContaining(HELLO_HASH);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[1,2,3]",
        "{\"versionHistory\":\"nope\"}",
        "{\"versionHistory\":[{\"id\":5,\"timestamp\":\"2026-01-01T00:00:00Z\"}]}",
        "{\"versionHistory\":[{\"id\":\"a\",\"timestamp\":\"yesterday\"}]}",
        "{\"versionHistory\":[{\"id\":\"a\"}]}",
        "{\"versionHistory\":[{\"id\":\"a\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"fileStates\":[1]}]}",
        "{\"versionHistory\":[{\"id\":\"a\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"fileStates\":{\"x\":{\"inodeId\":\"i\",\"hash\":\"00\"}}}]}",
        "{\"versionHistory\":[{\"id\":\"a\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"fileStates\":{\"x\":{\"inodeId\":\"i\",\"size\":\"big\"}}}]}",
        "{\"versionHistory\":[{\"id\":\"a\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"fileStates\":{\"../x\":{\"inodeId\":\"i\",\"hash\":\"0000000000000000000000000000000000000000000000000000000000000000\"}}}]}",
        "{\"versionHistory\":[{\"id\":\"a\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"fileStates\":{\"x\":{\"inodeId\":\"i\",\"hash\":\"0000000000000000000000000000000000000000000000000000000000000000\"}}}]}",
        "{\"versionHistory\":[{\"id\":\"a\",\"parentId\":\"b\",\"timestamp\":\"2026-01-01T00:00:00Z\"}]}",
        "{\"versionHistory\":[{\"id\":\"a\",\"parentId\":\"b\",\"timestamp\":\"2026-01-01T00:00:00Z\"},{\"id\":\"b\",\"parentId\":\"a\",\"timestamp\":\"2026-01-01T00:00:00Z\"}]}",
        "{\"versionHistory\":[{\"id\":\"a\",\"timestamp\":\"2026-01-01T00:00:00Z\"},{\"id\":\"a\",\"timestamp\":\"2026-01-01T00:00:00Z\"}]}",
        "{\"versionHistory\":[],\"refs\":{\"head\":{\"x\":1}}}",
        "{\"versionHistory\":[],\"refs\":{\"head\":\"ghost\"}}",
        "{\"versionHistory\":[],\"refs\":[]}",
        "{\"metadata\":{\"name\":7}}",
        "{\"versionHistory\":[{\"id\":\"a/b\",\"timestamp\":\"2026-01-01T00:00:00Z\"}]}",
    })
    void brokenManifestsAreCorrupt(String json) throws Exception {
        JcfException e = attempt(root, zip("mimetype", "application/x-jcf", "manifest.json", json));
        assertThat(e).isInstanceOf(CorruptionException.class).hasMessageContaining("manifest");
    }

    @Test
    void withoutValidationADamagedBlobIsStillNeverReturned() throws Exception {
        byte[] archive = zip("manifest.json", oneVersion(), "content/a.txt", HELLO, ".store/blobs/" + HELLO_HASH, "HELLO\n");
        assertThat(attempt(root, archive, ImportOptions.builder().validate(false).build())).isNull();
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new FileAdapter(root.resolve("proj")));
            assertThat(catchThrowable(() -> jcf.getFileContent("a.txt", "v1"))).isInstanceOf(CorruptionException.class);
        }
    }

    @Test
    void aNewerMajorFormatIsRefused() throws Exception {
        String json = oneVersion().replace("\"1.0.0\"", "\"2.0.0\"");
        JcfException e = attempt(root, zip("manifest.json", json, ".store/blobs/" + HELLO_HASH, HELLO));
        assertThat(e).isInstanceOf(ValidationException.class).hasMessageContaining("2.0.0");
    }

    @Test
    void aWrongMimetypeIsRefused() throws Exception {
        JcfException e = attempt(root, zip("mimetype", "application/zip", "manifest.json", oneVersion()));
        assertThat(e).isInstanceOf(CorruptionException.class).hasMessageContaining("mimetype");
    }

    @Test
    void aMissingManifestIsCorrupt() throws Exception {
        JcfException e = attempt(root, zip("mimetype", "application/x-jcf", "content/a.txt", HELLO));
        assertThat(e).isInstanceOf(CorruptionException.class).hasMessageContaining("manifest");
    }

    @Test
    void giantManifestsAreRefusedBeforeBeingRead() throws Exception {
        // declared 300 MB (more than the default 256 MiB limit): refused from the central directory
        byte[] archive = valid();
        putInt(archive, centralHeader(archive, "manifest.json") + 24, 300_000_000);
        JcfException declared = attempt(root, archive);
        assertThat(declared).isInstanceOf(ValidationException.class).hasMessageContaining("maxManifestBytes");

        // honestly large, above a configured limit
        JcfException real = attempt(root, valid(), ImportOptions.builder().maxManifestBytes(100).build());
        assertThat(real).isInstanceOf(ValidationException.class).hasMessageContaining("maxManifestBytes");
    }

    @Test
    void tooManyEntriesAreRefused() throws Exception {
        JcfException e = attempt(root, valid(), ImportOptions.builder().maxEntries(3).build());
        assertThat(e).isInstanceOf(ValidationException.class).hasMessageContaining("maxEntries");
    }

    @Test
    void encryptedContentIsRefusedClearly() throws Exception {
        String json = oneVersion().replace("\"type\":\"text\"", "\"type\":\"text\",\"encrypted\":true");
        JcfException e = attempt(root, zip("manifest.json", json, ".store/blobs/" + HELLO_HASH, HELLO));
        assertThat(e).isInstanceOf(ValidationException.class).hasMessageContaining("encrypted");
    }

    @Test
    void aMemoryProjectStaysEmptyToo() throws Exception {
        MemoryAdapter mem = new MemoryAdapter();
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(mem);
            byte[] archive = zip("manifest.json", oneVersion(), "content/a.txt", HELLO);
            Throwable t = catchThrowable(() -> jcf.importData(new ByteArrayInputStream(archive)));
            assertThat(t).isInstanceOf(CorruptionException.class).hasMessageContaining("a.txt");
            assertThat(jcf.getHistory()).isEmpty();
        }
        assertThat(mem.listFiles("").stream().filter(p -> !p.equals("manifest.json") && !p.equals(".store/versions.jsonl")))
                .isEmpty();
        assertThat(new String(mem.readFile(".store/versions.jsonl"), StandardCharsets.UTF_8)).isEmpty();
    }
}
