package io.kamaros.engine.objects;

import static io.kamaros.engine.objects.BlobFormat.DICT;
import static io.kamaros.engine.objects.BlobFormat.DICT_MAX_INPUT;
import static io.kamaros.engine.objects.BlobFormat.HEADER;
import static io.kamaros.engine.objects.BlobFormat.MAX_ARRAY;
import static io.kamaros.engine.objects.BlobFormat.RAW;
import static io.kamaros.engine.objects.BlobFormat.ZSTD;
import static io.kamaros.engine.objects.BlobFormat.corrupt;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.kamaros.engine.model.CorruptionException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Encodes plain bytes into whole object bodies ({@code 'R'}, {@code 'Z'}, {@code 'D'}) at a store's
 * zstd level and decodes them back. Immutable; the zstd contexts are per thread.
 */
final class ObjectCodec {
    /*
     * JCF's compressionLevel 0-9 is deflate's scale (default 6). zstd's levels are faster at equal
     * ratio: zstd 3 (its own default) beats deflate 6 on both speed and size, so 6 -> 3. The upper
     * levels roughly double the CPU per step, as deflate's do, and stop at 12: zstd's btopt levels
     * (16+) cost 10-100x more for a few percent. 0 stores raw.
     */
    private static final int[] ZSTD_LEVEL = {0, 1, 1, 2, 2, 3, 3, 5, 8, 12};

    // One context per thread, shared by all stores (the level is set per call): one-shot
    // Zstd.compress would allocate a native context on every call.
    private static final ThreadLocal<ZstdCompressCtx> COMPRESS = ThreadLocal.withInitial(ZstdCompressCtx::new);
    private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESS = ThreadLocal.withInitial(ZstdDecompressCtx::new);
    // Separate contexts for dictionary frames, so a dictionary never stays attached to the plain ones.
    private static final ThreadLocal<ZstdCompressCtx> COMPRESS_DICT = ThreadLocal.withInitial(ZstdCompressCtx::new);
    private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESS_DICT = ThreadLocal.withInitial(ZstdDecompressCtx::new);

    /*
     * Incompressible content (media, archives, encrypted files: most of a big binary project) is
     * told early: 8 slices of 1 KiB spread over it are compressed together at zstd's fastest level,
     * and when they save under 1 % the content is stored raw without a full attempt (a sample costs
     * ≈ 1/30 of compressing a 256 KiB chunk). A stricter bar than the 3 % of a full attempt, so
     * content that is compressible only where no slice falls is rarely given up; when it is, it is
     * stored raw: correct, only larger.
     */
    static final int SAMPLE_FROM = 32 * 1024;
    private static final int SAMPLE_SLICES = 8;
    private static final int SAMPLE_SLICE = 1024;
    private static final ThreadLocal<byte[]> SAMPLE = ThreadLocal.withInitial(() -> new byte[SAMPLE_SLICES * SAMPLE_SLICE]);
    private static final ThreadLocal<byte[]> SAMPLE_FRAME =
            ThreadLocal.withInitial(() -> new byte[(int) Zstd.compressBound(SAMPLE_SLICES * SAMPLE_SLICE)]);

    /** The zstd level new objects get; 0 = store raw. */
    final int zstdLevel;
    private final ZstdDictionaries dictionaries;

    /** @param compressionLevel JCF's 0-9 (checked by the caller) */
    ObjectCodec(int compressionLevel, boolean compressionEnabled, ZstdDictionaries dictionaries) {
        this.zstdLevel = compressionEnabled ? ZSTD_LEVEL[compressionLevel] : 0;
        this.dictionaries = dictionaries;
    }

    /** The largest body {@link #encode} may produce for {@code len} plain bytes (header and dictionary id included). */
    long bodyBound(int len) {
        return HEADER + ZstdDictionaries.ID_BYTES + (zstdLevel == 0 ? len : Math.max(len, Zstd.compressBound(len)));
    }

