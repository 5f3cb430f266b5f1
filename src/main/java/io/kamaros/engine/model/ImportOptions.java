package io.kamaros.engine.model;

import java.util.Map;

/**
 * Options of {@link JcfManager#importData(java.io.InputStream, ImportOptions)}. The limits protect
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

    private boolean validate = true;
    private CancellationToken cancel = CancellationToken.NONE;
    private int maxEntries = DEFAULT_MAX_ENTRIES;
    private long maxTotalUncompressed = DEFAULT_MAX_TOTAL_UNCOMPRESSED;
    private long maxManifestBytes = DEFAULT_MAX_MANIFEST_BYTES;
    private int maxCompressionRatio = DEFAULT_MAX_COMPRESSION_RATIO;
    private long minFreeSpace = DEFAULT_MIN_FREE_SPACE;
    private char[] password;

    public static ImportOptions defaults() {
        return new ImportOptions();
    }

    public ImportOptions validate(boolean value) {
        validate = value;
        return this;
    }

    public ImportOptions cancel(CancellationToken token) {
        cancel = token == null ? CancellationToken.NONE : token;
        return this;
    }

    public ImportOptions maxEntries(int value) {
        maxEntries = positive("maxEntries", value);
        return this;
    }

    public ImportOptions maxTotalUncompressed(long value) {
        maxTotalUncompressed = positive("maxTotalUncompressed", value);
        return this;
    }

    public ImportOptions maxManifestBytes(long value) {
        maxManifestBytes = Math.min(positive("maxManifestBytes", value), Integer.MAX_VALUE - 16);
        return this;
    }

    public ImportOptions maxCompressionRatio(int value) {
        maxCompressionRatio = positive("maxCompressionRatio", value);
        return this;
    }

    /** Free disk space an import leaves at least (0 allowed: use the disk up to its end). */
    public ImportOptions minFreeSpace(long value) {
        if (value < 0) {
            throw new ValidationException("The import limit minFreeSpace must not be negative, not " + value + ".",
                    Map.of("field", "minFreeSpace", "value", value));
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
    public ImportOptions password(char[] value) {
        password = value;
        return this;
    }

    public char[] password() {
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
}
