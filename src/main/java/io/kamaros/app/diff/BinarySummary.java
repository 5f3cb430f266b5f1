package io.kamaros.app.diff;

import org.jspecify.annotations.Nullable;

/**
 * Facts about a binary (or too large) file: sizes and SHA-256 of both sides (-1 / null for a missing
 * side), the offset of the first differing byte (-1 if none or one side is missing), and up to 16 bytes
 * of each side from the 16-byte row that holds that offset, for a hex preview.
 */
public record BinarySummary(long beforeSize, long afterSize, @Nullable String beforeSha256, @Nullable String afterSha256,
                            long firstDifference, long previewOffset, byte[] beforePreview, byte[] afterPreview) {

    public boolean identical() {
        return beforeSha256 != null && beforeSha256.equals(afterSha256);
    }
}
