package io.kamaros.engine.history;

import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.ForgetResult;
import io.kamaros.engine.model.ForgottenVersions;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.RetentionPolicy;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.project.ContentStore;
import io.kamaros.engine.project.Ledger;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.project.ReadCache;
import io.kamaros.engine.project.VersionGraph;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Forgets versions: a graph operation that leaves every other version byte-exact. A kept version whose
 * parent goes is re-parented to its nearest kept ancestor, with its changes recomputed against it and a
 * reverse patch written between their texts where one was read through the forgotten versions; any
 * content a kept version has that no blob or kept patch chain would give any more is stored whole. The
 * new journal is committed in one step ({@link ProjectStore#replaceJournal}); the forgotten versions'
 * objects are then unreferenced, and the garbage collection that follows deletes them.
 *
 * <p>Cost: the re-parented versions' file sets are rebuilt from the nearest cached ancestor (the previous
 * kept version, when walking oldest first), so the work grows with the versions walked and the files that
 * changed; the journal itself is rewritten whole (one sequential write of its lines).
 */
public final class Forget {
    /** Forgetting the version the working copy is based on is refused: it holds what is on disk. */
    public static final String CURRENT_VERSION = ErrorCodes.FORGET_CURRENT_VERSION;
    /** A tagged version is forgotten only when forced. */
    public static final String TAGGED_VERSION = ErrorCodes.FORGET_TAGGED_VERSION;

    /**
     * Texts kept while re-linking: the kept versions are walked oldest first, and each reads its parent's text of a
     * file, which the previous one read as its own, through chains that share all but their last steps.
     */
    private static final long TEXT_CACHE_BYTES = 64L << 20;

    private final ProjectStore store;

    public Forget(ProjectStore store) {
        this.store = store;
    }

    /**
     * The versions a policy would forget: every version it does not keep, among the thinnable ones —
     * automatic saves, and manual checkpoints too with {@code includeManual}; never the current version,
     * never a tagged one unless forced.
     */
    public Set<String> chosenBy(RetentionPolicy policy, ForgetOptions options, ZoneId zone, Instant now) {
        VersionGraph graph = store.graph();
        Set<String> tagged = taggedIds(store.ledger());
        String head = store.ledger().head();
        Map<String, VersionRecord> byId = new HashMap<>();
        List<Retention.Candidate> candidates = new ArrayList<>(graph.size());
        for (VersionRecord r : graph.all()) {
            byId.put(r.id(), r);
            candidates.add(new Retention.Candidate(r.id(), r.timestamp(), addedBytes(r)));
        }
        Set<String> keep = Retention.keep(candidates, c -> {
            VersionRecord r = Objects.requireNonNull(byId.get(c.id()));
            return !c.id().equals(head) && (options.force() || !tagged.contains(c.id()))
                    && (options.includeManual() || madeByKamaros(r));
        }, policy, zone, now);
        Set<String> out = new LinkedHashSet<>();
        for (VersionRecord r : graph.all()) {
            if (!keep.contains(r.id())) {
                out.add(r.id());
            }
        }
        return out;
    }

    /**
     * A version Kamaros saved by itself, which a policy thins without {@code includeManual}: an autosave (the
     * {@code automatic} flag) or the safety checkpoint a restore makes of uncommitted work ({@code autoSaved}).
     */
    private static boolean madeByKamaros(VersionRecord r) {
        return r.automatic() || r.autoSaved();
    }

    /** Bytes of the contents a version brings in (the policy's size estimate). */
    private static long addedBytes(VersionRecord r) {
        long total = 0;
        for (FileState s : r.changes()) {
            if (s.changeType() == ChangeType.ADDED || s.changeType() == ChangeType.MODIFIED
                    || s.changeType() == ChangeType.RENAMED && s.previousHash() != null) {
                total += s.size();
            }
        }
        return total;
    }

    /** What a forget will write: the new journal, and which kept versions changed parent. */
    private record Plan(List<VersionRecord> records, List<VersionRecord> reparented, List<VersionRecord> forgotten) {
    }

    /**
     * Forgets {@code ids} (resolved version ids). {@code by} says who chose them ({@link ForgottenVersions#BY_HAND}
     * or the policy's flags). Returns what went; in a dry run, with the bytes it would free.
     */
    public ForgetResult run(Set<String> ids, ForgetOptions options, String by, Operation op) throws IOException {
        Ledger ledger = store.ledger();
        VersionGraph graph = store.graph();
        String head = ledger.head();
        if (head != null && ids.contains(head)) {
            throw new JcfException("Version " + shortId(head) + " is the current version (your files are based on "
                    + "it), so it cannot be forgotten. Restore another version first.", CURRENT_VERSION,
                    Map.of("versionId", head));
        }
        Set<String> tagged = taggedIds(ledger);
        List<String> taggedHere = ids.stream().filter(tagged::contains).sorted().toList();
        if (!taggedHere.isEmpty() && !options.force()) {
            throw new JcfException("Version " + shortId(taggedHere.get(0)) + " has a tag, so it is kept. Forget it "
                    + "with force to drop it and its tags.", TAGGED_VERSION, Map.of("versionIds", taggedHere));
        }
        op.progress("planning", 5, 0, ids.size(), 0, 0, null);
        Plan plan = plan(graph, ids, by, Instant.now());
        List<ForgetResult.Item> items = plan.forgotten().stream()
                .map(r -> new ForgetResult.Item(r.id(), r.timestamp(), r.message(), madeByKamaros(r))).toList();
        if (options.dryRun() || ids.isEmpty()) {
            return new ForgetResult(items, graph.size() - ids.size(), ids.isEmpty() ? 0 : estimateFreed(plan),
                    options.dryRun());
        }
        op.checkpoint();
        ReadCache texts = new ReadCache(TEXT_CACHE_BYTES);
        List<VersionRecord> records = writePatches(plan, texts, op);
        storeUnreachable(records, texts, op);
        op.checkpoint(); // the last moment to stop: from here the commit runs to its end
        op.progress("committing", 90, ids.size(), ids.size(), 0, 0, null);
        Ledger next = store.draft();
        for (Map.Entry<String, String> ref : ledger.refs().entrySet()) {
            if (ref.getKey().startsWith(Ledger.tagRef("")) && ids.contains(ref.getValue())) {
                next.removeRef(ref.getKey()); // a forced tag goes with its version
            }
        }
        // before the commit: see ForgottenIds
        ForgottenIds.add(store, ids, plan.reparented().stream().map(VersionRecord::id).toList());
        store.replaceJournal(records, next);
        store.load();
        return new ForgetResult(items, records.size(), 0, false);
    }

    /** The ids refs other than HEAD name (tags). */
    private static Set<String> taggedIds(Ledger ledger) {
        Set<String> out = new HashSet<>();
        for (Map.Entry<String, String> ref : ledger.refs().entrySet()) {
            if (ref.getKey().startsWith(Ledger.tagRef(""))) {
                out.add(ref.getValue());
            }
        }
        return out;
    }

    /** The new journal: kept versions oldest first, those after a gap re-parented (patches not yet written). */
    private static Plan plan(VersionGraph graph, Set<String> ids, String by, Instant now) {
        List<VersionRecord> records = new ArrayList<>(graph.size());
        List<VersionRecord> reparented = new ArrayList<>();
        List<VersionRecord> forgotten = new ArrayList<>();
        for (VersionRecord r : graph.all()) {
            if (ids.contains(r.id())) {
                forgotten.add(r);
                continue;
            }
            List<VersionRecord> gap = new ArrayList<>();
            String parent = r.parentId();
            while (parent != null && ids.contains(parent)) {
                VersionRecord p = Objects.requireNonNull(graph.get(parent), "a forgotten parent is in the graph");
                gap.add(p);
                parent = p.parentId();
            }
            if (gap.isEmpty()) {
                records.add(r);
                continue;
            }
            ForgottenVersions note = r.forgotten();
            Instant oldest = gap.get(0).timestamp();
            Instant newest = oldest;
            int count = 0;
            for (VersionRecord g : gap) {
                oldest = g.timestamp().isBefore(oldest) ? g.timestamp() : oldest;
                newest = g.timestamp().isAfter(newest) ? g.timestamp() : newest;
                count++;
                if (g.forgotten() != null) {
                    note = note == null ? g.forgotten() : note.plus(g.forgotten());
                }
            }
            ForgottenVersions now2 = new ForgottenVersions(count, oldest, newest, now, by);
            note = note == null ? now2 : note.plus(now2);
            Map<String, FileState> before = graph.stateOf(parent);
            Map<String, FileState> after = graph.stateOf(r.id());
            List<FileState> changes = diff(before, after);
            SortedSet<String> foldersBefore = graph.emptyFoldersOf(parent);
            SortedSet<String> foldersAfter = graph.emptyFoldersOf(r.id());
            List<String> added = foldersAfter.stream().filter(f -> !foldersBefore.contains(f)).toList();
            List<String> removed = foldersBefore.stream().filter(f -> !foldersAfter.contains(f)).toList();
            VersionRecord moved = r.reparented(parent, changes, added, removed, note);
            records.add(moved);
            reparented.add(moved);
        }
        return new Plan(records, reparented, forgotten);
    }

    /**
     * The changes from one file set to another, by file identity (renames kept as renames). Checked by
     * replaying them; should identities be ambiguous, by path instead (a deletion and an addition), which
     * always replays exactly.
     */
    static List<FileState> diff(Map<String, FileState> before, Map<String, FileState> after) {
        List<FileState> byIdentity = diffByIdentity(before, after);
        if (replaysTo(before, byIdentity, after)) {
            return byIdentity;
        }
        List<FileState> byPath = diffByPath(before, after);
        if (!replaysTo(before, byPath, after)) {
            throw new IllegalStateException("the changes between two versions do not replay; nothing was forgotten");
        }
        return byPath;
    }

    private static List<FileState> diffByIdentity(Map<String, FileState> before, Map<String, FileState> after) {
        Map<String, FileState> beforeByInode = new HashMap<>();
        for (FileState s : before.values()) {
            if (beforeByInode.put(s.inodeId(), s) != null) {
                return diffByPath(before, after); // one identity at two paths: identities say nothing
            }
        }
        Set<String> afterInodes = new HashSet<>();
        List<FileState> out = new ArrayList<>();
        for (FileState a : after.values()) {
            if (!afterInodes.add(a.inodeId())) {
                return diffByPath(before, after);
            }
            FileState b = beforeByInode.get(a.inodeId());
            if (b == null) {
                out.add(change(a, ChangeType.ADDED, null, null));
            } else if (!b.path().equals(a.path())) {
                out.add(change(a, ChangeType.RENAMED, b.path(), b.hash().equals(a.hash()) ? null : b.hash()));
            } else if (!b.hash().equals(a.hash())) {
                out.add(change(a, ChangeType.MODIFIED, null, b.hash()));
            }
        }
        for (FileState b : before.values()) {
            if (!afterInodes.contains(b.inodeId())) {
                out.add(deleted(b));
            }
        }
        return sorted(out);
    }

    private static List<FileState> diffByPath(Map<String, FileState> before, Map<String, FileState> after) {
        List<FileState> out = new ArrayList<>();
        for (FileState a : after.values()) {
            FileState b = before.get(a.path());
            if (b != null && b.inodeId().equals(a.inodeId())) {
                if (!b.hash().equals(a.hash())) {
                    out.add(change(a, ChangeType.MODIFIED, null, b.hash()));
                }
                continue;
            }
            if (b != null) {
                out.add(deleted(b));
            }
            out.add(change(a, ChangeType.ADDED, null, null));
        }
        for (FileState b : before.values()) {
            if (!after.containsKey(b.path())) {
                out.add(deleted(b));
            }
        }
        return sorted(out);
    }

    /** The journal's order: by path, a deletion before what takes its place. */
    private static List<FileState> sorted(List<FileState> changes) {
        changes.sort(Comparator.comparing(FileState::path)
                .thenComparing(c -> c.changeType() == ChangeType.DELETED ? 0 : 1));
        return changes;
    }

    private static FileState change(FileState a, ChangeType type, @Nullable String previousPath,
                                    @Nullable String previousHash) {
        return new FileState(a.inodeId(), a.path(), a.hash(), a.size(), a.type(), Checkpoint.blobRef(a.hash()), type,
                previousPath, previousHash);
    }

    private static FileState deleted(FileState b) {
        return new FileState(b.inodeId(), b.path(), b.hash(), b.size(), b.type(), null, ChangeType.DELETED, null, null);
    }

    private static boolean replaysTo(Map<String, FileState> before, List<FileState> changes, Map<String, FileState> after) {
        Map<String, FileState> state = new TreeMap<>(before);
        VersionGraph.apply(state, new VersionRecord("check", null, Instant.EPOCH, "", "", null, List.of(), false,
                changes));
        if (!state.keySet().equals(after.keySet())) {
            return false;
        }
        for (FileState a : after.values()) {
            FileState s = Objects.requireNonNull(state.get(a.path()));
            if (!s.inodeId().equals(a.inodeId()) || !s.hash().equals(a.hash()) || s.size() != a.size()
                    || s.type() != a.type()) {
                return false;
            }
        }
        return true;
    }

    /**
     * For each text a re-parented version changed against its new parent: the patch back to the parent's
     * text. An existing one is reused when a forgotten version made exactly it (the file did not change
     * after); else a new one is written under a name of its own (the version's own patches keep theirs, so
     * the old journal stays readable until the commit).
     */
    private List<VersionRecord> writePatches(Plan plan, ReadCache texts, Operation op) throws IOException {
        ContentStore content = store.content();
        Map<String, VersionRecord> replaced = new HashMap<>();
        String suffix = "-f" + Long.toString(System.currentTimeMillis(), 36);
        int done = 0;
        for (VersionRecord r : plan.reparented()) {
            op.checkpoint();
            op.progress("re-linking", 10 + 60.0 * done++ / Math.max(1, plan.reparented().size()), done,
                    plan.reparented().size(), 0, 0, null);
            List<FileState> changes = new ArrayList<>(r.changes().size());
            boolean any = false;
            for (FileState c : r.changes()) {
                String previous = c.previousHash();
                if (previous == null || !Checkpoint.isTextEdit(c)) {
                    changes.add(c);
                    continue;
                }
                ContentStore.Patch existing = content.patchBetween(c.hash(), previous);
                String ref = existing != null ? existing.path()
                        : content.writeReversePatch(r.id() + suffix, c.path(), content.read(c.hash(), texts),
                        content.read(previous, texts), previous);
                if (ref == null) {
                    changes.add(c); // not worth a patch: the parent's text keeps (or gets) a whole copy
                    continue;
                }
                changes.add(new FileState(c.inodeId(), c.path(), c.hash(), c.size(), c.type(), ref, c.changeType(),
                        c.previousPath(), previous));
                any = true;
            }
            if (any) {
                replaced.put(r.id(), r.reparented(r.parentId(), changes, r.foldersAdded(), r.foldersRemoved(),
                        r.forgotten()));
            }
        }
        List<VersionRecord> out = new ArrayList<>(plan.records().size());
        for (VersionRecord r : plan.records()) {
            out.add(replaced.getOrDefault(r.id(), r));
        }
        return out;
    }

    /**
     * Every content a kept version has must stay readable without the forgotten versions' patches: one
     * that no blob and no chain of the kept versions' patches gives is stored whole (read, hash-checked,
     * through the old chains while they are still there). And within {@code snapshotInterval} patches of a
     * whole copy, as a checkpoint leaves it: where the new chains run longer, a content on them is stored whole.
     */
    private void storeUnreachable(List<VersionRecord> records, ReadCache texts, Operation op) throws IOException {
        ContentStore current = store.content();
        ContentStore after = new ContentStore(store.adapter(), current.blobs(), current.snapshotInterval());
        after.index(records);
        Set<String> checked = new HashSet<>();
        Set<String> reachable = new HashSet<>();
        for (VersionRecord r : records) {
            for (FileState s : r.changes()) {
                if (s.deleted() || s.hash() == null || !checked.add(s.hash())) {
                    continue;
                }
                if (!after.reachable(s.hash(), reachable)) {
                    op.checkpoint();
                    current.blobs().put(current.read(s.hash(), texts));
                    reachable.add(s.hash());
                }
            }
        }
        for (String h : after.beyondSnapshotInterval()) {
            op.checkpoint();
            current.blobs().put(current.read(h, texts));
        }
    }

    /** Bytes of stored objects only the forgotten versions need (blobs, their own chunks, their patches). */
    private long estimateFreed(Plan plan) throws IOException {
        BlobStore blobs = store.content().blobs();
        Set<String> keptContents = new HashSet<>();
        Set<String> keptPatches = new HashSet<>();
        for (VersionRecord r : plan.records()) {
            for (FileState s : r.changes()) {
                if (!s.deleted() && s.hash() != null) {
                    keptContents.add(s.hash());
                }
                if (s.contentRef() != null && s.contentRef().startsWith(ContentStore.DELTAS)) {
                    keptPatches.add(s.contentRef());
                }
            }
        }
        Set<String> keptChunks = null;
        long total = 0;
        Set<String> counted = new TreeSet<>();
        for (VersionRecord r : plan.forgotten()) {
            for (FileState s : r.changes()) {
                String ref = s.contentRef();
                if (ref != null && ref.startsWith(ContentStore.DELTAS) && !keptPatches.contains(ref) && counted.add(ref)) {
                    total += sizeOf(ref) + sizeOf(ContentStore.copyOf(ref));
                }
                if (s.deleted() || s.hash() == null || keptContents.contains(s.hash()) || !counted.add(s.hash())
                        || !blobs.contains(s.hash())) {
                    continue;
                }
                total += blobs.storedSize(s.hash());
                List<String> chunks = blobs.chunkHashes(s.hash());
                if (!chunks.isEmpty()) {
                    if (keptChunks == null) {
                        keptChunks = new HashSet<>();
                        for (String h : keptContents) {
                            if (blobs.contains(h)) {
                                keptChunks.addAll(blobs.chunkHashes(h));
                            }
                        }
                    }
                    long own = chunks.stream().filter(keptChunks::contains).count();
                    total += blobs.size(s.hash()) * (chunks.size() - own) / chunks.size();
                }
            }
        }
        return total;
    }

    private long sizeOf(String path) throws IOException {
        return store.adapter().stat(path).map(st -> st.size()).orElse(0L);
    }

    private static String shortId(String id) {
        return id.length() <= 8 ? id : id.substring(0, 8);
    }
}
