package io.kamaros.app.diff;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/** Sizes, SHA-256, the first differing bytes and the header facts of two sides, loaded or too large to load. */
final class BinaryInspector {
    static final int ROW = 16;
    private static final int BUFFER = 64 * 1024;

    private BinaryInspector() {
    }

    static BinarySummary inspect(byte @Nullable [] before, byte @Nullable [] after) {
        long first = before != null && after != null ? Arrays.mismatch(before, after) : -1;
        long rowStart = first < 0 ? -1 : first / ROW * ROW;
        return new BinarySummary(before == null ? -1 : before.length, after == null ? -1 : after.length,
                sha256(before), sha256(after), first, rowStart,
                preview(before, rowStart), preview(after, rowStart), FileFacts.of(before), FileFacts.of(after), -1);
    }

    /**
     * The same for two sides too large to load: sizes and hashes as the history knows them ({@code beforeSha256},
     * {@code afterSha256}), the first difference within their first bytes, and the facts their headers tell.
     */
    static BinarySummary inspect(@Nullable LargeSide before, @Nullable LargeSide after, @Nullable String beforeSha256,
                                 @Nullable String afterSha256) {
        long first = -1;
        long compared = -1;
        if (before != null && after != null) {
            byte[] a = before.head();
            byte[] b = after.head();
            boolean whole = a.length == before.size() && b.length == after.size();
            int common = Math.min(a.length, b.length);
            int mismatch = Arrays.mismatch(a, 0, common, b, 0, common);
            if (mismatch >= 0) {
                first = mismatch;
            } else if (whole || before.size() != after.size() && common == Math.min(before.size(), after.size())) {
                first = a.length == b.length ? -1 : common; // one ends where the other goes on
            } else {
                compared = common;
            }
        }
        long rowStart = first < 0 ? -1 : first / ROW * ROW;
        return new BinarySummary(before == null ? -1 : before.size(), after == null ? -1 : after.size(), beforeSha256,
                afterSha256, first, rowStart, preview(before == null ? null : before.head(), rowStart),
                preview(after == null ? null : after.head(), rowStart),
                before == null ? null : FileFacts.of(before.head(), before.size()),
                after == null ? null : FileFacts.of(after.head(), after.size()), compared);
    }

    static @Nullable String sha256(byte @Nullable [] b) {
        return b == null ? null : HexFormat.of().formatHex(digest().digest(b));
    }

    /** The SHA-256 of a stream, read a piece at a time; stops with a CancellationException when asked to. */
    static String sha256(ContentSource source, BooleanSupplier cancelled) {
        MessageDigest digest = digest();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = source.open()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException();
                }
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
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
