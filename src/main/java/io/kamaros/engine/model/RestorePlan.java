package io.kamaros.engine.model;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code restoreVersion(versionId, options)} would do, worked out by the restore's own steps
 * without changing anything ({@code JcfManager.planRestore}). Paths are sorted.
 *
 * @param versionId       the version that would be restored (the reference resolved)
 * @param headVersionId   HEAD now (null before the first checkpoint)
 * @param target          the other folder written into, or null for the working copy
 * @param paths           the chosen files; empty = the whole version
 * @param written         files whose content would be written
 * @param created         those of {@code written} that do not exist yet (in the working copy, or in {@code target})
 * @param deleted         working-copy files that would be removed (not in that version)
 * @param foldersCreated  empty folders of the version that would be made
 * @param foldersRemoved  empty folders that would be removed
 * @param autoSave        uncommitted work would be saved first as an automatic checkpoint (undoable restore)
 * @param uncommitted     the uncommitted changes that automatic checkpoint would keep (their current paths)
 */
public record RestorePlan(String versionId, @Nullable String headVersionId, @Nullable Path target, List<String> paths,
                          List<String> written, List<String> created, List<String> deleted,
                          List<String> foldersCreated, List<String> foldersRemoved, boolean autoSave,
                          List<String> uncommitted) {
    public RestorePlan {
        paths = List.copyOf(paths);
        written = List.copyOf(written);
        created = List.copyOf(created);
        deleted = List.copyOf(deleted);
        foldersCreated = List.copyOf(foldersCreated);
        foldersRemoved = List.copyOf(foldersRemoved);
        uncommitted = List.copyOf(uncommitted);
    }

    public boolean inPlace() {
        return target == null;
    }

    /** Files whose existing content would be replaced. */
    public int changedCount() {
        return written.size() - created.size();
    }

    /** Nothing would be written, deleted or saved. */
    public boolean changesNothing() {
        return written.isEmpty() && deleted.isEmpty() && foldersCreated.isEmpty() && foldersRemoved.isEmpty()
                && !autoSave;
    }
}
