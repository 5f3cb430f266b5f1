package io.kamaros.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CancelledException;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.GcOptions;
import io.kamaros.engine.model.GcReport;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.ProjectStats;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.ProjectLock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runGc removes exactly what no version needs, frees what it says, and every version stays byte-exact. */
class GarbageCollectorTest {
    @TempDir
    Path tmp;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Orphans of every kind, planted the way interrupted operations leave them. */
    private static void plantOrphans(Path dir) throws IOException {
        FileAdapter raw = new FileAdapter(dir);
        BlobStore blobs = new BlobStore(raw, 6, true);
        blobs.put(utf8("an orphan blob nobody refers to\n"));
        // A chunked orphan: a recipe blob and its chunks.
        blobs.putStream(new ByteArrayInputStream(SampleProject.binary(700_000, 99)), true, CancellationToken.NONE, null);
        raw.writeFile(".store/deltas/00000000-0000-0000-0000-000000000000_0123456789abcdef.patch", utf8("@@ -1 +1 @@\n-a\n+b\n"));
        raw.writeFile(".store/temp/" + "0f0e0d0c-stale", new byte[1234]);
        raw.writeFile(".store/temp/restore-op/0", new byte[99]);
        Files.write(dir.resolve(".store/versions.jsonl"), utf8("{\"id\":\"half-writ"), StandardOpenOption.APPEND);
    }

