package io.kamaros.engine.history.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.format.Json;
import io.kamaros.engine.history.Operation;
import io.kamaros.engine.model.RemotePruneResult;
import io.kamaros.engine.objects.ObjectCipher;
import io.kamaros.engine.objects.pack.PackFormat;
import io.kamaros.engine.remote.ObjectInfo;
import io.kamaros.engine.remote.RemoteStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Remote pruning: deletes packs whose every object is also held by another pack that stays, in two phases with a
 * safety delay (docs/storage-format.md, "Remotes"), so that no concurrent push or prune can lose an object.
 *
 * <p>Phase 1 (any run) writes a never-overwritten mark {@code prune/<time>-<sha256>.json} naming the redundant
 * packs. Phase 2 (a later run, once the mark is older than the delay) deletes a marked pack only when it is still
 * redundant then — each of its objects is in a listed pack with an intact index that no mark names — and no push
 * record made since the mark names it; then the mark itself is deleted. Objects are never freed, only duplicate
 * copies: the remote's records keep every version ever pushed (a local forget does not reach them), so every
 * object some version needs stays in some pack.
 */
final class RemotePrune {
    static final String MARKS = "prune/";
    /**
     * Notes {@code pruned/<time>-<sha256>.json} naming the packs a phase 2 deleted, written before it deletes them:
     * a push record keeps naming a pack it uploaded, and verify must tell one a prune deleted (its objects are in a
     * pack that stays) from one that was lost.
     */
    static final String PRUNED = "pruned/";

    private final RemoteStore remote;
    private final HistorySync.SyncState state;
    private final @Nullable ObjectCipher cipher;
    private final Operation op;
    private final String remoteName;

    RemotePrune(RemoteStore remote, HistorySync.SyncState state, @Nullable ObjectCipher cipher, Operation op,
                String remoteName) {
        this.remote = remote;
        this.state = state;
        this.cipher = cipher;
        this.op = op;
        this.remoteName = remoteName;
    }

    /** A mark as read back: its name, when it was made, the packs it names. */
    private record Mark(String name, Instant time, List<String> packs) {
    }

    RemotePruneResult run(Duration delay, boolean dryRun, Clock clock) throws IOException {
        Instant now = clock.instant();
        op.progress("checking", 0, 0, 0, 0, 0, null);
        List<ObjectInfo> listing = remote.list(HistorySync.PACKS);
        Map<String, Long> sizes = new HashMap<>(); // pack → bytes of the pack and its index
        for (ObjectInfo o : listing) {
            String file = o.name().substring(HistorySync.PACKS.length());
            String pack = file.substring(0, file.lastIndexOf('.'));
            sizes.merge(pack, o.size(), Long::sum);
        }
        Map<String, List<String>> indexes = new HashMap<>(state.refreshIndexes(remote, listing));
        List<Mark> marks = readMarks();

        // ---- phase 2: marks older than the delay
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        Instant nextDeletion = null;
        long freed = 0;
        Set<String> markedByAny = new HashSet<>();
        marks.forEach(m -> markedByAny.addAll(m.packs()));
        List<Mark> due = new ArrayList<>();
        for (Mark m : marks) {
            Instant ripe = m.time().plus(delay);
            if (!ripe.isAfter(now)) {
                due.add(m);
            } else {
                waiting.addAll(m.packs());
                nextDeletion = nextDeletion == null || ripe.isBefore(nextDeletion) ? ripe : nextDeletion;
            }
        }
        Map<String, Instant> namedByPush = due.isEmpty() ? Map.of()
                : packsNamedByRecordsSince(due.get(0).time());
        for (Mark m : due) {
            List<String> going = new ArrayList<>();
            for (String pack : m.packs()) {
                op.checkpoint();
                List<String> objects = indexes.get(pack);
                if (!sizes.containsKey(pack)) {
                    continue; // already gone (another prune got there first)
                }
                Instant pushed = namedByPush.get(pack);
                if (objects == null || pushed != null && !pushed.isBefore(m.time())
                        || !heldElsewhere(pack, objects, indexes, markedByAny)) {
                    kept.add(pack);
                    continue;
                }
                indexes.remove(pack);
                going.add(pack);
                freed += sizes.remove(pack);
            }
            if (!dryRun) {
                if (!going.isEmpty()) {
                    writeList(PRUNED, now, going); // before they go: see PRUNED
                }
                for (String pack : going) {
                    // the pack first: a crash between leaves an index without pack, which nobody counts
                    remote.delete(HistorySync.PACKS + pack + PackFormat.PACK_SUFFIX);
                    remote.delete(HistorySync.PACKS + pack + PackFormat.INDEX_SUFFIX);
                }
                remote.delete(m.name());
            }
            deleted.addAll(going);
        }
        if (!dryRun) {
            state.indexes.keySet().removeAll(deleted);
        }

        // ---- phase 1: mark what is redundant now among the packs no mark names
        Set<String> stillMarked = new HashSet<>(waiting);
        List<String> marked = redundant(indexes, stillMarked);
        if (!marked.isEmpty() && !dryRun) {
            writeList(MARKS, now, marked);
        }
        if (!marked.isEmpty() && (nextDeletion == null || now.plus(delay).isBefore(nextDeletion))) {
            nextDeletion = now.plus(delay);
        }
        op.progress("done", 100, deleted.size(), deleted.size(), freed, freed, null);
        return new RemotePruneResult(remoteName, dryRun, marked, deleted, kept, waiting, freed, nextDeletion);
    }

