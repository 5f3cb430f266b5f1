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
 */
public record GcReport(long blobsChecked, long blobsRemoved, long chunksRemoved, long deltasRemoved, long tempRemoved,
                       long spaceFreed, Duration duration, boolean dryRun) {
}
