package io.kamaros.engine.model;

import io.kamaros.engine.objects.pack.PackFormat;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link JcfManager}. Build with {@link #builder()}; every value is validated and a
 * bad one raises a {@link ValidationException} naming the field.
 *
 * @param author           default author of checkpoints (null: the JCF_AUTHOR variable, then the OS user)
 * @param email            default e-mail of checkpoints
 * @param compressionLevel 0 (store) to 9 (smallest), default 6
 * @param autoGc           collect unused objects after each checkpoint
 * @param maxFileSize      largest file accepted, in bytes (null: no limit)
 * @param snapshotInterval a whole copy of a text file at least every this many versions (default 50),
 *                         bounding the patches applied to rebuild any version
 * @param operationTimeout how long one operation may run; null or zero means no limit (the default,
 *                         since a first checkpoint of a large project legitimately takes minutes)
 * @param debug            log each operation at debug level through SLF4J
 * @param statusAtOpen     the status is asked right after opening (the command line's {@code status}, the
 *                         app's window): the working copy is then listed on another thread while the project
 *                         loads. The listing serves the first status only, and only if nothing was written
 *                         in between; it shows the folder as it was when the project was opened.
 * @param looseObjects     write every stored object as a file of its own, the layout before packs (off by
 *                         default: new objects go into packs, docs/storage-format.md "Packs"); both layouts
 *                         are always read. For comparisons and for tests of the older layout.
 * @param packBytes        the size a pack is sealed at (default {@link PackFormat#TARGET_PACK_BYTES}); tests
 *                         use small packs to see GC keep, rewrite and merge them without writing 64 MiB
 */
public record JcfConfig(@Nullable String author, @Nullable String email, int compressionLevel, boolean autoGc,
                        @Nullable Long maxFileSize, int snapshotInterval, @Nullable Duration operationTimeout,
                        boolean debug, boolean statusAtOpen, boolean looseObjects, long packBytes) {

    public static final int DEFAULT_COMPRESSION_LEVEL = 6;
    public static final int DEFAULT_SNAPSHOT_INTERVAL = 50;
    private static final long MIN_PACK_BYTES = 4L << 10;
    private static final long MAX_PACK_BYTES = 1L << 30;

    public JcfConfig {
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw invalid("compressionLevel", compressionLevel, "must be from 0 (store) to 9 (smallest)");
        }
        if (maxFileSize != null && maxFileSize <= 0) {
            throw invalid("maxFileSize", maxFileSize, "must be a positive number of bytes, or null for no limit");
        }
        if (snapshotInterval < 1 || snapshotInterval > 100_000) {
            throw invalid("snapshotInterval", snapshotInterval, "must be from 1 to 100000 versions");
        }
        if (operationTimeout != null && operationTimeout.isNegative()) {
            throw invalid("operationTimeout", operationTimeout, "must not be negative (zero means no limit)");
        }
        if (packBytes < MIN_PACK_BYTES || packBytes > MAX_PACK_BYTES) {
            throw invalid("packBytes", packBytes, "must be from " + MIN_PACK_BYTES + " to " + MAX_PACK_BYTES + " bytes");
        }
        if (email != null && !email.isEmpty() && !email.contains("@")) {
            throw invalid("email", email, "must look like name@example.com");
        }
        if (author != null && author.length() > 200) {
            throw invalid("author", author, "must be at most 200 characters");
        }
    }

    public static JcfConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().author(author).email(email).compressionLevel(compressionLevel).autoGc(autoGc)
                .maxFileSize(maxFileSize).snapshotInterval(snapshotInterval).operationTimeout(operationTimeout)
                .debug(debug).statusAtOpen(statusAtOpen).looseObjects(looseObjects).packBytes(packBytes);
    }

    private static ValidationException invalid(String field, @Nullable Object value, String rule) {
        return new ValidationException("Invalid configuration: " + field + " " + rule + " (got " + value + ").",
                JcfException.detailsOf("field", field, "value", String.valueOf(value)));
    }

    /** Builder of {@link JcfConfig}; {@link #build()} validates. */
    public static final class Builder {
        private @Nullable String author;
        private @Nullable String email;
        private int compressionLevel = DEFAULT_COMPRESSION_LEVEL;
        private boolean autoGc;
        private @Nullable Long maxFileSize;
        private int snapshotInterval = DEFAULT_SNAPSHOT_INTERVAL;
        private @Nullable Duration operationTimeout;
        private boolean debug;
        private boolean statusAtOpen;
        private boolean looseObjects;
        private long packBytes = PackFormat.TARGET_PACK_BYTES;

        public Builder author(@Nullable String value) {
            author = value;
            return this;
        }

        public Builder email(@Nullable String value) {
            email = value;
            return this;
        }

        public Builder compressionLevel(int value) {
            compressionLevel = value;
            return this;
        }

        public Builder autoGc(boolean value) {
            autoGc = value;
            return this;
        }

        public Builder maxFileSize(@Nullable Long value) {
            maxFileSize = value;
            return this;
        }

        public Builder snapshotInterval(int value) {
            snapshotInterval = value;
            return this;
        }

        public Builder operationTimeout(@Nullable Duration value) {
            operationTimeout = value;
            return this;
        }

        public Builder debug(boolean value) {
            debug = value;
            return this;
        }

        public Builder statusAtOpen(boolean value) {
            statusAtOpen = value;
            return this;
        }

        public Builder looseObjects(boolean value) {
            looseObjects = value;
            return this;
        }

        public Builder packBytes(long value) {
            packBytes = value;
            return this;
        }

        /**
         * Reads JCF_AUTHOR, JCF_EMAIL, JCF_COMPRESSION_LEVEL, JCF_MAX_FILE_SIZE, JCF_DEBUG, JCF_LOOSE_OBJECTS and
         * JCF_PACK_BYTES (tests that need many packs from a small project) where set.
         */
        public Builder fromEnvironment(Map<String, String> env) {
            if (env.get("JCF_AUTHOR") != null) {
                author = env.get("JCF_AUTHOR");
            }
            if (env.get("JCF_EMAIL") != null) {
                email = env.get("JCF_EMAIL");
            }
            compressionLevel = intOf(env, "JCF_COMPRESSION_LEVEL", "compressionLevel", compressionLevel);
            if (env.get("JCF_MAX_FILE_SIZE") != null) {
                maxFileSize = (long) intOf(env, "JCF_MAX_FILE_SIZE", "maxFileSize", 0);
            }
            if (env.get("JCF_DEBUG") != null) {
                debug = Boolean.parseBoolean(env.get("JCF_DEBUG")) || "1".equals(env.get("JCF_DEBUG"));
            }
            if (env.get("JCF_LOOSE_OBJECTS") != null) {
                looseObjects = Boolean.parseBoolean(env.get("JCF_LOOSE_OBJECTS")) || "1".equals(env.get("JCF_LOOSE_OBJECTS"));
            }
            if (env.get("JCF_PACK_BYTES") != null) {
                packBytes = intOf(env, "JCF_PACK_BYTES", "packBytes", 0);
            }
            return this;
        }

        private static int intOf(Map<String, String> env, String key, String field, int fallback) {
            String v = env.get(key);
            if (v == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw invalid(field, v, "must be a whole number (from " + key + ")");
            }
        }

        public JcfConfig build() {
            return new JcfConfig(author, email, compressionLevel, autoGc, maxFileSize, snapshotInterval,
                    operationTimeout, debug, statusAtOpen, looseObjects, packBytes);
        }
    }
}
