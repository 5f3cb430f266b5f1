package io.kamaros.engine.objects;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CancelledException;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.objects.BlobStore.PutResult;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlobStoreTest {
    private static final int MB = 1024 * 1024;

    enum Kind { MEMORY, FILE }

    @TempDir
    Path tmp;

    private int projects;

    private FileSystemAdapter adapter(Kind kind) throws IOException {
        FileSystemAdapter a = kind == Kind.MEMORY ? new MemoryAdapter() : new FileAdapter(tmp.resolve("p" + projects++));
        a.init();
        return a;
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] text(int size) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (sb.length() < size) {
            sb.append("line ").append(i++ % 977).append(": the quick brown fox jumps over the lazy dog\n");
        }
        return sb.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] readStream(BlobStore store, String hash) throws IOException {
        try (InputStream in = store.openStream(hash)) {
            return in.readAllBytes();
        }
    }

    private static PutResult putStream(BlobStore store, byte[] data, boolean chunking) throws IOException {
        return store.putStream(new ByteArrayInputStream(data), chunking, CancellationToken.NONE, n -> { });
    }

    private static Set<String> storeFiles(FileSystemAdapter adapter) throws IOException {
        return new HashSet<>(adapter.listFiles(".store"));
    }

    private static void flipByte(FileSystemAdapter adapter, String path, int fromEnd) throws IOException {
        byte[] body = adapter.readFile(path);
        body[body.length - 1 - fromEnd] ^= 0x01;
        adapter.writeFile(path, body);
    }

    // ---- round trips ----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Kind.class)
    void roundTripsWholeAndStreamed(Kind kind) throws IOException {
        List<BlobStore> stores = List.of(new BlobStore(adapter(kind), 6, true), new BlobStore(adapter(kind), 6, true),
                new BlobStore(adapter(kind), 6, true));
        List<byte[]> samples = List.of(new byte[0], "x".getBytes(StandardCharsets.UTF_8), text(200_000),
                random(100_000, 1), random(3 * MB, 2), text(3 * MB));
        for (byte[] data : samples) {
            for (int mode = 0; mode < 3; mode++) {
                BlobStore target = stores.get(mode);
                PutResult put = switch (mode) {
                    case 0 -> target.put(data);
                    case 1 -> putStream(target, data, true);
                    default -> putStream(target, data, false);
                };
                assertThat(put.hash()).isEqualTo(BlobStore.sha256Hex(data));
                assertThat(put.size()).isEqualTo(data.length);
                assertThat(target.contains(put.hash())).isTrue();
                assertThat(target.read(put.hash())).isEqualTo(data);
                assertThat(readStream(target, put.hash())).isEqualTo(data);
                assertThat(target.size(put.hash())).isEqualTo(data.length);
                assertThat(target.listBlobs()).contains(put.hash());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void streamingIntoTheSameStoreRoundTrips(Kind kind) throws IOException {
        FileSystemAdapter adapter = adapter(kind);
        BlobStore store = new BlobStore(adapter, 6, true);
        byte[] chunked = random(3 * MB, 3);
        byte[] whole = text(2 * MB);
        byte[] streamedWhole = text(10 * MB);
        AtomicLong progress = new AtomicLong();
        PutResult a = store.putStream(new ByteArrayInputStream(chunked), true, CancellationToken.NONE, progress::addAndGet);
        PutResult b = putStream(store, whole, false);
        assertThat(progress.get()).isEqualTo(chunked.length);
        assertThat(store.chunkHashes(a.hash())).isNotEmpty();
        assertThat(store.chunkHashes(b.hash())).isEmpty();
        assertThat(store.listChunks()).containsAll(store.chunkHashes(a.hash()));
        assertThat(store.read(a.hash())).isEqualTo(chunked);
        assertThat(readStream(store, a.hash())).isEqualTo(chunked);
        assertThat(store.read(b.hash())).isEqualTo(whole);
        assertThat(readStream(store, b.hash())).isEqualTo(whole);
        assertThat(store.size(a.hash())).isEqualTo(chunked.length);
        assertThat(store.size(b.hash())).isEqualTo(whole.length);
        assertThat(store.storedSize(b.hash())).isLessThan(whole.length / 2);
        // Above 8 MiB an unchunked stream is compressed as it comes; its size is still known.
        PutResult c = putStream(store, streamedWhole, false);
        assertThat(c.newObjects()).containsExactly(".store/blobs/" + c.hash());
        assertThat(store.read(c.hash())).isEqualTo(streamedWhole);
        assertThat(readStream(store, c.hash())).isEqualTo(streamedWhole);
        assertThat(store.size(c.hash())).isEqualTo(streamedWhole.length);
        assertThat(store.storedSize(c.hash())).isEqualTo(c.storedBytes()).isLessThan(streamedWhole.length / 2);
        assertThat(store.chunkHashes(c.hash())).isEmpty();
        assertThat(adapter.listFiles(BlobStore.TEMP_DIR)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void compressesTextAndKeepsIncompressibleDataRaw(Kind kind) throws IOException {
        BlobStore store = new BlobStore(adapter(kind), 6, true);
        PutResult text = store.put(text(100_000));
        PutResult noise = store.put(random(100_000, 4));
        assertThat(store.storedSize(text.hash())).isLessThan(20_000);
        assertThat(store.storedSize(noise.hash())).isEqualTo(100_000 + BlobStore.HEADER);
        assertThat(noise.storedBytes()).isEqualTo(100_000 + BlobStore.HEADER);

        BlobStore raw = new BlobStore(adapter(Kind.MEMORY), 6, false);
        PutResult plain = raw.put(text(100_000));
        assertThat(raw.storedSize(plain.hash())).isEqualTo(100_000 + BlobStore.HEADER);
        assertThat(raw.read(plain.hash())).isEqualTo(text(100_000));
    }

    @Test
    void rejectsCompressionLevelsOutsideZeroToNine() {
        assertThatThrownBy(() -> new BlobStore(new MemoryAdapter(), 10, true)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new BlobStore(new MemoryAdapter(), -1, true)).isInstanceOf(ValidationException.class);
    }

    // ---- dedup and chunking ---------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Kind.class)
    void secondPutWritesNothing(Kind kind) throws IOException {
        FileSystemAdapter adapter = adapter(kind);
        BlobStore store = new BlobStore(adapter, 6, true);
        byte[] small = text(10_000);
        byte[] large = random(2 * MB, 5);
        PutResult first = store.put(small);
        PutResult firstLarge = putStream(store, large, true);
        assertThat(first.deduplicated()).isFalse();
        assertThat(first.newObjects()).containsExactly(".store/blobs/" + first.hash());
        assertThat(firstLarge.newObjects()).hasSizeGreaterThan(1);
        Set<String> before = storeFiles(adapter);

        for (PutResult again : List.of(store.put(small), putStream(store, small, true),
                putStream(store, large, true), putStream(store, large, false))) {
            assertThat(again.deduplicated()).isTrue();
            assertThat(again.newObjects()).isEmpty();
            assertThat(again.storedBytes()).isZero();
        }
        assertThat(storeFiles(adapter)).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void editingOneMegabyteOfALargeFileStoresAboutTheChange(Kind kind) throws IOException {
        FileSystemAdapter adapter = adapter(kind);
        BlobStore store = new BlobStore(adapter, 6, true);
        byte[] v1 = random(20 * MB, 6);
        byte[] v2 = v1.clone();
        System.arraycopy(random(MB, 7), 0, v2, 10 * MB - 12_345, MB);

        PutResult first = putStream(store, v1, true);
        PutResult second = putStream(store, v2, true);

        long newChunkBytes = 0;
        for (String path : second.newObjects()) {
            if (path.startsWith(BlobStore.CHUNKS_DIR + "/")) {
                newChunkBytes += adapter.stat(path).orElseThrow().size();
            }
        }
        assertThat(newChunkBytes).isGreaterThanOrEqualTo(MB).isLessThan(3 * MB / 2);
        assertThat(second.newObjects()).contains(".store/blobs/" + second.hash());
        assertThat(store.read(first.hash())).isEqualTo(v1);
        assertThat(store.read(second.hash())).isEqualTo(v2);
        assertThat(readStream(store, first.hash())).isEqualTo(v1);
        assertThat(readStream(store, second.hash())).isEqualTo(v2);
        assertThat(store.size(second.hash())).isEqualTo(v2.length);
        // The recipe is small: the blob object itself is a list of chunks.
        assertThat(store.storedSize(second.hash())).isLessThan(20 * MB / 1000);
    }

    @Test
    void chunkBoundariesAreDeterministicAndWithinBounds() {
        byte[] data = random(4 * MB, 8);
        List<Integer> first = cuts(data);
        assertThat(cuts(data.clone())).isEqualTo(first);
        for (int i = 0; i < first.size() - 1; i++) {
            assertThat(first.get(i)).isBetween(FastCdc.MIN_SIZE, FastCdc.MAX_SIZE);
        }
        double average = (double) data.length / first.size();
        assertThat(average).isBetween(FastCdc.AVG_SIZE * 0.6, FastCdc.AVG_SIZE * 1.6);
    }

    private static List<Integer> cuts(byte[] data) {
        List<Integer> out = new ArrayList<>();
        int off = 0;
        while (off < data.length) {
            int len = FastCdc.cut(data, off, data.length - off);
            out.add(len);
            off += len;
        }
        return out;
    }

    // ---- corruption ---------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFlippedByteInABlobIsNeverReturned(Kind kind) throws IOException {
        FileSystemAdapter adapter = adapter(kind);
        BlobStore store = new BlobStore(adapter, 6, true);
        for (byte[] data : List.of(text(50_000), random(50_000, 9), text(10 * MB), random(9 * MB, 17))) {
            PutResult put = data.length > MB ? putStream(store, data, false) : store.put(data);
            flipByte(adapter, ".store/blobs/" + put.hash(), 10);
            assertThatThrownBy(() -> store.read(put.hash())).isInstanceOf(CorruptionException.class)
                    .satisfies(e -> assertThat(((CorruptionException) e).details())
                            .containsEntry("corruptedItem", "blob:" + put.hash()));
            assertThatThrownBy(() -> readStream(store, put.hash())).isInstanceOf(CorruptionException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFlippedByteInAChunkOrRecipeIsNeverReturned(Kind kind) throws IOException {
        FileSystemAdapter adapter = adapter(kind);
        BlobStore store = new BlobStore(adapter, 6, true);
        byte[] noise = random(2 * MB, 10);
        PutResult put = putStream(store, noise, true);
        List<String> chunks = store.chunkHashes(put.hash());
        flipByte(adapter, ".store/chunks/" + chunks.get(chunks.size() / 2), 100);
        assertThatThrownBy(() -> store.read(put.hash())).isInstanceOf(CorruptionException.class);
        assertThatThrownBy(() -> readStream(store, put.hash())).isInstanceOf(CorruptionException.class);

        // A stream stops at the damaged chunk: the bytes before it were all correct.
        try (InputStream in = store.openStream(put.hash())) {
            byte[] buf = new byte[8192];
            long pos = 0;
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        assertThat(buf[i]).isEqualTo(noise[(int) pos + i]);
                    }
                    pos += n;
                }
                throw new AssertionError("no corruption reported");
            } catch (CorruptionException expected) {
                assertThat(pos).isLessThan(noise.length);
            }
        }

        byte[] text = text(2 * MB);
        PutResult compressed = putStream(store, text, true);
        String chunk = store.chunkHashes(compressed.hash()).get(0);
        flipByte(adapter, ".store/chunks/" + chunk, 5);
        assertThatThrownBy(() -> store.read(compressed.hash())).isInstanceOf(CorruptionException.class);
        assertThatThrownBy(() -> readStream(store, compressed.hash())).isInstanceOf(CorruptionException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRecipePointingAtAnotherValidChunkIsCaughtByTheWholeHash(Kind kind) throws IOException {
        FileSystemAdapter adapter = adapter(kind);
        BlobStore store = new BlobStore(adapter, 6, true);
        PutResult put = putStream(store, random(MB, 11), true);
        String path = ".store/blobs/" + put.hash();
        byte[] recipe = adapter.readFile(path);
        // Swap the first two recipe entries (lengths included): every chunk still verifies.
        int entry = 36;
        int first = BlobStore.HEADER + 12;
        byte[] tmpEntry = new byte[entry];
        System.arraycopy(recipe, first, tmpEntry, 0, entry);
        System.arraycopy(recipe, first + entry, recipe, first, entry);
        System.arraycopy(tmpEntry, 0, recipe, first + entry, entry);
        adapter.writeFile(path, recipe);
        assertThatThrownBy(() -> store.read(put.hash())).isInstanceOf(CorruptionException.class);
        assertThatThrownBy(() -> readStream(store, put.hash())).isInstanceOf(CorruptionException.class);

        // The whole hash fails before the last chunk leaves, and reading on after the error fails too.
        try (InputStream in = store.openStream(put.hash())) {
            long delivered = 0;
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    delivered += n;
                }
                throw new AssertionError("no corruption reported");
            } catch (CorruptionException expected) {
                assertThat(delivered).isLessThan(MB);
            }
            assertThatThrownBy(() -> in.read(buf)).isInstanceOf(CorruptionException.class);
            assertThat(in.available()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void missingChunksAndTruncatedBodiesAreCorruption(Kind kind) throws IOException {
        FileSystemAdapter adapter = adapter(kind);
        BlobStore store = new BlobStore(adapter, 6, true);
        PutResult chunked = putStream(store, random(MB, 12), true);
        store.deleteChunk(store.chunkHashes(chunked.hash()).get(1));
        assertThatThrownBy(() -> store.read(chunked.hash())).isInstanceOf(CorruptionException.class);
        assertThatThrownBy(() -> readStream(store, chunked.hash())).isInstanceOf(CorruptionException.class);

        PutResult whole = putStream(store, text(10 * MB), false);
        String path = ".store/blobs/" + whole.hash();
        byte[] body = adapter.readFile(path);
        adapter.writeFile(path, Arrays.copyOf(body, body.length / 2));
        assertThatThrownBy(() -> store.read(whole.hash())).isInstanceOf(CorruptionException.class);
        assertThatThrownBy(() -> readStream(store, whole.hash())).isInstanceOf(CorruptionException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void absentBlobsAreNoSuchFile(Kind kind) throws IOException {
        BlobStore store = new BlobStore(adapter(kind), 6, true);
        String absent = BlobStore.sha256Hex(new byte[]{1, 2, 3});
        assertThat(store.contains(absent)).isFalse();
        assertThatThrownBy(() -> store.read(absent)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.openStream(absent)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.size(absent)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.storedSize(absent)).isInstanceOf(NoSuchFileException.class);
    }

    // ---- cancel, names, deletion --------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Kind.class)
    void cancellingMidStreamLeavesNoNewObjects(Kind kind) throws IOException {
        FileSystemAdapter adapter = adapter(kind);
        BlobStore store = new BlobStore(adapter, 6, true);
        store.put(text(1000));
        Set<String> before = storeFiles(adapter);
        for (boolean chunking : new boolean[]{true, false}) {
            CancellationToken token = new CancellationToken();
            AtomicLong seen = new AtomicLong();
            byte[] data = chunking ? random(6 * MB, 13) : text(12 * MB);
            assertThatThrownBy(() -> store.putStream(new ByteArrayInputStream(data), chunking, token, n -> {
                if (seen.addAndGet(n) > (chunking ? 3 : 9) * MB) {
                    token.cancel();
                }
            })).isInstanceOf(CancelledException.class);
            assertThat(seen.get()).isLessThan(data.length);
            assertThat(storeFiles(adapter)).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSourceThatFailsMidStreamGivesItsErrorAndLeavesNoNewObjects(Kind kind) throws IOException {
        FileSystemAdapter adapter = adapter(kind);
        BlobStore store = new BlobStore(adapter, 6, true);
        Set<String> before = storeFiles(adapter);
        byte[] data = random(8 * MB, 21);
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(data)) {
            private long served;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (served > 5L * MB) {
                    throw new IOException("disk went away");
                }
                int n = super.read(b, off, len);
                served += Math.max(0, n);
                return n;
            }
        };
        assertThatThrownBy(() -> store.putStream(failing, true, CancellationToken.NONE, n -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("disk went away");
        assertThat(storeFiles(adapter)).isEqualTo(before);
        // and the same content from a good source is stored whole and right
        PutResult ok = putStream(store, data, true);
        assertThat(store.read(ok.hash())).isEqualTo(data);
    }

    @Test
    void hashNamesAreValidatedBeforeUse() {
        BlobStore store = new BlobStore(new MemoryAdapter(), 6, true);
        String upper = BlobStore.sha256Hex(new byte[0]).toUpperCase();
        for (String bad : new String[]{"../x", "", upper, "a".repeat(63), "a".repeat(65), "../" + "a".repeat(61)}) {
            assertThatThrownBy(() -> store.read(bad)).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> store.contains(bad)).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> store.openStream(bad)).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> store.deleteBlob(bad)).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> store.deleteChunk(bad)).isInstanceOf(ValidationException.class);
        }
        assertThatThrownBy(() -> store.read(null)).isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void listsOnlyValidNamesAndDeletes(Kind kind) throws IOException {
        FileSystemAdapter adapter = adapter(kind);
        BlobStore store = new BlobStore(adapter, 6, true);
        PutResult a = store.put(text(1000));
        PutResult b = putStream(store, random(MB, 14), true);
        adapter.writeFile(".store/blobs/index.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(store.listBlobs()).containsExactlyInAnyOrder(a.hash(), b.hash());
        assertThat(store.listChunks()).containsExactlyInAnyOrderElementsOf(store.chunkHashes(b.hash()));
        store.deleteBlob(a.hash());
        for (String chunk : store.chunkHashes(b.hash())) {
            store.deleteChunk(chunk);
        }
        assertThat(store.listBlobs()).containsExactly(b.hash());
        assertThat(store.listChunks()).isEmpty();
    }

    // ---- compatibility and threads ------------------------------------------------------------

    @Test
    void readsThePeersHeaderlessBlobs() throws IOException {
        ReversePatchTest.Fixture fx = ReversePatchTest.Fixture.load();
        BlobStore store = new BlobStore(fx.adapter, 6, true);
        assertThat(store.listBlobs()).hasSize(8);
        for (String hash : store.listBlobs()) {
            byte[] raw = fx.adapter.readFile(".store/blobs/" + hash);
            assertThat(store.read(hash)).isEqualTo(raw);
            assertThat(readStream(store, hash)).isEqualTo(raw);
            assertThat(store.size(hash)).isEqualTo(raw.length);
            assertThat(store.chunkHashes(hash)).isEmpty();
        }
    }

    @Test
    void concurrentReadersGetTheRightBytes() throws Exception {
        BlobStore store = new BlobStore(new MemoryAdapter(), 6, true);
        List<byte[]> data = List.of(text(300_000), random(300_000, 15), random(2 * MB, 16), text(2 * MB));
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            hashes.add(i < 2 ? store.put(data.get(i)).hash() : putStream(store, data.get(i), i == 2).hash());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int i = t % data.size();
                boolean stream = t % 2 == 0;
                results.add(pool.submit(() -> Arrays.equals(
                        stream ? readStream(store, hashes.get(i)) : store.read(hashes.get(i)), data.get(i))));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
