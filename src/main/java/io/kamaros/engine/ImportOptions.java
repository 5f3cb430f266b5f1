package io.kamaros.engine;

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
 *   <li>{@code password}: the password of an encrypted archive (one exported from an encrypted
 *       project). Its objects are imported as they are, still encrypted, and the project takes the
 *       archive's key: afterwards it opens with this password. Wiped once used.</li>
 * </ul>
 */
public final class ImportOptions {
    public static final int DEFAULT_MAX_ENTRIES = 100_000;
    public static final long DEFAULT_MAX_TOTAL_UNCOMPRESSED = 64L << 30;
    public static final long DEFAULT_MAX_MANIFEST_BYTES = 256L << 20;

    private boolean validate = true;
    private CancellationToken cancel = CancellationToken.NONE;
    private int maxEntries = DEFAULT_MAX_ENTRIES;
    private long maxTotalUncompressed = DEFAULT_MAX_TOTAL_UNCOMPRESSED;
    private long maxManifestBytes = DEFAULT_MAX_MANIFEST_BYTES;
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
}
