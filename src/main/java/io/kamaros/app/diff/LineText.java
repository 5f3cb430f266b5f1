package io.kamaros.app.diff;

import java.util.List;

/**
 * One side of a row: its 1-based line number in that version, its text, and the character ranges
 * that changed inside it (word-level highlights; empty when the whole line is new or nothing to mark).
 */
public record LineText(int number, String text, List<Span> changes) {
    public LineText {
        changes = List.copyOf(changes);
    }
}
