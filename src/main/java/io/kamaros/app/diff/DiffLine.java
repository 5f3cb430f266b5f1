package io.kamaros.app.diff;

import org.jspecify.annotations.Nullable;

/**
 * One displayed row of a text diff. Side by side: {@code left} is the old line and {@code right} the
 * new one; a null side is a filler that keeps both columns aligned. Unified: SAME rows carry both sides
 * (same text), REMOVED only {@code left}, ADDED only {@code right}. FOLD rows carry neither and stand
 * for {@code hiddenLines} unchanged lines. {@code hunk} is the index of the change this row belongs to
 * (-1 for unchanged rows and folds).
 */
public record DiffLine(LineKind kind, @Nullable LineText left, @Nullable LineText right, int hunk, int hiddenLines, int foldId) {

    static DiffLine same(LineText left, LineText right) {
        return new DiffLine(LineKind.SAME, left, right, -1, 0, -1);
    }

    static DiffLine fold(int hidden, int foldId) {
        return new DiffLine(LineKind.FOLD, null, null, -1, hidden, foldId);
    }

    public boolean isChange() {
        return hunk >= 0;
    }
}
