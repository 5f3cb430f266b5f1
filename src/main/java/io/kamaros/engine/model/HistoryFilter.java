package io.kamaros.engine.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Filters of {@link JcfManager#getHistory(HistoryFilter)}; every set filter must match. Immutable:
 * {@link #all()} matches every version, {@link #builder()} sets filters.
 *
 * @param limit   at most this many versions (the newest)
 * @param since   versions from this moment on (null: no bound)
 * @param until   versions up to this moment (null: no bound)
 * @param author  author name or e-mail contains this text, case-insensitive (null: any)
 * @param message message contains this text, case-insensitive (null: any)
 * @param tags    the version carries all these tags
 * @param path    the version changed a file whose path contains this text, case-insensitive (null: any)
 */
public record HistoryFilter(int limit, @Nullable Instant since, @Nullable Instant until, @Nullable String author,
                            @Nullable String message, List<String> tags, @Nullable String path) {
    private static final HistoryFilter ALL = builder().build();

    public HistoryFilter {
        checkedLimit(limit);
        tags = List.copyOf(Args.elements(tags, "tags", "The tags"));
    }

    private static int checkedLimit(int value) {
        if (value < 0) {
            throw new ValidationException("limit must not be negative (got " + value + ").",
                    JcfException.detailsOf("field", "limit", "value", value));
        }
        return value;
    }

    public static HistoryFilter all() {
        return ALL;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().limit(limit).since(since).until(until).author(author).message(message).tags(tags)
                .path(path);
    }

    /** Builder of {@link HistoryFilter}; each setter replaces the value. */
    public static final class Builder {
        private int limit = Integer.MAX_VALUE;
        private @Nullable Instant since;
        private @Nullable Instant until;
        private @Nullable String author;
        private @Nullable String message;
        private List<String> tags = List.of();
        private @Nullable String path;

        private Builder() {
        }

        /** At most this many versions (the newest). */
        public Builder limit(int value) {
            limit = checkedLimit(value);
            return this;
        }

        public Builder since(@Nullable Instant value) {
            since = value;
            return this;
        }

        public Builder until(@Nullable Instant value) {
            until = value;
            return this;
        }

        /** Author name or e-mail contains this text (case-insensitive). */
        public Builder author(@Nullable String value) {
            author = value;
            return this;
        }

        /** Message contains this text (case-insensitive). */
        public Builder message(@Nullable String value) {
            message = value;
            return this;
        }

        /** Version carries all these tags. */
        public Builder tags(String @Nullable ... values) {
            return tags(values == null ? null : Arrays.asList(values));
        }

        public Builder tags(@Nullable List<String> values) {
            tags = List.copyOf(Args.elements(values, "tags", "The tags"));
            return this;
        }

        /** Version changed a file whose path contains this text (case-insensitive). */
        public Builder path(@Nullable String value) {
            path = value;
            return this;
        }

        public HistoryFilter build() {
            return new HistoryFilter(limit, since, until, author, message, tags, path);
        }
    }
}
