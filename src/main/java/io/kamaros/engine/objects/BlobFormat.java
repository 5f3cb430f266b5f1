package io.kamaros.engine.objects;

import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.ValidationException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The on-disk vocabulary of the blob store shared by its write and read paths: where objects live,
 * the 4-byte header {@code 'K' 'B' 0x01 <encoding>} and its encodings (see {@link BlobStore}), the
 * SHA-256 that names them, and how damage is reported.
 */
final class BlobFormat {
    static final String BLOBS_DIR = ".store/blobs";
    static final String CHUNKS_DIR = ".store/chunks";
    static final String TEMP_DIR = ".store/temp";

    static final int HEADER = 4;
    static final byte RAW = 'R';
    static final byte ZSTD = 'Z';
    static final byte CHUNKED = 'C';
    static final byte DICT = 'D';
    /** Whole blobs up to this size are compressed with the project's dictionary, when it has one. */
    static final int DICT_MAX_INPUT = 128 * 1024;
    static final int IO_BLOCK = 64 * 1024;
    /** Largest array the JVM reliably allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 16;
    static final HexFormat HEX = HexFormat.of();

    private BlobFormat() {
    }

    /**
     * 64 lowercase hex digits. Checked by hand, not by a regex: every blob lookup checks its name (a forget's
     * chain planning makes hundreds of thousands of them), and a matcher per call showed in its profile.
     */
    static boolean isHash(@Nullable String name) {
        if (name == null || name.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = name.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    static String blobPath(String hash) {
        return BLOBS_DIR + "/" + requireHash(hash);
    }

    static String chunkPath(String hash) {
        return CHUNKS_DIR + "/" + requireHash(hash);
    }

    /** Checked before any hash becomes part of a path (spec §1.3). */
    static String requireHash(String hash) {
        if (!isHash(hash)) {
            throw new ValidationException("Not a content hash (64 lowercase hex digits): " + hash,
                    Collections.singletonMap("hash", hash));
        }
        return hash;
    }

    static boolean hasHeader(byte[] body) {
        return body.length >= HEADER && body[0] == 'K' && body[1] == 'B' && body[2] == 1;
    }

    static CorruptionException corrupt(String blob, @Nullable String chunk, String why, @Nullable String actual,
            @Nullable Throwable cause) {
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

    static String sha256Hex(byte[] data) {
        return HEX.formatHex(sha256().digest(data));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
