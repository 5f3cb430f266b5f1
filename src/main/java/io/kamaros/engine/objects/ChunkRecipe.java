package io.kamaros.engine.objects;

import static io.kamaros.engine.objects.BlobFormat.CHUNKED;
import static io.kamaros.engine.objects.BlobFormat.HEADER;
import static io.kamaros.engine.objects.BlobFormat.HEX;
import static io.kamaros.engine.objects.BlobFormat.blobPath;
import static io.kamaros.engine.objects.BlobFormat.concat;
import static io.kamaros.engine.objects.BlobFormat.corrupt;
import static io.kamaros.engine.objects.BlobFormat.hasHeader;

import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A parsed chunk recipe (a {@code 'C'} body): big-endian {@code u64} plain size, {@code u32} chunk
 * count, then per chunk its 32-byte SHA-256 and {@code u32} plain length.
 */
record ChunkRecipe(String blob, long size, int count, byte[] body) {
    static final int ENTRY = 32 + 4;
    static final int FIXED = HEADER + 8 + 4;

    static ChunkRecipe parse(String blob, byte[] body) {
        if (body.length < FIXED) {
            throw corrupt(blob, null, "its recipe is truncated", null, null);
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        long size = b.getLong(HEADER);
        int count = b.getInt(HEADER + 8);
        if (count < 0 || (long) FIXED + (long) count * ENTRY != body.length) {
            throw corrupt(blob, null, "its recipe has the wrong length", null, null);
        }
        ChunkRecipe r = new ChunkRecipe(blob, size, count, body);
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

    /** The recipe of stored blob {@code hash}, or null when the blob is kept whole. */
    static @Nullable ChunkRecipe readIfChunked(FileSystemAdapter adapter, String hash) throws IOException {
        try (InputStream in = adapter.openRead(blobPath(hash))) {
            byte[] head = in.readNBytes(HEADER);
            if (!hasHeader(head) || head[3] != CHUNKED) {
                return null;
            }
            return parse(hash, concat(head, in.readAllBytes()));
        }
    }

    String chunkHash(int i) {
        return HEX.formatHex(body, FIXED + i * ENTRY, FIXED + i * ENTRY + 32);
    }

    int chunkLength(int i) {
        return ByteBuffer.wrap(body).getInt(FIXED + i * ENTRY + 32);
    }

    boolean chunkHashEquals(int i, byte[] digest) {
        int from = FIXED + i * ENTRY;
        return Arrays.equals(body, from, from + 32, digest, 0, 32);
    }
}
