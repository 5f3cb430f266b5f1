package io.kamaros.engine.objects.pack;

import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.ForwardingAdapter;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The project's storage with stored objects ({@code .store/blobs/}, {@code .store/chunks/},
 * {@code .store/deltas/}) kept in packs: what the blob and content stores write to an object's path
 * is appended to the operation's open pack instead of becoming a file of its own, and reading a
 * path looks in the packs first, then in the loose layout (older projects, and big blobs streamed
 * into place). Everything else passes through unchanged. This is the whole interface between
 * "encode an object" and "store it": the stores above keep writing and reading paths.
 *
 * <p>It sits under the {@code SealingAdapter} of an encrypted project, so every object arrives here
 * already sealed on its own under its object id, exactly as its loose file would hold it.
 *
 * <p>Commit protocol: {@link #sync()} seals the open pack (one fsync for the pack, one for its
 * index) before the journal line and the manifest are written; {@link #keepWritten()} after the
 * commit makes what was written permanent; {@link #rollBack()} (a failed or cancelled operation)
 * deletes the packs the operation sealed and throws the open one away. An object is readable (by
 * this process) once its pack is sealed: a read of an object still in the open pack seals it first.
 *
 * <p>Deleting a packed object cannot change its sealed pack: the object is hidden from this point
 * on ({@link #deletedPackedObjects()}), and GC's {@link #repack} drops it for good: it rewrites the
 * pack, or lists the object in a deletions file beside a pack it keeps ({@link PackDeletions}).
 */
public final class PackingAdapter extends ForwardingAdapter {
    private static final Set<String> OBJECT_DIRS = Set.of(".store/blobs", ".store/chunks", ".store/deltas");

    /**
     * The merged index of the sealed packs, loaded at the first object this adapter is asked about: a status with
     * a warm scan cache reads no object, and loading every pack's index was most of what opening the store cost
     * it (one file per pack, each entry checked). Null until then; guarded by {@link #packsLoad}, not by
     * {@code this}, so a reader never waits for a writer's monitor to get it.
     */
    private volatile @Nullable PackReader packs;
    private final Object packsLoad = new Object();
    private final long targetBytes;
    /** False: new objects are written as files of their own (the layout before packs); packs are still read. */
    private final boolean packNewObjects;
    /** Copies an object had in sealed packs when it was written again (GC's recompress): dead, "pack/id". */
    private final Set<String> superseded = ConcurrentHashMap.newKeySet();
    /** Objects written again as loose files while packed (loose layout): the loose file is read. */
    private final Set<String> looseFirst = ConcurrentHashMap.newKeySet();
    /** The current operation's writer; null until it writes an object. Guarded by {@code this}. */
    private @Nullable PackWriter writer;
    /** Sealed packs of {@link #writer} already handed to {@link #packs}. */
    private int published;
    /*
     * What readers ask about the running write is kept in concurrent sets, so a reader never waits
     * for the writer's monitor (held while a pack is written and synced).
     */
    /** Objects the current writer holds (sealed or open) → the length of their stored data. */
    private final Map<String, Long> pendingLengths = new ConcurrentHashMap<>();
    /** Objects in the writer's open pack: a read of one seals the pack first, unless its body is kept below. */
    private final Set<String> openIds = ConcurrentHashMap.newKeySet();
    /**
     * Bodies of whole blobs in the open pack (each up to {@link #OPEN_BODY_MAX}, {@link #OPEN_BODIES_MAX} in all): a
     * checkpoint reads back the new text it just wrote to diff it against the old one, and sealing the pack for that
     * read split every checkpoint into two packs (its blobs, then its patches): twice the files, and twice the
     * uploads of a push. Only blobs, and few bytes: chunks of big files are never read back, and a big file is
     * saved in a heap smaller than itself.
     */
    private final Map<String, byte[]> openBodies = new ConcurrentHashMap<>();
    private static final long OPEN_BODY_MAX = 1L << 20;
    private static final long OPEN_BODIES_MAX = 4L << 20;
    /** The bytes {@link #openBodies} holds. Guarded by {@code this}. */
    private long openBodyBytes;
    /** Packed objects deleted since the project was opened: no longer listed nor read. */
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();

    /** @param packNewObjects false: new objects are written loose, one file each (packs are still read) */
    public PackingAdapter(FileSystemAdapter delegate, boolean packNewObjects) throws IOException {
        this(delegate, packNewObjects, PackFormat.TARGET_PACK_BYTES);
    }

    /** @param targetBytes packs are sealed before they grow past this (tests use small packs) */
    public PackingAdapter(FileSystemAdapter delegate, boolean packNewObjects, long targetBytes) throws IOException {
        super(delegate);
        this.packNewObjects = packNewObjects;
        this.targetBytes = targetBytes;
    }

    /** The size a pack is sealed at in this project ({@code JcfConfig.packBytes}). */
    public long targetBytes() {
        return targetBytes;
    }

    /** The storage under {@code adapter}'s packs (for code that works on the disk itself), else {@code adapter}. */
    public static FileSystemAdapter unpacked(FileSystemAdapter adapter) {
        return adapter instanceof PackingAdapter p ? p.delegate() : adapter;
    }

    /** The merged index of every sealed pack (loaded now when nothing asked for it yet). */
    public PackReader packs() throws IOException {
        PackReader loaded = packs;
        if (loaded != null) {
            return loaded;
        }
        synchronized (packsLoad) {
            if (packs == null) {
                packs = PackReader.open(delegate());
            }
            return Objects.requireNonNull(packs);
        }
    }

    /**
     * Import: puts an object that is already encoded (and sealed, in an encrypted project) into the
     * operation's open pack, when new objects go into packs and it is one a pack holds; its bytes are
     * {@code body}, exactly what its loose file would hold (nothing is re-encoded or sealed again).
     * Sealed and kept or rolled back like every write ({@link #sync}, {@link #rollBack}).
     *
     * @return false when it is not packed (loose layout, not a pack object, larger than a pack):
     *         the caller moves its file into place as before
     */
    public boolean packEncoded(String path, long size, IoSupplier<byte[]> body) throws IOException {
        String id = objectId(path);
        if (id == null || !packNewObjects || size > targetBytes) {
            return false;
        }
        writeFile(path, body.get()); // this adapter's own writes are raw: below any sealing
        return true;
    }

    /** Reads bytes that may fail with an I/O error. */
    @FunctionalInterface
    public interface IoSupplier<T> {
        T get() throws IOException;
    }

    /**
     * An import killed before its commit, in a project without versions (no object is needed):
     * deletes every pack, with its index and deletions files, and every pack still being written.
     * Returns how many packs it deleted.
     */
    public synchronized int deleteAllPacks() throws IOException {
        FileSystemAdapter disk = delegate();
        int n = 0;
        packs().announceChange();
        for (String file : disk.listFiles(PackFormat.DIR)) {
            if ((PackFormat.DIR + "/" + file).equals(PackFormat.GENERATION)) {
                continue; // stays: a generation must never come back to one another process listed at
            }
            disk.deleteFile(PackFormat.DIR + "/" + file);
            n += file.endsWith(PackFormat.PACK_SUFFIX) ? 1 : 0;
        }
        for (String file : disk.listFiles(PackFormat.TEMP_DIR)) {
            if (file.startsWith(PackFormat.TEMP_PREFIX)) {
                disk.deleteFile(PackFormat.TEMP_DIR + "/" + file);
            }
        }
        packs().refresh();
        deleted.clear();
        return n;
    }

    /** The pack object id ({@code blobs/<hash>} …) of a store path, or null for any other path. */
    static @Nullable String objectId(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0 || !OBJECT_DIRS.contains(path.substring(0, slash))) {
            return null;
        }
        String id = path.substring(".store/".length());
        try {
            PackFormat.parseId(id);
        } catch (RuntimeException e) {
            return null; // a name no pack can hold (e.g. a temp name) stays a loose file
        }
        return id;
    }

    private boolean packed(String id) throws IOException {
        return packs().contains(id) && !deleted.contains(id);
    }

    private boolean pending(String id) {
        return pendingLengths.containsKey(id) && !deleted.contains(id);
    }

    // ---- writing --------------------------------------------------------------------------------

    @Override
    public void writeFile(String path, byte[] data) throws IOException {
        String id = objectId(path);
        if (id == null || !packNewObjects) {
            if (id != null) {
                deleted.remove(id);
                for (String pack : packs().packsOf(id)) {
                    superseded.add(pack + "/" + id);
                    looseFirst.add(id); // the loose file is read from now on
                }
            }
            super.writeFile(path, data);
            return;
        }
        synchronized (this) {
            if (packed(id)) {
                for (String pack : packs().packsOf(id)) {
                    superseded.add(pack + "/" + id); // rewritten (recompressed): the new copy is read first
                }
            }
            PackWriter w = writer;
            if (w == null) {
                w = new PackWriter(delegate(), targetBytes);
                writer = w;
                published = 0;
            }
            int sealedBefore = w.sealed().size();
            if (w.add(id, data)) {
                pendingLengths.put(id, w.storedLength(id));
            }
            if (w.sealed().size() > sealedBefore) {
                forgetOpenPack(); // the pack they were in is sealed
            }
            if (w.inOpenPack(id)) {
                openIds.add(id);
                if (id.startsWith("blobs/") && data.length <= OPEN_BODY_MAX
                        && openBodyBytes + data.length <= OPEN_BODIES_MAX && !openBodies.containsKey(id)) {
                    openBodies.put(id, data.clone()); // the caller's array is not ours to keep
                    openBodyBytes += data.length;
                }
            }
            deleted.remove(id);
            publishSealed(w);
        }
    }

    /** Objects are written whole into the open pack when the stream closes (no temp file of their own). */
    @Override
    public AtomicOutput openWrite(String path) throws IOException {
        if (objectId(path) == null || !packNewObjects) {
            return super.openWrite(path);
        }
        return FileSystemAdapter.bufferedWrite(this, path);
    }

    /** Seals the open pack (its objects become readable and durable), then syncs the storage. */
    @Override
    public void sync() throws IOException {
        sealOpenPack();
        super.sync();
    }

    private synchronized void sealOpenPack() throws IOException {
        PackWriter w = writer;
        if (w != null) {
            w.finish();
            publishSealed(w);
            forgetOpenPack();
        }
    }

    /** The open pack is sealed or gone: its objects are read from the packs (or not at all) from now on. */
    private synchronized void forgetOpenPack() {
        openIds.clear();
        openBodies.clear();
        openBodyBytes = 0;
    }

    private void publishSealed(PackWriter w) throws IOException {
        List<PackWriter.SealedPack> sealed = w.sealed();
        if (sealed.size() > published) {
            packs().add(sealed.subList(published, sealed.size()));
            published = sealed.size();
        }
    }

    /**
     * After a commit (or the end of an operation that wrote without one, such as repair): seals
     * what is open and keeps every pack written so far, so a later {@link #rollBack} leaves them.
     */
    public synchronized void keepWritten() throws IOException {
        sealOpenPack();
        PackWriter w = writer;
        writer = null;
        pendingLengths.clear();
        if (w != null) {
            w.close();
        }
    }

    /**
     * A failed or cancelled operation: the open pack is thrown away and the packs it sealed (no
     * version refers to them: the commit did not happen) are deleted.
     */
    public synchronized void rollBack() throws IOException {
        PackWriter w = writer;
        writer = null;
        pendingLengths.clear();
        forgetOpenPack();
        if (w != null) {
            // No new generation: these packs were sealed under this same hold of the writer lock, so no other
            // writer listed them under its lock (PackReader.refreshUnderLock).
            for (PackWriter.SealedPack p : w.sealed()) {
                packs().remove(p.name());
            }
            w.rollback();
        }
    }

    /** Forgets the open pack (the project is closed). */
    @Override
    public void dispose() throws IOException {
        synchronized (this) {
            PackWriter w = writer;
            writer = null;
            pendingLengths.clear();
            forgetOpenPack();
            if (w != null) {
                w.close();
            }
        }
        super.dispose();
    }

    /** Takes in packs another process sealed, and forgets deleted ones (lists {@code .store/packs}). */
    public void refresh() throws IOException {
        PackReader loaded = packs;
        if (loaded != null) {
            loaded.refresh(); // not loaded yet: the first load lists the packs as they are then
        }
    }

    /**
     * With the writer lock held, before a write: takes in packs another process's GC deleted or
     * hid objects of, listing {@code .store/packs} only when its generation file says something
     * changed ({@link PackReader#refreshUnderLock}).
     */
    public void refreshUnderLock() throws IOException {
        PackReader loaded = packs;
        if (loaded != null) {
            loaded.refreshUnderLock(); // not loaded yet: the first load lists the packs, and the next call lists again
        }
    }

    /** Packed objects deleted since open (hidden, still in their packs until GC repacks them). */
    public Set<String> deletedPackedObjects() {
        return Set.copyOf(deleted);
    }

    @Override
    public void deleteFile(String path) throws IOException {
        String id = objectId(path);
        if (id != null && (packs().contains(id) || pendingLengths.containsKey(id))) {
            deleted.add(id);
        }
        super.deleteFile(path); // a loose copy, if there is one
    }

    /**
     * Into an object path: the file stays loose (a big blob streamed into place, a parked body put
     * back). Out of a pack (repair parks a damaged object aside): its stored bytes are copied out as
     * they are and the object is hidden.
     */
    @Override
    public void moveFile(String from, String to) throws IOException {
        String id = objectId(to);
        if (id != null) {
            deleted.remove(id);
        }
        String source = objectId(from);
        if (source != null && packed(source) && !super.fileExists(from)) {
            super.writeFile(to, packs().readStored(source));
            deleted.add(source);
            return;
        }
        super.moveFile(from, to);
    }

    // ---- GC: repacking ---------------------------------------------------------------------------

    /**
     * What a repack did (or, in a dry run, would do).
     *
     * @param packsRemoved   packs that held only deleted objects
     * @param packsRewritten packs whose deleted objects took more than half their bytes: their live
     *                       objects were copied into new packs
     * @param packsMerged    small packs (many small checkpoints make them) whose objects were copied
     *                       together into new full packs
     * @param objectsPacked  loose objects (the one-file-per-object layout) moved into packs
     * @param bytesReclaimed bytes of packs deleted minus bytes of packs written, plus loose files moved
     *                       (a dry run counts the deleted objects' bytes of the packs it would rewrite
     *                       or merge instead of what it would write)
     */
    public record Repack(int packsRemoved, int packsRewritten, int packsMerged, int objectsPacked,
                         long bytesReclaimed) {
    }

    /** A pack is rewritten when its deleted objects take more than this share of its bytes. */
    static final double REWRITE_DEAD_SHARE = 0.5;
    /** A kept pack whose live bytes are under this share of the target size is small: merged with the others. */
    static final double SMALL_LIVE_SHARE = 0.5;

    /**
     * GC, after it deleted what no version needs ({@code alsoDeleted}: what a dry run would delete). Packs holding only deleted objects are deleted;
     * packs whose deleted objects take more than half their bytes get their live objects copied
     * into new packs; when two or more packs hold less than half the target size each (every
     * checkpoint seals its own pack, so autosaves leave many tiny ones), their live objects are
     * copied together into new full packs; loose objects of the one-file-per-object layout are
     * moved into packs. Objects are copied in the order their packs were written (modification
     * time), so the chunks of a file stay together. Crash safe: the new packs are sealed and synced
     * before any old pack or loose file is deleted, and an
     * object found in two places reads from either. A pack with a live object that does not read
     * intact is left as it is (verify reports it). Deleted objects in packs that are kept stay in
     * them, listed in the pack's deletions file, so they stay deleted after the project is opened
     * again — unless {@code purge}: then every pack holding a deleted object (now or by an earlier
     * GC) is rewritten, so no deleted object's bytes stay on the disk (forget).
     */
    public synchronized Repack repack(Set<String> alsoDeleted, boolean dryRun, boolean purge) throws IOException {
        sealOpenPack();
        Set<String> dead = new HashSet<>(deleted);
        dead.addAll(alsoDeleted);
        List<String> remove = new ArrayList<>();
        List<String> rewrite = new ArrayList<>();
        List<String> small = new ArrayList<>();
        long reclaimed = 0;
        long deadBytesCopiedOver = 0; // a dry run's estimate of what rewriting and merging frees
        Map<String, PackIndex> all = packs().packs();
        Set<String> rebuilt = Set.copyOf(packs().rebuiltIndexes());
        Map<String, Set<String>> deadIn = new HashMap<>(); // per pack: deleted by this GC or an earlier one
        for (Map.Entry<String, PackIndex> p : all.entrySet()) {
            String pack = p.getKey();
            Set<String> earlier = packs().deletedIn(pack);
            Set<String> deadHere = new HashSet<>();
            long deadBytes = 0;
            boolean stale = false; // holds an old copy of an object written again: must go (its order is lost at reopen)
            for (PackIndex.Entry e : p.getValue().entries()) {
                boolean old = superseded.contains(pack + "/" + e.objectId());
                stale |= old;
                if (dead.contains(e.objectId()) || old || earlier.contains(e.objectId())) {
                    deadBytes += e.entryLength();
                    deadHere.add(e.objectId());
                }
            }
            deadIn.put(pack, deadHere);
            long length = p.getValue().packLength();
            if (!deadHere.isEmpty() && deadHere.size() == p.getValue().entries().size()) {
                remove.add(pack);
            } else if (deadBytes > 0 && (stale || purge || deadBytes > length * REWRITE_DEAD_SHARE)) {
                rewrite.add(pack);
                deadBytesCopiedOver += deadBytes;
            } else if (length - deadBytes < targetBytes * SMALL_LIVE_SHARE && !rebuilt.contains(pack)) {
                // (a pack whose index had to be rebuilt may hold damage its index no longer names: left for verify)
                small.add(pack);
                deadBytesCopiedOver += deadBytes;
            }
        }
        if (small.size() < 2) { // one small pack has nothing to merge with
            for (String pack : small) {
                deadBytesCopiedOver -= deadBytesOf(all, pack, deadIn);
            }
            small.clear();
        }
        for (String pack : remove) {
            reclaimed += Objects.requireNonNull(all.get(pack)).packLength();
        }
        List<String> loose = new ArrayList<>();
        for (String dir : packNewObjects ? OBJECT_DIRS : Set.<String>of()) {
            for (String name : super.listFiles(dir)) {
                String path = dir + "/" + name;
                String id = objectId(path);
                long size = super.stat(path).map(FileStat::size).orElse(Long.MAX_VALUE);
                if (id != null && !dead.contains(id) && size <= targetBytes) {
                    loose.add(path);
                }
            }
        }
        if (dryRun) {
            return new Repack(remove.size(), rewrite.size(), small.size(), loose.size(), reclaimed + deadBytesCopiedOver);
        }
        List<String> copied = inWritingOrder(rewrite, small);
        PackWriter w = new PackWriter(delegate(), targetBytes);
        try {
            for (String pack : List.copyOf(copied)) {
                Set<String> deadHere = deadIn.getOrDefault(pack, Set.of());
                List<PackIndex.Entry> live = Objects.requireNonNull(all.get(pack)).entries().stream()
                        .filter(e -> !deadHere.contains(e.objectId()))
                        .sorted(Comparator.comparingLong(PackIndex.Entry::offset))
                        .toList();
                List<byte[]> bodies = new ArrayList<>();
                try {
                    for (PackIndex.Entry e : live) {
                        bodies.add(packs().readChecked(e.objectId(), pack));
                    }
                } catch (CorruptionException e) {
                    copied.remove(pack); // copying would hide the damage behind a new checksum
                    rewrite.remove(pack);
                    small.remove(pack);
                    continue;
                }
                for (int i = 0; i < live.size(); i++) {
                    w.add(live.get(i).objectId(), bodies.get(i));
                }
            }
            for (String path : loose) {
                String id = path.substring(".store/".length());
                if (!packed(id) || looseFirst.contains(id)) { // else a packed copy (the newer) is kept
                    w.add(id, super.readFile(path));
                }
            }
            packs().add(w.finish());
        } catch (IOException | RuntimeException e) {
            w.rollback();
            throw e;
        }
        super.sync(); // the new packs are durable before anything old goes
        if (!remove.isEmpty() || !copied.isEmpty() || deadIn.values().stream().anyMatch(d -> !d.isEmpty())) {
            packs().announceChange(); // other processes' next write takes in what goes or is hidden here
        }
        for (String pack : remove) {
            dropPack(pack);
        }
        for (String pack : copied) {
            reclaimed += Objects.requireNonNull(all.get(pack)).packLength();
            dropPack(pack);
        }
        Set<String> gone = new HashSet<>(remove);
        gone.addAll(copied);
        for (Map.Entry<String, Set<String>> p : deadIn.entrySet()) {
            if (!gone.contains(p.getKey()) && !p.getValue().isEmpty()) {
                packs().writeDeletions(p.getKey(), p.getValue()); // kept: its dead objects stay deleted after reopening
            }
        }
        packs().deleteStrayDeletionFiles();
        superseded.removeIf(old -> gone.contains(old.substring(0, old.indexOf('/'))));
        looseFirst.removeIf(id -> loose.contains(".store/" + id)); // now in a new pack, read first
        for (String path : loose) {
            reclaimed += super.stat(path).map(FileStat::size).orElse(0L);
            super.deleteFile(path);
        }
        super.sync();
        for (PackWriter.SealedPack p : w.sealed()) {
            reclaimed -= p.index().packLength();
        }
        return new Repack(remove.size(), rewrite.size(), small.size(), loose.size(), reclaimed);
    }

    private static long deadBytesOf(Map<String, PackIndex> all, String pack, Map<String, Set<String>> deadIn) {
        Set<String> deadHere = deadIn.getOrDefault(pack, Set.of());
        return Objects.requireNonNull(all.get(pack)).entries().stream()
                .filter(e -> deadHere.contains(e.objectId()))
                .mapToLong(PackIndex.Entry::entryLength)
                .sum();
    }

    /** The packs to copy, oldest first (by the pack file's modification time, then name). */
    private List<String> inWritingOrder(List<String> rewrite, List<String> small) throws IOException {
        Map<String, Long> written = new HashMap<>();
        for (String pack : rewrite) {
            written.put(pack, modified(pack));
        }
        for (String pack : small) {
            written.put(pack, modified(pack));
        }
        List<String> order = new ArrayList<>(written.keySet());
        order.sort(Comparator.comparing((String pack) -> written.get(pack)).thenComparing(Comparator.naturalOrder()));
        return order;
    }

    private long modified(String pack) throws IOException {
        return delegate().stat(PackFormat.packPath(pack)).map(FileStat::modifiedNanos).orElse(-1L);
    }

    private void dropPack(String pack) throws IOException {
        packs().deleteDeletionFiles(pack); // first: a crash then shows its dead objects again, never leaves a stray file
        packs().remove(pack);
        super.deleteFile(PackFormat.indexPath(pack));
        super.deleteFile(PackFormat.packPath(pack));
    }

    // ---- reading --------------------------------------------------------------------------------

    @Override
    public boolean fileExists(String path) throws IOException {
        String id = objectId(path);
        if (id != null && (packed(id) || pending(id))) {
            return true;
        }
        return super.fileExists(path);
    }

    @Override
    public byte[] readFile(String path) throws IOException {
        String id = objectId(path);
        if (id != null) {
            byte[] body = readPacked(id);
            if (body != null) {
                return body;
            }
        }
        return super.readFile(path);
    }

    /** The object's body from a pack (sealing the open pack first when it is there), or null when it is not packed. */
    private byte @Nullable [] readPacked(String id) throws IOException {
        if (openIds.contains(id)) {
            byte[] kept = openBodies.get(id);
            if (kept != null && !deleted.contains(id)) {
                return kept.clone(); // the writer reads back what it just wrote (a new text, to diff it)
            }
            sealOpenPack(); // not kept (the open pack holds too much): sealed, then read from it
        }
        if (!packed(id) || looseFirst.contains(id)) {
            return null;
        }
        try {
            return packs().read(id);
        } catch (NoSuchFileException | CorruptionException e) {
            if (super.fileExists(".store/" + id)) {
                return null; // damaged in its pack, and written again loose (repair): read that
            }
            if (packs().refresh() && packs().contains(id)) {
                return packs().read(id); // its pack was repacked by another process's GC: read the new one
            }
            throw e;
        }
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        String id = objectId(path);
        if (id != null) {
            byte[] body = readPacked(id);
            if (body != null) {
                return new ByteArrayInputStream(body);
            }
        }
        return super.openRead(path);
    }

    @Override
    public byte[] readRange(String path, long offset, int length) throws IOException {
        String id = objectId(path);
        byte[] body = id == null ? null : readPacked(id);
        if (body == null) {
            return super.readRange(path, offset, length);
        }
        if (offset < 0 || offset + length > body.length) {
            throw new EOFException(path + " has " + body.length + " bytes, not " + (offset + length));
        }
        return Arrays.copyOfRange(body, (int) offset, (int) offset + length);
    }

    /** A packed object's size is the length of its stored data (what its loose file would hold). */
    @Override
    public Optional<FileStat> stat(String path) throws IOException {
        String id = objectId(path);
        if (id != null) {
            long length = storedDataLength(id);
            if (length >= 0) {
                return Optional.of(new FileStat(length, -1));
            }
        }
        return super.stat(path);
    }

    /** The data length of a packed or pending object, or -1. */
    private long storedDataLength(String id) throws IOException {
        if (deleted.contains(id)) {
            return -1;
        }
        Long pending = pendingLengths.get(id);
        return pending != null ? pending : packs().dataLength(id);
    }

    @Override
    public List<String> listFiles(String directory) throws IOException {
        List<String> loose = super.listFiles(directory);
        if (!OBJECT_DIRS.contains(directory)) {
            return loose;
        }
        TreeSet<String> all = new TreeSet<>(loose);
        String prefix = directory.substring(".store/".length()) + "/";
        for (String id : visibleIds(prefix)) {
            all.add(id.substring(prefix.length()));
        }
        return List.copyOf(all);
    }

    @Override
    public SortedMap<String, FileStat> listFilesWithStats(String directory) throws IOException {
        SortedMap<String, FileStat> loose = super.listFilesWithStats(directory);
        if (!OBJECT_DIRS.contains(directory)) {
            return loose;
        }
        SortedMap<String, FileStat> all = new TreeMap<>(loose);
        String prefix = directory.substring(".store/".length()) + "/";
        for (String id : visibleIds(prefix)) {
            all.put(id.substring(prefix.length()), new FileStat(storedDataLength(id), -1));
        }
        return all;
    }

    private Set<String> visibleIds(String prefix) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String id : packs().objectIds()) {
            if (id.startsWith(prefix) && !deleted.contains(id)) {
                out.add(id);
            }
        }
        for (String id : pendingLengths.keySet()) {
            if (id.startsWith(prefix) && !deleted.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
