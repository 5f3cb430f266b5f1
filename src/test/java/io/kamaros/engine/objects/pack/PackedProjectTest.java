package io.kamaros.engine.objects.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CancelledException;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.GcOptions;
import io.kamaros.engine.model.GcReport;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.ForwardingAdapter;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects whose objects are in packs (issue 15, stage 2): what a checkpoint leaves on disk, old
 * one-file-per-object projects beside packs, a cancelled save, GC's repack, and one damaged byte.
 */
class PackedProjectTest {
    @TempDir
    Path tmp;

    private static JcfConfig config(boolean loose) {
        return JcfConfig.builder().author("t").snapshotInterval(3).looseObjects(loose).build();
    }

    /**
     * Packs of 256 KiB: the planted pack of {@link #projectWithAnOrphanBesideALiveBlob} is then a full one, which GC
     * keeps (with a deletions file) instead of merging it with the other, small, packs.
     */
    private static JcfConfig smallPacks() {
        return config(false).toBuilder().packBytes(256 << 10).build();
    }

    /**
     * A project with one version, and one pack holding an orphan (what an interrupted save leaves) beside a blob
     * that a version saved next will use.
     */
    private static void projectWithAnOrphanBesideALiveBlob(Path dir, byte[] orphan, byte[] kept) throws IOException {
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(dir));
            jcf.addFile("seed.txt", "seed\n");
            jcf.saveCheckpoint("seed");
        }
        PackingAdapter planting = new PackingAdapter(new FileAdapter(dir), true);
        BlobStore blobs = new BlobStore(planting, 6, true);
        blobs.put(orphan);
        blobs.put(kept);
        planting.keepWritten();
        planting.dispose();
    }

    private static byte[] random(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Files under the project's .store, by path relative to it. */
    private static List<String> storeFiles(Path dir) throws IOException {
        Path store = dir.resolve(".store");
        try (Stream<Path> s = Files.walk(store)) {
            return s.filter(Files::isRegularFile).map(p -> store.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** Every version's every file, read back. */
    private static Map<String, byte[]> readAll(JcfManager jcf) {
        Map<String, byte[]> out = new HashMap<>();
        for (Version v : jcf.getHistory()) {
            for (String path : v.fileStates().keySet()) {
                out.put(v.id() + ":" + path, jcf.getFileContent(path, v.id()));
            }
        }
        return out;
    }

    @Test
    void aBigFileAndManySmallOnesMakeAFewPacksAndReadBackAfterReopening() throws Exception {
        Path dir = tmp.resolve("p");
        byte[] big = random(Math.toIntExact(PackFormat.TARGET_PACK_BYTES + (8 << 20)), 1); // past one pack: two packs
        String first;
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(dir));
            jcf.addFile("big.bin", big);
            for (int i = 0; i < 60; i++) {
                jcf.addFile("src/f" + i + ".txt", "file " + i + "\n".repeat(i + 1));
            }
            first = jcf.saveCheckpoint("first");
            jcf.addFile("src/f1.txt", "changed\n");
            jcf.saveCheckpoint("second"); // a reverse patch, in a pack as well
        }
        List<String> files = storeFiles(dir);
        assertThat(files).noneMatch(f -> f.startsWith("blobs/") || f.startsWith("chunks/") || f.startsWith("deltas/"));
        assertThat(files.stream().filter(f -> f.startsWith("packs/") && f.endsWith(".pack")).count()).isBetween(2L, 4L);
        assertThat(files).as("every file under .store").hasSizeLessThan(16);
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(dir));
            assertThat(jcf.getFileContent("big.bin", first)).isEqualTo(big);
            assertThat(jcf.getFileContent("src/f1.txt", first)).isEqualTo("file 1\n\n".getBytes(StandardCharsets.UTF_8));
            assertThat(jcf.getFileContent("src/f1.txt")).isEqualTo("changed\n".getBytes(StandardCharsets.UTF_8));
            VerificationReport report = jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build());
            assertThat(report.errors()).isEmpty();
        }
    }

    @Test
    void aLooseProjectOpensWithPacksBesideItAndGcMovesItsObjectsIntoPacks() throws Exception {
        Path dir = tmp.resolve("p");
        Map<String, byte[]> expected;
        try (JcfManager jcf = new JcfManager(config(true))) { // written as before packs: one file per object
            jcf.init(new FileAdapter(dir));
            jcf.addFile("a.bin", random(900_000, 2));
            jcf.addFile("notes.txt", "one\n");
            jcf.saveCheckpoint("loose");
        }
        assertThat(storeFiles(dir)).anyMatch(f -> f.startsWith("chunks/")).noneMatch(f -> f.startsWith("packs/"));
        try (JcfManager jcf = new JcfManager(config(false))) { // the same project, now writing packs
            jcf.init(new FileAdapter(dir));
            jcf.addFile("notes.txt", "one\ntwo\n");
            jcf.addFile("b.bin", random(700_000, 3));
            jcf.saveCheckpoint("packed");
            expected = readAll(jcf);
        }
        assertThat(storeFiles(dir)).anyMatch(f -> f.startsWith("chunks/")).anyMatch(f -> f.startsWith("packs/"));
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(dir));
            assertThat(readAll(jcf)).containsExactlyInAnyOrderEntriesOf(expected);
            GcReport dry = jcf.runGc(GcOptions.builder().dryRun(true).build());
            assertThat(dry.objectsPacked()).isPositive();
            assertThat(storeFiles(dir)).anyMatch(f -> f.startsWith("chunks/"));
            GcReport gc = jcf.runGc();
            assertThat(gc.objectsPacked()).isEqualTo(dry.objectsPacked());
            assertThat(gc.blobsRemoved() + gc.chunksRemoved() + gc.deltasRemoved()).isZero();
        }
        assertThat(storeFiles(dir)).noneMatch(f -> f.startsWith("blobs/") || f.startsWith("chunks/")
                || f.startsWith("deltas/"));
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(dir));
            assertThat(readAll(jcf)).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
        }
    }

    @Test
    void aCancelledSaveOfABigFileLeavesNoPackAndNothingForGc() throws Exception {
        Path dir = tmp.resolve("p");
        CancellationToken cancel = new CancellationToken();
        long stopAt = PackFormat.TARGET_PACK_BYTES + (4 << 20); // after the first pack was sealed
        ForwardingAdapter adapter = new ForwardingAdapter(new FileAdapter(dir)) {
            @Override
            public InputStream openRead(String path) throws IOException {
                InputStream in = super.openRead(path);
                return !path.equals("content/big.bin") ? in : new FilterInputStream(in) {
                    private long read;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        read += Math.max(0, n);
                        if (read >= stopAt) {
                            cancel.cancel();
                        }
                        return n;
                    }
                };
            }
        };
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(adapter);
            jcf.addFile("a.txt", "kept\n");
            jcf.saveCheckpoint("first");
            List<String> before = storeFiles(dir);
            Files.write(dir.resolve("content/big.bin"), random(Math.toIntExact(PackFormat.TARGET_PACK_BYTES + (8 << 20)), 4));
            assertThatThrownBy(() -> jcf.saveCheckpoint("big", CheckpointOptions.builder().cancel(cancel).build()))
                    .isInstanceOf(CancelledException.class);
            assertThat(storeFiles(dir)).as("no pack of the stopped save is left").isEqualTo(before);
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).valid()).isTrue();
            GcReport gc = jcf.runGc();
            assertThat(gc.blobsRemoved() + gc.chunksRemoved() + gc.packsRemoved() + gc.tempRemoved()).isZero();
        }
    }

    @Test
    void aggressiveGcRewritesPackedTextAndEveryVersionStillReads() throws Exception {
        Path dir = tmp.resolve("p");
        Map<String, byte[]> expected;
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(dir));
            StringBuilder text = new StringBuilder();
            for (int v = 0; v < 8; v++) {
                text.append("line ").append(v).append('\n');
                jcf.addFile("story.txt", text.toString());
                for (int i = 0; i < 30; i++) {
                    jcf.addFile("src/s" + i + ".java", "class S" + i + " { int v = " + (v < 2 ? 0 : i) + "; }\n");
                }
                jcf.saveCheckpoint("v" + v);
            }
            expected = readAll(jcf);
            jcf.runGc(GcOptions.builder().aggressive(true).build());
            assertThat(readAll(jcf)).containsExactlyInAnyOrderEntriesOf(expected);
        }
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(dir));
            assertThat(readAll(jcf)).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
            GcReport again = jcf.runGc();
            assertThat(again.blobsRemoved() + again.chunksRemoved() + again.deltasRemoved()).isZero();
        }
    }

    private static long packCount(Path dir) throws IOException {
        return storeFiles(dir).stream().filter(f -> f.startsWith("packs/") && f.endsWith(PackFormat.PACK_SUFFIX)).count();
    }

    /**
     * A checkpoint that replaces the old copy of an edited text by a patch reads the new text back to diff it; that
     * read used to seal the open pack, so every such checkpoint made two packs (its blobs, then its patches): twice
     * the files here and twice the uploads of a push. The text is read from the open pack's kept bodies now.
     */
    @Test
    void aCheckpointThatPatchesAnEditedTextWritesOnePack() throws Exception {
        Path dir = tmp.resolve("p");
        Map<String, byte[]> expected;
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(dir));
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                text.append("line ").append(i).append(" of a chapter that is edited\n");
            }
            jcf.addFile("chapter.txt", text.toString());
            jcf.addFile("other.txt", "unchanged\n");
            jcf.saveCheckpoint("first");
            for (int v = 2; v <= 4; v++) {
                List<String> before = storeFiles(dir);
                text.append("line added in version ").append(v).append('\n');
                jcf.addFile("chapter.txt", text.toString());
                jcf.addFile("new" + v + ".txt", "new in " + v + "\n");
                jcf.saveCheckpoint("v" + v);
                List<String> added = storeFiles(dir).stream()
                        .filter(f -> f.endsWith(PackFormat.PACK_SUFFIX) && !before.contains(f)).toList();
                assertThat(added).as("packs v" + v + " wrote").hasSize(1);
                Path pack = dir.resolve(".store/" + added.get(0));
                PackIndex index = Objects.requireNonNull(PackIndex.decode(Files.readAllBytes(dir.resolve(".store/"
                        + added.get(0).replace(PackFormat.PACK_SUFFIX, PackFormat.INDEX_SUFFIX))), Files.size(pack)));
                assertThat(index.entries()).extracting(e -> e.objectId().substring(0, e.objectId().indexOf('/')))
                        .as("the new texts and the patch that replaced the old chapter").contains("blobs", "deltas");
            }
            expected = readAll(jcf);
        }
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(dir));
            assertThat(readAll(jcf)).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
        }
    }

    /**
     * Many small checkpoints (autosave) seal a small pack each; GC merges them into full packs (what its dry
     * run announced), dropping the text copies the checkpoints replaced by patches, and every version still
     * reads byte for byte, also after reopening.
     */
    @Test
    void gcMergesTheSmallPacksOfManySmallCheckpoints() throws Exception {
        Path dir = tmp.resolve("p");
        Map<String, byte[]> expected;
        StringBuilder notes = new StringBuilder();
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(dir));
            for (int i = 0; i < 300; i++) {
                if (i % 2 == 0) {
                    notes.append("line ").append(i).append(" of the notes\n");
                    jcf.addFile("notes.txt", notes.toString()); // replaced by a patch at the next change
                } else {
                    jcf.addFile("img/" + i + ".bin", random(2_000 + i, i));
                }
                jcf.saveCheckpoint("autosave " + i);
            }
            expected = readAll(jcf);
            long before = packCount(dir);
            assertThat(before).as("one small pack per checkpoint").isGreaterThanOrEqualTo(300);

            GcReport dry = jcf.runGc(GcOptions.builder().dryRun(true).build());
            assertThat(dry.packsMerged()).isEqualTo(before - dry.packsRemoved() - dry.packsRewritten());
            assertThat(packCount(dir)).as("a dry run changes nothing").isEqualTo(before);

            GcReport gc = jcf.runGc();
            assertThat(gc.packsMerged()).isEqualTo(dry.packsMerged());
            assertThat(gc.packBytesFreed()).as("the replaced text copies are gone").isPositive();
            assertThat(packCount(dir)).as("merged into full packs").isEqualTo(1);
            assertThat(readAll(jcf)).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(jcf.runGc().packsMerged()).as("one pack left: nothing to merge").isZero();
        }
        assertThat(storeFiles(dir)).as("every file under .store").hasSizeLessThan(8);
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(dir));
            assertThat(readAll(jcf)).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
        }
    }

    /**
     * An object GC deletes from a pack it keeps (mostly live) stays deleted after the project is
     * closed and opened again: not listed, not read, not reported unused by verify nor removed again
     * by the next GC (it used to be hidden in memory only, so both found it again).
     */
    @Test
    void anObjectGcDeletesFromAKeptPackStaysDeletedAfterReopening() throws Exception {
        Path dir = tmp.resolve("p");
        byte[] kept = random(300_000, 7);
        byte[] orphan = "an orphan in a pack with a live object\n".getBytes(StandardCharsets.UTF_8);
        String orphanId = "blobs/" + BlobStore.sha256Hex(orphan);
        projectWithAnOrphanBesideALiveBlob(dir, orphan, kept);
        try (JcfManager jcf = new JcfManager(smallPacks())) {
            jcf.init(new FileAdapter(dir));
            jcf.addFile("kept.bin", kept); // already stored: the checkpoint keeps the planted blob
            jcf.saveCheckpoint("kept");
            GcReport gc = jcf.runGc();
            assertThat(gc.blobsRemoved()).isEqualTo(1);
            assertThat(gc.packsRemoved() + gc.packsRewritten()).as("the pack is mostly live: kept").isZero();
        }
        assertThat(PackReader.open(new FileAdapter(dir)).contains(orphanId)).as("deleted, seen from a new reader").isFalse();
        try (JcfManager jcf = new JcfManager(smallPacks())) {
            jcf.init(new FileAdapter(dir));
            assertThat(jcf.getFileContent("kept.bin")).isEqualTo(kept);
            VerificationReport report = jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build());
            assertThat(report.errors()).isEmpty();
            assertThat(report.findings(VerificationReport.FindingType.ORPHANED_OBJECT)).as("verify agrees with GC").isEmpty();
            GcReport again = jcf.runGc(GcOptions.builder().dryRun(true).build());
            assertThat(again.blobsRemoved() + again.chunksRemoved() + again.deltasRemoved()).as("GC agrees with itself").isZero();
        }
    }

    /**
     * A damaged deletions file must never hide a live object: it is ignored, the objects it listed show again as
     * unused, and the next GC deletes them again.
     */
    @Test
    void aDamagedDeletionsFileShowsItsObjectsAgainAndGcDeletesThemAgain() throws Exception {
        Path dir = tmp.resolve("p");
        byte[] kept = random(300_000, 10);
        byte[] orphan = random(20_000, 11);
        String orphanId = "blobs/" + BlobStore.sha256Hex(orphan);
        projectWithAnOrphanBesideALiveBlob(dir, orphan, kept);
        try (JcfManager jcf = new JcfManager(smallPacks())) {
            jcf.init(new FileAdapter(dir));
            jcf.addFile("kept.bin", kept);
            jcf.saveCheckpoint("kept");
            assertThat(jcf.runGc().blobsRemoved()).isEqualTo(1);
        }
        Path packs = dir.resolve(".store/packs");
        List<Path> deletions;
        try (Stream<Path> files = Files.list(packs)) {
            deletions = files.filter(f -> f.getFileName().toString().endsWith(".del")).toList();
        }
        assertThat(deletions).hasSize(1);
        byte[] damaged = Files.readAllBytes(deletions.get(0));
        damaged[damaged.length - 1] ^= 0x01;
        Files.write(deletions.get(0), damaged);

        assertThat(PackReader.open(new FileAdapter(dir)).contains(orphanId)).as("shows again: ignored file").isTrue();
        try (JcfManager jcf = new JcfManager(smallPacks())) {
            jcf.init(new FileAdapter(dir));
            assertThat(jcf.getFileContent("kept.bin")).isEqualTo(kept);
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
            assertThat(jcf.runGc().blobsRemoved()).as("deleted again").isEqualTo(1);
        }
        assertThat(PackReader.open(new FileAdapter(dir)).contains(orphanId)).as("and stays deleted").isFalse();
    }

    /**
     * A program that has the project open while another one's GC deletes an object from a pack it
     * keeps (or merges that small pack with others into a new one) must not count on that object when it saves the same content later: it would make a
     * version whose content is gone once the project is opened again.
     */
    @ParameterizedTest(name = "packs of 256 KiB (GC keeps the pack): {0}")
    @ValueSource(booleans = {true, false})
    void aSaveInAnotherOpenProgramAfterGcDeletedItsContentStoresItAgain(boolean keptPack) throws Exception {
        JcfConfig config = keptPack ? smallPacks() : config(false);
        Path dir = tmp.resolve("p");
        byte[] kept = random(300_000, 8);
        byte[] orphan = random(20_000, 9);
        projectWithAnOrphanBesideALiveBlob(dir, orphan, kept);
        try (JcfManager open = new JcfManager(config)) {
            open.init(new FileAdapter(dir)); // sees the planted pack, orphan included
            try (JcfManager other = new JcfManager(config)) {
                other.init(new FileAdapter(dir));
                other.addFile("kept.bin", kept);
                other.saveCheckpoint("kept");
                open.getStatus(); // takes in that save: its view is current when the GC runs
                assertThat(other.runGc().blobsRemoved()).isEqualTo(1);
            }
            open.addFile("orphan.bin", orphan); // the content GC just removed, saved again
            open.saveCheckpoint("orphan again");
        }
        try (JcfManager jcf = new JcfManager(config)) {
            jcf.init(new FileAdapter(dir));
            assertThat(jcf.getFileContent("orphan.bin")).isEqualTo(orphan);
            assertThat(jcf.getFileContent("kept.bin")).isEqualTo(kept);
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
        }
    }

    /**
     * A writer lists {@code .store/packs} again only when its generation file moved. A program that already
     * listed the packs under its writer lock (it saved twice: the second save did not list) must still see
     * another program's GC that deleted an object from a kept pack, or merged its pack into a new one, before
     * it saves that content again; and it reads what GC moved. The GC runs in this JVM (a second engine on
     * the folder) or in a child process.
     */
    @ParameterizedTest(name = "packs of 256 KiB (GC keeps the pack): {0}, GC in a child process: {1}")
    @CsvSource({"true,false", "false,false", "true,true", "false,true"})
    void aWriterThatAlreadyListedThePacksSeesAnotherProgramsGcBeforeItSaves(boolean keptPack, boolean childProcess)
            throws Exception {
        JcfConfig config = keptPack ? smallPacks() : config(false);
        Path dir = tmp.resolve("p");
        byte[] kept = random(300_000, 8);
        byte[] orphan = random(20_000, 9);
        projectWithAnOrphanBesideALiveBlob(dir, orphan, kept);
        try (JcfManager open = new JcfManager(config)) {
            open.init(new FileAdapter(dir)); // sees the planted pack, orphan included
            open.addFile("kept.bin", kept);
            open.saveCheckpoint("kept"); // lists the packs under its lock
            open.addFile("more.txt", "more\n");
            open.saveCheckpoint("more"); // nothing changed since: no listing
            if (childProcess) {
                assertThat(gcInAChildProcess(dir, config.packBytes())).startsWith("REMOVED 1 ");
            } else {
                try (JcfManager other = new JcfManager(config)) {
                    other.init(new FileAdapter(dir));
                    assertThat(other.runGc().blobsRemoved()).isEqualTo(1);
                }
            }
            assertThat(open.getFileContent("kept.bin")).isEqualTo(kept); // from wherever GC left it
            open.addFile("orphan.bin", orphan); // the content GC just removed, saved again
            open.saveCheckpoint("orphan again");
            assertThat(open.getFileContent("orphan.bin")).isEqualTo(orphan);
        }
        try (JcfManager jcf = new JcfManager(config)) {
            jcf.init(new FileAdapter(dir));
            assertThat(jcf.getFileContent("orphan.bin")).isEqualTo(orphan);
            assertThat(jcf.getFileContent("kept.bin")).isEqualTo(kept);
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
        }
    }

    /** Runs {@link GcOnceMain} on {@code dir} in a child JVM; returns its last line of output. */
    private static String gcInAChildProcess(Path dir, long packBytes) throws Exception {
        String cp = System.getProperty("kamaros.test.classpath", ""); // surefire's own class path is a manifest jar
        String full = cp.isEmpty() ? System.getProperty("java.class.path")
                : cp + File.pathSeparator + System.getProperty("java.class.path");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", full,
                GcOnceMain.class.getName(), dir.toString(), Long.toString(packBytes));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(output).isZero();
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** name → bytes of the archive's entries under {@code prefix}. */
    private static Map<String, byte[]> entries(Path archive, String prefix) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (e.getName().startsWith(prefix) && !e.isDirectory()) {
                    try (InputStream in = zip.getInputStream(e)) {
                        out.put(e.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return out;
    }

    @Test
    void anImportPutsTheArchivesObjectsIntoPacksAndExportsThemAgainByteForByte() throws Exception {
        Path source = tmp.resolve("source");
        Path copy = tmp.resolve("copy");
        Map<String, byte[]> expected;
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(source));
            jcf.addFile("big.bin", random(2_000_000, 5)); // chunked
            StringBuilder text = new StringBuilder();
            for (int v = 0; v < 5; v++) {
                text.append("line ").append(v).append('\n');
                jcf.addFile("story.txt", text.toString()); // reverse patches
                jcf.addFile("v" + v + ".bin", random(3000 + v, 20 + v));
                jcf.saveCheckpoint("v" + v);
            }
            expected = readAll(jcf);
            jcf.export(tmp.resolve("a.jcf"));
        }
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(copy));
            jcf.importData(tmp.resolve("a.jcf"));
            assertThat(readAll(jcf)).containsExactlyInAnyOrderEntriesOf(expected);
            jcf.export(tmp.resolve("b.jcf"));
        }
        List<String> files = storeFiles(copy);
        assertThat(files).as("no loose object").noneMatch(f -> f.startsWith("blobs/") || f.startsWith("chunks/")
                || f.startsWith("deltas/") || f.startsWith("temp/"));
        assertThat(files).anyMatch(f -> f.startsWith("packs/") && f.endsWith(".pack"));
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(copy));
            assertThat(readAll(jcf)).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
        }
        Map<String, byte[]> before = entries(tmp.resolve("a.jcf"), ".store/");
        assertThat(before).isNotEmpty();
        assertThat(entries(tmp.resolve("b.jcf"), ".store/")).as("every object, byte for byte")
                .containsOnlyKeys(before.keySet())
                .allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(before.get(name)));
        assertThat(entries(tmp.resolve("b.jcf"), "content/")).containsOnlyKeys(entries(tmp.resolve("a.jcf"), "content/").keySet());
    }

    @Test
    void theOriginalImplementationsArchiveImportsIntoPacksAndVerifies() throws Exception {
        Path dir = tmp.resolve("peer");
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(dir));
            jcf.importData(Path.of("src/test/resources/fixtures/kamaros-peer-export.zip"));
            assertThat(jcf.getHistory()).hasSize(3);
        }
        assertThat(storeFiles(dir)).noneMatch(f -> f.startsWith("blobs/") || f.startsWith("deltas/"))
                .anyMatch(f -> f.startsWith("packs/"));
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(dir));
            VerificationReport report = jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build());
            assertThat(report.errors()).isEmpty();
            for (Version v : jcf.getHistory()) {
                for (String path : v.fileStates().keySet()) {
                    assertThat(BlobStore.sha256Hex(jcf.getFileContent(path, v.id())))
                            .isEqualTo(v.fileStates().get(path).hash());
                }
            }
        }
    }

    @Test
    void oneFlippedByteInAPackCostsOnlyItsObjectAndVerifyNamesObjectAndPack() throws Exception {
        Path dir = tmp.resolve("p");
        Map<String, byte[]> files = new HashMap<>();
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(dir));
            for (int i = 0; i < 10; i++) {
                files.put("f" + i + ".bin", random(5000 + i, 10 + i));
                jcf.addFile("f" + i + ".bin", files.get("f" + i + ".bin"));
            }
            jcf.saveCheckpoint("ten");
        }
        String victim = "blobs/" + BlobStore.sha256Hex(files.get("f3.bin"));
        PackReader reader = PackReader.open(new FileAdapter(dir));
        String pack = reader.packsOf(victim).get(0);
        PackIndex.Entry entry = Objects.requireNonNull(reader.packs().get(pack)).entries().stream()
                .filter(e -> e.objectId().equals(victim)).findFirst().orElseThrow();
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(".store/packs/" + pack + ".pack").toFile(), "rw")) {
            long at = entry.offset() + entry.headerLength() + 100;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x10);
        }
        try (JcfManager jcf = new JcfManager(config(false))) {
            jcf.init(new FileAdapter(dir));
            String head = jcf.getCurrentVersion().orElseThrow().id();
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                if (e.getKey().equals("f3.bin")) {
                    assertThatThrownBy(() -> jcf.getFileContent("f3.bin", head)).isInstanceOf(CorruptionException.class);
                } else {
                    assertThat(jcf.getFileContent(e.getKey(), head)).as(e.getKey()).isEqualTo(e.getValue());
                }
            }
            VerificationReport report = jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build());
            assertThat(report.valid()).isFalse();
            assertThat(report.errors()).anyMatch(f -> f.message().contains(victim) && f.message().contains(pack.substring(0, 8)));
            VerificationReport repaired = jcf.verifyIntegrity(VerifyOptions.builder().deep(true).repair(true).build());
            assertThat(jcf.getFileContent("f3.bin", head)).isEqualTo(files.get("f3.bin")); // from the working copy
            assertThat(repaired.errors()).isEmpty();
            assertThat(repaired.warnings()).anyMatch(f -> f.message().contains(victim)); // the damaged copy, until GC
        }
    }
}
