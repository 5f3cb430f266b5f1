package io.kamaros.app.diff;

import org.jspecify.annotations.Nullable;

/** A character range [start, end) inside one line, with an optional style class. */
public record Span(int start, int end, @Nullable String style) {
    public Span(int start, int end) {
        this(start, end, null);
    }
}
