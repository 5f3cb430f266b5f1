package io.kamaros.app.diff;

import org.jspecify.annotations.Nullable;

/**
 * One side of a diff too large to load whole (above the text and picture limits): what the history already
 * knows of it, its first bytes (for the header facts and the first difference) and how to read it again.
 *
 * @param size   the file's size in bytes
 * @param sha256 its SHA-256 as the history records it (lowercase hex), or null when not known (a working-copy
 *               file changed since it was last hashed): then it is computed while streaming
 * @param head   the file's first bytes (all of them when it is shorter)
 * @param source the whole file, as a stream
 */
public record LargeSide(long size, @Nullable String sha256, byte[] head, ContentSource source) {
    /** How many first bytes a loader reads: enough for every header fact (a JPEG's size may follow a 64 KB EXIF block). */
    public static final int HEAD_BYTES = 256 * 1024;
}
