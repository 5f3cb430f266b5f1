package io.kamaros.engine.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The differences between two versions. {@code renamed} entries may also be in {@code modified}
 * when the content changed too (listed under the new path).
 */
public record VersionDiff(@Nullable String fromVersion, @Nullable String toVersion, List<FileChange> added, List<FileChange> modified,
                          List<FileChange> deleted, List<RenameInfo> renamed, Stats stats) {
    public VersionDiff {
        added = List.copyOf(added);
        modified = List.copyOf(modified);
        deleted = List.copyOf(deleted);
        renamed = List.copyOf(renamed);
    }

    public record Stats(int filesAdded, int filesModified, int filesDeleted, int filesRenamed, long totalSizeChange) {
    }
}
