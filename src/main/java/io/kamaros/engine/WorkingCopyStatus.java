package io.kamaros.engine;

import java.util.List;

/**
 * What a checkpoint made now would record: changes of the working copy since HEAD.
 *
 * @param headVersionId the version the working copy is compared with, or null before the first checkpoint
 * @param fileCount     files in the working copy as scanned (ignored names such as .DS_Store left out)
 * @param totalSize     their bytes
 * @param unversionable what a checkpoint would not save as it is (links, unreadable and special files,
 *                      invalid names; an unreadable tracked file keeps its last saved content) and names
 *                      it would save that Windows cannot restore, sorted by path
 */
public record WorkingCopyStatus(String headVersionId, List<String> added, List<String> modified, List<String> deleted,
                                List<RenameInfo> renamed, int fileCount, long totalSize,
                                List<UnversionableFile> unversionable) {
    public WorkingCopyStatus {
        unversionable = unversionable == null ? List.of() : List.copyOf(unversionable);
    }

    public WorkingCopyStatus(String headVersionId, List<String> added, List<String> modified, List<String> deleted,
                             List<RenameInfo> renamed, int fileCount, long totalSize) {
        this(headVersionId, added, modified, deleted, renamed, fileCount, totalSize, List.of());
    }

    /** The entries a checkpoint would leave out (everything but the Windows-name warnings). */
    public List<UnversionableFile> notSaved() {
        return unversionable.stream().filter(u -> !u.saved()).toList();
    }
    public boolean isClean() {
        return added.isEmpty() && modified.isEmpty() && deleted.isEmpty() && renamed.isEmpty();
    }

    public int changeCount() {
        return added.size() + modified.size() + deleted.size() + renamed.size();
    }
}
