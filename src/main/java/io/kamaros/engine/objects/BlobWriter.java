package io.kamaros.engine.objects;

import static io.kamaros.engine.objects.BlobFormat.HEADER;
import static io.kamaros.engine.objects.BlobFormat.HEX;
import static io.kamaros.engine.objects.BlobFormat.IO_BLOCK;
import static io.kamaros.engine.objects.BlobFormat.MAX_ARRAY;
import static io.kamaros.engine.objects.BlobFormat.RAW;
import static io.kamaros.engine.objects.BlobFormat.TEMP_DIR;
import static io.kamaros.engine.objects.BlobFormat.ZSTD;
import static io.kamaros.engine.objects.BlobFormat.blobPath;
import static io.kamaros.engine.objects.BlobFormat.concat;
import static io.kamaros.engine.objects.BlobFormat.sha256;
import static io.kamaros.engine.objects.BlobFormat.sha256Hex;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.objects.BlobStore.PutResult;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.FileSystemAdapter.AtomicOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The write path of the blob store: small content whole (with the project's dictionary when it has
 * one), big content chunked by {@link ChunkingWriter} or streamed whole through a temp object, and
 * the rollback of what a failed or cancelled write created.
 */
final class BlobWriter {
    /** Streamed content this large and up is chunked (when allowed). */
    static final int CHUNKING_THRESHOLD = 512 * 1024;
    /**
     * Unchunked streamed content up to this size is buffered and stored like {@link #put}; larger
     * content is compressed as a stream, whose zstd frame cannot record the (then unknown) size.
     */
    static final int BUFFERED_WHOLE_LIMIT = 8 * 1024 * 1024;

    private final FileSystemAdapter adapter;
    private final ObjectCodec codec;
    private final BlobDictionaries dictionaries;
    private final ChunkingWriter chunking;

    /** @param encodeInFlight see {@link ChunkingWriter#ChunkingWriter} */
    BlobWriter(FileSystemAdapter adapter, ObjectCodec codec, BlobDictionaries dictionaries, int encodeInFlight) {
        this.adapter = adapter;
        this.codec = codec;
        this.dictionaries = dictionaries;
        this.chunking = new ChunkingWriter(adapter, this, encodeInFlight);
    }

    /** Stores {@code data} as one whole blob (never chunked). */
    PutResult put(byte[] data) throws IOException {
        String hash = sha256Hex(data);
        String path = blobPath(hash);
        if (adapter.fileExists(path)) {
            return new PutResult(hash, data.length, 0, true, List.of());
        }
        long written = writeObject(path, data, 0, data.length, true);
        return new PutResult(hash, data.length, written, false, List.of(path));
    }

