package io.kamaros.engine.project;

import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.format.VersionRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * All versions of a project, in the order they were made, linked by parent ids (a graph: restoring
 * an old version and saving again makes a branch). A version's complete file set is rebuilt from
 * the change records along its ancestry; recently used file sets are cached, so HEAD and the
 * versions a person is looking at cost nothing.
 */
public final class VersionGraph {
    private static final int STATE_CACHE_SIZE = 24;

    private final List<VersionRecord> records = new ArrayList<>();
    private final Map<String, VersionRecord> byId = new HashMap<>();
    private final Map<String, Map<String, FileState>> stateCache = Collections.synchronizedMap(
            new LinkedHashMap<>(32, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<String, FileState>> eldest) {
                    return size() > STATE_CACHE_SIZE;
                }
            });

    /**
     * Empty-folder sets by version, kept for every version once computed: a version that changes no
     * folder shares its parent's set (one map entry), so listing a long history newest first costs
     * one replay, not one per version.
     */
    private final Map<String, SortedSet<String>> folderSets = new ConcurrentHashMap<>();
    /** Whether any version records an empty folder (most projects: none, and every set is empty). */
    private volatile boolean anyFolders;

    public VersionGraph(List<VersionRecord> initial) {
        for (VersionRecord r : initial) {
            add(r);
        }
    }

    public void add(VersionRecord record) {
        records.add(record);
        byId.put(record.id(), record);
        anyFolders |= record.changesFolders();
    }

    public @Nullable VersionRecord get(String id) {
        return byId.get(id);
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** Versions in the order they were made (oldest first). */
    public List<VersionRecord> all() {
        return Collections.unmodifiableList(records);
    }

    public int size() {
        return records.size();
    }


    /**
     * The complete file set of a version: path → state, with {@code changeType} cleared (the
     * entries say what the files are, not what happened to them). The map is shared: do not modify.
     */
    public Map<String, FileState> stateOf(@Nullable String versionId) {
        if (versionId == null) {
            return Map.of();
        }
        Map<String, FileState> cached = stateCache.get(versionId);
        if (cached != null) {
            return cached;
        }
        // Walk up to the nearest cached ancestor (or the root), then replay the changes downwards.
        Deque<VersionRecord> path = new ArrayDeque<>();
        Map<String, FileState> base = null;
        VersionRecord r = byId.get(versionId);
        int guard = 0;
        while (r != null) {
            Map<String, FileState> c = stateCache.get(r.id());
            if (c != null && !path.isEmpty()) {
                base = c;
                break;
            }
            path.push(r);
            r = r.parentId() == null ? null : byId.get(r.parentId());
            if (++guard > records.size()) {
                throw new IllegalStateException("cycle in the version graph at " + versionId);
            }
        }
        Map<String, FileState> state = base == null ? new TreeMap<>() : new TreeMap<>(base);
        while (!path.isEmpty()) {
            apply(state, path.pop());
        }
        Map<String, FileState> result = Collections.unmodifiableMap(state);
        stateCache.put(versionId, result);
        return result;
    }

    /**
     * The empty folders of a version (sorted; only leaf folders: see {@link VersionRecord}), rebuilt
     * from the folder changes along its ancestry. The set is shared: do not modify.
     */
    public SortedSet<String> emptyFoldersOf(@Nullable String versionId) {
        if (versionId == null || !anyFolders) {
            return Collections.emptySortedSet();
        }
        SortedSet<String> cached = folderSets.get(versionId);
        if (cached != null) {
            return cached;
        }
        Deque<VersionRecord> path = new ArrayDeque<>();
        SortedSet<String> set = Collections.emptySortedSet();
        VersionRecord r = byId.get(versionId);
        while (r != null) {
            SortedSet<String> c = folderSets.get(r.id());
            if (c != null) {
                set = c;
                break;
            }
            path.push(r);
            r = r.parentId() == null ? null : byId.get(r.parentId());
            if (path.size() > records.size()) {
                throw new IllegalStateException("cycle in the version graph at " + versionId);
            }
        }
        while (!path.isEmpty()) {
            VersionRecord v = path.pop();
            if (v.changesFolders()) {
                TreeSet<String> next = new TreeSet<>(set);
                v.foldersRemoved().forEach(next::remove);
                next.addAll(v.foldersAdded());
                set = Collections.unmodifiableSortedSet(next);
            }
            folderSets.put(v.id(), set);
        }
        return set;
    }

    /** Applies one version's changes to its parent's file set. */
    public static void apply(Map<String, FileState> state, VersionRecord record) {
        // Removals first: a path can be deleted and re-used by another file in the same version.
        for (FileState change : record.changes()) {
            if (change.changeType() == ChangeType.DELETED) {
                state.remove(change.path());
            } else if (change.changeType() == ChangeType.RENAMED && change.previousPath() != null) {
                state.remove(change.previousPath());
            }
        }
        for (FileState change : record.changes()) {
            if (change.changeType() != ChangeType.DELETED) {
                state.put(change.path(), change.unchanged());
            }
        }
    }

    /** The version's file set with its own changes marked (what {@code Version.fileStates()} shows). */
    public Map<String, FileState> publicStateOf(String versionId) {
        VersionRecord record = byId.get(versionId);
        Map<String, FileState> state = new TreeMap<>(stateOf(versionId));
        if (record != null) {
            for (FileState change : record.changes()) {
                if (change.changeType() != ChangeType.DELETED) {
                    state.put(change.path(), change);
                }
            }
        }
        return Collections.unmodifiableMap(state);
    }

    /** Ids from the version up to the root (the version first). */
    public List<String> ancestry(String versionId) {
        List<String> out = new ArrayList<>();
        VersionRecord r = byId.get(versionId);
        while (r != null && out.size() <= records.size()) {
            out.add(r.id());
            r = r.parentId() == null ? null : byId.get(r.parentId());
        }
        return out;
    }

}
