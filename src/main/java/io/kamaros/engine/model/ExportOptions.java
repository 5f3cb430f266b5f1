package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link JcfManager#export(java.io.OutputStream, ExportOptions)}; immutable, built with
 * {@link #builder()}.
 *
 * @param versionId        export only this version (id, prefix, tag, {@code HEAD~n}): its files in
 *                         {@code content/} and a one-version history holding just them. Null: HEAD.
 * @param includeHistory   (default true) every version, blob, chunk and reverse patch. False (or a
 *                         {@code versionId}) exports a single version.
 * @param compressionLevel 0–9 (default 6): deflate level of the compressible entries.
 * @param plaintextContent (default false; encrypted projects only) also write the exported version's files
 *                         in plain text under {@code content/}. Off, the archive of an encrypted project
 *                         holds no plaintext content at all (its objects stay encrypted; importing it needs
 *                         the password). Plain projects always get {@code content/}.
 * @param cancel           stops the export between entries
 */
public record ExportOptions(@Nullable String versionId, boolean includeHistory, int compressionLevel,
                            boolean plaintextContent, CancellationToken cancel) {
    public static final int DEFAULT_COMPRESSION_LEVEL = 6;
    private static final ExportOptions DEFAULTS = builder().build();

    public ExportOptions {
        checkedLevel(compressionLevel);
        cancel = cancel == null ? CancellationToken.NONE : cancel;
    }

    private static int checkedLevel(int level) {
        if (level < 0 || level > 9) {
            throw new ValidationException("The compression level must be 0 to 9, not " + level + ".",
                    Map.of("field", "compressionLevel", "value", level));
        }
        return level;
    }

    public static ExportOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().versionId(versionId).includeHistory(includeHistory).compressionLevel(compressionLevel)
                .plaintextContent(plaintextContent).cancel(cancel);
    }

    /** Builder of {@link ExportOptions}. */
    public static final class Builder {
        private @Nullable String versionId;
        private boolean includeHistory = true;
        private int compressionLevel = DEFAULT_COMPRESSION_LEVEL;
        private boolean plaintextContent;
        private CancellationToken cancel = CancellationToken.NONE;

        private Builder() {
        }

        public Builder versionId(@Nullable String value) {
            versionId = value;
            return this;
        }

        public Builder includeHistory(boolean value) {
            includeHistory = value;
            return this;
        }

        /** 0 to 9; anything else is a {@link ValidationException} (checked here, where it is given). */
        public Builder compressionLevel(int value) {
            compressionLevel = checkedLevel(value);
            return this;
        }

        public Builder plaintextContent(boolean value) {
            plaintextContent = value;
            return this;
        }

        public Builder cancel(@Nullable CancellationToken token) {
            cancel = token == null ? CancellationToken.NONE : token;
            return this;
        }

        public ExportOptions build() {
            return new ExportOptions(versionId, includeHistory, compressionLevel, plaintextContent, cancel);
        }
    }
}