    /** Header + zstd frame, or header + raw bytes when compression saves under 3 %. */
    int encode(byte[] data, int off, int len, byte[] body) {
        return skipsCompression(data, off, len) ? raw(data, off, len, body) : compressOrRaw(data, off, len, body);
    }

    /** True when {@link #encode} stores this content raw without trying zstd (no compression, empty, or a sample says incompressible). */
    boolean skipsCompression(byte[] data, int off, int len) {
        return zstdLevel == 0 || len == 0 || (len >= SAMPLE_FROM && looksIncompressible(data, off, len));
    }

    /** Header + zstd frame, or header + raw bytes when compression saves under 3 % (no sample first). */
    int compressOrRaw(byte[] data, int off, int len, byte[] body) {
        ZstdCompressCtx ctx = COMPRESS.get();
        ctx.setLevel(zstdLevel);
        int zlen = ctx.compressByteArray(body, HEADER, body.length - HEADER, data, off, len);
        if ((long) (len - zlen) * 100 >= 3L * len) {
            body[0] = 'K';
            body[1] = 'B';
            body[2] = 1;
            body[3] = ZSTD;
            return HEADER + zlen;
        }
        return raw(data, off, len, body);
    }

    /** Header + the bytes as they are, into {@code body} (at least {@code HEADER + len} long). */
    static int raw(byte[] data, int off, int len, byte[] body) {
        body[0] = 'K';
        body[1] = 'B';
        body[2] = 1;
        body[3] = RAW;
        System.arraycopy(data, off, body, HEADER, len);
        return HEADER + len;
    }

    /** True when a sample of {@code data[off, off+len)} ({@code len >= SAMPLE_FROM}) compresses by under 1 %. */
    static boolean looksIncompressible(byte[] data, int off, int len) {
        byte[] sample = SAMPLE.get();
        int step = (len - SAMPLE_SLICE) / (SAMPLE_SLICES - 1);
        for (int i = 0; i < SAMPLE_SLICES; i++) {
            System.arraycopy(data, off + i * step, sample, i * SAMPLE_SLICE, SAMPLE_SLICE);
        }
        ZstdCompressCtx ctx = COMPRESS.get();
        ctx.setLevel(1);
        byte[] frame = SAMPLE_FRAME.get();
        int zlen = ctx.compressByteArray(frame, 0, frame.length, sample, 0, sample.length);
        return (long) (sample.length - zlen) * 100 < sample.length;
    }

    /**
     * Header, dictionary id and a zstd frame made with {@code dict} at {@code level}; falls back to
     * {@link #encode(byte[], int, int, byte[])} for content too large for a dictionary to matter or
     * when the dictionary frame saves under 3 %.
     */
    int encode(byte[] data, int off, int len, byte[] body, ZstdDictionaries.Dictionary dict, int level) {
        if (level > 0 && len > 0 && len <= DICT_MAX_INPUT) {
            ZstdCompressCtx ctx = COMPRESS_DICT.get();
            ctx.loadDict(dict.forLevel(level));
            int at = HEADER + ZstdDictionaries.ID_BYTES;
            int zlen = ctx.compressByteArray(body, at, body.length - at, data, off, len);
            if ((long) (len - zlen - ZstdDictionaries.ID_BYTES) * 100 >= 3L * len) {
                body[0] = 'K';
                body[1] = 'B';
                body[2] = 1;
                body[3] = DICT;
                ByteBuffer.wrap(body, HEADER, ZstdDictionaries.ID_BYTES).putLong(dict.id);
                return at + zlen;
            }
        }
        return encode(data, off, len, body);
    }

    /** The body length {@link #encode(byte[], int, int, byte[])} gives (decides a streamed blob's encoding). */
    int encodedLength(byte[] data, int off, int len) {
        byte[] body = new byte[HEADER + Math.max(len, (int) Zstd.compressBound(len))];
        return encode(data, off, len, body);
    }

