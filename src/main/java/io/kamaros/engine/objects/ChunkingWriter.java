package io.kamaros.engine.objects;

import static io.kamaros.engine.objects.BlobFormat.CHUNKED;
import static io.kamaros.engine.objects.BlobFormat.HEX;
import static io.kamaros.engine.objects.BlobFormat.blobPath;
import static io.kamaros.engine.objects.BlobFormat.chunkPath;
import static io.kamaros.engine.objects.BlobFormat.isHash;
import static io.kamaros.engine.objects.BlobFormat.sha256;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.objects.BlobStore.PutResult;
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

    /**
     * Chunks {@code head} and the rest of {@code in}; adds every object it writes to {@code created}
     * (the caller deletes them when this fails). This thread reads, cuts and hashes each chunk; the
     * whole content's hash is computed on another core ({@link HashingPipeline}) and new chunks are
     * compressed on others ({@link EncodingPipeline}), then written here in order.
     */
    PutResult put(InputStream in, byte[] head, CancellationToken cancel, LongConsumer progress,
                  List<String> created, @Nullable ChunkRecipe previous) throws IOException {
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
        Set<String> seen = new HashSet<>(); // chunks this call stored or found: a repeat is not looked up again
        try (HashingPipeline whole = new HashingPipeline();
             EncodingPipeline encoding = new EncodingPipeline(
                     plain -> objects.encode(plain, 0, plain.length, false), objects::write, created, encodeInFlight)) {
            while (true) {
                if (!eof && end - start < FastCdc.MAX_SIZE) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
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
                    chunkDigest.update(buf, start, len);
                    digest = chunkDigest.digest();
                }
                String chunkHash = HEX.formatHex(digest);
                String path = chunkPath(chunkHash);
                byte[] chunk = Arrays.copyOfRange(buf, start, start + len); // read by both pipelines, changed by none
                whole.updateOwned(chunk);
                if (seen.add(chunkHash) && !adapter.fileExists(path)) {
                    encoding.add(path, chunk);
                }
                entries.write(digest);
                entries.write(ByteBuffer.allocate(4).putInt(len).array());
                total += len;
                count++;
                start += len;
            }
            cancel.throwIfCancelled("checkpoint");
            written += encoding.finish(); // every chunk is written before the recipe that names it
            String hash = whole.finish();
            String path = blobPath(hash);
            if (adapter.fileExists(path)) {
                return new PutResult(hash, total, written, true, List.copyOf(created));
            }
            ByteBuffer recipe = ByteBuffer.allocate(ChunkRecipe.FIXED + entries.size());
            recipe.put(new byte[]{'K', 'B', 1, CHUNKED}).putLong(total).putInt(count).put(entries.toByteArray());
            created.add(path);
            BlobWriter.writeBody(adapter, path, recipe.array(), recipe.position());
            written += recipe.position();
            return new PutResult(hash, total, written, false, List.copyOf(created));
        }
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
