package io.kamaros.engine.model;

import java.time.Duration;

/**
 * What a garbage collection removed (or, in a dry run, would remove).
 *
 * @param blobsChecked  blobs looked at
 * @param blobsRemoved  blobs no version needs (plus, with {@code aggressive}, compacted text copies)
 * @param chunksRemoved chunks no kept blob refers to
 * @param deltasRemoved reverse patches no version refers to
 * @param tempRemoved   files left in {@code .store/temp/} by interrupted operations
 * @param spaceFreed    bytes of all removed objects and temp files, plus uncommitted bytes cut from
 *                      the end of the version journal, plus (aggressive) what recompressing small blobs
 *                      with a new dictionary saved, net of the dictionary itself
 * @param duration      how long the collection took
 * @param dryRun        nothing was deleted; the figures say what would be
 * @param packsRemoved   pack files that held only removed objects (deleted)
 * @param packsRewritten pack files mostly of removed objects whose other objects were copied into new packs
 * @param packsMerged    small pack files (each checkpoint seals its own, so many small checkpoints leave
 *                       many) whose objects were copied together into new full packs
 * @param objectsPacked  loose objects (one file each, the older layout) moved into packs
 * @param packBytesFreed bytes the pack files take less on disk after the repack (deleted minus written
 *                       packs, plus the loose files moved); the removed objects' bytes are in
 *                       {@code spaceFreed}
 */
public record GcReport(long blobsChecked, long blobsRemoved, long chunksRemoved, long deltasRemoved, long tempRemoved,
                       long spaceFreed, Duration duration, boolean dryRun, long packsRemoved, long packsRewritten,
                       long packsMerged, long objectsPacked, long packBytesFreed) {
    /** A report of a store without packs. */
    public GcReport(long blobsChecked, long blobsRemoved, long chunksRemoved, long deltasRemoved, long tempRemoved,
                    long spaceFreed, Duration duration, boolean dryRun) {
        this(blobsChecked, blobsRemoved, chunksRemoved, deltasRemoved, tempRemoved, spaceFreed, duration, dryRun,
                0, 0, 0, 0, 0);
    }
}
