package io.kamaros.app.diff;

import org.jspecify.annotations.Nullable;

/**
 * Two versions of one file to compare. Small files come loaded ({@code before}, {@code after}); files above the
 * viewer's limits come as {@link LargeSide}s ({@code largeBefore}, {@code largeAfter}: size, hash, first bytes and
 * a stream), never both kinds in one input. A missing side means the file was added (no before) or deleted (no
 * after). Labels name the versions ("v12", "Working copy"); null labels fall back to "Before" / "After".
 */
public record DiffInput(String path, byte @Nullable [] before, byte @Nullable [] after, @Nullable String beforeLabel,
                        @Nullable String afterLabel, @Nullable LargeSide largeBefore, @Nullable LargeSide largeAfter) {
    public DiffInput {
        boolean loaded = before != null || after != null;
        boolean large = largeBefore != null || largeAfter != null;
        if (!loaded && !large) {
            throw new IllegalArgumentException("a diff needs at least one side: " + path);
        }
        if (loaded && large) {
            throw new IllegalArgumentException("both sides are loaded or both are large: " + path);
        }
    }

    /** Two loaded sides. */
    public DiffInput(String path, byte @Nullable [] before, byte @Nullable [] after, @Nullable String beforeLabel,
                     @Nullable String afterLabel) {
        this(path, before, after, beforeLabel, afterLabel, null, null);
    }

    /** Two sides too large to load: described, hashed and previewed from streams. */
    public static DiffInput large(String path, @Nullable LargeSide before, @Nullable LargeSide after,
                                  @Nullable String beforeLabel, @Nullable String afterLabel) {
        return new DiffInput(path, null, null, beforeLabel, afterLabel, before, after);
    }

    public boolean isLarge() {
        return largeBefore != null || largeAfter != null;
    }

    public boolean hasBefore() {
        return before != null || largeBefore != null;
    }

    public boolean hasAfter() {
        return after != null || largeAfter != null;
    }
}
