package io.kamaros.engine;

import java.util.List;

/**
 * What a checkpoint made now would record: changes of the working copy since HEAD.
 *
 * @param headVersionId the version the working copy is compared with, or null before the first checkpoint
 * @param fileCount     files in the working copy as scanned (ignored names such as .DS_Store left out)
 * @param totalSize     their bytes
 */
public record WorkingCopyStatus(String headVersionId, List<String> added, List<String> modified, List<String> deleted,
                                List<RenameInfo> renamed, int fileCount, long totalSize) {
    public boolean isClean() {
        return added.isEmpty() && modified.isEmpty() && deleted.isEmpty() && renamed.isEmpty();
    }

    public int changeCount() {
        return added.size() + modified.size() + deleted.size() + renamed.size();
    }
}
