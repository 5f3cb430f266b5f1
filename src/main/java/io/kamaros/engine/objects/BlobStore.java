package io.kamaros.engine.objects;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.StorageException;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.FileSystemAdapter.AtomicOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * The content-addressed store of file contents: {@code .store/blobs/<sha256>} and
 * {@code .store/chunks/<sha256>}, named by the SHA-256 of the plain bytes, written once (atomically,
 * through {@link FileSystemAdapter#openWrite}), deduplicated by existence.
 *
 * <h2>Object layout</h2>
 * Every object we write starts with a 4-byte header {@code 'K' 'B' 0x01 <encoding>}:
 * <ul>
 *   <li>{@code 'R'}: the plain bytes follow.</li>
 *   <li>{@code 'Z'}: one zstd frame follows, with the content size in its frame header (except
 *       for blobs over 8 MiB stored unchunked from a stream: the size is unknown when the frame
 *       starts, so {@link #size} decodes them).</li>
 *   <li>{@code 'D'} (whole blobs up to {@value #DICT_MAX_INPUT} bytes): the first 8 bytes of the
 *       SHA-256 of a project dictionary ({@code .store/dicts/}, see {@link ZstdDictionaries}), then one
 *       zstd frame compressed with it, its content size in the frame header.</li>
 *   <li>{@code 'C'} (blobs only): a chunk recipe follows, big-endian: {@code u64} plain size,
 *       {@code u32} chunk count, then per chunk its 32-byte SHA-256 and {@code u32} plain length.
 *       Chunks are objects under {@code .store/chunks/} encoded {@code 'R'} or {@code 'Z'}.</li>
 * </ul>
 * A body without the header is read as raw bytes: that is how the original implementation and the
 * peer's exports store blobs (spec §1.3), so imported stores stay readable as they are. (A raw body
 * that happened to begin with {@code KB 0x01} would be taken for ours and fail its hash check:
 * loudly, never silently.)
 *
 * <h2>Why content-defined chunking for large files</h2>
 * Large files ({@value #CHUNKING_THRESHOLD} bytes and up, when the caller allows it) are cut by
 * {@link FastCdc} into 16–256 KiB chunks. The alternative, zstd with the previous version as a
 * dictionary ({@code --patch-from}), gives smaller deltas but needs the whole previous version as a
 * window in RAM (a 1 GB file needs a 1 GB window to write and to read), builds chains that a
 * restore must walk, and only finds redundancy against one chosen file. Chunks stream with bounded
 * memory, deduplicate across all files and versions, and any version is restored by reading its
 * chunks directly.
 *
 * <h2>Integrity</h2>
 * Nothing is returned unverified: {@link #read} checks the SHA-256 of the result; {@link #openStream}
 * checks every chunk before handing out its bytes and the whole-file hash before handing out the
 * last bytes. Mismatches and undecodable bodies raise {@link CorruptionException}.
 *
 * <h2>Threads</h2>
 * Safe for concurrent readers (and concurrent writers of different content): the instance is
 * immutable and zstd contexts are per thread. Rolling back a failed or cancelled
 * {@link #putStream} deletes the objects that call created, so writers that share chunks must not
 * run concurrently with a writer that may be cancelled; the engine's writer lock gives that.
 */
public final class BlobStore {
    public static final String BLOBS_DIR = ".store/blobs";
    public static final String CHUNKS_DIR = ".store/chunks";
    /** Staging for whole blobs streamed before their hash (and so their name) is known. */
    public static final String TEMP_DIR = ".store/temp";
    /** Shared zstd dictionaries for small blobs. */
    public static final String DICTS_DIR = ZstdDictionaries.DIR;
    /** Whole blobs up to this size are compressed with the project's dictionary, when it has one. */
    public static final int DICT_MAX_INPUT = 128 * 1024;
    /** Streamed content this large and up is chunked (when allowed). */
    public static final int CHUNKING_THRESHOLD = 512 * 1024;
    /**
     * Unchunked streamed content up to this size is buffered and stored like {@link #put}; larger
     * content is compressed as a stream, whose zstd frame cannot record the (then unknown) size.
     */
    static final int BUFFERED_WHOLE_LIMIT = 8 * 1024 * 1024;

    /**
     * What a put did.
     *
     * @param hash         the SHA-256 of the plain content (the blob's name)
     * @param size         the plain size
     * @param storedBytes  bytes this call wrote (object bodies incl. headers); 0 when it wrote nothing
     * @param deduplicated the blob already existed
     * @param newObjects   adapter paths this call created, so a cancelled checkpoint can delete them
     */
    public record PutResult(String hash, long size, long storedBytes, boolean deduplicated, List<String> newObjects) {
    }

    static final int HEADER = 4;
    private static final byte RAW = 'R';
    private static final byte ZSTD = 'Z';
    private static final byte CHUNKED = 'C';
    private static final byte DICT = 'D';
    private static final int RECIPE_ENTRY = 32 + 4;
    private static final int RECIPE_FIXED = HEADER + 8 + 4;
    private static final int IO_BLOCK = 64 * 1024;
    /** Largest array the JVM reliably allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();

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

    private final FileSystemAdapter adapter;
    private final int zstdLevel; // 0 = store raw
    private final ZstdDictionaries dictionaries;
    /** The dictionary new small blobs are compressed with (its hash), or null. */
    private volatile String writeDictionary;

    public BlobStore(FileSystemAdapter adapter, int compressionLevel, boolean compressionEnabled) {
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new ValidationException("The compression level must be 0 to 9, not " + compressionLevel + ".",
                    Map.of("compressionLevel", compressionLevel));
        }
        this.adapter = adapter;
        this.zstdLevel = compressionEnabled ? ZSTD_LEVEL[compressionLevel] : 0;
        this.dictionaries = new ZstdDictionaries(adapter);
    }

    // ---- writing ------------------------------------------------------------------------------

    /** Stores {@code data} as one whole blob (never chunked). */
    public PutResult put(byte[] data) throws IOException {
        String hash = sha256Hex(data);
        String path = blobPath(hash);
        if (adapter.fileExists(path)) {
            return new PutResult(hash, data.length, 0, true, List.of());
        }
        long written = writeObject(path, data, 0, data.length, true);
        return new PutResult(hash, data.length, written, false, List.of(path));
    }

    /**
     * Hashes and stores a stream in one pass with bounded memory. Content under
     * {@value #CHUNKING_THRESHOLD} bytes is buffered and stored whole; larger content is chunked
     * when {@code allowChunking} (only chunks not yet stored are written), otherwise stored whole:
     * buffered up to 8 MiB, streamed into a temp object and moved to its name above that. The
     * stream is read to its end but not closed.
     *
     * @param bytesRead told the number of bytes just read, after each read (increments, not totals)
     * @throws io.kamaros.engine.model.CancelledException when {@code cancel} fires; the objects this call
     *         wrote are deleted first
     */
    public PutResult putStream(InputStream in, boolean allowChunking, CancellationToken cancel, LongConsumer bytesRead)
            throws IOException {
        return putStream(in, allowChunking, cancel, bytesRead, null);
    }

    /**
     * Like {@link #putStream(InputStream, boolean, CancellationToken, LongConsumer)}, with the hash of
     * an earlier version of the same file ({@code previous}, may be null or not chunked). Its recipe
     * lets the chunk loop skip content-defined chunking over the unchanged stretches: where the new
     * content has an old chunk's bytes at an old cut point, FastCDC would cut it the same way (a cut
     * depends only on the bytes since the last one), so the old length is taken after its hash
     * matches. The stored result is identical to chunking from scratch.
     */
    public PutResult putStream(InputStream in, boolean allowChunking, CancellationToken cancel, LongConsumer bytesRead,
                               String previous) throws IOException {
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
                    ? putChunked(in, head, token, progress, created, previousRecipe(previous))
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

    private PutResult putChunked(InputStream in, byte[] head, CancellationToken cancel, LongConsumer progress,
                                 List<String> created, Recipe previous) throws IOException {
        // buf holds 2 * MAX_SIZE; FastCdc needs MAX_SIZE bytes ahead unless the input ends sooner.
        byte[] buf = new byte[2 * FastCdc.MAX_SIZE];
        System.arraycopy(head, 0, buf, 0, head.length);
        MessageDigest chunkDigest = sha256();
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        long total = 0;
        long written = 0;
        int count = 0;
        int start = 0;
        int end = head.length;
        boolean eof = false;
        int oldIndex = 0; // the previous recipe's first chunk not before `total`
        long oldOffset = 0; // where that chunk starts
        try (WholeHash whole = new WholeHash()) {
            while (true) {
                if (!eof && end - start < FastCdc.MAX_SIZE) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                    int got = fill(in, buf, end, progress);
                    eof = end + got < buf.length;
                    end += got;
                }
                if (start == end) {
                    break;
                }
                cancel.throwIfCancelled("checkpoint");
                int len = -1;
                byte[] digest = null;
                if (previous != null) {
                    while (oldIndex < previous.count && oldOffset < total) {
                        oldOffset += previous.chunkLength(oldIndex++);
                    }
                    if (oldIndex < previous.count && oldOffset == total) {
                        int oldLen = previous.chunkLength(oldIndex);
                        // The old last chunk may have been cut by the end of the file, not by FastCDC.
                        boolean usable = oldIndex < previous.count - 1 ? end - start >= oldLen : eof && end - start == oldLen;
                        if (usable) {
                            chunkDigest.update(buf, start, oldLen);
                            byte[] d = chunkDigest.digest();
                            if (previous.chunkHashEquals(oldIndex, d)) {
                                len = oldLen;
                                digest = d;
                            }
                        }
                    }
                }
                if (len < 0) {
                    len = FastCdc.cut(buf, start, end - start);
                    chunkDigest.update(buf, start, len);
                    digest = chunkDigest.digest();
                }
                String chunkHash = HEX.formatHex(digest);
                String path = chunkPath(chunkHash);
                whole.update(buf, start, len);
                if (!adapter.fileExists(path)) {
                    created.add(path);
                    written += writeObject(path, buf, start, len, false);
                }
                entries.write(digest);
                entries.write(ByteBuffer.allocate(4).putInt(len).array());
                total += len;
                count++;
                start += len;
            }
            cancel.throwIfCancelled("checkpoint");
            String hash = whole.finish();
            String path = blobPath(hash);
            if (adapter.fileExists(path)) {
                return new PutResult(hash, total, written, true, List.copyOf(created));
            }
            ByteBuffer recipe = ByteBuffer.allocate(RECIPE_FIXED + entries.size());
            recipe.put(new byte[]{'K', 'B', 1, CHUNKED}).putLong(total).putInt(count).put(entries.toByteArray());
            created.add(path);
            writeBody(path, recipe.array(), recipe.position());
            written += recipe.position();
            return new PutResult(hash, total, written, false, List.copyOf(created));
        }
    }

    /** The chunk recipe of a stored blob, or null when it has none or it cannot be read (only a hint). */
    private Recipe previousRecipe(String hash) {
        if (hash == null || !HASH.matcher(hash).matches()) {
            return null;
        }
        try (InputStream in = adapter.openRead(blobPath(hash))) {
            byte[] head = in.readNBytes(HEADER);
            if (!hasHeader(head) || head[3] != CHUNKED) {
                return null;
            }
            return Recipe.parse(hash, concat(head, in.readAllBytes()));
        } catch (IOException | RuntimeException e) {
            return null; // missing or damaged: chunk from scratch (verify reports the damage)
        }
    }

    /**
     * The SHA-256 of a whole content, computed on another core while the chunk loop hashes each
     * chunk: on two or more cores the two passes then cost about one (a 1 GB file re-saved after a
     * small edit is otherwise bound by hashing it twice). Bounded: at most {@link #QUEUED} chunks
     * (≤ 256 KiB each) wait. On one core it hashes in line.
     */
    private static final class WholeHash implements AutoCloseable {
        private static final int QUEUED = 32;
        private static final byte[] END = new byte[0];
        private final MessageDigest digest = sha256();
        private final BlockingQueue<byte[]> queue;
        private final Future<byte[]> result;

        WholeHash() {
            if (Runtime.getRuntime().availableProcessors() > 1) {
                queue = new ArrayBlockingQueue<>(QUEUED);
                result = HASHERS.submit(() -> {
                    for (byte[] b = queue.take(); b != END; b = queue.take()) {
                        digest.update(b);
                    }
                    return digest.digest();
                });
            } else {
                queue = null;
                result = null;
            }
        }

        void update(byte[] b, int off, int len) throws IOException {
            if (queue == null) {
                digest.update(b, off, len);
            } else {
                hand(Arrays.copyOfRange(b, off, off + len));
            }
        }

        /** Like {@link #update}, for an array nobody changes any more: handed over without a copy. */
        void updateOwned(byte[] b) throws IOException {
            if (queue == null) {
                digest.update(b);
            } else if (b.length > 0) {
                hand(b);
            }
        }

        String finish() throws IOException {
            if (queue == null) {
                return HEX.formatHex(digest.digest());
            }
            hand(END);
            try {
                return HEX.formatHex(result.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while hashing");
            } catch (ExecutionException e) {
                throw new IllegalStateException("hashing failed", e.getCause());
            }
        }

        private void hand(byte[] b) throws IOException {
            try {
                while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                    if (result.isDone()) {
                        throw new IllegalStateException("the hashing thread stopped early");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while hashing");
            }
        }

        @Override
        public void close() {
            if (result != null) {
                result.cancel(true); // a no-op after finish(); frees the thread after a failure
            }
        }
    }

    /** Threads for {@link WholeHash}: daemons, so they never keep an application from exiting. */
    private static final ExecutorService HASHERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kamaros-hash");
        t.setDaemon(true);
        return t;
    });

    /** A large blob kept whole: streamed into a temp object, then moved to its name. */
    private PutResult putStreamedWhole(InputStream in, byte[] head, CancellationToken cancel, LongConsumer progress,
                                       List<String> created) throws IOException {
        // The first 512 KiB decide the encoding (the rest cannot be seen before it is written).
        int sample = Math.min(head.length, CHUNKING_THRESHOLD);
        byte encoding = encodedLength(head, 0, sample) < sample + HEADER ? ZSTD : RAW;
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
                sink = new ZstdOutputStreamNoFinalizer(counted, zstdLevel); // owns its context while it streams
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

    /** Encodes and writes one whole object; returns the bytes written. */
    private long writeObject(String path, byte[] data, int off, int len, boolean allowDict) throws IOException {
        long bound = HEADER + ZstdDictionaries.ID_BYTES + (zstdLevel == 0 ? len : Math.max(len, Zstd.compressBound(len)));
        if (bound > MAX_ARRAY) {
            // Too big for one array with zstd's worst case: keep it raw (callers should stream).
            writeBody(path, concat(new byte[]{'K', 'B', 1, RAW}, Arrays.copyOfRange(data, off, off + len)),
                    HEADER + len);
            return HEADER + len;
        }
        byte[] body = new byte[(int) bound];
        ZstdDictionaries.Dictionary dict = allowDict ? writeDictionary() : null;
        int bodyLen = dict == null ? encode(data, off, len, body) : encode(data, off, len, body, dict, zstdLevel);
        writeBody(path, body, bodyLen);
        return bodyLen;
    }

    private void writeBody(String path, byte[] body, int len) throws IOException {
        AtomicOutput out = adapter.openWrite(path);
        try {
            out.write(body, 0, len);
        } catch (IOException | RuntimeException | Error e) {
            out.abort();
            throw e;
        }
        out.close();
    }

    /** Header + zstd frame, or header + raw bytes when compression saves under 3 %. */
    private int encode(byte[] data, int off, int len, byte[] body) {
        body[0] = 'K';
        body[1] = 'B';
        body[2] = 1;
        if (zstdLevel > 0 && len > 0) {
            ZstdCompressCtx ctx = COMPRESS.get();
            ctx.setLevel(zstdLevel);
            int zlen = ctx.compressByteArray(body, HEADER, body.length - HEADER, data, off, len);
            if ((long) (len - zlen) * 100 >= 3L * len) {
                body[3] = ZSTD;
                return HEADER + zlen;
            }
        }
        body[3] = RAW;
        System.arraycopy(data, off, body, HEADER, len);
        return HEADER + len;
    }

    /**
     * Header, dictionary id and a zstd frame made with {@code dict} at {@code level}; falls back to
     * {@link #encode(byte[], int, int, byte[])} for content too large for a dictionary to matter or
     * when the dictionary frame saves under 3 %.
     */
    private int encode(byte[] data, int off, int len, byte[] body, ZstdDictionaries.Dictionary dict, int level) {
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

    private int encodedLength(byte[] data, int off, int len) {
        byte[] body = new byte[HEADER + Math.max(len, (int) Zstd.compressBound(len))];
        return encode(data, off, len, body);
    }

    // ---- dictionaries -------------------------------------------------------------------------

    /** Smallest inputs worth a dictionary sample, and the least a trained dictionary must save. */
    private static final int SAMPLE_MIN = 64;
    private static final double DICT_MIN_SAVING = 0.10;

    /**
     * Compress new small blobs with the stored dictionary {@code hash} (null: without one). Loaded
     * on first use; a dictionary that is missing or damaged by then is skipped (blobs are written
     * without it, nothing fails).
     */
    public void useDictionary(String hash) {
        this.writeDictionary = hash;
    }

    /** The dictionary new small blobs get, or null. */
    public String dictionary() {
        return writeDictionary;
    }

    /** True when compression is on and no dictionary is in use yet. */
    public boolean wantsDictionary() {
        return zstdLevel > 0 && writeDictionary == null;
    }

    private ZstdDictionaries.Dictionary writeDictionary() {
        String hash = writeDictionary;
        if (hash == null || zstdLevel == 0) {
            return null;
        }
        try {
            return dictionaries.byHash(hash);
        } catch (IOException | RuntimeException e) {
            writeDictionary = null; // verify reports a damaged dictionary; new blobs simply do without
            return null;
        }
    }

    /**
     * Trains a dictionary of at most {@code dictSize} bytes (and at most 1/32 of the samples) on
     * {@code samples} (plain contents up to {@link #DICT_MAX_INPUT} bytes) and
     * stores it when it makes them at least 10 % smaller at {@code level} (0: this store's level)
     * than zstd alone, and saves more on them than its own size. Returns its hash, or null when
     * it would not pay. {@code created} gets the dictionary's path when this call wrote it.
     */
    public String trainDictionary(List<byte[]> samples, int dictSize, int level, List<String> created)
            throws IOException {
        int lvl = level > 0 ? level : zstdLevel;
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
            ZstdCompressCtx ctx = COMPRESS.get();
            ctx.setLevel(lvl);
            plain += ctx.compressByteArray(body, 0, body.length, sample, 0, sample.length);
            withDict += encode(sample, 0, sample.length, body, candidate, lvl);
        }
        // It must pay: 10 % smaller, and already on the samples more than the dictionary itself takes.
        if (withDict > plain * (1 - DICT_MIN_SAVING) || plain - withDict < trained.length) {
            return null;
        }
        return dictionaries.store(trained, created).hash;
    }

    /** The stored dictionaries. */
    public List<String> listDictionaries() throws IOException {
        return dictionaries.list();
    }

    public void deleteDictionary(String hash) throws IOException {
        dictionaries.delete(hash);
    }

    /** Reads and verifies a stored dictionary (for verify): fails only when neither of its copies is intact. */
    public void checkDictionary(String hash) throws IOException {
        dictionaries.byHash(hash);
    }

    /** The files of a dictionary (it and its copy) that are missing or damaged (for verify). */
    public List<String> damagedDictionaryCopies(String hash) throws IOException {
        return dictionaries.damagedCopies(hash);
    }

    /** Rewrites a dictionary's missing or damaged copy from the intact one; false when neither is intact. */
    public boolean healDictionary(String hash) throws IOException {
        return dictionaries.heal(hash);
    }

    /** The stored file of a dictionary to copy out (export): an intact one of its two copies. */
    public String dictionaryPath(String hash) throws IOException {
        return dictionaries.intactPath(hash);
    }

    /** The id of the dictionary a stored blob was compressed with ({@code %016x}), or null for none. */
    public String dictionaryIdOf(String hash) throws IOException {
        try (InputStream in = adapter.openRead(blobPath(hash))) {
            byte[] head = in.readNBytes(HEADER + ZstdDictionaries.ID_BYTES);
            if (head.length < HEADER + ZstdDictionaries.ID_BYTES || !hasHeader(head) || head[3] != DICT) {
                return null;
            }
            return String.format("%016x", ByteBuffer.wrap(head, HEADER, ZstdDictionaries.ID_BYTES).getLong());
        }
    }

    /** The id blobs record for a dictionary hash ({@code %016x}). */
    public static String dictionaryId(String dictionaryHash) {
        return String.format("%016x", ZstdDictionaries.idOf(dictionaryHash));
    }

    /**
     * Rewrites a small whole blob with dictionary {@code dictHash} at zstd {@code level} when that
     * makes it smaller, or when it names another dictionary (so that one can go; the few bytes it may
     * cost are less than a dictionary). The plain content is read and hash-checked first and the new
     * body replaces the old atomically, so the blob's content never changes. Returns bytes saved
     * (negative when it grew).
     */
    public long recompress(String hash, String dictHash, int level) throws IOException {
        String path = blobPath(hash);
        byte[] old = adapter.readFile(path);
        if (hasHeader(old) && old[3] == CHUNKED) {
            return 0;
        }
        byte[] plain = read(hash);
        if (plain.length > DICT_MAX_INPUT || plain.length == 0) {
            return 0;
        }
        ZstdDictionaries.Dictionary dict = dictionaries.byHash(dictHash);
        byte[] body = new byte[HEADER + ZstdDictionaries.ID_BYTES + (int) Zstd.compressBound(plain.length)];
        int len = encode(plain, 0, plain.length, body, dict, level);
        boolean otherDict = hasHeader(old) && old[3] == DICT && old.length >= HEADER + ZstdDictionaries.ID_BYTES
                && ByteBuffer.wrap(old, HEADER, ZstdDictionaries.ID_BYTES).getLong() != dict.id;
        if (len >= old.length && !otherDict) {
            return 0;
        }
        writeBody(path, body, len);
        return old.length - len;
    }

    // ---- reading ------------------------------------------------------------------------------

    public boolean contains(String hash) throws IOException {
        return adapter.fileExists(blobPath(hash));
    }

    /**
     * The plain bytes of a blob, verified against its hash.
     *
     * @throws NoSuchFileException when the blob is absent
     * @throws CorruptionException when the body cannot be decoded, a chunk is missing or damaged, or
     *         the bytes do not hash to {@code hash}
     */
    public byte[] read(String hash) throws IOException {
        byte[] body = adapter.readFile(blobPath(hash));
        byte[] plain;
        if (!hasHeader(body)) {
            plain = body;
        } else if (body[3] == CHUNKED) {
            plain = readChunked(hash, body);
        } else {
            plain = decodeWhole(hash, body, -1, "blob:" + hash);
        }
        String actual = sha256Hex(plain);
        if (!actual.equals(hash)) {
            throw corrupt(hash, null, "its content does not match its hash", actual, null);
        }
        return plain;
    }

    private byte[] readChunked(String hash, byte[] body) throws IOException {
        Recipe recipe = Recipe.parse(hash, body);
        if (recipe.size > MAX_ARRAY) {
            throw new StorageException("Blob " + hash + " is too large (" + recipe.size
                    + " bytes) to read into memory; stream it instead.", Map.of("blob", hash, "size", recipe.size));
        }
        byte[] plain = new byte[(int) recipe.size];
        int pos = 0;
        for (int i = 0; i < recipe.count; i++) {
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
        byte[] plain = decodeWhole(blob, body, length, "chunk:" + chunkHash);
        String actual = sha256Hex(plain);
        if (plain.length != length || !actual.equals(chunkHash)) {
            throw corrupt(blob, chunkHash, "its chunk " + chunkHash + " does not match its hash", actual, null);
        }
        return plain;
    }

    /** Decodes an 'R' or 'Z' body; {@code expectedLength} (or -1) guards the allocation for chunks. */
    private byte[] decodeWhole(String blob, byte[] body, int expectedLength, String item) throws IOException {
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

    /** A 'D' body: dictionary id, then a frame with its content size (at most {@link #DICT_MAX_INPUT}). */
    private byte[] decodeDict(String blob, byte[] body, String item) throws IOException {
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

    /**
     * Streams a blob with bounded memory (chunk by chunk for recipes).
     *
     * <p>Verification: each chunk is checked before any of its bytes are returned, and the running
     * whole-file SHA-256 is checked when the source is exhausted, which happens before the last
     * chunk (or the last 64 KiB block of a whole blob) is handed out: the stream holds one segment
     * back. A mismatch or undecodable body makes {@code read} throw {@link CorruptionException}
     * (unchecked, so it is not mistaken for an I/O failure); the caller never sees wrong bytes
     * followed by a clean EOF. Missing chunks are reported the same way.
     *
     * @throws NoSuchFileException when the blob is absent
     */
    public InputStream openStream(String hash) throws IOException {
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
                        decodeDict(hash, concat(head, raw.readAllBytes()), "blob:" + hash));
                raw.close();
            } else if (head[3] == CHUNKED) {
                source = new ChunkSource(hash, raw);
            } else {
                throw corrupt(hash, null, "it has an unknown encoding", null, null);
            }
            return new VerifyingInputStream(hash, source);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * The plain size without reading the content: from the recipe, the zstd frame header or the
     * stored size. Only blobs over 8 MiB stored unchunked from a stream are decoded (streaming) to
     * count their bytes.
     */
    public long size(String hash) throws IOException {
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
    public long storedSize(String hash) throws IOException {
        String path = blobPath(hash);
        Optional<FileStat> stat = adapter.stat(path);
        return stat.orElseThrow(() -> new NoSuchFileException(path)).size();
    }

    /** The distinct chunks a recipe refers to, in order; empty for whole blobs (for GC). */
    public List<String> chunkHashes(String hash) throws IOException {
        String path = blobPath(hash);
        try (InputStream in = adapter.openRead(path)) {
            byte[] head = in.readNBytes(HEADER);
            if (!hasHeader(head) || head[3] != CHUNKED) {
                return List.of();
            }
            Recipe recipe = Recipe.parse(hash, concat(head, in.readAllBytes()));
            LinkedHashSet<String> out = new LinkedHashSet<>();
            for (int i = 0; i < recipe.count; i++) {
                out.add(recipe.chunkHash(i));
            }
            return List.copyOf(out);
        }
    }

    public List<String> listBlobs() throws IOException {
        return listHashes(BLOBS_DIR);
    }

    public List<String> listChunks() throws IOException {
        return listHashes(CHUNKS_DIR);
    }

    public void deleteBlob(String hash) throws IOException {
        adapter.deleteFile(blobPath(hash));
    }

    public void deleteChunk(String hash) throws IOException {
        adapter.deleteFile(chunkPath(hash));
    }

    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(sha256().digest(data));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private List<String> listHashes(String dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : adapter.listFiles(dir)) {
            if (HASH.matcher(name).matches()) { // skips index.json, temp files, nested paths
                out.add(name);
            }
        }
        return out;
    }

    static String blobPath(String hash) {
        return BLOBS_DIR + "/" + requireHash(hash);
    }

    static String chunkPath(String hash) {
        return CHUNKS_DIR + "/" + requireHash(hash);
    }

    /** Checked before any hash becomes part of a path (spec §1.3). */
    static String requireHash(String hash) {
        if (hash == null || !HASH.matcher(hash).matches()) {
            throw new ValidationException("Not a content hash (64 lowercase hex digits): " + hash,
                    Collections.singletonMap("hash", hash));
        }
        return hash;
    }

    private static boolean hasHeader(byte[] body) {
        return body.length >= HEADER && body[0] == 'K' && body[1] == 'B' && body[2] == 1;
    }

    private static CorruptionException corrupt(String blob, String chunk, String why, String actual, Throwable cause) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("corruptedItem", "blob:" + blob);
        details.put("expected", chunk != null ? chunk : blob);
        details.put("actual", actual);
        if (chunk != null) {
            details.put("chunk", chunk);
        }
        return new CorruptionException("Stored blob " + blob + " is damaged: " + why + ".", details, cause);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Reads until {@code buf} is full or the input ends; returns the bytes read. */
    private static int fill(InputStream in, byte[] buf, int off, LongConsumer progress) throws IOException {
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

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A parsed chunk recipe. */
    private record Recipe(String blob, long size, int count, byte[] body) {
        static Recipe parse(String blob, byte[] body) {
            if (body.length < RECIPE_FIXED) {
                throw corrupt(blob, null, "its recipe is truncated", null, null);
            }
            ByteBuffer b = ByteBuffer.wrap(body);
            long size = b.getLong(HEADER);
            int count = b.getInt(HEADER + 8);
            if (count < 0 || (long) RECIPE_FIXED + (long) count * RECIPE_ENTRY != body.length) {
                throw corrupt(blob, null, "its recipe has the wrong length", null, null);
            }
            Recipe r = new Recipe(blob, size, count, body);
            long sum = 0;
            for (int i = 0; i < count; i++) {
                int len = r.chunkLength(i);
                if (len <= 0 || len > FastCdc.MAX_SIZE) {
                    throw corrupt(blob, null, "its recipe lists an impossible chunk length", null, null);
                }
                sum += len;
            }
            if (sum != size) {
                throw corrupt(blob, null, "its recipe's chunk lengths do not add up to its size", null, null);
            }
            return r;
        }

        String chunkHash(int i) {
            return HEX.formatHex(body, RECIPE_FIXED + i * RECIPE_ENTRY, RECIPE_FIXED + i * RECIPE_ENTRY + 32);
        }

        int chunkLength(int i) {
            return ByteBuffer.wrap(body).getInt(RECIPE_FIXED + i * RECIPE_ENTRY + 32);
        }

        boolean chunkHashEquals(int i, byte[] digest) {
            int from = RECIPE_FIXED + i * RECIPE_ENTRY;
            return Arrays.equals(body, from, from + 32, digest, 0, 32);
        }
    }

    // ---- streaming ----------------------------------------------------------------------------

    /** Produces the plain bytes of a blob in pieces; null at the end. */
    private interface SegmentSource extends Closeable {
        byte[] next() throws IOException;
    }

    /** Header-less or 'R' bodies: the stored bytes themselves. */
    private static final class RawSource implements SegmentSource {
        private final InputStream in;
        private byte[] pending;

        RawSource(InputStream in, byte[] alreadyRead) {
            this.in = in;
            this.pending = alreadyRead.length > 0 ? alreadyRead : null;
        }

        @Override
        public byte[] next() throws IOException {
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
        public byte[] next() throws IOException {
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

    /** 'C' bodies: reads the recipe entry by entry and each chunk whole (at most 256 KiB). */
    private final class ChunkSource implements SegmentSource {
        private final String blob;
        private final DataInputStream recipe;
        private final long size;
        private final int count;
        private int index;
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
        public byte[] next() throws IOException {
            if (index == count) {
                if (recipe.read() >= 0) {
                    throw corrupt(blob, null, "its recipe has trailing bytes", null, null);
                }
                if (produced != size) {
                    throw corrupt(blob, null, "its chunks do not add up to its size", null, null);
                }
                return null;
            }
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
            index++;
            byte[] chunk = readChunk(blob, HEX.formatHex(digest), length);
            produced += chunk.length;
            return chunk;
        }

        @Override
        public void close() throws IOException {
            recipe.close();
        }
    }

    /**
     * Hands out segments while hashing them, always one segment behind the source, so the whole
     * hash is checked before the last segment leaves.
     */
    /** Made on first use (its thread is not wanted by processes that never stream a big blob). */
    private static final class Cleaning {
        static final Cleaner CLEANER = Cleaner.create();
    }

    private static final class VerifyingInputStream extends InputStream {
        private final String hash;
        private final SegmentSource source;
        private final MessageDigest digest = sha256();
        /**
         * For chunked blobs (512 KiB and up): the whole-content hash is computed on another core from
         * the segments themselves (fresh arrays nobody changes), while this thread checks each chunk's
         * own hash and hands bytes out; a restore of a big file otherwise hashes it twice on one core.
         */
        private final WholeHash whole;
        private byte[] current;
        private int pos;
        private byte[] ahead;
        private boolean started;
        private boolean closed;
        /** Once verification failed, every later read fails too: no byte after the damage leaks. */
        private Exception failure;

        VerifyingInputStream(String hash, SegmentSource source) {
            this.hash = hash;
            this.source = source;
            this.whole = source instanceof ChunkSource && Runtime.getRuntime().availableProcessors() > 1
                    ? new WholeHash() : null;
            if (whole != null) {
                WholeHash w = whole;
                Cleaning.CLEANER.register(this, w::close); // a stream dropped without close() still frees its thread
            }
        }

        private byte[] fetch() throws IOException {
            byte[] segment = source.next();
            if (segment == null) {
                String actual = whole != null ? whole.finish() : HEX.formatHex(digest.digest());
                if (!actual.equals(hash)) {
                    throw corrupt(hash, null, "its content does not match its hash", actual, null);
                }
                return null;
            }
            if (whole != null) {
                whole.updateOwned(segment);
            } else {
                digest.update(segment);
            }
            return segment;
        }

        /** True when {@code current} has bytes left. */
        private boolean ready() throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure != null) {
                throw new IOException("the stream failed earlier: " + failure.getMessage(), failure);
            }
            try {
                while (current == null || pos >= current.length) {
                    if (!started) {
                        started = true;
                        ahead = fetch();
                    }
                    if (ahead == null) {
                        current = null;
                        return false;
                    }
                    current = ahead;
                    pos = 0;
                    ahead = fetch();
                }
                return true;
            } catch (RuntimeException | IOException e) {
                failure = e;
                current = null;
                throw e;
            }
        }

        @Override
        public int read() throws IOException {
            return ready() ? current[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!ready()) {
                return -1;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return current == null || failure != null ? 0 : current.length - pos;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                if (whole != null) {
                    whole.close(); // frees the hashing thread of a stream not read to its end
                }
                source.close();
            }
        }
    }
}