    /** Whether every object of {@code pack} is in another pack with an intact index that no mark names. */
    private static boolean heldElsewhere(String pack, List<String> objects, Map<String, List<String>> indexes,
                                         Set<String> marked) {
        Set<String> elsewhere = new HashSet<>();
        indexes.forEach((other, ids) -> {
            if (!other.equals(pack) && !marked.contains(other)) {
                elsewhere.addAll(ids);
            }
        });
        return elsewhere.containsAll(objects);
    }

    /**
     * Packs whose every object another pack keeps. Greedy: packs are kept largest first (by objects, then name,
     * so two prunes looking at the same listing choose the same); a pack adding no object not kept already is
     * redundant. Packs a mark names are neither kept nor chosen: they may go.
     */
    static List<String> redundant(Map<String, List<String>> indexes, Set<String> marked) {
        List<Map.Entry<String, List<String>>> order = new ArrayList<>(indexes.entrySet());
        order.removeIf(e -> marked.contains(e.getKey()));
        order.sort(Comparator.comparingInt((Map.Entry<String, List<String>> e) -> -e.getValue().size())
                .thenComparing(Map.Entry::getKey));
        Set<String> covered = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : order) {
            String pack = e.getKey();
            List<String> ids = e.getValue();
            if (!ids.isEmpty() && covered.containsAll(ids)) {
                out.add(pack);
            } else {
                covered.addAll(ids);
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private List<Mark> readMarks() throws IOException {
        List<Mark> out = new ArrayList<>();
        for (ObjectInfo o : remote.list(MARKS)) {
            Instant time = PushRecord.timeInName(o.name());
            Optional<byte[]> bytes = remote.get(o.name());
            if (time == null || bytes.isEmpty()) {
                continue; // not a mark, or deleted by a prune running beside this one
            }
            if (!o.name().endsWith("-" + PushRecord.sha256Hex(bytes.get()) + ".json")) {
                throw PushRecord.damaged(o.name(), remote.describe(), "its bytes do not match the checksum in its name"
                        + " (no pack is deleted while a mark cannot be read)", null);
            }
            JsonNode root = Json.mapper().readTree(bytes.get());
            List<String> packs = new ArrayList<>();
            root.path("packs").forEach(n -> packs.add(n.asText()));
            out.add(new Mark(o.name(), time, packs));
        }
        out.sort(Comparator.comparing(Mark::time));
        return out;
    }

    /** Pack → the time of the newest push record made at or after {@code since} that names it. */
    private Map<String, Instant> packsNamedByRecordsSince(Instant since) {
        Map<String, Instant> out = new HashMap<>();
        for (ObjectInfo o : remote.list(PushRecord.PREFIX)) {
            Instant time = PushRecord.timeInName(o.name());
            if (!PushRecord.isRecordName(o.name()) || time == null || time.isBefore(since)) {
                continue;
            }
            op.checkpoint();
            Optional<byte[]> bytes = remote.get(o.name());
            if (bytes.isPresent()) {
                for (String pack : PushRecord.decode(o.name(), bytes.get(), cipher, remote.describe()).packs()) {
                    out.merge(pack, time, (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        return out;
    }

    /** The packs the notes under {@link #PRUNED} name: deleted by a prune, their objects in packs that stayed. */
    static Set<String> prunedPacks(RemoteStore remote) throws IOException {
        Set<String> out = new HashSet<>();
        for (ObjectInfo o : remote.list(PRUNED)) {
            Optional<byte[]> bytes = remote.get(o.name());
            if (bytes.isPresent() && o.name().endsWith("-" + PushRecord.sha256Hex(bytes.get()) + ".json")) {
                Json.mapper().readTree(bytes.get()).path("packs").forEach(n -> out.add(n.asText()));
            } // a note that is not intact names nothing: the packs a record names are then reported missing
        }
        return out;
    }

    /** A mark ({@link #MARKS}) or a note of deleted packs ({@link #PRUNED}): created once, never overwritten. */
    private void writeList(String folder, Instant now, List<String> packs) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("format", 1);
        root.put("time", Json.formatTime(now));
        root.put("writer", UUID.randomUUID().toString()); // two prunes in the same millisecond: two names
        packs.forEach(root.putArray("packs")::add);
        byte[] bytes = root.toString().getBytes(StandardCharsets.UTF_8);
        remote.putIfAbsent(folder + PushRecord.stamp(now) + "-" + PushRecord.sha256Hex(bytes) + ".json", bytes);
    }
}
