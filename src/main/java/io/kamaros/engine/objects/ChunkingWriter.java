package io.kamaros.engine.objects;

import static io.kamaros.engine.objects.BlobFormat.CHUNKED;
import static io.kamaros.engine.objects.BlobFormat.HEADER;
import static io.kamaros.engine.objects.BlobFormat.HEX;
import static io.kamaros.engine.objects.BlobFormat.blobPath;
import static io.kamaros.engine.objects.BlobFormat.chunkPath;
import static io.kamaros.engine.objects.BlobFormat.isHash;
import static io.kamaros.engine.objects.BlobFormat.RAW;
import static io.kamaros.engine.objects.BlobFormat.sha256;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.objects.BlobStore.PutResult;
import io.kamaros.engine.objects.BlobWriter.Encoded;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Stores big content as content-defined chunks ({@link FastCdc}) and a recipe, writing only the
 * chunks not yet stored. With the recipe of an earlier version of the same file it skips the cut
 * search over unchanged stretches: where the new content has an old chunk's bytes at an old cut
 * point, FastCDC would cut it the same way (a cut depends only on the bytes since the last one), so
 * the old length is taken once its hash matches. The result is identical to chunking from scratch.
 */
final class ChunkingWriter {
    private final FileSystemAdapter adapter;
    private final BlobWriter objects;
    private final int encodeInFlight;

    /** @param encodeInFlight chunks compressed at once on other cores ({@link EncodingPipeline}); 0 = in line */
    ChunkingWriter(FileSystemAdapter adapter, BlobWriter objects, int encodeInFlight) {
        this.adapter = adapter;
        this.objects = objects;
        this.encodeInFlight = encodeInFlight;
    }

    /** What the workers give for one chunk: its SHA-256 and length, and its body, or null when it is stored already. */
    private record Prepared(byte[] digest, int length, @Nullable Encoded body) {
    }

    /** One SHA-256 per codec thread for the chunks it hashes (a new MessageDigest per chunk costs a provider lookup). */
    private static final ThreadLocal<MessageDigest> CHUNK_DIGEST = ThreadLocal.withInitial(BlobFormat::sha256);

    /**
     * Takes the prepared chunks in order, on the caller's thread: lists each in the recipe and writes the new ones.
     * A chunk the worker found absent is still absent unless this call wrote it since, which {@code seen} knows
     * (under the writer lock nothing else writes chunks), so the result is the sequential loop's.
     */
    private final class RecipeSink implements EncodingPipeline.Sink<Prepared> {
        final ByteArrayOutputStream entries = new ByteArrayOutputStream();
        final Set<String> seen = new HashSet<>(); // chunks this call stored or found: a repeat is not written again
        final List<String> created;
        long written;
        int count;

        RecipeSink(List<String> created) {
            this.created = created;
        }

        @Override
        public void accept(Prepared p) throws IOException {
            String hash = HEX.formatHex(p.digest());
            Encoded body = p.body();
            if (seen.add(hash) && body != null) {
                String path = chunkPath(hash);
                created.add(path);
                written += objects.write(path, body);
            }
            entries.write(p.digest());
            entries.write(ByteBuffer.allocate(4).putInt(p.length()).array());
            count++;
        }
    }

