package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link JcfManager#importData(java.io.InputStream, ImportOptions)}; immutable, built with
 * {@link #builder()}. A class rather than a record: the password is a secret array that must not take
 * part in {@code equals} or {@code toString}. The limits protect
 * against hostile archives (zip bombs, giant manifests): they count bytes actually inflated, not
 * the sizes an archive declares.
 * <ul>
 *   <li>{@code validate} (default true): check every blob, chunk and patch against its hash before
 *       anything is committed. False skips re-reading blobs whose names already say what they hold
 *       (names, manifest and history chain are always checked).</li>
 *   <li>{@code maxEntries} (default 100,000), {@code maxTotalUncompressed} (default 64 GiB),
 *       {@code maxManifestBytes} (default 256 MiB).</li>
 *   <li>{@code maxCompressionRatio} (default 100): the bytes an archive may expand to, counted as
 *       they are inflated, are at most this many times the archive's own size (but always at least
 *       64 MiB), so a zip bomb stops early.</li>
 *   <li>{@code minFreeSpace} (default 512 MiB): an import into a folder never leaves less than this
 *       free on its disk; the expansion budget is the free space at the start minus this, and the
 *       free space is checked again as the import goes.</li>
 *   <li>{@code password}: the password of an encrypted archive (one exported from an encrypted
 *       project). Its objects are imported as they are, still encrypted, and the project takes the
 *       archive's key: afterwards it opens with this password. Wiped once used.</li>
 * </ul>
 */
public final class ImportOptions {
    public static final int DEFAULT_MAX_ENTRIES = 100_000;
    public static final long DEFAULT_MAX_TOTAL_UNCOMPRESSED = 64L << 30;
    public static final long DEFAULT_MAX_MANIFEST_BYTES = 256L << 20;
    public static final int DEFAULT_MAX_COMPRESSION_RATIO = 100;
    /** What an archive may always expand to, whatever its compression ratio. */
    public static final long RATIO_FLOOR = 64L << 20;
    public static final long DEFAULT_MIN_FREE_SPACE = 512L << 20;

    private static final ImportOptions DEFAULTS = builder().build();

    private final boolean validate;
    private final CancellationToken cancel;
    private final int maxEntries;
    private final long maxTotalUncompressed;
    private final long maxManifestBytes;
    private final int maxCompressionRatio;
    private final long minFreeSpace;
    private final char @Nullable [] password;

    private ImportOptions(Builder b) {
        validate = b.validate;
        cancel = b.cancel;
        maxEntries = b.maxEntries;
        maxTotalUncompressed = b.maxTotalUncompressed;
        maxManifestBytes = b.maxManifestBytes;
        maxCompressionRatio = b.maxCompressionRatio;
        minFreeSpace = b.minFreeSpace;
        password = b.password;
    }

    public static ImportOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options (and the same password array). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.validate = validate;
        b.cancel = cancel;
        b.maxEntries = maxEntries;
        b.maxTotalUncompressed = maxTotalUncompressed;
        b.maxManifestBytes = maxManifestBytes;
        b.maxCompressionRatio = maxCompressionRatio;
        b.minFreeSpace = minFreeSpace;
        b.password = password;
        return b;
    }

    /** The password of an encrypted archive as given (the engine wipes it after use), or null. */
    public char @Nullable [] password() {
        return password;
    }

    public boolean validate() {
        return validate;
    }

    public CancellationToken cancel() {
        return cancel;
    }

    public int maxEntries() {
        return maxEntries;
    }

    public long maxTotalUncompressed() {
        return maxTotalUncompressed;
    }

    public long maxManifestBytes() {
        return maxManifestBytes;
    }

    public int maxCompressionRatio() {
        return maxCompressionRatio;
    }

    public long minFreeSpace() {
        return minFreeSpace;
    }

    @Override
    public String toString() {
        return "ImportOptions[validate=" + validate + ", maxEntries=" + maxEntries + ", maxTotalUncompressed="
                + maxTotalUncompressed + ", maxManifestBytes=" + maxManifestBytes + ", maxCompressionRatio="
                + maxCompressionRatio + ", minFreeSpace=" + minFreeSpace + ", password="
                + (password == null ? "none" : "given") + "]";
    }

    /** Builder of {@link ImportOptions}; each limit is checked where it is given. */
    public static final class Builder {
        private boolean validate = true;
        private CancellationToken cancel = CancellationToken.NONE;
        private int maxEntries = DEFAULT_MAX_ENTRIES;
        private long maxTotalUncompressed = DEFAULT_MAX_TOTAL_UNCOMPRESSED;
        private long maxManifestBytes = DEFAULT_MAX_MANIFEST_BYTES;
        private int maxCompressionRatio = DEFAULT_MAX_COMPRESSION_RATIO;
        private long minFreeSpace = DEFAULT_MIN_FREE_SPACE;
        private char @Nullable [] password;

        private Builder() {
        }

        public Builder validate(boolean value) {
            validate = value;
            return this;
        }

        public Builder cancel(@Nullable CancellationToken token) {
            cancel = token == null ? CancellationToken.NONE : token;
            return this;
        }

        public Builder maxEntries(int value) {
            maxEntries = positive("maxEntries", value);
            return this;
        }

        public Builder maxTotalUncompressed(long value) {
            maxTotalUncompressed = positive("maxTotalUncompressed", value);
            return this;
        }

        public Builder maxManifestBytes(long value) {
            maxManifestBytes = Math.min(positive("maxManifestBytes", value), Integer.MAX_VALUE - 16);
            return this;
        }

        public Builder maxCompressionRatio(int value) {
            maxCompressionRatio = positive("maxCompressionRatio", value);
            return this;
        }

        /** Free disk space an import leaves at least (0 allowed: use the disk up to its end). */
        public Builder minFreeSpace(long value) {
            if (value < 0) {
                throw new ValidationException("The import limit minFreeSpace must not be negative, not " + value
                        + ".", Map.of("field", "minFreeSpace", "value", value));
            }
            minFreeSpace = value;
            return this;
        }

        private static <N extends Number> N positive(String field, N value) {
            if (value.longValue() <= 0) {
                throw new ValidationException("The import limit " + field + " must be positive, not " + value + ".",
                        Map.of("field", field, "value", value));
            }
            return value;
        }

        /** The password of an encrypted archive; the array is used as given and wiped after use. */
        public Builder password(char @Nullable [] value) {
            password = value;
            return this;
        }

        public ImportOptions build() {
            return new ImportOptions(this);
        }
    }
}
