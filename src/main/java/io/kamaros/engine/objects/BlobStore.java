package io.kamaros.engine.objects;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

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
 *
 * <h2>Who does what</h2>
 * This class is the store's front: {@link BlobWriter} is the write path ({@link ChunkingWriter}
 * cuts big content, {@link HashingPipeline} hashes it whole on another core, {@link EncodingPipeline}
 * hashes, looks up and compresses its chunks on others), {@link BlobReader} the
 * read path ({@link VerifyingBlobStream} checks what streams out), {@link ObjectCodec} encodes and
 * decodes object bodies, {@link BlobDictionaries} manages the dictionary small blobs use.
 */
public final class BlobStore {
    public static final String BLOBS_DIR = BlobFormat.BLOBS_DIR;
    public static final String CHUNKS_DIR = BlobFormat.CHUNKS_DIR;
    /** Staging for whole blobs streamed before their hash (and so their name) is known. */
    public static final String TEMP_DIR = BlobFormat.TEMP_DIR;
    /** Shared zstd dictionaries for small blobs. */
    public static final String DICTS_DIR = ZstdDictionaries.DIR;
    /** Whole blobs up to this size are compressed with the project's dictionary, when it has one. */
    public static final int DICT_MAX_INPUT = BlobFormat.DICT_MAX_INPUT;
    /** Streamed content this large and up is chunked (when allowed). */
    public static final int CHUNKING_THRESHOLD = BlobWriter.CHUNKING_THRESHOLD;
    static final int HEADER = BlobFormat.HEADER;

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

    private final FileSystemAdapter adapter;
    private final BlobReader reader;
    private final BlobWriter writer;
    private final BlobDictionaries dictionaries;

    public BlobStore(FileSystemAdapter adapter, int compressionLevel, boolean compressionEnabled) {
        this(adapter, compressionLevel, compressionEnabled, EncodingPipeline.DEFAULT_IN_FLIGHT);
    }