    /** See {@link BlobStore#putStream(InputStream, boolean, CancellationToken, LongConsumer, String)}. */
    PutResult putStream(InputStream in, boolean allowChunking, @Nullable CancellationToken cancel,
                        @Nullable LongConsumer bytesRead, @Nullable String previous) throws IOException {
        CancellationToken token = cancel == null ? CancellationToken.NONE : cancel;
        LongConsumer progress = bytesRead == null ? n -> { } : bytesRead;
        token.throwIfCancelled("checkpoint");
        // readNBytes grows its buffer as it reads, so small files do not cost a large array each.
        int limit = allowChunking ? CHUNKING_THRESHOLD : BUFFERED_WHOLE_LIMIT;
        byte[] head = in.readNBytes(limit);
        if (head.length > 0) {
            progress.accept(head.length);
        }
        if (head.length < limit) {
            token.throwIfCancelled("checkpoint");
            return put(head);
        }
        List<String> created = new ArrayList<>();
        try {
            return allowChunking
                    ? chunking.put(in, head, token, progress, created, chunking.previousRecipe(previous))
                    : putStreamedWhole(in, head, token, progress, created);
        } catch (IOException | RuntimeException | Error e) {
            for (String path : created) {
                try {
                    adapter.deleteFile(path);
                } catch (IOException | RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    /** A large blob kept whole: streamed into a temp object, then moved to its name. */
    private PutResult putStreamedWhole(InputStream in, byte[] head, CancellationToken cancel, LongConsumer progress,
                                       List<String> created) throws IOException {
        // The first 512 KiB decide the encoding (the rest cannot be seen before it is written).
        int sample = Math.min(head.length, CHUNKING_THRESHOLD);
        byte encoding = codec.encodedLength(head, 0, sample) < sample + HEADER ? ZSTD : RAW;
        String temp = TEMP_DIR + "/" + UUID.randomUUID();
        MessageDigest whole = sha256();
        long total = 0;
        AtomicOutput out = adapter.openWrite(temp);
        created.add(temp);
        CountingOutputStream counted = new CountingOutputStream(out);
        OutputStream sink = counted;
        try {
            counted.write(new byte[]{'K', 'B', 1, encoding});
            if (encoding == ZSTD) {
                sink = new ZstdOutputStreamNoFinalizer(counted, codec.zstdLevel); // owns its context while it streams
            }
            byte[] buf = head;
            int len = head.length;
            while (len > 0) {
                whole.update(buf, 0, len);
                total += len;
                sink.write(buf, 0, len);
                cancel.throwIfCancelled("checkpoint");
                buf = buf == head ? new byte[IO_BLOCK] : buf;
                len = fill(in, buf, 0, progress);
            }
            sink.close(); // ends the zstd frame; CountingOutputStream keeps the adapter stream open
        } catch (IOException | RuntimeException | Error e) {
            try {
                sink.close(); // frees the zstd context; the bytes are thrown away below
            } catch (IOException | RuntimeException ignored) {
                e.addSuppressed(ignored);
            }
            out.abort();
            throw e;
        }
        out.close();
        String hash = HEX.formatHex(whole.digest());
        String path = blobPath(hash);
        if (adapter.fileExists(path)) {
            adapter.deleteFile(temp);
            created.remove(temp);
            return new PutResult(hash, total, 0, true, List.of());
        }
        created.add(path);
        adapter.moveFile(temp, path);
        created.remove(temp);
        return new PutResult(hash, total, counted.count(), false, List.of(path));
    }

    /** An encoded object body: {@code body[0, length)}. */
    record Encoded(byte[] body, int length) {
    }

    /** Encodes and writes one whole object; returns the bytes written. */
    long writeObject(String path, byte[] data, int off, int len, boolean allowDict) throws IOException {
        return write(path, encode(data, off, len, allowDict));
    }

    /** Encodes one whole object (pure CPU, safe on any thread: {@link EncodingPipeline} runs it on its workers). */
    Encoded encode(byte[] data, int off, int len, boolean allowDict) {
        long bound = codec.bodyBound(len);
        if (bound > MAX_ARRAY) {
            // Too big for one array with zstd's worst case: keep it raw (callers should stream).
            return new Encoded(concat(new byte[]{'K', 'B', 1, RAW}, Arrays.copyOfRange(data, off, off + len)),
                    HEADER + len);
        }
        ZstdDictionaries.Dictionary dict = allowDict ? dictionaries.forWriting() : null;
        if (dict == null && codec.skipsCompression(data, off, len)) {
            // Raw (most of a binary project): a body exactly its size, which the store takes as it is.
            byte[] body = new byte[HEADER + len];
            return new Encoded(body, ObjectCodec.raw(data, off, len, body));
        }
        byte[] body = new byte[(int) bound];
        int bodyLen = dict == null
                ? codec.compressOrRaw(data, off, len, body)
                : codec.encode(data, off, len, body, dict, codec.zstdLevel);
        return new Encoded(body, bodyLen);
    }

    /**
     * Encodes a chunk handed over as a raw body ({@code K B 01 R} and its plain bytes, see
     * {@code ChunkingWriter}): that body itself when it is stored raw, else a new compressed one. The same
     * bytes as {@link #encode} of the plain bytes without a dictionary, one copy fewer (pure CPU, any thread).
     */
    Encoded encodeChunk(byte[] rawBody) {
        int len = rawBody.length - HEADER;
        if (codec.skipsCompression(rawBody, HEADER, len)) {
            return new Encoded(rawBody, rawBody.length);
        }
        byte[] body = new byte[(int) codec.bodyBound(len)];
        int bodyLen = codec.compressOrRaw(rawBody, HEADER, len, body);
        return body[3] == RAW ? new Encoded(rawBody, rawBody.length) : new Encoded(body, bodyLen);
    }

    /** Writes an encoded object as {@code path}; returns the bytes written. */
    long write(String path, Encoded encoded) throws IOException {
        writeBody(adapter, path, encoded.body(), encoded.length());
        return encoded.length();
    }

    /** Writes {@code body[0, len)} as the whole of {@code path}, atomically. */
    static void writeBody(FileSystemAdapter adapter, String path, byte[] body, int len) throws IOException {
        // One array, handed over as it is when it is exactly the body (raw chunks): through openWrite a pack
        // copied every body into a growing buffer and out of it again.
        adapter.writeFile(path, len == body.length ? body : Arrays.copyOf(body, len));
    }

    /** Reads until {@code buf} is full or the input ends; returns the bytes read. */
    static int fill(InputStream in, byte[] buf, int off, LongConsumer progress) throws IOException {
        int pos = off;
        while (pos < buf.length) {
            int n = in.read(buf, pos, buf.length - pos);
            if (n < 0) {
                break;
            }
            if (n > 0) {
                progress.accept(n);
            }
            pos += n;
        }
        return pos - off;
    }
}
