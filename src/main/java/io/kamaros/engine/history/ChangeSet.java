package io.kamaros.engine.history;

import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.project.ManifestDoc;
import io.kamaros.engine.model.PathRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What differs between HEAD and the working copy, as the file entries a new version records.
 * Renames are found two ways (spec §3.7): a file moved through the API keeps its identity (inode)
 * in the ledger; a file moved by another program is paired by equal content — preferring the same
 * name, then the same folder, and pairing nothing when it stays ambiguous.
 */
public final class ChangeSet {
    private ChangeSet() {
    }

    /** The changes, sorted by path; contentRef is left for the checkpoint to fill in. */
    public static List<FileState> compute(Map<String, FileState> head, Map<String, ChangeScanner.WorkingFile> working,
                                          Map<String, ManifestDoc.FileEntry> ledger) {
        Map<String, FileState> deleted = new LinkedHashMap<>();
        Map<String, ChangeScanner.WorkingFile> added = new LinkedHashMap<>();
        Map<String, String> addedInode = new HashMap<>();
        List<FileState> out = new ArrayList<>();

        for (Map.Entry<String, FileState> e : head.entrySet()) {
            if (!working.containsKey(e.getKey())) {
                deleted.put(e.getKey(), e.getValue());
            }
        }
        Set<String> headInodes = new HashSet<>();
        head.values().forEach(s -> headInodes.add(s.inodeId()));
        for (ChangeScanner.WorkingFile wf : working.values()) {
            FileState before = head.get(wf.path());
            ManifestDoc.FileEntry entry = ledger.get(wf.path());
            String inode = entry == null ? null : entry.inodeId();
            // The path keeps its identity unless another saved file was moved over it: a new,
            // never-saved file taking the place of a saved one is just new content for that path.
            if (before != null && (inode == null || inode.equals(before.inodeId()) || !headInodes.contains(inode))) {
                if (!before.hash().equals(wf.hash())) {
                    out.add(new FileState(before.inodeId(), wf.path(), wf.hash(), wf.size(), wf.type(), null,
                            ChangeType.MODIFIED, null, before.hash()));
                }
                continue;
            }
            if (before != null) {
                deleted.put(wf.path(), before); // replaced by another file (a move over it)
            }
            added.put(wf.path(), wf);
            if (inode != null) {
                addedInode.put(wf.path(), inode);
            }
        }

        // (a) identity kept by moveFile
        Map<String, String> deletedByInode = new HashMap<>();
        deleted.forEach((path, s) -> deletedByInode.put(s.inodeId(), path));
        for (String path : new ArrayList<>(added.keySet())) {
            String inode = addedInode.get(path);
            String from = inode == null ? null : deletedByInode.get(inode);
            if (from != null && deleted.containsKey(from) && !from.equals(path)) {
                out.add(renamed(take(deleted, from), take(added, path)));
            }
        }
        // (b) equal content, for moves made outside the API
        Map<String, List<String>> addedByHash = new HashMap<>();
        added.forEach((path, wf) -> addedByHash.computeIfAbsent(wf.hash(), k -> new ArrayList<>()).add(path));
        for (String from : new ArrayList<>(deleted.keySet())) {
            FileState old = Objects.requireNonNull(deleted.get(from), "only the current path leaves deleted");
            List<String> candidates = new ArrayList<>(addedByHash.getOrDefault(old.hash(), List.of()));
            candidates.removeIf(c -> !added.containsKey(c) || addedInode.containsKey(c) || working.containsKey(from));
            String to = pick(from, candidates, deleted, head);
            if (to != null) {
                out.add(renamed(take(deleted, from), take(added, to)));
            }
        }
        Set<String> keptInodes = new HashSet<>();
        head.values().forEach(s -> {
            if (working.containsKey(s.path()) && !deleted.containsKey(s.path())) {
                keptInodes.add(s.inodeId());
            }
        });
        for (ChangeScanner.WorkingFile wf : added.values()) {
            String inode = addedInode.get(wf.path());
            if (inode == null || keptInodes.contains(inode)) {
                inode = UUID.randomUUID().toString(); // new, or the ledger's identity still belongs to a kept file
            }
            out.add(new FileState(inode, wf.path(), wf.hash(), wf.size(), wf.type(), null, ChangeType.ADDED, null, null));
        }
        for (FileState old : deleted.values()) {
            out.add(new FileState(old.inodeId(), old.path(), old.hash(), old.size(), old.type(), null,
                    ChangeType.DELETED, null, null));
        }
        // By path; for a replaced path the deletion comes before the addition (replay order).
        out.sort(Comparator.comparing(FileState::path)
                .thenComparing(c -> c.changeType() == ChangeType.DELETED ? 0 : 1));
        return out;
    }

    private static FileState renamed(FileState old, ChangeScanner.WorkingFile wf) {
        boolean changed = !old.hash().equals(wf.hash());
        return new FileState(old.inodeId(), wf.path(), wf.hash(), wf.size(), wf.type(), null, ChangeType.RENAMED,
                old.path(), changed ? old.hash() : null);
    }

    /** One unambiguous target: the only candidate, else the only one with the same name, else in the same folder. */
    private static @Nullable String pick(String from, List<String> candidates, Map<String, FileState> deleted,
                               Map<String, FileState> head) {
        if (candidates.isEmpty()) {
            return null;
        }
        // Another deleted file with the same content competes for the same targets: only unique pairs.
        String hash = Objects.requireNonNull(head.get(from), "deleted paths are head's").hash();
        long competitors = deleted.values().stream().filter(s -> s.hash().equals(hash)).count();
        if (candidates.size() == 1 && competitors == 1) {
            return candidates.get(0);
        }
        List<String> sameName = candidates.stream()
                .filter(c -> PathRules.nameOf(c).equals(PathRules.nameOf(from))).toList();
        if (sameName.size() == 1) {
            return sameName.get(0);
        }
        List<String> sameFolder = candidates.stream()
                .filter(c -> PathRules.parentOf(c).equals(PathRules.parentOf(from))).toList();
        if (sameFolder.size() == 1) {
            return sameFolder.get(0);
        }
        return null;
    }

    /** Removes an entry the caller knows is there. */
    private static <V> V take(Map<String, V> map, String key) {
        return Objects.requireNonNull(map.remove(key), key);
    }

    static Map<String, FileState> byPath(List<FileState> states) {
        Map<String, FileState> m = new TreeMap<>();
        states.forEach(s -> m.put(s.path(), s));
        return m;
    }
}
