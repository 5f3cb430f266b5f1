package io.kamaros.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One checkpoint. {@code fileStates} is the complete file set of the version (deleted files are
 * absent); it is built on first access, so listing a long history stays cheap.
 *
 * @param parentId null for the first version
 * @param tags     tag names pointing at this version
 * @param changes  counts of what changed against the parent
 * @param autoSaved true for the automatic checkpoint a restore makes to keep uncommitted work
 */
public record Version(String id, String parentId, Instant timestamp, String message, String author, String email,
                      List<String> tags, Map<String, FileState> fileStates, ChangeSummary changes, boolean autoSaved) {

    /** The first 8 characters of the id, as shown to people. */
    public String shortId() {
        return id.length() <= 8 ? id : id.substring(0, 8);
    }
}
