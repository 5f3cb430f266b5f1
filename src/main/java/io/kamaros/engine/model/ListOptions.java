package io.kamaros.engine.model;

import org.jspecify.annotations.Nullable;

/**
 * Options of {@link JcfManager#listFiles(String, ListOptions)}; immutable, built with {@link #builder()}.
 *
 * @param recursive every file below the folder (default true)
 * @param versionId list a version instead of the working copy (null: the working copy)
 * @param type      only text or binary files (null: both)
 * @param pattern   a glob on the path, e.g. {@code *.png} (null: every path)
 */
public record ListOptions(boolean recursive, @Nullable String versionId, @Nullable FileType type,
                          @Nullable String pattern) {
    private static final ListOptions DEFAULTS = new ListOptions(true, null, null, null);

    public static ListOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().recursive(recursive).versionId(versionId).type(type).pattern(pattern);
    }

    /** Builder of {@link ListOptions}. */
    public static final class Builder {
        private boolean recursive = true;
        private @Nullable String versionId;
        private @Nullable FileType type;
        private @Nullable String pattern;

        private Builder() {
        }

        public Builder recursive(boolean value) {
            recursive = value;
            return this;
        }

        public Builder versionId(@Nullable String value) {
            versionId = value;
            return this;
        }

        public Builder type(@Nullable FileType value) {
            type = value;
            return this;
        }

        public Builder pattern(@Nullable String glob) {
            pattern = glob;
            return this;
        }

        public ListOptions build() {
            return new ListOptions(recursive, versionId, type, pattern);
        }
    }
}