    /**
     * Chunks {@code head} and the rest of {@code in}; adds every object it writes to {@code created}
     * (the caller deletes them when this fails). This thread reads and cuts; the whole content's hash is computed
     * on another core ({@link HashingPipeline}), and each chunk's hash, whether it is stored already and its
     * compression on the codec threads ({@link EncodingPipeline}); new chunks are then written here in order.
     * Where the previous recipe is followed, this thread hashes the chunk itself (that hash decides the cut).
     */
    PutResult put(InputStream in, byte[] head, CancellationToken cancel, LongConsumer progress,
                  List<String> created, @Nullable ChunkRecipe previous) throws IOException {
        // buf holds 2 * MAX_SIZE after HEADER spare bytes; FastCdc needs MAX_SIZE bytes ahead unless the input
        // ends sooner. The spare bytes before every chunk let it be copied out as a whole raw object body at once
        // (rawBody): no second copy to put a header before it, and no zeroing of a new array.
        byte[] buf = new byte[HEADER + 2 * FastCdc.MAX_SIZE];
        System.arraycopy(head, 0, buf, HEADER, head.length);
        MessageDigest chunkDigest = sha256();
        RecipeSink recipe = new RecipeSink(created);
        long total = 0;
        int start = HEADER;
        int end = HEADER + head.length;
        boolean eof = false;
        int oldIndex = 0; // the previous recipe's first chunk not before `total`
        long oldOffset = 0; // where that chunk starts
        try (HashingPipeline whole = new HashingPipeline();
             EncodingPipeline<Prepared> chunks = new EncodingPipeline<>(recipe, encodeInFlight)) {
            while (true) {
                if (!eof && end - start < FastCdc.MAX_SIZE) {
                    System.arraycopy(buf, start, buf, HEADER, end - start);
                    end -= start - HEADER;
                    start = HEADER;
                    int got = BlobWriter.fill(in, buf, end, progress);
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
                    while (oldIndex < previous.count() && oldOffset < total) {
                        oldOffset += previous.chunkLength(oldIndex++);
                    }
                    if (oldIndex < previous.count() && oldOffset == total) {
                        int oldLen = previous.chunkLength(oldIndex);
                        // The old last chunk may have been cut by the end of the file, not by FastCDC.
                        boolean usable = oldIndex < previous.count() - 1 ? end - start >= oldLen : eof && end - start == oldLen;
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
                }
                int length = len;
                byte[] body = rawBody(buf, start, len); // read by both pipelines, changed by none
                whole.updateOwned(body, HEADER, len);
                if (digest == null) {
                    chunks.add(() -> prepare(body, length, null));
                } else {
                    // An old chunk: almost always stored, so looked up here rather than handed to a worker.
                    String hex = HEX.formatHex(digest);
                    if (recipe.seen.contains(hex) || adapter.fileExists(chunkPath(hex))) {
                        chunks.addDone(new Prepared(digest, length, null));
                    } else {
                        byte[] known = digest;
                        chunks.add(() -> prepare(body, length, known));
                    }
                }
                total += len;
                start += len;
            }
            cancel.throwIfCancelled("checkpoint");
            chunks.finish(); // every chunk is written before the recipe that names it
            String hash = whole.finish();
            String path = blobPath(hash);
            if (adapter.fileExists(path)) {
                return new PutResult(hash, total, recipe.written, true, List.copyOf(created));
            }
            ByteBuffer bytes = ByteBuffer.allocate(ChunkRecipe.FIXED + recipe.entries.size());
            bytes.put(new byte[]{'K', 'B', 1, CHUNKED}).putLong(total).putInt(recipe.count).put(recipe.entries.toByteArray());
            created.add(path);
            BlobWriter.writeBody(adapter, path, bytes.array(), bytes.position());
            return new PutResult(hash, total, recipe.written + bytes.position(), false, List.copyOf(created));
        }
    }

    /**
     * On a codec thread: the chunk's SHA-256 (unless {@code known}), and its encoded body unless the store holds
     * it already (then null: nothing is compressed for a chunk that will not be written).
     */
    private Prepared prepare(byte[] rawBody, int length, byte @Nullable [] known) throws IOException {
        byte[] digest = known;
        if (digest == null) {
            MessageDigest md = CHUNK_DIGEST.get();
            md.update(rawBody, HEADER, length);
            digest = md.digest();
        }
        boolean stored = adapter.fileExists(chunkPath(HEX.formatHex(digest)));
        return new Prepared(digest, length, stored ? null : objects.encodeChunk(rawBody));
    }

    /**
     * The chunk {@code buf[start, start+len)} as a raw object body ({@code K B 01 R}, then its bytes), copied out
     * with the {@link BlobFormat#HEADER} bytes before it (there are always that many) and the header written over them.
     */
    private static byte[] rawBody(byte[] buf, int start, int len) {
        byte[] body = Arrays.copyOfRange(buf, start - HEADER, start + len);
        body[0] = 'K';
        body[1] = 'B';
        body[2] = 1;
        body[3] = RAW;
        return body;
    }

    /** The chunk recipe of a stored blob, or null when it has none or it cannot be read (only a hint). */
    @Nullable ChunkRecipe previousRecipe(@Nullable String hash) {
        if (hash == null || !isHash(hash)) {
            return null;
        }
        try {
            return ChunkRecipe.readIfChunked(adapter, hash);
        } catch (IOException | RuntimeException e) {
            return null; // missing or damaged: chunk from scratch (verify reports the damage)
        }
    }
}
