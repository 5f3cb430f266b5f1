package io.kamaros.engine.model;

import org.jspecify.annotations.Nullable;

/**
 * Options of {@link JcfManager#runGc(GcOptions)}; immutable, built with {@link #builder()}.
 *
 * @param dryRun     report what would be removed and how much space that frees; delete nothing.
 * @param aggressive also drop whole copies of old text contents that reverse patches rebuild within
 *                   {@code snapshotInterval} steps (never HEAD's contents, never binaries), and train a
 *                   new zstd dictionary on the kept small blobs and rewrite them with it at level 19
 *                   (seconds per 10,000 files; contents never change, each rewrite is atomic). Skipped in
 *                   a dry run, which reports the unused objects only.
 * @param cancel     stops the collection between deletions; what was removed until then stays removed
 *                   (every removed object was unused, so the project stays complete).
 * @param purge      rewrite every pack that holds a removed object, however little of it is dead, so the
 *                   removed objects' bytes leave the disk (forgetting a version does this); without it a
 *                   pack is rewritten only when most of it is dead, and the rest waits for a later collection.
 */
public record GcOptions(boolean dryRun, boolean aggressive, CancellationToken cancel, boolean purge) {
    private static final GcOptions DEFAULTS = new GcOptions(false, false, CancellationToken.NONE, false);

    public GcOptions {
        cancel = cancel == null ? CancellationToken.NONE : cancel;
    }

    /** Options that rewrite packs only when most of them is dead. */
    public GcOptions(boolean dryRun, boolean aggressive, @Nullable CancellationToken cancel) {
        this(dryRun, aggressive, cancel == null ? CancellationToken.NONE : cancel, false);
    }

    public static GcOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().dryRun(dryRun).aggressive(aggressive).cancel(cancel).purge(purge);
    }

    @Override
    public String toString() {
        return "GcOptions[dryRun=" + dryRun + ", aggressive=" + aggressive + ", purge=" + purge + "]";
    }

    /** Builder of {@link GcOptions}. */
    public static final class Builder {
        private boolean dryRun;
        private boolean aggressive;
        private CancellationToken cancel = CancellationToken.NONE;
        private boolean purge;

        private Builder() {
        }

        public Builder dryRun(boolean value) {
            dryRun = value;
            return this;
        }

        public Builder aggressive(boolean value) {
            aggressive = value;
            return this;
        }

        public Builder cancel(@Nullable CancellationToken token) {
            cancel = token == null ? CancellationToken.NONE : token;
            return this;
        }

        public Builder purge(boolean value) {
            purge = value;
            return this;
        }

        public GcOptions build() {
            return new GcOptions(dryRun, aggressive, cancel, purge);
        }
    }
}