    /** @param encodeInFlight new chunks of a big file compressed at once on other cores; 0 = one by one, in line (tests) */
    BlobStore(FileSystemAdapter adapter, int compressionLevel, boolean compressionEnabled, int encodeInFlight) {
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new ValidationException("The compression level must be 0 to 9, not " + compressionLevel + ".",
                    Map.of("compressionLevel", compressionLevel));
        }
        this.adapter = adapter;
        ZstdDictionaries stored = new ZstdDictionaries(adapter);
        ObjectCodec codec = new ObjectCodec(compressionLevel, compressionEnabled, stored);
        this.reader = new BlobReader(adapter, codec);
        this.dictionaries = new BlobDictionaries(adapter, stored, codec, reader);
        this.writer = new BlobWriter(adapter, codec, dictionaries, encodeInFlight);
    }

    // ---- writing ------------------------------------------------------------------------------

    /** Stores {@code data} as one whole blob (never chunked). */
    public PutResult put(byte[] data) throws IOException {
        return writer.put(data);
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
    public PutResult putStream(InputStream in, boolean allowChunking, @Nullable CancellationToken cancel,
            @Nullable LongConsumer bytesRead)
            throws IOException {
        return writer.putStream(in, allowChunking, cancel, bytesRead, null);
    }

    /**
     * Like {@link #putStream(InputStream, boolean, CancellationToken, LongConsumer)}, with the hash of
     * an earlier version of the same file ({@code previous}, may be null or not chunked). Its recipe
     * lets the chunk loop skip content-defined chunking over the unchanged stretches (see
     * {@link ChunkingWriter}). The stored result is identical to chunking from scratch.
     */
    public PutResult putStream(InputStream in, boolean allowChunking, @Nullable CancellationToken cancel,
            @Nullable LongConsumer bytesRead, @Nullable String previous) throws IOException {
        return writer.putStream(in, allowChunking, cancel, bytesRead, previous);
    }

    // ---- dictionaries -------------------------------------------------------------------------

    /**
     * Compress new small blobs with the stored dictionary {@code hash} (null: without one). Loaded
     * on first use; a dictionary that is missing or damaged by then is skipped (blobs are written
     * without it, nothing fails).
     */
    public void useDictionary(@Nullable String hash) {
        dictionaries.use(hash);
    }

    /** The dictionary new small blobs get, or null. */
    public @Nullable String dictionary() {
        return dictionaries.current();
    }

    /** True when compression is on and no dictionary is in use yet. */
    public boolean wantsDictionary() {
        return dictionaries.wanted();
    }

    /**
     * Trains a dictionary of at most {@code dictSize} bytes (and at most 1/32 of the samples) on
     * {@code samples} (plain contents up to {@link #DICT_MAX_INPUT} bytes) and
     * stores it when it makes them at least 10 % smaller at {@code level} (0: this store's level)
     * than zstd alone, and saves more on them than its own size. Returns its hash, or null when
     * it would not pay. {@code created} gets the dictionary's path when this call wrote it.
     */
    public @Nullable String trainDictionary(List<byte[]> samples, int dictSize, int level, List<String> created)
            throws IOException {
        return dictionaries.train(samples, dictSize, level, created);
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
        dictionaries.check(hash);
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
    public @Nullable String dictionaryIdOf(String hash) throws IOException {
        return dictionaries.idOfBlob(hash);
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
        return dictionaries.recompress(hash, dictHash, level);
    }

    // ---- reading ------------------------------------------------------------------------------

    public boolean contains(String hash) throws IOException {
        return adapter.fileExists(BlobFormat.blobPath(hash));
    }

    /**
     * The plain bytes of a blob, verified against its hash.
     *
     * @throws NoSuchFileException when the blob is absent
     * @throws CorruptionException when the body cannot be decoded, a chunk is missing or damaged, or
     *         the bytes do not hash to {@code hash}
     */
    public byte[] read(String hash) throws IOException {
        return reader.read(hash);
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
        return reader.openStream(hash);
    }

    /**
     * The plain size without reading the content: from the recipe, the zstd frame header or the
     * stored size. Only blobs over 8 MiB stored unchunked from a stream are decoded (streaming) to
     * count their bytes.
     */
    public long size(String hash) throws IOException {
        return reader.size(hash);
    }

    /** Bytes the blob object itself takes in storage (chunks not included). */
    public long storedSize(String hash) throws IOException {
        return reader.storedSize(hash);
    }

    // ---- the catalog (GC) ---------------------------------------------------------------------

    /** The distinct chunks a recipe refers to, in order; empty for whole blobs (for GC). */
    public List<String> chunkHashes(String hash) throws IOException {
        ChunkRecipe recipe = ChunkRecipe.readIfChunked(adapter, hash);
        return recipe == null ? List.of() : distinctChunks(recipe);
    }

    private static List<String> distinctChunks(ChunkRecipe recipe) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < recipe.count(); i++) {
            out.add(recipe.chunkHash(i));
        }
        return List.copyOf(out);
    }

    /**
     * The distinct chunks a blob's body lists when it is a chunk recipe, else none: for a body read elsewhere (a
     * remote's pack), opened already in an encrypted project. Only content of at least {@link #CHUNKING_THRESHOLD}
     * bytes is ever chunked.
     */
    public static List<String> chunkHashesOf(String hash, byte[] body) {
        if (body.length < BlobFormat.HEADER || !BlobFormat.hasHeader(body) || body[3] != BlobFormat.CHUNKED) {
            return List.of();
        }
        return distinctChunks(ChunkRecipe.parse(hash, body));
    }

    public List<String> listBlobs() throws IOException {
        return listHashes(BLOBS_DIR);
    }

    public List<String> listChunks() throws IOException {
        return listHashes(CHUNKS_DIR);
    }

    public void deleteBlob(String hash) throws IOException {
        adapter.deleteFile(BlobFormat.blobPath(hash));
    }

    public void deleteChunk(String hash) throws IOException {
        adapter.deleteFile(BlobFormat.chunkPath(hash));
    }

    /** Whether {@code name} is a content hash: 64 lowercase hex digits (the name of every blob and chunk). */
    public static boolean isHash(@Nullable String name) {
        return BlobFormat.isHash(name);
    }

    public static String sha256Hex(byte[] data) {
        return BlobFormat.sha256Hex(data);
    }

    private List<String> listHashes(String dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : adapter.listFiles(dir)) {
            if (BlobFormat.isHash(name)) { // skips index.json, temp files, nested paths
                out.add(name);
            }
        }
        return out;
    }
}
