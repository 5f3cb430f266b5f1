package io.kamaros.engine.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Figures about a project.
 *
 * @param totalFiles         files in HEAD
 * @param totalSize          bytes of the files in HEAD
 * @param contentSize        bytes in the working copy
 * @param blobsSize          bytes of stored blobs and chunks
 * @param deltasSize         bytes of stored reverse patches
 * @param manifestSize       bytes of the manifest and version journal
 * @param uniqueBlobs        distinct file contents kept in history
 * @param blobReferences     file entries across all versions (how often contents are used)
 * @param deduplicationRatio blobReferences / uniqueBlobs (1.0 when nothing is shared)
 */
public record ProjectStats(int totalVersions, int totalFiles, long totalSize, long contentSize, long blobsSize,
                           long deltasSize, long manifestSize, long uniqueBlobs, long blobReferences,
                           double deduplicationRatio, @Nullable VersionRef oldestVersion, @Nullable VersionRef newestVersion,
                           FilesByType filesByType, @Nullable LargestFile largestFile) {

    public record VersionRef(String id, Instant timestamp) {
    }

    public record FilesByType(int text, int binary) {
    }

    public record LargestFile(String path, long size) {
    }
}
