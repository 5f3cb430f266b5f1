package io.kamaros.engine.format;

import io.kamaros.engine.model.ChangeSummary;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.ForgottenVersions;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One version as the journal keeps it: its metadata and only the files that changed against the
 * parent (added, modified, renamed, and deleted entries). The full file set of a version is the
 * parent's with these changes applied.
 *
 * <p>Empty folders are kept the same way, as a change against the parent: {@code foldersAdded} are
 * the empty folders this version has and its parent had not, {@code foldersRemoved} the parent's
 * that it has no more (deleted, or holding files now: files imply their folders). A delta rather
 * than the full set, like the files: a line stays as small as what changed, and the set at any
 * version is replayed along its ancestry exactly as its files are ({@code VersionGraph}). Only
 * "leaf" folders are listed (no files and no sub-folders), so {@code a/b} stands for {@code a} too.
 * Records read from lines written before empty folders were kept have both lists empty.
 *
 * <p>{@code automatic}: saved by autosave (the folder was watched and its changes had settled), not by
 * a person; lines written before autosave existed read as false.
 *
 * <p>{@code forgotten} (null for most versions) says that versions between this one and its parent
 * were forgotten: the gap marker of the timeline.
 */
public record VersionRecord(String id, @Nullable String parentId, Instant timestamp, String message, String author,
                            @Nullable String email,
                            List<String> tags, boolean autoSaved, List<FileState> changes,
                            List<String> foldersAdded, List<String> foldersRemoved, boolean automatic,
                            @Nullable ForgottenVersions forgotten) {

    public VersionRecord {
        foldersAdded = foldersAdded == null ? List.of() : List.copyOf(foldersAdded);
        foldersRemoved = foldersRemoved == null ? List.of() : List.copyOf(foldersRemoved);
    }

    /** A version saved by a person (or by a restore: {@code autoSaved}), not by autosave, with no gap before it. */
    public VersionRecord(String id, @Nullable String parentId, Instant timestamp, String message, String author,
                         @Nullable String email, List<String> tags, boolean autoSaved, List<FileState> changes,
                         List<String> foldersAdded, List<String> foldersRemoved) {
        this(id, parentId, timestamp, message, author, email, tags, autoSaved, changes, foldersAdded, foldersRemoved,
                false, null);
    }

    /** A version with no forgotten versions before it: saved by autosave or not. */
    public VersionRecord(String id, @Nullable String parentId, Instant timestamp, String message, String author,
                         @Nullable String email, List<String> tags, boolean autoSaved, List<FileState> changes,
                         List<String> foldersAdded, List<String> foldersRemoved, boolean automatic) {
        this(id, parentId, timestamp, message, author, email, tags, autoSaved, changes, foldersAdded, foldersRemoved,
                automatic, null);
    }

    /** A version saved by a person, with the gap before it. */
    public VersionRecord(String id, @Nullable String parentId, Instant timestamp, String message, String author,
                         @Nullable String email, List<String> tags, boolean autoSaved, List<FileState> changes,
                         List<String> foldersAdded, List<String> foldersRemoved, @Nullable ForgottenVersions forgotten) {
        this(id, parentId, timestamp, message, author, email, tags, autoSaved, changes, foldersAdded, foldersRemoved,
                false, forgotten);
    }

    /** A version that changes no empty folder. */
    public VersionRecord(String id, @Nullable String parentId, Instant timestamp, String message, String author,
                         @Nullable String email,
                         List<String> tags, boolean autoSaved, List<FileState> changes) {
        this(id, parentId, timestamp, message, author, email, tags, autoSaved, changes, List.of(), List.of(), false,
                null);
    }

    /** This version re-parented past forgotten versions: new parent, changes against it, the gap it now follows. */
    public VersionRecord reparented(@Nullable String newParent, List<FileState> newChanges, List<String> added,
                                    List<String> removed, @Nullable ForgottenVersions gap) {
        return new VersionRecord(id, newParent, timestamp, message, author, email, tags, autoSaved, newChanges, added,
                removed, automatic, gap);
    }

    /** True when the version adds or removes an empty folder. */
    public boolean changesFolders() {
        return !foldersAdded.isEmpty() || !foldersRemoved.isEmpty();
    }

    public ChangeSummary summary() {
        int a = 0;
        int m = 0;
        int d = 0;
        int r = 0;
        for (FileState s : changes) {
            if (s.changeType() == null) {
                continue;
            }
            switch (s.changeType()) {
                case ADDED -> a++;
                case MODIFIED -> m++;
                case DELETED -> d++;
                case RENAMED -> r++;
            }
        }
        return new ChangeSummary(a, m, d, r);
    }

}
