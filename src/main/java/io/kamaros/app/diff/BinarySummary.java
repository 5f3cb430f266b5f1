package io.kamaros.app.diff;

import org.jspecify.annotations.Nullable;

/**
 * Facts about a binary (or too large) file: sizes and SHA-256 of both sides (-1 / null for a missing
 * side), the offset of the first differing byte (-1 if none found or one side is missing), and up to 16 bytes
 * of each side from the 16-byte row that holds that offset, for a hex preview; and what each side's header
 * tells about it (a picture's size, a recording's length), when it is a known kind.
 *
 * @param comparedBytes -1 when the whole files were compared for the first difference; else how many first
 *                      bytes were (a file too large to load is compared in its first bytes only)
 */
public record BinarySummary(long beforeSize, long afterSize, @Nullable String beforeSha256, @Nullable String afterSha256,
                            long firstDifference, long previewOffset, byte[] beforePreview, byte[] afterPreview,
                            @Nullable FileFacts beforeFacts, @Nullable FileFacts afterFacts, long comparedBytes) {

    public boolean identical() {
        return beforeSha256 != null && beforeSha256.equals(afterSha256);
    }
}