    /** A bare zstd frame of {@code sample} at {@code level} into {@code out}; returns its length (dictionary training). */
    static int compressPlain(byte[] sample, byte[] out, int level) {
        ZstdCompressCtx ctx = COMPRESS.get();
        ctx.setLevel(level);
        return ctx.compressByteArray(out, 0, out.length, sample, 0, sample.length);
    }

    /** Decodes an 'R', 'Z' or (blobs only) 'D' body; {@code expectedLength} (or -1) guards the allocation for chunks. */
    byte[] decodeWhole(String blob, byte[] body, int expectedLength, String item) throws IOException {
        String chunk = item.startsWith("chunk:") ? item.substring(6) : null;
        if (body[3] == RAW) {
            byte[] plain = new byte[body.length - HEADER];
            System.arraycopy(body, HEADER, plain, 0, plain.length);
            return plain;
        }
        if (body[3] == DICT && chunk == null) {
            return decodeDict(blob, body, item);
        }
        if (body[3] != ZSTD) {
            throw corrupt(blob, chunk, item + " has an unknown encoding", null, null);
        }
        try {
            long size = Zstd.getFrameContentSize(body, HEADER, body.length - HEADER);
            if (size == -1 && expectedLength < 0) {
                // Streamed whole: no size in the frame header; decode as a stream.
                try (InputStream z = new ZstdInputStreamNoFinalizer(
                        new ByteArrayInputStream(body, HEADER, body.length - HEADER))) {
                    return z.readAllBytes();
                }
            }
            if (size < 0 || size > MAX_ARRAY || (expectedLength >= 0 && size != expectedLength)) {
                throw corrupt(blob, chunk, item + " has a damaged zstd header", null, null);
            }
            byte[] plain = new byte[(int) size];
            int got = DECOMPRESS.get().decompressByteArray(plain, 0, plain.length, body, HEADER, body.length - HEADER);
            if (got != size) {
                throw corrupt(blob, chunk, item + " decodes to the wrong length", null, null);
            }
            return plain;
        } catch (ZstdIOException | RuntimeException e) {
            if (e instanceof CorruptionException c) {
                throw c;
            }
            throw corrupt(blob, chunk, item + " cannot be decompressed (" + e.getMessage() + ")", null, e);
        }
    }

    /** A 'D' body: dictionary id, then a frame with its content size (at most {@link BlobFormat#DICT_MAX_INPUT}). */
    byte[] decodeDict(String blob, byte[] body, String item) throws IOException {
        int at = HEADER + ZstdDictionaries.ID_BYTES;
        if (body.length <= at) {
            throw corrupt(blob, null, item + " is truncated", null, null);
        }
        long id = ByteBuffer.wrap(body, HEADER, ZstdDictionaries.ID_BYTES).getLong();
        ZstdDictionaries.Dictionary dict;
        try {
            dict = dictionaries.byId(id);
        } catch (NoSuchFileException e) {
            throw new CorruptionException("Stored blob " + blob + " cannot be read: the compression dictionary it was "
                    + "made with (" + String.format("%016x", id) + "…) is missing from .store/dicts.",
                    Map.of("corruptedItem", "blob:" + blob, "dictionary", String.format("%016x", id)), e);
        }
        try {
            long size = Zstd.getFrameContentSize(body, at, body.length - at);
            if (size < 0 || size > DICT_MAX_INPUT) {
                throw corrupt(blob, null, item + " has a damaged zstd header", null, null);
            }
            byte[] plain = new byte[(int) size];
            ZstdDecompressCtx ctx = DECOMPRESS_DICT.get();
            ctx.loadDict(dict.forReading());
            int got = ctx.decompressByteArray(plain, 0, plain.length, body, at, body.length - at);
            if (got != size) {
                throw corrupt(blob, null, item + " decodes to the wrong length", null, null);
            }
            return plain;
        } catch (RuntimeException e) {
            if (e instanceof CorruptionException c) {
                throw c;
            }
            throw corrupt(blob, null, item + " cannot be decompressed (" + e.getMessage() + ")", null, e);
        }
    }
}
