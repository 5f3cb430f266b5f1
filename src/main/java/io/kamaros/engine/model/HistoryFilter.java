package io.kamaros.engine.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Filters of {@link JcfManager#getHistory(HistoryFilter)}; every set filter must match. */
public final class HistoryFilter {
    private int limit = Integer.MAX_VALUE;
    private Instant since;
    private Instant until;
    private String author;
    private String message;
    private final List<String> tags = new ArrayList<>();
    private String path;

    public static HistoryFilter all() {
        return new HistoryFilter();
    }

    /** At most this many versions (the newest). */
    public HistoryFilter limit(int value) {
        if (value < 0) {
            throw new ValidationException("limit must not be negative (got " + value + ").",
                    JcfException.detailsOf("field", "limit", "value", value));
        }
        limit = value;
        return this;
    }

    public HistoryFilter since(Instant value) {
        since = value;
        return this;
    }

    public HistoryFilter until(Instant value) {
        until = value;
        return this;
    }

    /** Author name or e-mail contains this text (case-insensitive). */
    public HistoryFilter author(String value) {
        author = value;
        return this;
    }

    /** Message contains this text (case-insensitive). */
    public HistoryFilter message(String value) {
        message = value;
        return this;
    }

    /** Version carries all these tags. */
    public HistoryFilter tags(String... values) {
        tags.addAll(Args.elements(values == null ? null : Arrays.asList(values), "tags", "The tags"));
        return this;
    }

    /** Version changed a file whose path contains this text (case-insensitive). */
    public HistoryFilter path(String value) {
        path = value;
        return this;
    }

    public int limit() {
        return limit;
    }

    public Instant since() {
        return since;
    }

    public Instant until() {
        return until;
    }

    public String author() {
        return author;
    }

    public String message() {
        return message;
    }

    public List<String> tags() {
        return List.copyOf(tags);
    }

    public String path() {
        return path;
    }
}
