package io.kamaros.engine.objects;

import static io.kamaros.engine.objects.BlobFormat.CHUNKED;
import static io.kamaros.engine.objects.BlobFormat.DICT;
import static io.kamaros.engine.objects.BlobFormat.DICT_MAX_INPUT;
import static io.kamaros.engine.objects.BlobFormat.HEADER;
import static io.kamaros.engine.objects.BlobFormat.blobPath;
import static io.kamaros.engine.objects.BlobFormat.hasHeader;
import static io.kamaros.engine.objects.BlobFormat.sha256Hex;

import com.github.luben.zstd.Zstd;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The blob store's use of project dictionaries ({@link ZstdDictionaries}): which one new small blobs
 * are compressed with, training one that pays, re-compressing stored blobs with it, and the checks
 * and repairs verify and export need.
 */
final class BlobDictionaries {
    /** Smallest inputs worth a dictionary sample, and the least a trained dictionary must save. */
    private static final int SAMPLE_MIN = 64;
    private static final double DICT_MIN_SAVING = 0.10;

    private final FileSystemAdapter adapter;
    private final ZstdDictionaries stored;
    private final ObjectCodec codec;
    private final BlobReader reader;
    /** The dictionary new small blobs are compressed with (its hash), or null. */
    private volatile @Nullable String writeDictionary;

    BlobDictionaries(FileSystemAdapter adapter, ZstdDictionaries stored, ObjectCodec codec, BlobReader reader) {
        this.adapter = adapter;
        this.stored = stored;
        this.codec = codec;
        this.reader = reader;
    }

    void use(@Nullable String hash) {
        this.writeDictionary = hash;
    }

    @Nullable String current() {
        return writeDictionary;
    }

    boolean wanted() {
        return codec.zstdLevel > 0 && writeDictionary == null;
    }

    /** The dictionary for a new small blob, or null (none chosen, compression off, or it cannot be loaded). */
    ZstdDictionaries.@Nullable Dictionary forWriting() {
        String hash = writeDictionary;
        if (hash == null || codec.zstdLevel == 0) {
            return null;
        }
        try {
            return stored.byHash(hash);
        } catch (IOException | RuntimeException e) {
            writeDictionary = null; // verify reports a damaged dictionary; new blobs simply do without
            return null;
        }
    }

    /** See {@link BlobStore#trainDictionary}. */
    @Nullable String train(List<byte[]> samples, int dictSize, int level, List<String> created) throws IOException {
        int lvl = level > 0 ? level : codec.zstdLevel;
        if (lvl == 0) {
            return null;
        }
        List<byte[]> usable = samples.stream().filter(b -> b.length >= SAMPLE_MIN && b.length <= DICT_MAX_INPUT).toList();
        long sampleBytes = usable.stream().mapToLong(b -> b.length).sum();
        // zstd's advice: samples about 100× the dictionary; at 1/32 it still learns and stays cheap to store.
        int size = (int) Math.max(4096, Math.min(dictSize, sampleBytes / 32));
        byte[] trained = ZstdDictionaries.train(usable, size);
        if (trained == null) {
            return null;
        }
        ZstdDictionaries.Dictionary candidate = new ZstdDictionaries.Dictionary(sha256Hex(trained), trained);
        long plain = 0;
        long withDict = 0;
        byte[] body = new byte[0];
        for (byte[] sample : usable) {
            int bound = HEADER + ZstdDictionaries.ID_BYTES + (int) Zstd.compressBound(sample.length);
            if (body.length < bound) {
                body = new byte[bound];
            }
            plain += ObjectCodec.compressPlain(sample, body, lvl);
            withDict += codec.encode(sample, 0, sample.length, body, candidate, lvl);
        }
        // It must pay: 10 % smaller, and already on the samples more than the dictionary itself takes.
        if (withDict > plain * (1 - DICT_MIN_SAVING) || plain - withDict < trained.length) {
            return null;
        }
        return stored.store(trained, created).hash;
    }

    List<String> list() throws IOException {
        return stored.list();
    }

    void delete(String hash) throws IOException {
        stored.delete(hash);
    }

    void check(String hash) throws IOException {
        stored.byHash(hash);
    }

    List<String> damagedCopies(String hash) throws IOException {
        return stored.damagedCopies(hash);
    }

    boolean heal(String hash) throws IOException {
        return stored.heal(hash);
    }

    String intactPath(String hash) throws IOException {
        return stored.intactPath(hash);
    }

    /** See {@link BlobStore#dictionaryIdOf}. */
    @Nullable String idOfBlob(String hash) throws IOException {
        try (InputStream in = adapter.openRead(blobPath(hash))) {
            byte[] head = in.readNBytes(HEADER + ZstdDictionaries.ID_BYTES);
            if (head.length < HEADER + ZstdDictionaries.ID_BYTES || !hasHeader(head) || head[3] != DICT) {
                return null;
            }
            return String.format("%016x", ByteBuffer.wrap(head, HEADER, ZstdDictionaries.ID_BYTES).getLong());
        }
    }

    /** See {@link BlobStore#recompress}. */
    long recompress(String hash, String dictHash, int level) throws IOException {
        String path = blobPath(hash);
        byte[] old = adapter.readFile(path);
        if (hasHeader(old) && old[3] == CHUNKED) {
            return 0;
        }
        byte[] plain = reader.read(hash);
        if (plain.length > DICT_MAX_INPUT || plain.length == 0) {
            return 0;
        }
        ZstdDictionaries.Dictionary dict = stored.byHash(dictHash);
        byte[] body = new byte[HEADER + ZstdDictionaries.ID_BYTES + (int) Zstd.compressBound(plain.length)];
        int len = codec.encode(plain, 0, plain.length, body, dict, level);
        boolean otherDict = hasHeader(old) && old[3] == DICT && old.length >= HEADER + ZstdDictionaries.ID_BYTES
                && ByteBuffer.wrap(old, HEADER, ZstdDictionaries.ID_BYTES).getLong() != dict.id;
        if (len >= old.length && !otherDict) {
            return 0;
        }
        BlobWriter.writeBody(adapter, path, body, len);
        return old.length - len;
    }
}
