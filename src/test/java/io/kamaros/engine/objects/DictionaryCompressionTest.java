package io.kamaros.engine.objects;

import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Small blobs compressed with a project dictionary ('D' objects, {@code .store/dicts/}). */
class DictionaryCompressionTest {
    private static final String[] WORDS = {"public", "private", "static", "final", "void", "return", "String",
            "List<String>", "import", "class", "interface", "throws", "IOException", "new", "this", "counter", "result",
            "compute", "journal", "manifest", "version", "checkpoint", "restore", "content", "blob", "hash"};

    /** A source-like file: indented lines of words from one vocabulary, different per seed. */
    static byte[] source(long seed, int size) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("// generated file " + seed + "\npackage io.example;\n\n");
        while (sb.length() < size) {
            sb.append("    ".repeat(1 + r.nextInt(3)));
            for (int w = 2 + r.nextInt(6); w > 0; w--) {
                sb.append(WORDS[r.nextInt(WORDS.length)]).append(w > 1 ? " " : "");
            }
            sb.append(r.nextInt(4) == 0 ? "(" + r.nextInt(1000) + ");\n" : " {\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static List<byte[]> samples(int n, long seed) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(source(seed + i, 1_000 + (int) ((seed + i) * 37 % 6_000)));
        }
        return out;
    }

    private static BlobStore store(FileSystemAdapter a) {
        return new BlobStore(a, 6, true);
    }

    @Test
    void smallBlobsWithADictionaryReadBackExactlyAndTakeLessSpace() throws IOException {
        MemoryAdapter a = new MemoryAdapter();
        a.init();
        BlobStore blobs = store(a);
        List<String> created = new ArrayList<>();
        String dict = blobs.trainDictionary(samples(200, 1), 16 * 1024, 0, created);
        assertThat(dict).as("a dictionary pays on source-like text").isNotNull();
        assertThat(created).containsExactly(BlobStore.DICTS_DIR + "/" + dict, BlobStore.DICTS_DIR + "/" + dict + ".copy");
        assertThat(blobs.listDictionaries()).containsExactly(dict);

        MemoryAdapter plainAdapter = new MemoryAdapter();
        plainAdapter.init();
        BlobStore plain = store(plainAdapter);
        blobs.useDictionary(dict);
        long withDict = 0;
        long without = 0;
        for (byte[] data : samples(50, 10_000)) { // files the dictionary never saw
            BlobStore.PutResult r = blobs.put(data);
            withDict += r.storedBytes();
            without += plain.put(data).storedBytes();
            assertThat(blobs.read(r.hash())).isEqualTo(data);
            try (InputStream in = blobs.openStream(r.hash())) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
            assertThat(blobs.size(r.hash())).isEqualTo(data.length);
            assertThat(blobs.dictionaryIdOf(r.hash())).isEqualTo(BlobStore.dictionaryId(dict));
        }
        assertThat(withDict).as("stored bytes with the dictionary vs zstd alone").isLessThan(without * 9 / 10);

        // A fresh store over the same files finds the dictionary by the id in the blob.
        BlobStore reopened = store(a);
        for (byte[] data : samples(5, 10_000)) {
            assertThat(reopened.read(BlobStore.sha256Hex(data))).isEqualTo(data);
        }
    }

    @Test
    void largeAndIncompressibleBlobsDoNotUseTheDictionary() throws IOException {
        MemoryAdapter a = new MemoryAdapter();
        a.init();
        BlobStore blobs = store(a);
        String dict = blobs.trainDictionary(samples(200, 1), 16 * 1024, 0, new ArrayList<>());
        blobs.useDictionary(dict);
        byte[] big = source(7, BlobStore.DICT_MAX_INPUT + 10);
        byte[] noise = new byte[4000];
        new SplittableRandom(3).nextBytes(noise);
        String bigHash = blobs.put(big).hash();
        String noiseHash = blobs.put(noise).hash();
        assertThat(blobs.dictionaryIdOf(bigHash)).isNull();
        assertThat(blobs.dictionaryIdOf(noiseHash)).isNull();
        assertThat(blobs.read(bigHash)).isEqualTo(big);
        assertThat(blobs.read(noiseHash)).isEqualTo(noise);
    }