    @Test
    void aCleanProjectLosesNothingAndEveryVersionStaysExact() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            Map<String, Long> before = p.storeFiles();
            GcReport report = jcf.runGc();
            assertThat(report.blobsChecked()).isPositive();
            assertThat(List.of(report.blobsRemoved(), report.chunksRemoved(), report.deltasRemoved(), report.tempRemoved(),
                    report.spaceFreed())).containsOnly(0L);
            assertThat(report.dryRun()).isFalse();
            assertThat(p.storeFiles()).isEqualTo(before);
            p.assertEveryVersionExact();
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
        }
    }

    @Test
    void plantedOrphansAreRemovedDryRunDeletesNothingAndSpaceFreedIsExact() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            Map<String, Long> clean = p.storeFiles();
            plantOrphans(p.dir);
            Map<String, Long> planted = p.storeFiles();
            ProjectStats statsBefore = jcf.getStats();

            GcReport dry = jcf.runGc(GcOptions.builder().dryRun(true).build());
            assertThat(dry.dryRun()).isTrue();
            assertThat(p.storeFiles()).as("a dry run deletes nothing").isEqualTo(planted);
            assertThat(dry.blobsRemoved()).isEqualTo(2); // the small blob and the recipe
            assertThat(dry.chunksRemoved()).isGreaterThanOrEqualTo(2);
            assertThat(dry.deltasRemoved()).isEqualTo(1);
            assertThat(dry.tempRemoved()).isEqualTo(2);

            GcReport real = jcf.runGc();
            assertThat(real.dryRun()).isFalse();
            assertThat(List.of(real.blobsChecked(), real.blobsRemoved(), real.chunksRemoved(), real.deltasRemoved(),
                    real.tempRemoved(), real.spaceFreed()))
                    .isEqualTo(List.of(dry.blobsChecked(), dry.blobsRemoved(), dry.chunksRemoved(), dry.deltasRemoved(),
                            dry.tempRemoved(), dry.spaceFreed()));
            Map<String, Long> after = p.storeFiles();
            assertThat(after).as("exactly the planted files are gone").isEqualTo(clean);
            assertThat(real.spaceFreed()).isEqualTo(SampleProject.total(planted) - SampleProject.total(after));
            ProjectStats statsAfter = jcf.getStats();
            assertThat(statsAfter.deltasSize()).isLessThan(statsBefore.deltasSize());
            assertThat(statsAfter.blobsSize()).isLessThan(statsBefore.blobsSize());

            p.assertEveryVersionExact();
            GcReport again = jcf.runGc();
            assertThat(List.of(again.blobsRemoved(), again.chunksRemoved(), again.deltasRemoved(), again.tempRemoved(),
                    again.spaceFreed())).containsOnly(0L);
        }
        // And after reopening (nothing lives only in memory).
        try (JcfManager reopened = SampleProject.open(p.dir)) {
            p.assertEveryVersionExact(reopened);
            assertThat(reopened.verifyIntegrity(VerifyOptions.builder().deep(true).build()).valid()).isTrue();
        }
    }

    @Test
    void halfWrittenTempFilesOfAKilledProcessAreRemoved() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        Path dir = tmp.resolve("p");
        try (JcfManager jcf = p.jcf) {
            List<String> before = jcf.listFiles().stream().map(FileInfo::path).toList();
            Files.write(dir.resolve("content/" + FileAdapter.TEMP_PREFIX + "a1"), new byte[300]);
            Files.write(dir.resolve(".store/blobs/" + FileAdapter.TEMP_PREFIX + "b2"), new byte[500]);
            GcReport dry = jcf.runGc(GcOptions.builder().dryRun(true).build());
            assertThat(dry.tempRemoved()).isEqualTo(2);
            assertThat(dry.spaceFreed()).isEqualTo(800);
            GcReport real = jcf.runGc();
            assertThat(real.tempRemoved()).isEqualTo(2);
            assertThat(dir.resolve("content/" + FileAdapter.TEMP_PREFIX + "a1")).doesNotExist();
            assertThat(dir.resolve(".store/blobs/" + FileAdapter.TEMP_PREFIX + "b2")).doesNotExist();
            assertThat(jcf.listFiles().stream().map(FileInfo::path).toList()).isEqualTo(before);
            p.assertEveryVersionExact();
        }
    }

    @Test
    void eventsAreReportedAndACancelledGcDeletesNothing() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            plantOrphans(p.dir);
            List<JcfEvent> events = new CopyOnWriteArrayList<>();
            jcf.on("gc:*", events::add);
            CancellationToken token = new CancellationToken();
            token.cancel();
            Map<String, Long> planted = p.storeFiles();
            assertThatThrownBy(() -> jcf.runGc(GcOptions.builder().cancel(token).build())).isInstanceOf(CancelledException.class);
            assertThat(p.storeFiles()).isEqualTo(planted);
            assertThat(events).extracting(JcfEvent::type).contains("gc:start", "gc:error").doesNotContain("gc:complete");

            events.clear();
            GcReport report = jcf.runGc();
            assertThat(events.get(0)).isInstanceOf(JcfEvent.GcStarted.class);
            assertThat(((JcfEvent.GcStarted) events.get(0)).options().dryRun()).isFalse();
            assertThat(events).filteredOn(e -> e instanceof JcfEvent.Progress).extracting(e -> ((JcfEvent.Progress) e).phase())
                    .contains("marking", "sweeping", "calculating", "complete");
            JcfEvent last = events.get(events.size() - 1);
            assertThat(last).isInstanceOf(JcfEvent.GcCompleted.class);
            assertThat(((JcfEvent.GcCompleted) last).report()).isEqualTo(report);
            assertThat(events).extracting(JcfEvent::operationId).containsOnly(last.operationId());
        }
    }

    /** Lets deletions under .store/ fail, as when a process dies while rolling back. */
    private static final class FailingDeletes implements FileSystemAdapter {
        final FileAdapter inner;
        volatile boolean failStoreDeletes;

        FailingDeletes(Path root) {
            inner = new FileAdapter(root);
        }

        public byte[] readFile(String path) throws IOException {
            return inner.readFile(path);
        }

        public void writeFile(String path, byte[] data) throws IOException {
            inner.writeFile(path, data);
        }

        public boolean fileExists(String path) throws IOException {
            return inner.fileExists(path);
        }

        public void deleteFile(String path) throws IOException {
            if (failStoreDeletes && path.startsWith(".store/")) {
                throw new IOException("simulated crash while rolling back " + path);
            }
            inner.deleteFile(path);
        }

        public List<String> listFiles(String directory) throws IOException {
            return inner.listFiles(directory);
        }

        public boolean supportsStreaming() {
            return true;
        }

        public void init() throws IOException {
            inner.init();
        }

        public InputStream openRead(String path) throws IOException {
            return inner.openRead(path);
        }

        public AtomicOutput openWrite(String path) throws IOException {
            return inner.openWrite(path);
        }

        public SortedMap<String, FileStat> listFilesWithStats(String directory) throws IOException {
            return inner.listFilesWithStats(directory);
        }

        public Optional<FileStat> stat(String path) throws IOException {
            return inner.stat(path);
        }

        public void moveFile(String from, String to) throws IOException {
            inner.moveFile(from, to);
        }

        public void appendFile(String path, byte[] data) throws IOException {
            inner.appendFile(path, data);
        }

        public void truncateFile(String path, long length) throws IOException {
            inner.truncateFile(path, length);
        }

        public Optional<ProjectLock> tryLock() throws IOException {
            return inner.tryLock();
        }

        public String describe() {
            return inner.describe();
        }
    }

    @Test
    void aCancelledCheckpointsLeftoversAreCollected() throws Exception {
        Path dir = tmp.resolve("p");
        FailingDeletes adapter = new FailingDeletes(dir);
        try (JcfManager jcf = SampleProject.open(adapter)) {
            jcf.addFile("a.txt", SampleProject.text(0));
            String v0 = jcf.saveCheckpoint("v0");
            Set<String> objectsBefore = new HashSet<>(adapter.listFiles(".store"));

            jcf.addFile("a.txt", SampleProject.text(1));
            jcf.addFile("new.bin", SampleProject.binary(800_000, 5));
            CancellationToken token = new CancellationToken();
            jcf.on("checkpoint:file-complete", e -> token.cancel()); // after the patch of a.txt was written
            adapter.failStoreDeletes = true;
            assertThatThrownBy(() -> jcf.saveCheckpoint("cancelled", CheckpointOptions.builder().cancel(token).build()))
                    .isInstanceOf(CancelledException.class);
            adapter.failStoreDeletes = false;
            jcf.off("checkpoint:file-complete");
            assertThat(jcf.getHistory()).hasSize(1);

            List<String> leftovers = new ArrayList<>(adapter.listFiles(".store"));
            leftovers.removeAll(objectsBefore);
            assertThat(leftovers).as("the rollback could not delete what the checkpoint wrote")
                    .anyMatch(f -> f.startsWith("blobs/")).anyMatch(f -> f.startsWith("chunks/"))
                    .anyMatch(f -> f.startsWith("deltas/"));

            GcReport report = jcf.runGc();
            assertThat(report.blobsRemoved() + report.chunksRemoved() + report.deltasRemoved())
                    .isEqualTo(leftovers.stream().filter(f -> !f.startsWith("temp/")).count());
            assertThat(new HashSet<>(adapter.listFiles(".store"))).isEqualTo(objectsBefore);
            assertThat(jcf.getFileContent("a.txt", v0)).isEqualTo(utf8(SampleProject.text(0)));

            // The cancelled work is still in the working copy and saves normally.
            String v1 = jcf.saveCheckpoint("v1");
            assertThat(jcf.getFileContent("new.bin", v1)).isEqualTo(SampleProject.binary(800_000, 5));
            assertThat(jcf.getFileContent("a.txt", v0)).isEqualTo(utf8(SampleProject.text(0)));
        }
    }

    @Test
    void aggressiveCompactionDropsRedundantTextCopiesAndKeepsEveryVersionReadable() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            // Give old text contents whole copies again (as a repair or an older engine would leave them).
            BlobStore blobs = new BlobStore(new FileAdapter(p.dir), 6, true);
            int added = 0;
            for (String id : p.ids) {
                byte[] a = p.expected.get(id).get("a.txt");
                if (blobs.put(a).storedBytes() > 0) {
                    added++;
                }
            }
            assertThat(added).as("old texts were compacted at checkpoint time").isGreaterThanOrEqualTo(3);
            Set<String> blobsBefore = new HashSet<>(blobs.listBlobs());

            GcReport plain = jcf.runGc();
            assertThat(plain.blobsRemoved()).as("needed by versions: not garbage").isZero();

            GcReport report = jcf.runGc(GcOptions.builder().aggressive(true).build());
            assertThat(report.blobsRemoved()).isPositive().isLessThanOrEqualTo(added);
            Set<String> blobsAfter = new HashSet<>(blobs.listBlobs());
            assertThat(blobsBefore.size() - blobsAfter.size()).isEqualTo((int) report.blobsRemoved());
            assertThat(report.spaceFreed()).isPositive();
            // HEAD's contents always stay whole.
            for (byte[] head : p.expected.get(jcf.getCurrentVersion().orElseThrow().id()).values()) {
                assertThat(blobsAfter).contains(BlobStore.sha256Hex(head));
            }
            p.assertEveryVersionExact();
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
        }
    }

    @Test
    void checkpointsNeverLoseObjectsToAGcRunningBesideThem() throws Exception {
        Path dir = tmp.resolve("p");
        try (JcfManager jcf = SampleProject.open(dir)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread gc = new Thread(() -> {
                try {
                    for (int i = 0; i < 15; i++) {
                        jcf.runGc(GcOptions.builder().aggressive(i % 2 == 1).build());
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            List<String> ids = new ArrayList<>();
            gc.start();
            for (int v = 0; v < 12; v++) {
                jcf.addFile("a.txt", SampleProject.text(v));
                jcf.addFile("b" + (v % 3) + ".bin", SampleProject.binary(600_000 + v, v));
                ids.add(jcf.saveCheckpoint("v" + v));
            }
            gc.join();
            assertThat(failure.get()).isNull();
            jcf.runGc();
            for (int v = 0; v < ids.size(); v++) {
                assertThat(jcf.getFileContent("a.txt", ids.get(v))).isEqualTo(utf8(SampleProject.text(v)));
                assertThat(jcf.getFileContent("b" + (v % 3) + ".bin", ids.get(v))).isEqualTo(SampleProject.binary(600_000 + v, v));
            }
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
        }
    }

    @Test
    void autoGcCollectsAfterEachCheckpoint() throws Exception {
        Path dir = tmp.resolve("p");
        JcfConfig config = SampleProject.config().toBuilder().autoGc(true).build();
        try (JcfManager jcf = new JcfManager(config)) {
            jcf.init(new FileAdapter(dir));
            jcf.addFile("a.txt", "one\n");
            jcf.saveCheckpoint("v0");
            plantOrphans(dir);
            List<String> types = new CopyOnWriteArrayList<>();
            jcf.on("gc:*", e -> types.add(e.type()));
            jcf.addFile("a.txt", "two\n");
            String v1 = jcf.saveCheckpoint("v1");
            assertThat(types).contains("gc:start", "gc:complete");
            assertThat(Files.list(dir.resolve(".store/deltas")).count()).as("the planted patch is gone").isZero();
            assertThat(new FileAdapter(dir).listFiles(".store/temp")).isEmpty();
            assertThat(jcf.getFileContent("a.txt", v1)).isEqualTo(utf8("two\n"));
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).warnings()).isEmpty();
        }
    }

    @Test
    void gcRefusesWhileTheProjectRunsOnTheBackupManifest() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        p.jcf.close();
        plantOrphans(p.dir);
        Path manifest = p.dir.resolve("manifest.json");
        byte[] bytes = Files.readAllBytes(manifest);
        bytes[10] ^= (byte) 0xFF;
        Files.write(manifest, bytes);
        Map<String, Long> before = p.storeFiles();
        try (JcfManager jcf = SampleProject.open(p.dir)) {
            assertThatThrownBy(jcf::runGc).isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("repair");
            assertThat(p.storeFiles()).isEqualTo(before);
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().repair(true).build()).valid()).isTrue();
            GcReport after = jcf.runGc(); // repair already deleted the temp files
            assertThat(List.of(after.blobsRemoved(), after.deltasRemoved(), after.tempRemoved())).containsExactly(2L, 1L, 0L);
            p.assertEveryVersionExact(jcf);
        }
    }

    @Test
    void statsDescribeTheHistoryAndAnEmptyProjectIsFine() throws Exception {
        try (JcfManager empty = SampleProject.open(tmp.resolve("empty"))) {
            assertThat(empty.verifyIntegrity(VerifyOptions.builder().deep(true).build()).valid()).isTrue();
            GcReport r = empty.runGc();
            assertThat(r.blobsChecked() + r.spaceFreed()).isZero();
            ProjectStats s = empty.getStats();
            assertThat(s.totalVersions()).isZero();
            assertThat(s.deduplicationRatio()).isEqualTo(1.0);
        }
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            ProjectStats s = jcf.getStats();
            Set<String> unique = new HashSet<>();
            long references = 0;
            for (Map<String, byte[]> files : p.expected.values()) {
                references += files.size();
                files.values().forEach(b -> unique.add(BlobStore.sha256Hex(b)));
            }
            assertThat(s.totalVersions()).isEqualTo(p.ids.size());
            assertThat(s.uniqueBlobs()).isEqualTo(unique.size());
            assertThat(s.blobReferences()).isEqualTo(references);
            assertThat(s.deduplicationRatio()).isEqualTo((double) references / unique.size());
            Map<String, byte[]> head = p.expected.get(jcf.getCurrentVersion().orElseThrow().id());
            assertThat(s.totalFiles()).isEqualTo(head.size());
            assertThat(s.totalSize()).isEqualTo(head.values().stream().mapToLong(b -> b.length).sum());
            assertThat(s.contentSize()).isEqualTo(s.totalSize());
            Map<String, Long> files = p.storeFiles();
            long blobs = files.entrySet().stream().filter(e -> e.getKey().startsWith(".store/blobs/")
                    || e.getKey().startsWith(".store/chunks/")).mapToLong(Map.Entry::getValue).sum();
            long deltas = files.entrySet().stream().filter(e -> e.getKey().startsWith(".store/deltas/"))
                    .mapToLong(Map.Entry::getValue).sum();
            assertThat(s.blobsSize()).isEqualTo(blobs);
            assertThat(s.deltasSize()).isEqualTo(deltas).isPositive();
            assertThat(s.oldestVersion().id()).isEqualTo(p.ids.get(0));
            assertThat(s.newestVersion().id()).isEqualTo(p.ids.get(p.ids.size() - 1));
            assertThat(s.filesByType().binary()).isEqualTo(1);
            assertThat(s.largestFile().path()).isEqualTo("big.bin");
        }
    }
}
