package io.kamaros.engine.objects;

import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdDictTrainer;
import com.github.luben.zstd.ZstdException;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The project's zstd dictionaries: {@code .store/dicts/<SHA-256 of the dictionary>}, written once,
 * verified against their name when loaded.
 *
 * <p>Each dictionary is written twice, {@code <hash>} and {@code <hash>.copy}: every small blob of the
 * project may depend on it, so one damaged byte in it must cost nothing. Reading takes the first
 * copy that matches the hash; verify reports a damaged or missing copy and repair rewrites it from
 * the other (a dictionary is at most 110 KB, written once).
 *
 * <p>Why: a source file of a few KB compresses poorly on its own, because zstd has nothing earlier
 * to refer back to; a dictionary trained on the project's own files supplies the shared vocabulary
 * (on the side-by-side benchmark's 2,500 generated source files: 5.09 MB → 3.7 MB at level 3, −28 %).
 * Training is zstd's own (ZDICT, through zstd-jni); what is ours is only where dictionaries live and
 * how a blob names the one it needs: the first {@value #ID_BYTES} bytes of the dictionary's SHA-256,
 * resolved by listing this small folder. The blob's own hash check catches any mix-up.
 */
final class ZstdDictionaries {
    static final String DIR = ".store/dicts";
    static final int ID_BYTES = 8;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** One loaded dictionary; compression tables are built per level on first use. */
    static final class Dictionary {
        final String hash;
        final long id;
        final byte[] bytes;
        private volatile @Nullable ZstdDictDecompress decompress;
        private final Map<Integer, ZstdDictCompress> compress = new ConcurrentHashMap<>();

        Dictionary(String hash, byte[] bytes) {
            this.hash = hash;
            this.id = idOf(hash);
            this.bytes = bytes;
        }

        ZstdDictCompress forLevel(int level) {
            return compress.computeIfAbsent(level, l -> new ZstdDictCompress(bytes, l));
        }

        ZstdDictDecompress forReading() {
            ZstdDictDecompress d = decompress;
            if (d == null) {
                synchronized (this) {
                    if (decompress == null) {
                        decompress = new ZstdDictDecompress(bytes);
                    }
                    d = decompress;
                }
            }
            return d;
        }
    }

    private final FileSystemAdapter adapter;
    private final Map<Long, Dictionary> loaded = new ConcurrentHashMap<>();

    ZstdDictionaries(FileSystemAdapter adapter) {
        this.adapter = adapter;
    }

    static String path(String hash) {
        return DIR + "/" + hash;
    }

    /** The id a blob records: the dictionary hash's first {@value #ID_BYTES} bytes, big-endian. */
    static long idOf(String hash) {
        return Long.parseUnsignedLong(hash.substring(0, 2 * ID_BYTES), 16);
    }

    /** The dictionary stored under {@code hash}, loaded and verified once. */
    Dictionary byHash(String hash) throws IOException {
        if (hash == null || !HASH.matcher(hash).matches()) {
            throw new CorruptionException("The dictionary name '" + hash + "' is not a SHA-256.",
                    Map.of("corruptedItem", "dictionary:" + hash));
        }
        Dictionary d = loaded.get(idOf(hash));
        if (d != null && d.hash.equals(hash)) {
            return d;
        }
        byte[] bytes = intact(hash);
        d = new Dictionary(hash, bytes);
        loaded.put(d.id, d);
        return d;
    }

    /** Where the second copy of a dictionary is kept (its damage or loss then costs nothing). */
    static String copyPath(String hash) {
        return DIR + "/" + hash + COPY;
    }

    static final String COPY = ".copy";

    /** The bytes of the first of the two copies that matches its hash; CorruptionException when neither does. */
    private byte[] intact(String hash) throws IOException {
        String actual = null;
        IOException missing = null;
        for (String p : List.of(path(hash), copyPath(hash))) {
            byte[] bytes;
            try {
                bytes = adapter.readFile(p);
            } catch (NoSuchFileException e) {
                missing = missing == null ? e : missing;
                continue;
            } catch (CorruptionException e) {
                continue; // an encrypted copy whose seal does not open
            }
            String sum = BlobStore.sha256Hex(bytes);
            if (sum.equals(hash)) {
                return bytes;
            }
            actual = actual == null ? sum : actual;
        }
        if (actual == null && missing != null) {
            throw missing;
        }
        throw new CorruptionException("The compression dictionary " + hash.substring(0, 12) + "… is damaged in both of "
                + "its copies (their bytes do not match its name); blobs compressed with it cannot be read.",
                Map.of("corruptedItem", "dictionary:" + hash, "expected", hash, "actual", String.valueOf(actual)));
    }

    /** The copies of a dictionary (paths) that are missing or do not match its hash. */
    List<String> damagedCopies(String hash) throws IOException {
        List<String> bad = new ArrayList<>();
        for (String p : List.of(path(hash), copyPath(hash))) {
            try {
                if (!BlobStore.sha256Hex(adapter.readFile(p)).equals(hash)) {
                    bad.add(p);
                }
            } catch (NoSuchFileException | CorruptionException e) {
                bad.add(p);
            }
        }
        return bad;
    }

    /** Rewrites the copies that are missing or damaged from one that is intact; false when none is. */
    boolean heal(String hash) throws IOException {
        List<String> bad = damagedCopies(hash);
        if (bad.size() == 2) {
            return false;
        }
        byte[] good = intact(hash);
        for (String p : bad) {
            adapter.writeFile(p, good);
        }
        return true;
    }

    /** The path of a copy that is intact (the dictionary itself when both are or neither is). */
    String intactPath(String hash) throws IOException {
        List<String> bad = damagedCopies(hash);
        return bad.contains(path(hash)) && !bad.contains(copyPath(hash)) ? copyPath(hash) : path(hash);
    }

    /**
     * The dictionary a blob names by id.
     *
     * @throws NoSuchFileException when no stored dictionary has that id
     */
    Dictionary byId(long id) throws IOException {
        Dictionary d = loaded.get(id);
        if (d != null) {
            return d;
        }
        for (String hash : list()) {
            if (idOf(hash) == id) {
                return byHash(hash);
            }
        }
        throw new NoSuchFileException(DIR + "/" + String.format("%016x", id) + "…");
    }

    /** The stored dictionaries' hashes. */
    List<String> list() throws IOException {
        return adapter.listFiles(DIR).stream().map(n -> n.endsWith(COPY) ? n.substring(0, n.length() - COPY.length()) : n)
                .filter(n -> HASH.matcher(n).matches()).distinct().sorted().toList();
    }

    /** Stores a dictionary (once); returns it and whether this call wrote it. */
    Dictionary store(byte[] bytes, List<String> created) throws IOException {
        String hash = BlobStore.sha256Hex(bytes);
        for (String path : List.of(path(hash), copyPath(hash))) {
            if (!adapter.fileExists(path)) {
                FileSystemAdapter.AtomicOutput out = adapter.openWrite(path);
                try {
                    out.write(bytes);
                } catch (IOException | RuntimeException | Error e) {
                    out.abort();
                    throw e;
                }
                out.close();
                created.add(path);
            }
        }
        Dictionary d = new Dictionary(hash, bytes);
        loaded.put(d.id, d);
        return d;
    }

    void delete(String hash) throws IOException {
        adapter.deleteFile(path(hash));
        if (adapter.fileExists(copyPath(hash))) {
            adapter.deleteFile(copyPath(hash));
        }
        loaded.remove(idOf(hash));
    }

    /**
     * Trains a dictionary of at most {@code dictSize} bytes on {@code samples}, or returns null when
     * zstd cannot (too few or too uniform samples).
     */
    static byte @Nullable [] train(List<byte[]> samples, int dictSize) {
        long total = 0;
        for (byte[] s : samples) {
            total += s.length;
        }
        if (samples.size() < 8 || total > Integer.MAX_VALUE - 16) {
            return null;
        }
        ZstdDictTrainer trainer = new ZstdDictTrainer((int) total, dictSize);
        for (byte[] s : samples) {
            trainer.addSample(s);
        }
        try {
            byte[] out = trainer.trainSamples();
            return out == null || out.length == 0 ? null : out;
        } catch (ZstdException | IllegalStateException e) {
            return null;
        }
    }
}
