package io.kamaros.app.diff;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/** Sizes, SHA-256, the first differing bytes and the header facts of two byte arrays. */
final class BinaryInspector {
    static final int ROW = 16;

    private BinaryInspector() {
    }

    static BinarySummary inspect(byte @Nullable [] before, byte @Nullable [] after) {
        long first = -1;
        if (before != null && after != null) {
            int mismatch = Arrays.mismatch(before, after);
            first = mismatch;
        }
        long rowStart = first < 0 ? -1 : first / ROW * ROW;
        return new BinarySummary(before == null ? -1 : before.length, after == null ? -1 : after.length,
                sha256(before), sha256(after), first, rowStart,
                preview(before, rowStart), preview(after, rowStart), FileFacts.of(before), FileFacts.of(after));
    }

    static @Nullable String sha256(byte @Nullable [] b) {
        if (b == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] preview(byte @Nullable [] b, long rowStart) {
        if (b == null || rowStart < 0 || rowStart >= b.length) {
            return new byte[0];
        }
        return Arrays.copyOfRange(b, (int) rowStart, (int) Math.min(b.length, rowStart + ROW));
    }
}