    @Test
    void noDictionaryWhenItWouldNotPay() throws IOException {
        MemoryAdapter a = new MemoryAdapter();
        a.init();
        BlobStore blobs = store(a);
        List<byte[]> noise = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[2000];
            r.nextBytes(b);
            noise.add(b);
        }
        List<String> created = new ArrayList<>();
        assertThat(blobs.trainDictionary(noise, 16 * 1024, 0, created)).isNull();
        assertThat(created).isEmpty();
        assertThat(blobs.listDictionaries()).isEmpty();
    }

    @Test
    void aMissingOrDamagedDictionaryIsReportedAsCorruptionNotWrongBytes() throws IOException {
        MemoryAdapter a = new MemoryAdapter();
        a.init();
        BlobStore blobs = store(a);
        String dict = blobs.trainDictionary(samples(200, 1), 16 * 1024, 0, new ArrayList<>());
        blobs.useDictionary(dict);
        byte[] data = source(99, 3000);
        String hash = blobs.put(data).hash();

        byte[] dictBytes = a.readFile(BlobStore.DICTS_DIR + "/" + dict);
        byte[] damaged = dictBytes.clone();
        damaged[damaged.length / 2] ^= 1;
        a.writeFile(BlobStore.DICTS_DIR + "/" + dict, damaged);
        // Kept twice: one damaged copy costs nothing (and is reported, then rewritten from the other).
        assertThat(store(a).read(hash)).isEqualTo(data);
        assertThat(store(a).damagedDictionaryCopies(dict)).containsExactly(BlobStore.DICTS_DIR + "/" + dict);
        assertThat(store(a).healDictionary(dict)).isTrue();
        assertThat(a.readFile(BlobStore.DICTS_DIR + "/" + dict)).isEqualTo(dictBytes);
        a.writeFile(BlobStore.DICTS_DIR + "/" + dict, damaged);
        a.writeFile(BlobStore.DICTS_DIR + "/" + dict + ".copy", damaged);
        assertThatThrownBy(() -> store(a).read(hash)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("dictionary").hasMessageContaining("damaged");

        a.deleteFile(BlobStore.DICTS_DIR + "/" + dict);
        a.deleteFile(BlobStore.DICTS_DIR + "/" + dict + ".copy");
        assertThatThrownBy(() -> store(a).read(hash)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("dictionary").hasMessageContaining("missing");

        // Writing goes on without it: new blobs are plain zstd.
        BlobStore writer = store(a);
        writer.useDictionary(dict);
        String other = writer.put(source(100, 3000)).hash();
        assertThat(writer.dictionaryIdOf(other)).isNull();
        assertThat(writer.dictionary()).isNull();
    }

    @Test
    void recompressKeepsTheContentAndOnlyEverShrinks() throws IOException {
        MemoryAdapter a = new MemoryAdapter();
        a.init();
        BlobStore blobs = store(a);
        List<String> hashes = new ArrayList<>();
        for (byte[] data : samples(200, 500)) {
            hashes.add(blobs.put(data).hash());
        }
        String dict = blobs.trainDictionary(samples(200, 500), 16 * 1024, 19, new ArrayList<>());
        assertThat(dict).isNotNull();
        long saved = 0;
        for (String h : hashes) {
            long before = blobs.storedSize(h);
            long s = blobs.recompress(h, dict, 19);
            assertThat(blobs.storedSize(h)).isEqualTo(before - s);
            saved += s;
        }
        assertThat(saved).isPositive();
        List<byte[]> expected = samples(200, 500);
        for (int i = 0; i < hashes.size(); i++) {
            assertThat(blobs.read(hashes.get(i))).isEqualTo(expected.get(i));
        }
        // Again: nothing left to gain, nothing rewritten.
        for (String h : hashes) {
            assertThat(blobs.recompress(h, dict, 19)).isZero();
        }
    }

    @Test
    void dictionariesAreSealedInAnEncryptedStore() throws IOException {
        MemoryAdapter raw = new MemoryAdapter();
        raw.init();
        ObjectCipher cipher = new ObjectCipher(new byte[32]);
        BlobStore blobs = store(new SealingAdapter(raw, cipher));
        String dict = blobs.trainDictionary(samples(200, 1), 16 * 1024, 0, new ArrayList<>());
        blobs.useDictionary(dict);
        byte[] data = source(42, 3000);
        String hash = blobs.put(data).hash();
        byte[] stored = raw.readFile(BlobStore.DICTS_DIR + "/" + dict);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("checkpoint");
        assertThat(store(new SealingAdapter(raw, cipher)).read(hash)).isEqualTo(data);
    }
}
