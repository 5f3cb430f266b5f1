package io.kamaros.engine.history.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.format.Json;
import io.kamaros.engine.history.Operation;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.model.RemotePruneResult;
import io.kamaros.engine.objects.ObjectCipher;
import io.kamaros.engine.objects.pack.PackFormat;
import io.kamaros.engine.objects.pack.PackName;
import io.kamaros.engine.objects.pack.PackIndex;
import io.kamaros.engine.objects.pack.PackReader;
import io.kamaros.engine.objects.pack.PackWriter;
import io.kamaros.engine.remote.ObjectInfo;
import io.kamaros.engine.remote.RemoteStore;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.FolderTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Remote pruning: deletes packs whose every needed object is also held by another pack that stays, and rewrites packs
 * that hold objects no kept version needs any more (a forgotten version's, docs/storage-format.md: "Forgotten
 * versions on a remote"), in two phases with a safety delay, so that no concurrent push or prune can lose an object.
 *
 * <p>Phase 1 (any run) finds what the kept versions of every record need ({@link RemoteHistory}: forgotten versions
 * left out), uploads a new pack with the needed objects of each pack that also holds garbage, and then writes a
 * never-overwritten mark {@code prune/<time>-<sha256>.json} naming the packs that may go: the rewritten ones, those
 * whose needed objects other packs hold, those holding only garbage. Phase 2 (a later run, once the mark is older than
 * the delay) deletes a marked pack only when each object it holds that is needed then (by the records listed then,
 * pushes made since included) is in a listed pack with an intact index that no mark names, and no push record made
 * since the mark names it; then the mark itself is deleted. A push takes what only marked packs hold for absent
 * and sends it again ({@link #markedPacks}), so a push that starts after a mark never depends on a marked pack, and
 * one that started before it ended before the delay did (the delay exceeds the longest push).
 */
final class RemotePrune {
    static final String MARKS = "prune/";
    private static final int DOWNLOAD_SLICE = 8 << 20;
    /** A chunk recipe this long would list chunks of a file far larger than any stored: a longer entry is none. */
    private static final long MAX_RECIPE = 16L << 20;

    private final RemoteStore remote;
    private final HistorySync.SyncState state;
    private final @Nullable ObjectCipher cipher;
    private final Operation op;
    private final String remoteName;
    private final long packBytes;
    /** The listed packs' lengths (without their indexes), from this run's listing. */
    private final Map<String, Long> packLengths = new HashMap<>();
    /** Full indexes (offsets, lengths) of remote packs read in this run. */
    private final Map<String, PackIndex> fullIndexes = new HashMap<>();

    RemotePrune(RemoteStore remote, HistorySync.SyncState state, @Nullable ObjectCipher cipher, Operation op,
                String remoteName, long packBytes) {
        this.remote = remote;
        this.state = state;
        this.cipher = cipher;
        this.op = op;
        this.remoteName = remoteName;
        this.packBytes = packBytes;
    }

    /** A mark as read back: its name, when it was made, the packs it names. */
    private record Mark(String name, Instant time, List<String> packs) {
    }

    /** What phase 1 does: packs to mark as they are, and packs to rewrite with the objects to copy out of each. */
    record Plan(List<String> drop, Map<String, List<String>> rewrite) {
    }

    RemotePruneResult run(Duration delay, boolean dryRun, Clock clock) throws IOException {
        Instant now = clock.instant();
        op.progress("checking", 0, 0, 0, 0, 0, null);
        List<ObjectInfo> listing = remote.list(HistorySync.PACKS);
        Map<String, Long> sizes = new HashMap<>(); // pack → bytes of the pack and its index
        Set<String> indexFiles = new HashSet<>();
        for (ObjectInfo o : listing) {
            String file = o.name().substring(HistorySync.PACKS.length());
            String pack = file.substring(0, file.lastIndexOf('.'));
            sizes.merge(pack, o.size(), Long::sum);
            if (file.endsWith(PackFormat.PACK_SUFFIX)) {
                packLengths.put(pack, o.size());
            } else if (file.endsWith(PackFormat.INDEX_SUFFIX)) {
                indexFiles.add(pack);
            }
        }
        Map<String, List<String>> indexes = new HashMap<>(state.refreshIndexes(remote, listing));
        // Halves: what an upload or a delete killed between a pack and its index left (content names only).
        // No reader counts them: a push uploads the index before its record names the pack.
        for (String pack : new TreeSet<>(packLengths.keySet())) {
            if (!indexFiles.contains(pack) && pack.matches("[0-9a-f]{64}") && !dryRun) {
                indexes.put(pack, completeIndex(pack)); // a whole pack again: the rules below apply to it
            }
        }
        Set<String> loneIndexes = new TreeSet<>(indexFiles);
        loneIndexes.removeIf(pack -> packLengths.containsKey(pack) || !pack.matches("[0-9a-f]{64}"));
        List<Mark> marks = readMarks(remote, remote.list(MARKS), false);
        @Nullable Set<String> needed = neededObjects(indexes);

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
                boolean namedSince = pushed != null && !pushed.isBefore(m.time());
                if (objects == null ? namedSince || !loneIndexes.contains(pack)
                        : namedSince || !heldElsewhere(pack, neededOf(objects, needed), indexes, markedByAny)) {
                    kept.add(pack);
                    continue;
                }
                indexes.remove(pack);
                going.add(pack);
                freed += sizes.remove(pack);
            }
            if (!dryRun) {
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

        // ---- phase 1: among the packs no mark names, rewrite those holding garbage, mark what may go
        Set<String> stillMarked = new HashSet<>(waiting);
        Plan plan = plan(indexes, needed, stillMarked);
        List<String> marked = new ArrayList<>(plan.drop());
        marked.addAll(plan.rewrite().keySet());
        loneIndexes.stream().filter(i -> !stillMarked.contains(i) && !deleted.contains(i)).forEach(marked::add);
        marked.sort(Comparator.naturalOrder());
        long toFree = 0;
        for (String pack : marked) {
            toFree += sizes.getOrDefault(pack, 0L);
        }
        for (Map.Entry<String, List<String>> e : plan.rewrite().entrySet()) {
            toFree -= dryRun ? entryBytes(e.getKey(), e.getValue()) : rewrite(e.getKey(), e.getValue(), indexes);
        }
        if (!marked.isEmpty() && !dryRun) {
            writeMark(now, marked); // after the rewritten packs are up: a crash before it leaves copies, no loss
        }
        if (!marked.isEmpty() && (nextDeletion == null || now.plus(delay).isBefore(nextDeletion))) {
            nextDeletion = now.plus(delay);
        }
        op.progress("done", 100, deleted.size(), deleted.size(), freed, freed, null);
        return new RemotePruneResult(remoteName, dryRun, marked, deleted, kept, waiting, freed, nextDeletion,
                List.copyOf(plan.rewrite().keySet()), Math.max(0, toFree));
    }

    /** The objects of a pack that count: all of them while what is needed cannot be told. */
    private static List<String> neededOf(List<String> objects, @Nullable Set<String> needed) {
        return needed == null ? objects : objects.stream().filter(needed::contains).toList();
    }

    /**
     * The pack ids of the objects the remote's kept versions need, as local GC marks them: the blob of every content
     * they have, the chunks its recipe lists (recipes read from the packs by ranged reads, only for content big enough
     * to be chunked), and the reverse patches they name with their copies. Null — every object counts as needed —
     * when that cannot be told for sure: a kept version whose parent is gone (two forgets at the same moment), or a
     * recipe that cannot be read.
     */
    private @Nullable Set<String> neededObjects(Map<String, List<String>> indexes) {
        RemoteHistory history = RemoteHistory.read(remote, cipher, op);
        if (!history.withoutParent().isEmpty()) {
            op.emit(new JcfEvent.Warning(op.id(), Instant.now(), "Versions on " + remoteName + " have a parent no"
                    + " record keeps (two machines forgot neighbouring versions at once), so no object is freed this"
                    + " time; a push from a project that fetched both forgets mends it."));
            return null;
        }
        Map<String, String> packOf = new HashMap<>();
        indexes.forEach((pack, ids) -> ids.forEach(id -> packOf.putIfAbsent(id, pack)));
        Set<String> needed = new HashSet<>(history.patches());
        for (Map.Entry<String, Long> content : history.contents().entrySet()) {
            String blob = "blobs/" + content.getKey();
            needed.add(blob);
            String pack = packOf.get(blob);
            if (content.getValue() < BlobStore.CHUNKING_THRESHOLD || pack == null) {
                continue; // never chunked; or not on the remote as a blob (a text read through patches)
            }
            op.checkpoint();
            try {
                byte[] body = readObject(pack, blob);
                if (body != null) {
                    BlobStore.chunkHashesOf(content.getKey(), body).forEach(c -> needed.add("chunks/" + c));
                }
            } catch (RuntimeException e) {
                op.emit(new JcfEvent.Warning(op.id(), Instant.now(), "The chunk list of " + blob + " on " + remoteName
                        + " cannot be read (" + e.getMessage() + "), so no object is freed this time."));
                return null;
            }
        }
        return needed;
    }

    /**
     * An object's body read by a ranged read of its entry (checked), opened in an encrypted project; null when its
     * entry is too long to be a chunk recipe.
     */
    private byte @Nullable [] readObject(String pack, String objectId) {
        PackIndex index = fullIndex(pack);
        for (PackIndex.Entry e : index.entries()) {
            if (!e.objectId().equals(objectId)) {
                continue;
            }
            if (e.storedLength() > MAX_RECIPE) {
                return null;
            }
            byte[] entry = remote.getRange(HistorySync.PACKS + pack + PackFormat.PACK_SUFFIX, e.offset(),
                    (int) e.entryLength()).orElseThrow(() -> new IllegalStateException("the pack " + pack + " is gone"));
            byte[] data = PackReader.entryData(entry, objectId, pack, e.headerLength(), e.storedLength());
            return cipher == null ? data : cipher.open(data, objectId);
        }
        throw new IllegalStateException("the index of " + pack + " does not list " + objectId);
    }

    private PackIndex fullIndex(String pack) {
        PackIndex known = fullIndexes.get(pack);
        if (known != null) {
            return known;
        }
        byte[] bytes = remote.get(HistorySync.PACKS + pack + PackFormat.INDEX_SUFFIX)
                .orElseThrow(() -> new IllegalStateException("the index of " + pack + " is gone"));
        PackIndex index = PackIndex.decode(bytes, packLength(pack));
        if (index == null) {
            throw new IllegalStateException("the index of " + pack + " is damaged");
        }
        fullIndexes.put(pack, index);
        return index;
    }

    /** Bytes the entries of {@code objects} take in {@code pack} (what its rewritten copy will hold). */
    private long entryBytes(String pack, List<String> objects) {
        long length = 0;
        for (PackIndex.Entry e : fullIndex(pack).entries()) {
            if (objects.contains(e.objectId())) {
                length += e.entryLength();
            }
        }
        return length;
    }

    private long packLength(String pack) {
        Long length = packLengths.get(pack);
        if (length == null) {
            throw new IllegalStateException("the pack " + pack + " is not listed");
        }
        return length;
    }

    /**
     * Downloads {@code pack} (its bytes must match its name, {@link PackName}), packs {@code objects} out of it into new packs of
     * their stored bytes (each checked against its checksum; sealed ones stay sealed) and uploads them, each pack
     * before its index. Returns the bytes uploaded; the new packs join {@code indexes}.
     */
    private long rewrite(String pack, List<String> objects, Map<String, List<String>> indexes) throws IOException {
        Path folder = Files.createTempDirectory("kamaros-prune-");
        try {
            FileAdapter temp = new FileAdapter(folder);
            download(pack, temp);
            PackReader reader = PackReader.open(temp);
            FileAdapter target = new FileAdapter(Files.createDirectories(folder.resolve("new")));
            long sent = 0;
            try (PackWriter w = new PackWriter(target, packBytes)) {
                for (String id : new TreeSet<>(objects)) { // sorted: the same objects make the same pack
                    op.checkpoint();
                    w.add(id, reader.readChecked(id, pack));
                }
                for (PackWriter.SealedPack p : w.finish()) {
                    Path file = target.rootPath().resolve(p.packPath());
                    remote.putIfAbsent(HistorySync.PACKS + p.name() + PackFormat.PACK_SUFFIX, file);
                    remote.putIfAbsent(HistorySync.PACKS + p.name() + PackFormat.INDEX_SUFFIX,
                            target.rootPath().resolve(p.indexPath()));
                    List<String> ids = p.index().entries().stream().map(PackIndex.Entry::objectId).toList();
                    indexes.put(p.name(), ids);
                    state.indexes.put(p.name(), ids);
                    sent += Files.size(file);
                }
            }
            return sent;
        } finally {
            FolderTrees.deleteQuietly(folder);
        }
    }

    /**
     * Downloads {@code pack} into {@code temp}'s pack folder (its bytes must hash to its name) and writes its index
     * there, made from those bytes.
     */
    private void download(String pack, FileAdapter temp) throws IOException {
        String name = HistorySync.PACKS + pack + PackFormat.PACK_SUFFIX;
        long size = packLength(pack);
        String packPath = PackFormat.DIR + "/" + pack + PackFormat.PACK_SUFFIX;
        PackName.Check named = new PackName.Check();
        FileSystemAdapter.AtomicOutput out = temp.openWrite(packPath);
        try {
            for (long at = 0; at < size; at += DOWNLOAD_SLICE) {
                op.checkpoint();
                int length = (int) Math.min(DOWNLOAD_SLICE, size - at);
                byte[] slice = remote.getRange(name, at, length).filter(b -> b.length == length).orElseThrow(
                        () -> PushRecord.damaged(name, remote.describe(), "it is gone or shorter than listed", null));
                named.update(slice, 0, slice.length);
                out.write(slice);
            }
        } catch (IOException | RuntimeException e) {
            out.abort();
            throw e;
        }
        out.close();
        if (!named.matches(pack)) {
            throw PushRecord.damaged(name, remote.describe(), "its bytes do not match its name", null);
        }
        temp.writeFile(PackFormat.DIR + "/" + pack + PackFormat.INDEX_SUFFIX, PackReader.indexOf(temp, packPath, size));
    }

    /**
     * Gives a pack listed without its index (an upload killed between the two) the index made from its checked bytes,
     * as the push that uploaded it would have; returns its object ids. Packs are self-describing, so this is safe
     * beside a push completing the same pack: both create the index once, and either one describes the pack.
     */
    private List<String> completeIndex(String pack) throws IOException {
        Path folder = Files.createTempDirectory("kamaros-prune-");
        try {
            FileAdapter temp = new FileAdapter(folder);
            download(pack, temp);
            Path index = folder.resolve(PackFormat.DIR + "/" + pack + PackFormat.INDEX_SUFFIX);
            remote.putIfAbsent(HistorySync.PACKS + pack + PackFormat.INDEX_SUFFIX, index);
            PackIndex decoded = PackIndex.decode(Files.readAllBytes(index), packLength(pack));
            if (decoded == null) {
                throw PushRecord.damaged(HistorySync.PACKS + pack + PackFormat.PACK_SUFFIX, remote.describe(),
                        "no index can be made of its bytes", null);
            }
            List<String> ids = decoded.entries().stream().map(PackIndex.Entry::objectId).toList();
            state.indexes.put(pack, ids);
            return ids;
        } finally {
            FolderTrees.deleteQuietly(folder);
        }
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
     * What phase 1 does with the packs no mark names. Greedy: packs without garbage first (they stay as they are
     * unless redundant), then by needed objects, most first, then by name (two prunes looking at the same listing
     * choose the same). A pack adding no needed object not covered already goes whole (redundant, or garbage only);
     * a pack that holds garbage and adds needed objects is rewritten with just those. With {@code needed} null every
     * object counts as needed: only redundant packs go.
     */
    static Plan plan(Map<String, List<String>> indexes, @Nullable Set<String> needed, Set<String> marked) {
        List<Map.Entry<String, List<String>>> order = new ArrayList<>(indexes.entrySet());
        order.removeIf(e -> marked.contains(e.getKey()) || e.getValue().isEmpty());
        order.sort(Comparator.comparingInt((Map.Entry<String, List<String>> e) ->
                        neededOf(e.getValue(), needed).size() < e.getValue().size() ? 1 : 0)
                .thenComparingInt(e -> -neededOf(e.getValue(), needed).size())
                .thenComparing(Map.Entry::getKey));
        Set<String> covered = new HashSet<>();
        List<String> drop = new ArrayList<>();
        Map<String, List<String>> rewrite = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : order) {
            List<String> live = neededOf(e.getValue(), needed);
            List<String> fresh = live.stream().filter(id -> !covered.contains(id)).toList();
            if (fresh.isEmpty()) {
                drop.add(e.getKey());
            } else if (live.size() == e.getValue().size()) {
                covered.addAll(live); // no garbage: stays as it is
            } else {
                rewrite.put(e.getKey(), fresh);
                covered.addAll(fresh);
            }
        }
        drop.sort(Comparator.naturalOrder());
        return new Plan(drop, rewrite);
    }

    /**
     * The packs the prune marks on {@code remote} name (a damaged mark is left out: no prune deletes while one is),
     * from a listing of {@value #MARKS}.
     */
    static Set<String> markedPacks(RemoteStore remote, List<ObjectInfo> marksListing) {
        Set<String> out = new HashSet<>();
        readMarks(remote, marksListing, true).forEach(m -> out.addAll(m.packs()));
        return out;
    }

    private static List<Mark> readMarks(RemoteStore remote, List<ObjectInfo> marksListing, boolean skipDamaged) {
        List<Mark> out = new ArrayList<>();
        for (ObjectInfo o : marksListing) {
            Instant time = PushRecord.timeInName(o.name());
            Optional<byte[]> bytes = remote.get(o.name());
            if (time == null || bytes.isEmpty()) {
                continue; // not a mark, or deleted by a prune running beside this one
            }
            if (!o.name().endsWith("-" + PushRecord.sha256Hex(bytes.get()) + ".json")) {
                if (skipDamaged) {
                    continue;
                }
                throw PushRecord.damaged(o.name(), remote.describe(), "its bytes do not match the checksum in its name"
                        + " (no pack is deleted while a mark cannot be read)", null);
            }
            JsonNode root;
            try {
                root = Json.mapper().readTree(bytes.get());
            } catch (IOException e) {
                if (skipDamaged) {
                    continue;
                }
                throw PushRecord.damaged(o.name(), remote.describe(), "it is not JSON", e);
            }
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

    /** A mark ({@link #MARKS}): created once, never overwritten. */
    private void writeMark(Instant now, List<String> packs) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("format", 1);
        root.put("time", Json.formatTime(now));
        root.put("writer", UUID.randomUUID().toString()); // two prunes in the same millisecond: two names
        packs.forEach(root.putArray("packs")::add);
        byte[] bytes = root.toString().getBytes(StandardCharsets.UTF_8);
        remote.putIfAbsent(MARKS + PushRecord.stamp(now) + "-" + PushRecord.sha256Hex(bytes) + ".json", bytes);
    }
}
