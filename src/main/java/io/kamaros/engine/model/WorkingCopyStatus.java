package io.kamaros.engine.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a checkpoint made now would record: changes of the working copy since HEAD.
 *
 * @param headVersionId the version the working copy is compared with, or null before the first checkpoint
 * @param fileCount     files in the working copy as scanned (ignored names such as .DS_Store left out)
 * @param totalSize     their bytes
 * @param unversionable what a checkpoint would not save as it is (links, unreadable and special files,
 *                      invalid names; an unreadable tracked file keeps its last saved content) and names
 *                      it would save that Windows cannot restore, sorted by path
 * @param foldersAdded   empty folders of the working copy that HEAD does not have (sorted; only
 *                       innermost ones: {@code a/b} stands for {@code a} as well)
 * @param foldersRemoved empty folders of HEAD that are gone, or hold files now (their files keep them)
 */
public record WorkingCopyStatus(@Nullable String headVersionId, List<String> added, List<String> modified, List<String> deleted,
                                List<RenameInfo> renamed, int fileCount, long totalSize,
                                List<UnversionableFile> unversionable, List<String> foldersAdded,
                                List<String> foldersRemoved) {
    public WorkingCopyStatus {
        added = added == null ? List.of() : List.copyOf(added);
        modified = modified == null ? List.of() : List.copyOf(modified);
        deleted = deleted == null ? List.of() : List.copyOf(deleted);
        renamed = renamed == null ? List.of() : List.copyOf(renamed);
        unversionable = unversionable == null ? List.of() : List.copyOf(unversionable);
        foldersAdded = foldersAdded == null ? List.of() : List.copyOf(foldersAdded);
        foldersRemoved = foldersRemoved == null ? List.of() : List.copyOf(foldersRemoved);
    }

    public WorkingCopyStatus(@Nullable String headVersionId, List<String> added, List<String> modified, List<String> deleted,
                             List<RenameInfo> renamed, int fileCount, long totalSize,
                             List<UnversionableFile> unversionable) {
        this(headVersionId, added, modified, deleted, renamed, fileCount, totalSize, unversionable, List.of(), List.of());
    }

    public WorkingCopyStatus(@Nullable String headVersionId, List<String> added, List<String> modified, List<String> deleted,
                             List<RenameInfo> renamed, int fileCount, long totalSize) {
        this(headVersionId, added, modified, deleted, renamed, fileCount, totalSize, List.of());
    }

    /** The entries a checkpoint would leave out (everything but the Windows-name warnings). */
    public List<UnversionableFile> notSaved() {
        return unversionable.stream().filter(u -> !u.saved()).toList();
    }
    public boolean isClean() {
        return added.isEmpty() && modified.isEmpty() && deleted.isEmpty() && renamed.isEmpty()
                && foldersAdded.isEmpty() && foldersRemoved.isEmpty();
    }

    /** Changed files, plus empty folders added or removed. */
    public int changeCount() {
        return added.size() + modified.size() + deleted.size() + renamed.size() + foldersAdded.size()
                + foldersRemoved.size();
    }
}
