package io.kamaros.app.diff;

/** Kind of one displayed row of a text diff. */
public enum LineKind {
    SAME,
    /** Side by side only: an old line and the new line that replaced it, on one row. */
    CHANGED,
    ADDED,
    REMOVED,
    /** A collapsed run of unchanged lines ("show N hidden lines"). */
    FOLD
}
