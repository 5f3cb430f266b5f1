package io.kamaros.engine.objects;

import static io.kamaros.engine.objects.BlobFormat.CHUNKED;
import static io.kamaros.engine.objects.BlobFormat.DICT;
import static io.kamaros.engine.objects.BlobFormat.HEADER;
import static io.kamaros.engine.objects.BlobFormat.HEX;
import static io.kamaros.engine.objects.BlobFormat.IO_BLOCK;
import static io.kamaros.engine.objects.BlobFormat.MAX_ARRAY;
import static io.kamaros.engine.objects.BlobFormat.RAW;
import static io.kamaros.engine.objects.BlobFormat.ZSTD;
import static io.kamaros.engine.objects.BlobFormat.blobPath;
import static io.kamaros.engine.objects.BlobFormat.chunkPath;
import static io.kamaros.engine.objects.BlobFormat.concat;
import static io.kamaros.engine.objects.BlobFormat.corrupt;
import static io.kamaros.engine.objects.BlobFormat.hasHeader;
import static io.kamaros.engine.objects.BlobFormat.sha256Hex;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.kamaros.engine.model.StorageException;
import io.kamaros.engine.objects.VerifyingBlobStream.SegmentSource;
import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The read path of the blob store: whole reads, streams with bounded memory (chunk by chunk for
 * recipes), and sizes without reading the content. Nothing leaves unverified (see {@link BlobStore}).
 */
final class BlobReader {
    private final FileSystemAdapter adapter;
    private final ObjectCodec codec;

    BlobReader(FileSystemAdapter adapter, ObjectCodec codec) {
        this.adapter = adapter;
        this.codec = codec;
    }

    /** See {@link BlobStore#read}. */
    byte[] read(String hash) throws IOException {
        byte[] body = adapter.readFile(blobPath(hash));
        byte[] plain;
        if (!hasHeader(body)) {
            plain = body;
        } else if (body[3] == CHUNKED) {
            plain = readChunked(hash, body);
        } else {
            plain = codec.decodeWhole(hash, body, -1, "blob:" + hash);
        }
        String actual = sha256Hex(plain);
        if (!actual.equals(hash)) {
            throw corrupt(hash, null, "its content does not match its hash", actual, null);
        }
        return plain;
    }

    private byte[] readChunked(String hash, byte[] body) throws IOException {
        ChunkRecipe recipe = ChunkRecipe.parse(hash, body);
        if (recipe.size() > MAX_ARRAY) {
            throw new StorageException("Blob " + hash + " is too large (" + recipe.size()
                    + " bytes) to read into memory; stream it instead.", Map.of("blob", hash, "size", recipe.size()));
        }
        byte[] plain = new byte[(int) recipe.size()];
        int pos = 0;
        for (int i = 0; i < recipe.count(); i++) {
            byte[] chunk = readChunk(hash, recipe.chunkHash(i), recipe.chunkLength(i));
            System.arraycopy(chunk, 0, plain, pos, chunk.length);
            pos += chunk.length;
        }
        return plain;
    }

    /** One chunk of {@code blob}, verified against its hash and the recipe's length. */
    private byte[] readChunk(String blob, String chunkHash, int length) throws IOException {
        byte[] body;
        try {
            body = adapter.readFile(chunkPath(chunkHash));
        } catch (NoSuchFileException e) {
            throw corrupt(blob, chunkHash, "its chunk " + chunkHash + " is missing", null, e);
        }
        if (!hasHeader(body) || body[3] == CHUNKED) {
            throw corrupt(blob, chunkHash, "its chunk " + chunkHash + " has no valid header", null, null);
        }
        byte[] plain = codec.decodeWhole(blob, body, length, "chunk:" + chunkHash);
        String actual = sha256Hex(plain);
        if (plain.length != length || !actual.equals(chunkHash)) {
            throw corrupt(blob, chunkHash, "its chunk " + chunkHash + " does not match its hash", actual, null);
        }
        return plain;
    }

