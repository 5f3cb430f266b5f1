package io.kamaros.engine.model;

/**
 * Options of {@link JcfManager#runGc(GcOptions)}.
 *
 * <ul>
 *   <li>{@code dryRun}: report what would be removed and how much space that frees; delete nothing.</li>
 *   <li>{@code aggressive}: also drop whole copies of old text contents that reverse patches rebuild
 *       within {@code snapshotInterval} steps (never HEAD's contents, never binaries), and train a new
 *       zstd dictionary on the kept small blobs and rewrite them with it at level 19 (seconds per
 *       10,000 files; contents never change, each rewrite is atomic). Skipped in a dry run, which
 *       reports the unused objects only.</li>
 *   <li>{@code cancel}: stops the collection between deletions; what was removed until then stays
 *       removed (every removed object was unused, so the project stays complete).</li>
 * </ul>
 */
public final class GcOptions {
    private boolean dryRun;
    private boolean aggressive;
    private CancellationToken cancel = CancellationToken.NONE;

    public static GcOptions defaults() {
        return new GcOptions();
    }

    public GcOptions dryRun(boolean value) {
        dryRun = value;
        return this;
    }

    public GcOptions aggressive(boolean value) {
        aggressive = value;
        return this;
    }

    public GcOptions cancel(CancellationToken token) {
        cancel = token == null ? CancellationToken.NONE : token;
        return this;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public boolean aggressive() {
        return aggressive;
    }

    public CancellationToken cancel() {
        return cancel;
    }

    @Override
    public String toString() {
        return "GcOptions[dryRun=" + dryRun + ", aggressive=" + aggressive + "]";
    }
}
