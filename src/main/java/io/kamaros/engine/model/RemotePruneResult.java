package io.kamaros.engine.model;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code kamaros remote prune} did, or would do with {@code dryRun} (docs/storage-format.md, "Remotes":
 * deletes in two phases).
 *
 * @param remote       the remote's name
 * @param dryRun       nothing was written or deleted; the lists say what would have been
 * @param marked       packs newly marked for deletion: every object they hold that a kept version needs is in
 *                     another pack that stays
 * @param deleted      packs deleted (marked by an earlier prune at least the safety delay ago, still redundant)
 * @param keptMarked   packs an earlier prune marked that are kept after all (a newer push names them, or an object
 *                     of theirs is no longer in any other pack that stays)
 * @param waiting      packs marked by an earlier prune whose delay has not passed yet
 * @param bytesFreed   bytes of the packs and indexes deleted (or that would be)
 * @param nextDeletion when the oldest waiting mark may be acted on (null when none waits)
 * @param rewritten    packs among {@code marked} that held objects no kept version needs (a forgotten version's):
 *                     a new pack with the rest of their objects was uploaded (in a dry run: would be)
 * @param bytesToFree  bytes the deletion of {@code marked} will free, less what their rewritten copies take
 */
public record RemotePruneResult(String remote, boolean dryRun, List<String> marked, List<String> deleted,
                                List<String> keptMarked, List<String> waiting, long bytesFreed,
                                @Nullable Instant nextDeletion, List<String> rewritten, long bytesToFree) {
    public RemotePruneResult {
        rewritten = List.copyOf(rewritten);
        marked = List.copyOf(marked);
        deleted = List.copyOf(deleted);
        keptMarked = List.copyOf(keptMarked);
        waiting = List.copyOf(waiting);
    }
}