    /** See {@link BlobStore#openStream}. */
    InputStream openStream(String hash) throws IOException {
        String path = blobPath(hash);
        InputStream raw = adapter.openRead(path);
        try {
            byte[] head = raw.readNBytes(HEADER);
            SegmentSource source;
            if (!hasHeader(head)) {
                source = new RawSource(raw, head);
            } else if (head[3] == RAW) {
                source = new RawSource(raw, new byte[0]);
            } else if (head[3] == ZSTD) {
                source = new ZstdSource(hash, raw);
            } else if (head[3] == DICT) {
                // Small by construction: decoded whole, handed out as one segment.
                source = new RawSource(InputStream.nullInputStream(),
                        codec.decodeDict(hash, concat(head, raw.readAllBytes()), "blob:" + hash));
                raw.close();
            } else if (head[3] == CHUNKED) {
                source = new ChunkSource(hash, raw);
            } else {
                throw corrupt(hash, null, "it has an unknown encoding", null, null);
            }
            return new VerifyingBlobStream(hash, source, source instanceof ChunkSource);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** See {@link BlobStore#size}. */
    long size(String hash) throws IOException {
        String path = blobPath(hash);
        byte[] head;
        try (InputStream in = adapter.openRead(path)) {
            head = in.readNBytes(HEADER + ZstdDictionaries.ID_BYTES + 18); // 18 = largest zstd frame header
        }
        if (!hasHeader(head)) {
            return storedSize(hash);
        }
        switch (head[3]) {
            case RAW:
                return storedSize(hash) - HEADER;
            case CHUNKED:
                if (head.length < HEADER + 8) {
                    throw corrupt(hash, null, "its recipe is truncated", null, null);
                }
                long plain = ByteBuffer.wrap(head, HEADER, 8).getLong();
                if (plain < 0) {
                    throw corrupt(hash, null, "its recipe is damaged", null, null);
                }
                return plain;
            case DICT:
                int at = HEADER + ZstdDictionaries.ID_BYTES;
                long dictSize = head.length <= at ? -1 : Zstd.getFrameContentSize(head, at, head.length - at);
                if (dictSize < 0) {
                    throw corrupt(hash, null, "its zstd frame header is damaged", null, null);
                }
                return dictSize;
            case ZSTD:
                if (head.length <= HEADER) {
                    throw corrupt(hash, null, "its zstd frame is missing", null, null);
                }
                long size = Zstd.getFrameContentSize(head, HEADER, head.length - HEADER);
                if (size >= 0) {
                    return size;
                }
                // A large blob streamed whole does not record its size: count it (bounded memory).
                try (InputStream in = openStream(hash)) {
                    return in.transferTo(OutputStream.nullOutputStream());
                }
            default:
                throw corrupt(hash, null, "it has an unknown encoding", null, null);
        }
    }

    /** Bytes the blob object itself takes in storage (chunks not included). */
    long storedSize(String hash) throws IOException {
        String path = blobPath(hash);
        Optional<FileStat> stat = adapter.stat(path);
        return stat.orElseThrow(() -> new NoSuchFileException(path)).size();
    }

    // ---- segment sources ----------------------------------------------------------------------

    /** Header-less or 'R' bodies: the stored bytes themselves. */
    private static final class RawSource implements SegmentSource {
        private final InputStream in;
        private byte @Nullable [] pending;

        RawSource(InputStream in, byte[] alreadyRead) {
            this.in = in;
            this.pending = alreadyRead.length > 0 ? alreadyRead : null;
        }

        @Override
        public byte @Nullable [] next() throws IOException {
            if (pending != null) {
                byte[] p = pending;
                pending = null;
                return p;
            }
            byte[] block = in.readNBytes(IO_BLOCK);
            return block.length == 0 ? null : block;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * 'Z' bodies. A stream owns its decoder: a per-thread context cannot be shared by two open
     * streams, or by a stream that is handed to another thread.
     */
    private static final class ZstdSource implements SegmentSource {
        private final String blob;
        private final ZstdInputStreamNoFinalizer in;

        ZstdSource(String blob, InputStream raw) throws IOException {
            this.blob = blob;
            this.in = new ZstdInputStreamNoFinalizer(raw);
        }

        @Override
        public byte @Nullable [] next() throws IOException {
            try {
                byte[] block = in.readNBytes(IO_BLOCK);
                return block.length == 0 ? null : block;
            } catch (ZstdIOException | RuntimeException e) {
                throw corrupt(blob, null, "it cannot be decompressed (" + e.getMessage() + ")", null, e);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * 'C' bodies: reads the recipe entry by entry and each chunk whole (at most 256 KiB). The next
     * chunks are read, decoded and checked ahead on {@link CodecThreads} (at most
     * {@link CodecThreads#IN_FLIGHT}), so a big file streams out at the speed of the whole-content
     * hash rather than of zstd; they are handed out in order, and a chunk's or the recipe's damage is
     * thrown where that chunk would come, as without reading ahead.
     */
    private final class ChunkSource implements SegmentSource {
        private final String blob;
        private final DataInputStream recipe;
        private final long size;
        private final int count;
        private final ArrayDeque<Future<byte[]>> ahead = new ArrayDeque<>();
        private int scheduled;
        private long produced;

        ChunkSource(String blob, InputStream raw) throws IOException {
            this.blob = blob;
            this.recipe = new DataInputStream(raw);
            try {
                this.size = recipe.readLong();
                this.count = recipe.readInt();
            } catch (EOFException e) {
                throw corrupt(blob, null, "its recipe is truncated", null, e);
            }
            if (count < 0 || size < 0) {
                throw corrupt(blob, null, "its recipe is damaged", null, null);
            }
        }

        @Override
        public byte @Nullable [] next() throws IOException {
            byte[] chunk;
            if (CodecThreads.IN_FLIGHT == 0) {
                chunk = scheduled == count ? null : readNext().call();
            } else {
                while (ahead.size() < CodecThreads.IN_FLIGHT && scheduled < count) {
                    ChunkRead read;
                    try {
                        read = readNext();
                    } catch (IOException | RuntimeException e) {
                        ahead.addLast(CompletableFuture.failedFuture(e)); // thrown when its chunk's turn comes
                        scheduled = count;
                        break;
                    }
                    Callable<byte[]> task = read::call;
                    ahead.addLast(CodecThreads.POOL.submit(task));
                }
                Future<byte[]> oldest = ahead.pollFirst();
                chunk = oldest == null ? null : CodecThreads.await(oldest, "reading a chunk");
            }
            if (chunk == null) {
                return end();
            }
            produced += chunk.length;
            return chunk;
        }

        /** Reads one chunk, verified. */
        private interface ChunkRead {
            byte[] call() throws IOException;
        }

        /** The next recipe entry's read. */
        private ChunkRead readNext() throws IOException {
            byte[] digest = new byte[32];
            int length;
            try {
                recipe.readFully(digest);
                length = recipe.readInt();
            } catch (EOFException e) {
                throw corrupt(blob, null, "its recipe is truncated", null, e);
            }
            if (length <= 0 || length > FastCdc.MAX_SIZE) {
                throw corrupt(blob, null, "its recipe lists an impossible chunk length", null, null);
            }
            scheduled++;
            String chunkHash = HEX.formatHex(digest);
            return () -> readChunk(blob, chunkHash, length);
        }

        private byte @Nullable [] end() throws IOException {
            if (recipe.read() >= 0) {
                throw corrupt(blob, null, "its recipe has trailing bytes", null, null);
            }
            if (produced != size) {
                throw corrupt(blob, null, "its chunks do not add up to its size", null, null);
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            for (Future<byte[]> f : ahead) {
                f.cancel(false); // a queued read never runs; a running one ends on its own
            }
            ahead.clear();
            recipe.close();
        }
    }
}
