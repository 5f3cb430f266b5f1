package io.kamaros.engine.model;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One checkpoint. {@code fileStates} is the complete file set of the version (deleted files are
 * absent); it is built on first access, so listing a long history stays cheap.
 *
 * @param parentId null for the first version
 * @param tags     tag names pointing at this version
 * @param changes  counts of what changed against the parent
 * @param autoSaved true for the automatic checkpoint a restore makes to keep uncommitted work
 * @param emptyFolders the version's empty folders, sorted (only innermost ones: {@code a/b} stands
 *                  for {@code a} as well); a folder holding files is implied by them
 * @param automatic true for a version autosave made (the folder was watched and its changes had
 *                  settled; {@link CheckpointOptions#automatic()}), false for one a person saved
 * @param forgottenBefore versions forgotten between this one and its parent (the timeline's gap marker), or null
 */
public record Version(String id, @Nullable String parentId, Instant timestamp, String message, String author, @Nullable String email,
                      List<String> tags, Map<String, FileState> fileStates, ChangeSummary changes, boolean autoSaved,
                      List<String> emptyFolders, boolean automatic,
                      @Nullable ForgottenVersions forgottenBefore) {
    public Version {
        tags = tags == null ? List.of() : List.copyOf(tags);
        // a read-only view, not a copy: the engine passes a map built on first access
        fileStates = fileStates == null ? Map.of() : Collections.unmodifiableMap(fileStates);
        emptyFolders = emptyFolders == null ? List.of() : List.copyOf(emptyFolders);
    }

    /** A version a person saved (or a restore: {@code autoSaved}), not autosave, with no gap before it. */
    public Version(String id, @Nullable String parentId, Instant timestamp, String message, String author, @Nullable String email,
                   List<String> tags, Map<String, FileState> fileStates, ChangeSummary changes, boolean autoSaved,
                   List<String> emptyFolders) {
        this(id, parentId, timestamp, message, author, email, tags, fileStates, changes, autoSaved, emptyFolders, false, null);
    }

    /** A version without empty folders. */
    public Version(String id, @Nullable String parentId, Instant timestamp, String message, String author, @Nullable String email,
                   List<String> tags, Map<String, FileState> fileStates, ChangeSummary changes, boolean autoSaved) {
        this(id, parentId, timestamp, message, author, email, tags, fileStates, changes, autoSaved, List.of(), false, null);
    }

    /** The first 8 characters of the id, as shown to people. */
    public String shortId() {
        return id.length() <= 8 ? id : id.substring(0, 8);
    }
}
