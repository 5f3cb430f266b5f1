package io.kamaros.engine.history.sync;

import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.history.Operation;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.objects.ObjectCipher;
import io.kamaros.engine.project.ContentStore;
import io.kamaros.engine.remote.ObjectInfo;
import io.kamaros.engine.remote.RemoteStore;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The history every push record of a remote holds together, once their forgets apply (docs/storage-format.md,
 * "Forgotten versions on a remote"): a version any record forgets is absent, whatever record lists it, and a
 * version's line is the newest record's (a forget rewrites the lines of the kept versions it re-parents). What
 * remote pruning keeps, and what verify checks.
 *
 * @param kept      the versions that stay, by id, with their lines
 * @param forgotten the ids some record forgets
 */
record RemoteHistory(Map<String, VersionRecord> kept, Set<String> forgotten) {

    /** Reads every push record of {@code remote} (each checked against its name; a damaged one is thrown). */
    static RemoteHistory read(RemoteStore remote, @Nullable ObjectCipher cipher, Operation op) {
        SortedMap<String, PushRecord> records = new TreeMap<>();
        for (ObjectInfo o : remote.list(PushRecord.PREFIX)) {
            if (!PushRecord.isRecordName(o.name())) {
                continue;
            }
            op.checkpoint();
            Optional<byte[]> bytes = remote.get(o.name());
            if (bytes.isPresent()) {
                records.put(o.name(), PushRecord.decode(o.name(), bytes.get(), cipher, remote.describe()));
            }
        }
        return of(records);
    }

    /** The history of these records, taken in name order (their time first): later lines replace earlier ones. */
    static RemoteHistory of(SortedMap<String, PushRecord> records) {
        Map<String, VersionRecord> lines = new LinkedHashMap<>();
        Set<String> forgotten = new HashSet<>();
        for (PushRecord r : records.values()) {
            r.versions().forEach(v -> lines.putIfAbsent(v.id(), v)); // a version pushed twice at once: one line
            forgotten.addAll(r.forgotten());
        }
        for (PushRecord r : records.values()) {
            r.rewritten().forEach(v -> lines.put(v.id(), v));
        }
        lines.keySet().removeAll(forgotten);
        return new RemoteHistory(lines, forgotten);
    }

    /**
     * Kept versions whose parent is not kept, with that parent: two machines forgot neighbouring versions at the same
     * moment, and neither rewrote the other's child yet (the next push of a machine that has both forgets does).
     */
    Map<String, String> withoutParent() {
        Map<String, String> out = new TreeMap<>(); // version → the parent it names
        kept.values().forEach(v -> {
            String parent = v.parentId();
            if (parent != null && !kept.containsKey(parent)) {
                out.put(v.id(), parent);
            }
        });
        return out;
    }

    /** Content hashes the kept versions have, with the plain size of each (a recipe only above a threshold). */
    Map<String, Long> contents() {
        Map<String, Long> out = new TreeMap<>();
        for (VersionRecord v : kept.values()) {
            for (FileState s : v.changes()) {
                if (!s.deleted() && s.hash() != null) {
                    out.merge(s.hash(), s.size(), Math::max);
                }
            }
        }
        return out;
    }

    /** The pack ids of the reverse patches the kept versions name, and of their second copies. */
    Set<String> patches() {
        Set<String> out = new HashSet<>();
        for (VersionRecord v : kept.values()) {
            for (FileState s : v.changes()) {
                String ref = s.contentRef();
                if (ref != null && ref.startsWith(ContentStore.DELTAS)) {
                    String id = ref.substring(".store/".length());
                    out.add(id);
                    out.add(id + ContentStore.COPY);
                }
            }
        }
        return out;
    }
}
