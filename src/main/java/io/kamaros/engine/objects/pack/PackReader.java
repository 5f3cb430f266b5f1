package io.kamaros.engine.objects.pack;

import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.objects.ObjectCipher;
import io.kamaros.engine.objects.SealingAdapter;
import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Every pack's objects in one in-memory index, loaded once when the project opens: reading an
 * object is a lookup and one positioned read ({@link FileSystemAdapter#readRange}), checked against
 * the entry's CRC32C and, in an encrypted project, authenticated. The content hash of the plain
 * bytes is checked by the blob store above, as for loose objects.
 *
 * <p>An index that is missing or damaged is rebuilt in memory by scanning its pack
 * ({@link #rebuiltIndexes()} names them; {@link #writeRebuiltIndexes()} stores them again). An
 * object held by several packs (a repack interrupted after the new pack was sealed) is read from
 * the first intact copy.
 *
 * <p>Safe for concurrent readers; {@link #add} (after a writer seals packs) runs under the writer lock.
 */
public final class PackReader {
    private record Location(String pack, long offset, int headerLength, long storedLength) {
    }

    private final FileSystemAdapter raw;
    private final @Nullable ObjectCipher cipher;
    private final Map<String, List<Location>> locations = new ConcurrentHashMap<>();
    private final Map<String, PackIndex> packs = Collections.synchronizedMap(new TreeMap<>());
    private final List<String> rebuilt = new CopyOnWriteArrayList<>();
    /** Of {@link #rebuilt}: packs that had no index at all (a write interrupted between the pack and its index). */
    private final Set<String> indexMissing = ConcurrentHashMap.newKeySet();
    /** Pack → objects GC deleted from it (its {@link PackDeletions} files): not listed nor read. */
    private final Map<String, Set<String>> deletedIn = new ConcurrentHashMap<>();
    /** Deletions file names already taken in, by pack (those of a pack that is gone included, for GC to remove). */
    private final Map<String, Set<String>> deletionFiles = new ConcurrentHashMap<>();
    /**
     * The {@linkplain PackFormat#GENERATION generation} read before the last listing made under the writer
     * lock; null when the last listing may have run without it. Guarded by {@code this}.
     */
    private @Nullable String listedAt;

    private PackReader(FileSystemAdapter adapter) {
        this.raw = SealingAdapter.unsealed(adapter);
        this.cipher = SealingAdapter.cipherOf(adapter);
    }

    /** Loads the indexes of every pack under {@code .store/packs/} (rebuilding missing or damaged ones in memory). */
    public static PackReader open(FileSystemAdapter adapter) throws IOException {
        PackReader reader = new PackReader(adapter);
        reader.refresh();
        return reader;
    }

    /**
     * Takes in the packs another process sealed since this reader looked (their indexes are loaded,
     * or rebuilt in memory when missing or damaged) and forgets packs that are gone (deleted by GC).
     * Called at open, whenever the project is read again because another process committed, and
     * when a pack is found missing (another process's GC repacked). Returns whether anything changed.
     * It may run without the writer lock, so the next {@link #refreshUnderLock} lists again.
     */
    public synchronized boolean refresh() throws IOException {
        listedAt = null;
        return relist();
    }

    /**
     * With the writer lock held, before a write: takes in what another process changed under
     * {@link PackFormat#DIR} since this reader last listed it under the lock. That listing is only
     * repeated when the {@linkplain PackFormat#GENERATION generation file} changed since: whoever
     * deletes or hides packed objects others may know of rewrites it first ({@link #announceChange}),
     * and does so under the writer lock, so no such change can fall between the read of the
     * generation and the listing. Packs other processes added need no listing: they are taken in
     * when their commit changes the manifest (the project is read again), and until then no version
     * refers to them. One small read instead of a listing that grows with the packs (11 ms for
     * 1,000 packs). Returns whether anything changed.
     */
    public synchronized boolean refreshUnderLock() throws IOException {
        String now = generation();
        if (now.equals(listedAt)) {
            return false;
        }
        boolean changed = relist();
        listedAt = now;
        return changed;
    }

    /**
     * Called under the writer lock before packs, indexes or deletions files that existed before the
     * lock was taken are deleted, or a deletions file is written: writes a new generation, so every other process's next write lists
     * the folder again. Before, not after: a crash in between then costs a listing, never a missed change.
     */
    public void announceChange() throws IOException {
        // random: it only has to differ from every earlier generation
        raw.writeFile(PackFormat.GENERATION, UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The generation file's content, or "" when there is none yet (nothing was ever deleted). */
    private String generation() throws IOException {
        try {
            return new String(raw.readFile(PackFormat.GENERATION), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    private boolean relist() throws IOException {
        boolean changed = false;
        Set<String> present = new HashSet<>();
        List<String> files = raw.listFiles(PackFormat.DIR);
        // Runs before every write: a project that autosaved for weeks has tens of thousands of packs, so a known
        // pack costs one lookup here (its name was checked when it was taken in), not a pattern match.
        for (String file : files) {
            if (!file.endsWith(PackFormat.PACK_SUFFIX)) {
                continue; // indexes are read with their pack; an index whose pack is gone is ignored
            }
            String pack = file.substring(0, file.length() - PackFormat.PACK_SUFFIX.length());
            if (packs.containsKey(pack)) {
                present.add(pack);
                continue; // immutable once sealed: its index is already loaded
            }
            if (!PackFormat.isPackFileName(file)) {
                continue;
            }
            present.add(pack);
            Optional<FileStat> st = raw.stat(PackFormat.packPath(pack));
            if (st.isEmpty()) {
                continue;
            }
            long length = st.get().size();
            PackIndex index = null;
            try {
                index = PackIndex.decode(raw.readFile(PackFormat.indexPath(pack)), length);
            } catch (NoSuchFileException e) {
                indexMissing.add(pack); // sealed, then interrupted before its index was written: rebuilt below
            }
            if (index == null) {
                index = PackIndex.scan(raw, PackFormat.packPath(pack), length);
                rebuilt.add(pack);
            }
            addIndex(pack, index);
            changed = true;
        }
        List<String> known;
        synchronized (packs) {
            known = new ArrayList<>(packs.keySet());
        }
        for (String pack : known) {
            if (!present.contains(pack)) {
                remove(pack);
                changed = true;
            }
        }
        for (String file : files) {
            String pack = file.endsWith(PackDeletions.SUFFIX) ? PackDeletions.packOf(file) : null;
            if (pack != null && deletionFiles.computeIfAbsent(pack, p -> ConcurrentHashMap.newKeySet()).add(file)
                    && packs.containsKey(pack)) {
                Set<String> ids = PackDeletions.decode(file, raw.readFile(PackFormat.DIR + "/" + file));
                if (ids != null) { // a damaged one is ignored: its objects show again, none is hidden wrongly
                    hide(pack, ids);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** Hides objects of {@code pack} (deleted from it) from lookups and listings. */
    private void hide(String pack, Set<String> ids) {
        PackIndex index = packs.get(pack);
        if (index == null) {
            return;
        }
        Set<String> hidden = deletedIn.computeIfAbsent(pack, p -> ConcurrentHashMap.newKeySet());
        for (PackIndex.Entry e : index.entries()) {
            if (ids.contains(e.objectId()) && hidden.add(e.objectId())) {
                dropLocation(e.objectId(), pack);
            }
        }
    }

    /** The objects deleted from {@code pack} by an earlier GC (still in its bytes, no longer read). */
    public Set<String> deletedIn(String pack) {
        return Set.copyOf(deletedIn.getOrDefault(pack, Set.of()));
    }

    /**
     * Records for good that GC deleted {@code ids} from {@code pack}, which it keeps: a new deletions
     * file holding these and the earlier ones is written (atomically, fsynced), then the earlier files
     * are deleted. Under the writer lock.
     */
    public synchronized void writeDeletions(String pack, Set<String> ids) throws IOException {
        Set<String> all = new HashSet<>(deletedIn(pack));
        if (!packs.containsKey(pack) || !all.addAll(ids)) {
            return;
        }
        byte[] encoded = PackDeletions.encode(all);
        String name = PackDeletions.fileName(pack, encoded);
        raw.writeFile(PackFormat.DIR + "/" + name, encoded);
        Set<String> known = deletionFiles.computeIfAbsent(pack, p -> ConcurrentHashMap.newKeySet());
        for (String older : List.copyOf(known)) {
            if (!older.equals(name)) {
                raw.deleteFile(PackFormat.DIR + "/" + older);
                known.remove(older);
            }
        }
        known.add(name);
        hide(pack, all);
    }

    /** Deletes the deletions files of {@code pack} (GC, before the pack itself, so a crash leaves none without it). */
    public synchronized void deleteDeletionFiles(String pack) throws IOException {
        for (String file : List.copyOf(deletionFiles.getOrDefault(pack, Set.of()))) {
            raw.deleteFile(PackFormat.DIR + "/" + file);
        }
        deletionFiles.remove(pack);
    }

    /** Deletes deletions files whose pack is gone (GC; only left by a crash, or a pack deleted by hand). */
    public synchronized void deleteStrayDeletionFiles() throws IOException {
        for (String pack : List.copyOf(deletionFiles.keySet())) {
            if (!packs.containsKey(pack)) {
                deleteDeletionFiles(pack);
            }
        }
    }

    /** Makes packs a writer has just sealed readable. */
    public void add(List<PackWriter.SealedPack> sealed) {
        for (PackWriter.SealedPack p : sealed) {
            addIndex(p.name(), p.index());
        }
    }

    /** Forgets a pack (deleted by GC). */
    public void remove(String pack) {
        PackIndex index = packs.remove(pack);
        rebuilt.remove(pack);
        indexMissing.remove(pack);
        deletedIn.remove(pack);
        if (index == null) {
            return;
        }
        for (PackIndex.Entry e : index.entries()) {
            dropLocation(e.objectId(), pack);
        }
    }

    private void dropLocation(String objectId, String pack) {
        locations.computeIfPresent(objectId, (id, list) -> {
            List<Location> left = new ArrayList<>(list);
            left.removeIf(l -> l.pack().equals(pack));
            return left.isEmpty() ? null : List.copyOf(left);
        });
    }

    private void addIndex(String pack, PackIndex index) {
        if (packs.putIfAbsent(pack, index) != null) {
            return; // already known (sealed by this process, then seen again by a refresh)
        }
        for (PackIndex.Entry e : index.entries()) {
            Location at = new Location(pack, e.offset(), e.headerLength(), e.storedLength());
            locations.merge(e.objectId(), List.of(at), (older, newer) -> {
                List<Location> both = new ArrayList<>(newer); // the copy written last is read first
                both.addAll(older);
                return List.copyOf(both);
            });
        }
    }

    public boolean contains(String objectId) {
        return locations.containsKey(objectId);
    }

    /** The ids of every packed object. */
    public Set<String> objectIds() {
        return Collections.unmodifiableSet(locations.keySet());
    }

    /** Every pack (name → index), sorted by name. */
    public Map<String, PackIndex> packs() {
        synchronized (packs) {
            return Map.copyOf(packs);
        }
    }

    /** The packs holding {@code objectId} (empty when it is not packed). */
    public List<String> packsOf(String objectId) {
        return locations.getOrDefault(objectId, List.of()).stream().map(Location::pack).toList();
    }

    /** Bytes the object's entry takes in its first pack (header and data), or -1 when it is not packed. */
    public long storedLength(String objectId) {
        List<Location> at = locations.get(objectId);
        return at == null ? -1 : at.get(0).headerLength() + at.get(0).storedLength();
    }

    /** The length of the object's stored data in its first pack (its loose file's size), or -1 when it is not packed. */
    public long dataLength(String objectId) {
        List<Location> at = locations.get(objectId);
        return at == null ? -1 : at.get(0).storedLength();
    }

    /** Packs whose index was missing or damaged when the project was opened and was rebuilt by scanning. */
    public List<String> rebuiltIndexes() {
        return List.copyOf(rebuilt);
    }

    /** True when the pack had no index file when it was loaded (an interrupted write; not damage). */
    public boolean indexWasMissing(String pack) {
        return indexMissing.contains(pack);
    }

    /**
     * The index of the pack file at {@code packPath} (anywhere, e.g. a fetch's staging folder), rebuilt from its
     * entries as {@link #refresh} does for a pack without one; {@code raw} is the storage unsealed.
     */
    public static byte[] indexOf(FileSystemAdapter raw, String packPath, long packLength) throws IOException {
        return PackIndex.scan(raw, packPath, packLength).encode();
    }

    /** Writes the indexes that were rebuilt (repair; under the writer lock). Returns how many. */
    public int writeRebuiltIndexes() throws IOException {
        int n = 0;
        for (String pack : List.copyOf(rebuilt)) {
            PackIndex index = packs.get(pack);
            if (index != null) {
                raw.writeFile(PackFormat.indexPath(pack), index.encode());
                n++;
            }
            rebuilt.remove(pack);
            indexMissing.remove(pack);
        }
        return n;
    }

    /**
     * The object's body as its loose file would give it through the project's adapter (opened, in an
     * encrypted project).
     *
     * @throws NoSuchFileException when no pack holds it
     * @throws CorruptionException when every copy is damaged (naming the object and its pack)
     */
    public byte[] read(String objectId) throws IOException {
        List<Location> at = locations.get(objectId);
        if (at == null) {
            throw new NoSuchFileException(objectId);
        }
        CorruptionException first = null;
        for (Location l : at) {
            try {
                return readAt(objectId, l);
            } catch (CorruptionException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    private byte[] readAt(String objectId, Location at) throws IOException {
        long length = at.headerLength() + at.storedLength();
        if (length > PackFormat.MAX_ARRAY) {
            throw PackFormat.damaged(objectId, at.pack(), "its entry is too large to read at once", null);
        }
        byte[] entry;
        try {
            entry = raw.readRange(PackFormat.packPath(at.pack()), at.offset(), (int) length);
        } catch (EOFException e) {
            throw PackFormat.damaged(objectId, at.pack(), "the pack is cut short", e);
        } catch (NoSuchFileException e) {
            throw PackFormat.damaged(objectId, at.pack(), "the pack is missing", e);
        }
        byte[] data = entryData(entry, objectId, at.pack(), at.headerLength(), at.storedLength());
        return cipher == null ? data : cipher.open(data, objectId);
    }

    /**
     * The stored data of one entry read whole from {@code pack} (here, or a remote's by a ranged read), its header
     * and the data's checksum checked against what the index says: a {@link CorruptionException} naming it if not.
     */
    public static byte[] entryData(byte[] entry, String objectId, String pack, int headerLength, long storedLength) {
        PackFormat.Header h = PackFormat.parseHeader(entry, 0, headerLength);
        if (h == null || !h.id().equals(objectId) || h.storedLength() != storedLength || h.length() != headerLength
                || entry.length < (long) headerLength + storedLength) {
            throw PackFormat.damaged(objectId, pack, "its entry header is damaged", null);
        }
        if (PackFormat.crc(entry, h.length(), (int) h.storedLength()) != h.dataCrc()) {
            throw PackFormat.damaged(objectId, pack, "its bytes do not match their checksum", null);
        }
        byte[] data = new byte[(int) h.storedLength()];
        System.arraycopy(entry, h.length(), data, 0, data.length);
        return data;
    }

    /** The object's stored data from {@code pack}, checked against its CRC (a repack's copy). */
    public byte[] readChecked(String objectId, String pack) throws IOException {
        for (Location l : locations.getOrDefault(objectId, List.of())) {
            if (l.pack().equals(pack)) {
                return readAt(objectId, l);
            }
        }
        throw new NoSuchFileException(objectId);
    }

    /**
     * The object's stored data as its first pack holds it, without checking it (repair parks a
     * damaged object aside before it writes it again; a repack copies it as it is).
     */
    public byte[] readStored(String objectId) throws IOException {
        List<Location> at = locations.get(objectId);
        if (at == null) {
            throw new NoSuchFileException(objectId);
        }
        Location l = at.get(0);
        if (l.storedLength() > PackFormat.MAX_ARRAY) {
            throw PackFormat.damaged(objectId, l.pack(), "its entry is too large to read at once", null);
        }
        return raw.readRange(PackFormat.packPath(l.pack()), l.offset() + l.headerLength(), (int) l.storedLength());
    }

    /**
     * What deep verify learns of one pack: whether its bytes still match its name ({@link PackName}), whether
     * its index was intact, and the objects that cannot be read from it.
     */
    public record PackCheck(String pack, boolean nameMatches, boolean indexIntact, List<String> damagedObjects) {
        public boolean intact() {
            return nameMatches && indexIntact && damagedObjects.isEmpty();
        }
    }

    /** Reads a whole pack: its name and every entry (deep verify). */
    public PackCheck check(String pack) throws IOException {
        PackName.Check name = new PackName.Check();
        boolean present = true;
        try (InputStream in = raw.openRead(PackFormat.packPath(pack))) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                name.update(buf, 0, n);
            }
        } catch (NoSuchFileException e) {
            present = false;
        }
        boolean nameMatches = present && name.matches(pack);
        List<String> damaged = new ArrayList<>();
        PackIndex index = packs.get(pack);
        Set<String> deleted = deletedIn(pack);
        if (index != null) {
            for (PackIndex.Entry e : index.entries()) {
                if (deleted.contains(e.objectId())) {
                    continue; // dead: its damage costs nothing
                }
                try {
                    readAt(e.objectId(), new Location(pack, e.offset(), e.headerLength(), e.storedLength()));
                } catch (CorruptionException x) {
                    damaged.add(e.objectId());
                }
            }
        }
        return new PackCheck(pack, nameMatches, !rebuilt.contains(pack), List.copyOf(damaged));
    }
}
