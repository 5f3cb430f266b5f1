package io.kamaros.app.diff;

/** What the diff viewer is showing; the view swaps its centre by this. */
public enum DiffKind {
    /** Nothing selected. */
    NONE,
    /** Work is running in the background. */
    LOADING,
    TEXT,
    IMAGE,
    BINARY,
    /** Both sides hold the same bytes, or the same text (only line endings / encoding differ). */
    IDENTICAL,
    /** Text too big to compare line by line; sizes and hashes are still shown. */
    TOO_LARGE,
    /** Something unexpected failed; {@code message} says what. */
    ERROR
}
