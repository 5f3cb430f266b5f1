package io.kamaros.engine.project;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.objects.ReversePatch;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import io.kamaros.engine.model.TextEncoding;
import org.jspecify.annotations.Nullable;

/**
 * Every stored file content, by hash. Binary contents and the newest text contents are blobs;
 * older text contents may exist only as reverse patches ({@code .store/deltas/}) from a newer
 * content. Reading such a content walks the shortest chain of patches from a kept blob, checking
 * the SHA-256 after every step, so a damaged patch is detected and never yields wrong bytes.
 * After each checkpoint superseded text blobs are dropped as long as every content stays within
 * {@code snapshotInterval} patches of a whole copy.
 */
public final class ContentStore {
    public static final String DELTAS = ".store/deltas/";
    /** Text files larger than this are stored as binaries (no line diff). */
    public static final int MAX_DIFF_BYTES = 8 * 1024 * 1024;

    /** One reverse patch: applied to {@code base}'s bytes it yields {@code target}'s bytes. */
    public record Patch(String base, String target, String path) {
    }

    private final FileSystemAdapter adapter;
    private final BlobStore blobs;
    private final int snapshotInterval;
    /** target hash → patches producing it; base hash → patches starting from it. */
    private final Map<String, List<Patch>> byTarget = new ConcurrentHashMap<>();
    private final Map<String, List<Patch>> byBase = new ConcurrentHashMap<>();

    public ContentStore(FileSystemAdapter adapter, BlobStore blobs, int snapshotInterval) {
        this.adapter = adapter;
        this.blobs = blobs;
        this.snapshotInterval = snapshotInterval;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** At most this many patches between any content and a whole copy of it. */
    public int snapshotInterval() {
        return snapshotInterval;
    }

    /** Registers the reverse patches that versions refer to (at open, and after each checkpoint). */
    public void index(Collection<VersionRecord> records) {
        for (VersionRecord r : records) {
            index(r);
        }
    }

    public void index(VersionRecord r) {
        for (FileState s : r.changes()) {
            if (s.contentRef() != null && s.contentRef().startsWith(DELTAS) && s.previousHash() != null
                    && s.hash() != null) {
                Patch p = new Patch(s.hash(), s.previousHash(), s.contentRef());
                byTarget.computeIfAbsent(p.target(), k -> new CopyOnWriteArrayList<>()).add(p);
                byBase.computeIfAbsent(p.base(), k -> new CopyOnWriteArrayList<>()).add(p);
            }
        }
    }


    /** Patches no loaded version names, matched to the contents they give (see {@link #adoptOrphanPatches}). */
    private final List<Patch> adopted = new CopyOnWriteArrayList<>();

    public List<Patch> adopted() {
        return List.copyOf(adopted);
    }

    /**
     * When journal lines are lost: a lost version's reverse patches are still stored, and older
     * versions may need them (a patch from the lost version's content of a file to its parent's).
     * Each patch no loaded version names is tried on the stored contents of files with its path
     * hash; one that gives, hash-checked, a content some version needs and nothing else gives is
     * used like a recorded one. Returns how many were taken.
     */
    public int adoptOrphanPatches(Collection<VersionRecord> records) throws IOException {
        Set<String> referenced = new HashSet<>();
        Map<String, Set<String>> contentsByPathHash = new HashMap<>();
        Set<String> needed = new HashSet<>();
        Set<String> texts = new LinkedHashSet<>();
        for (VersionRecord r : records) {
            for (FileState s : r.changes()) {
                if (s.contentRef() != null && s.contentRef().startsWith(DELTAS)) {
                    referenced.add(s.contentRef());
                }
                String ph = BlobStore.sha256Hex(s.path().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
                Set<String> hashes = contentsByPathHash.computeIfAbsent(ph, k -> new HashSet<>());
                if (s.hash() != null && s.type() == FileType.TEXT) {
                    texts.add(s.hash());
                }
                if (s.hash() != null) {
                    hashes.add(s.hash());
                    if (s.changeType() != ChangeType.DELETED) {
                        needed.add(s.hash());
                    }
                }
                if (s.previousHash() != null) {
                    hashes.add(s.previousHash());
                }
            }
        }
        needed.removeIf(h -> {
            try {
                return reachable(h);
            } catch (IOException e) {
                return true;
            }
        });
        int taken = 0;
        for (String name : adapter.listFiles(DELTAS.substring(0, DELTAS.length() - 1))) {
            String path = DELTAS + (name.endsWith(COPY) ? name.substring(0, name.length() - COPY.length()) : name);
            int us = path.lastIndexOf('_');
            if (needed.isEmpty() || referenced.contains(path) || !path.endsWith(".patch") || us < 0) {
                continue;
            }
            referenced.add(path); // tried once, from the patch or its copy
            String ph = path.substring(us + 1, path.length() - ".patch".length());
            // Contents of files with the patch's path first, then every text content (a file renamed since).
            Set<String> bases = new LinkedHashSet<>(contentsByPathHash.getOrDefault(ph, Set.of()));
            bases.addAll(texts);
            search:
            for (String base : bases) {
                byte[] data;
                try {
                    data = read(base);
                } catch (CorruptionException | NoSuchFileException e) {
                    continue;
                }
                for (String file : List.of(path, copyOf(path))) {
                    try {
                        String h = BlobStore.sha256Hex(ReversePatch.apply(data, adapter.readFile(file)));
                        if (needed.remove(h)) {
                            Patch p = new Patch(base, h, path);
                            byTarget.computeIfAbsent(h, k -> new CopyOnWriteArrayList<>()).add(p);
                            byBase.computeIfAbsent(base, k -> new CopyOnWriteArrayList<>()).add(p);
                            adopted.add(p);
                            taken++;
                            break search;
                        }
                    } catch (NoSuchFileException | RuntimeException e) {
                        // not this base, or this file is damaged
                    }
                }
            }
        }
        return taken;
    }

    public static String deltaPath(String versionId, String filePath) {
        String pathHash = BlobStore.sha256Hex(filePath.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        return DELTAS + versionId + "_" + pathHash + ".patch";
    }


    /** The bytes of a content, verified against its hash. */
    public byte[] read(String hash) throws IOException {
        return readTracked(hash).bytes();
    }

    /** A content's bytes, and whether they were rebuilt from reverse patches (no blob of its own). */
    public record Read(byte[] bytes, boolean rebuilt) {
    }

    /**
     * Like {@link #read}, through {@code cache}: a content it holds costs nothing, and a chain of patches starts from
     * the nearest content it holds (or blob) and leaves every content it passes in it. For reading many texts of the
     * same files (a forget); the bytes are verified as {@link #read}'s are.
     */
    public byte[] read(String hash, ReadCache cache) throws IOException {
        byte[] known = cache.get(hash);
        if (known == null) {
            known = readTracked(hash, cache).bytes();
            cache.put(hash, known);
        }
        return known.clone(); // the cache's copy stays as it was checked
    }

    /** Like {@link #read}, saying whether patches were applied. */
    public Read readTracked(String hash) throws IOException {
        return readTracked(hash, ReadCache.none());
    }

    private Read readTracked(String hash, ReadCache cache) throws IOException {
        try {
            return new Read(blobs.read(hash), false); // tried directly: most reads have a blob, one stat saved
        } catch (NoSuchFileException e) {
            // no blob (or dropped by a compaction meanwhile): the chain of patches below
        } catch (CorruptionException e) {
            byte[] rebuilt = readThroughPatches(hash, Set.of(hash), cache);
            if (rebuilt != null) {
                return new Read(rebuilt, true);
            }
            throw e;
        }
        byte[] rebuilt = readThroughPatches(hash, Set.of(), cache);
        if (rebuilt == null) {
            throw new CorruptionException("The content " + hash.substring(0, 12) + "… is missing from the history store "
                    + "(no blob and no chain of patches leads to it). Run verifyIntegrity to see what is affected.",
                    Map.of("corruptedItem", "blob:" + hash, "hash", hash));
        }
        return new Read(rebuilt, true);
    }

    /** A stream of the content: chunk by chunk for blobs, from memory for patched text (≤ 8 MiB). */
    public InputStream open(String hash) throws IOException {
        if (blobs.contains(hash)) {
            try {
                return blobs.openStream(hash);
            } catch (NoSuchFileException e) {
                // dropped meanwhile: rebuild below
            }
        }
        return new ByteArrayInputStream(read(hash));
    }

    public long size(String hash) throws IOException {
        if (blobs.contains(hash)) {
            return blobs.size(hash);
        }
        return read(hash).length;
    }

    /**
     * Tries chains from every kept blob (or content {@code cache} holds), shortest first, skipping blobs in
     * {@code avoid}; leaves the contents a chain passes in {@code cache}.
     */
    private byte @Nullable [] readThroughPatches(String hash, Set<String> avoid, ReadCache cache) throws IOException {
        Set<String> failedPatches = new HashSet<>();
        Set<String> badBlobs = new HashSet<>(avoid); // damaged or missing bases: try another route
        CorruptionException last = null;
        for (int attempt = 0; attempt < 32; attempt++) {
            List<Patch> chain = planChain(hash, base -> cache.contains(base) || !badBlobs.contains(base)
                    && blobs.contains(base), failedPatches);
            if (chain == null) {
                if (last != null) {
                    throw last;
                }
                return null;
            }
            String base = chain.get(0).base();
            byte[] data = cache.get(base);
            try {
                data = data != null ? data : blobs.read(base);
            } catch (CorruptionException | NoSuchFileException e) {
                badBlobs.add(base);
                last = e instanceof CorruptionException ce ? ce : new CorruptionException("The blob " + base.substring(0, 12)
                        + "… needed to rebuild " + hash.substring(0, 12) + "… is missing.",
                        Map.of("corruptedItem", "blob:" + base), e);
                continue;
            }
            Patch step = null;
            try {
                for (Patch p : chain) {
                    step = p;
                    data = apply(p, data);
                    cache.put(p.target(), data);
                }
                return data;
            } catch (CorruptionException e) {
                failedPatches.add(Objects.requireNonNull(step, "the chain is never empty").path());
                last = e;
            } catch (NoSuchFileException e) {
                failedPatches.add(step.path());
                last = new CorruptionException("A patch or blob needed to rebuild " + hash.substring(0, 12)
                        + "… is missing: " + e.getFile(), Map.of("corruptedItem", "blob:" + hash), e);
            }
        }
        throw last;
    }

    /** True when the content can be read: it has a blob, or a chain of indexed patches leads to it from one. */
    public boolean reachable(String hash) throws IOException {
        return reachable(hash, new HashSet<>());
    }

    /**
     * {@link #reachable(String)} for many contents: {@code known} holds contents already found reachable, where a
     * search stops, and gets the ones this search finds (each content on the chain), so checking every content of
     * a long history walks each chain about once instead of once per content.
     */
    public boolean reachable(String hash, Set<String> known) throws IOException {
        if (known.contains(hash) || blobs.contains(hash)) {
            return true;
        }
        List<Patch> chain = planChain(hash, base -> known.contains(base) || blobs.contains(base), Set.of());
        if (chain == null) {
            return false;
        }
        for (Patch p : chain) {
            known.add(p.target());
        }
        return true;
    }

    /**
     * The contents to store whole so that every content the indexed patches lead to is again within
     * {@code snapshotInterval} patches of a whole copy: after a forget the kept versions' texts are linked by
     * new patches, and the whole copies that bounded the old chains may have belonged to forgotten versions
     * (a 20,000-version history thinned to 200 would otherwise read its oldest texts through a hundred
     * patches or more). Walks the chains once from the kept blobs, and picks the first content beyond the
     * interval on each (in a chain without branches the fewest copies). Contents no chain from a blob
     * reaches are not listed: those need a whole copy anyway.
     */
    public List<String> beyondSnapshotInterval() throws IOException {
        Map<String, Integer> depth = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        Set<String> contents = new LinkedHashSet<>(byBase.keySet());
        contents.addAll(byTarget.keySet());
        for (String h : contents) {
            if (blobs.contains(h)) {
                depth.put(h, 0);
                queue.add(h);
            }
        }
        List<String> whole = new ArrayList<>();
        while (!queue.isEmpty()) {
            String h = queue.poll();
            int next = Objects.requireNonNull(depth.get(h), "queued with its depth") + 1;
            for (Patch p : byBase.getOrDefault(h, List.of())) {
                Integer known = depth.get(p.target());
                if (known != null && known <= next) {
                    continue;
                }
                if (next > snapshotInterval) {
                    if (known != null) {
                        continue; // already within the interval another way
                    }
                    whole.add(p.target());
                    depth.put(p.target(), 0);
                } else {
                    depth.put(p.target(), next);
                }
                queue.add(p.target());
            }
        }
        return whole;
    }

    /** An indexed patch that turns {@code base}'s bytes into {@code target}'s, or null. */
    public @Nullable Patch patchBetween(String base, String target) {
        for (Patch p : byBase.getOrDefault(base, List.of())) {
            if (p.target().equals(target)) {
                return p;
            }
        }
        return null;
    }

    /** Where the second copy of a reverse patch is kept. */
    public static String copyOf(String patchPath) {
        return patchPath + COPY;
    }

    public static final String COPY = ".copy";

    /**
     * A patch applied to its base's bytes, checked against its target's hash: from the patch, else
     * from its copy (one damaged byte in either costs nothing).
     *
     * @throws CorruptionException neither gives the target
     * @throws NoSuchFileException neither exists
     */
    public byte[] apply(Patch p, byte[] base) throws IOException {
        CorruptionException damaged = null;
        NoSuchFileException missing = null;
        for (String path : List.of(p.path(), copyOf(p.path()))) {
            try {
                byte[] out = ReversePatch.apply(base, adapter.readFile(path));
                String actual = BlobStore.sha256Hex(out);
                if (actual.equals(p.target())) {
                    return out;
                }
                damaged = damaged != null ? damaged : new CorruptionException("The patch " + path + " produced the wrong "
                        + "content (SHA-256 " + actual.substring(0, 12) + "…, expected " + p.target().substring(0, 12) + "…).",
                        Map.of("corruptedItem", path, "expected", p.target(), "actual", actual));
            } catch (NoSuchFileException e) {
                missing = missing != null ? missing : e;
            } catch (CorruptionException e) {
                damaged = damaged != null ? damaged : e;
            } catch (RuntimeException e) {
                damaged = damaged != null ? damaged : new CorruptionException("The patch " + path + " does not apply ("
                        + e.getMessage() + ").", Map.of("corruptedItem", path), e);
            }
        }
        if (damaged != null) {
            throw damaged;
        }
        throw missing;
    }

    /** Which of a patch's two files (the patch, its copy) are missing or do not give its target from {@code base}. */
    public List<String> damagedCopies(Patch p, byte[] base) throws IOException {
        List<String> bad = new ArrayList<>();
        for (String path : List.of(p.path(), copyOf(p.path()))) {
            try {
                if (!BlobStore.sha256Hex(ReversePatch.apply(base, adapter.readFile(path))).equals(p.target())) {
                    bad.add(path);
                }
            } catch (NoSuchFileException | RuntimeException e) {
                bad.add(path);
            }
        }
        return bad;
    }

    /** Whether a chain may start from a content (it has a usable blob, or its bytes are at hand). */
    @FunctionalInterface
    private interface Start {
        boolean test(String hash) throws IOException;
    }

    /**
     * Breadth-first search backwards from the wanted content to the nearest content a chain may
     * start from (a kept blob); returns the patches to apply in order (start first), or null when
     * no chain exists.
     */
    private @Nullable List<Patch> planChain(String hash, Start start, Set<String> avoidPatches) throws IOException {
        Map<String, Patch> via = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(hash);
        Set<String> seen = new HashSet<>(Set.of(hash));
        while (!queue.isEmpty()) {
            String h = queue.poll();
            for (Patch p : byTarget.getOrDefault(h, List.of())) {
                if (avoidPatches.contains(p.path()) || !seen.add(p.base())) {
                    continue;
                }
                via.put(p.base(), p);
                if (start.test(p.base())) {
                    List<Patch> chain = new ArrayList<>();
                    String cur = p.base();
                    while (!cur.equals(hash)) {
                        Patch step = Objects.requireNonNull(via.get(cur), "the search reached cur through a patch");
                        chain.add(step);
                        cur = step.target();
                    }
                    return chain;
                }
                queue.add(p.base());
            }
        }
        return null;
    }

    /**
     * Writes the reverse patch turning {@code newer} into {@code older} for a modified text file,
     * if it is worth it (smaller than half the file) and verified to reproduce {@code older}.
     * Returns the patch path, or null when the content is kept as a whole blob only.
     */
    public @Nullable String writeReversePatch(String versionId, String path, byte[] newer, byte[] older, String olderHash)
            throws IOException {
        byte[] patch;
        try {
            patch = ReversePatch.create(newer, older);
            byte[] check = ReversePatch.apply(newer, patch);
            if (!BlobStore.sha256Hex(check).equals(olderHash)) {
                return null;
            }
        } catch (RuntimeException e) {
            return null; // a diff that cannot be made or checked is simply not used
        }
        if (patch.length > Math.max(newer.length, older.length) / 2) {
            return null;
        }
        String ref = deltaPath(versionId, path);
        adapter.writeFile(ref, patch);
        adapter.writeFile(copyOf(ref), patch); // a patch is small, and a damaged one costs every older version after it
        return ref;
    }

    /**
     * After a checkpoint: drops blobs of text contents that now have a reverse patch from a newer
     * content, unless HEAD uses them or dropping would put some content more than
     * {@code snapshotInterval} patches away from a whole copy. Crash-safe: it runs after the commit,
     * and a blob left behind is only wasted space.
     */
    public int compact(Collection<String> candidates, Set<String> keep) throws IOException {
        return compact(candidates, keep, new ArrayList<>());
    }

    /**
     * {@link #compact(Collection, Set)}, adding to {@code refused} the contents whose whole copy
     * was kept because a patch it would then depend on is missing or damaged.
     */
    public int compact(Collection<String> candidates, Set<String> keep, List<String> refused) throws IOException {
        int dropped = 0;
        for (String hash : candidates) {
            if (keep.contains(hash) || !blobs.contains(hash) || !blobs.chunkHashes(hash).isEmpty()) {
                continue;
            }
            if (maxDepthWithout(hash) <= snapshotInterval) {
                if (!patchesHoldWithout(hash)) {
                    refused.add(hash);
                    continue;
                }
                blobs.deleteBlob(hash);
                dropped++;
            }
        }
        return dropped;
    }

    /**
     * Before a whole copy is dropped, the patches that would take its place are checked byte for
     * byte: the content must be rebuilt exactly through patches without its blob (every step
     * hash-checked), and every patch that starts from it must still give its older content. Other
     * contents reached through it then need nothing they did not need before. A damaged or missing
     * patch keeps the blob (the structural check of {@link #maxDepthWithout} only sees names).
     */
    private boolean patchesHoldWithout(String hash) throws IOException {
        try {
            byte[] rebuilt = readThroughPatches(hash, Set.of(hash), ReadCache.none());
            if (rebuilt == null || !BlobStore.sha256Hex(rebuilt).equals(hash)) {
                return false;
            }
            for (Patch p : byBase.getOrDefault(hash, List.of())) {
                apply(p, rebuilt); // checked against its target's hash
            }
            return true;
        } catch (CorruptionException | NoSuchFileException e) {
            return false;
        }
    }

    /**
     * The longest patch chain that a content near {@code hash} would need if its blob were gone.
     * Only contents within {@code snapshotInterval} patches of it can be affected (a content whose
     * shortest chain runs through it is at most that far away), and any chain of acceptable length
     * from such a content stays within twice that distance, so the search is bounded by the
     * interval, not by how long the file's history is.
     */
    private int maxDepthWithout(String hash) throws IOException {
        int inner = snapshotInterval;
        int radius = 2 * snapshotInterval + 2;
        Map<String, Integer> distance = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(hash));
        distance.put(hash, 0);
        while (!queue.isEmpty()) {
            String h = queue.poll();
            int d = Objects.requireNonNull(distance.get(h), "queued with its distance");
            if (d == radius) {
                continue;
            }
            for (Patch p : byTarget.getOrDefault(h, List.of())) {
                if (distance.putIfAbsent(p.base(), d + 1) == null) {
                    queue.add(p.base());
                }
            }
            for (Patch p : byBase.getOrDefault(h, List.of())) {
                if (distance.putIfAbsent(p.target(), d + 1) == null) {
                    queue.add(p.target());
                }
            }
        }
        // Multi-source BFS from the kept blobs of that neighbourhood along patch direction (base → target).
        Map<String, Integer> depth = new HashMap<>();
        Deque<String> bfs = new ArrayDeque<>();
        for (String h : distance.keySet()) {
            if (!h.equals(hash) && blobs.contains(h)) {
                depth.put(h, 0);
                bfs.add(h);
            }
        }
        while (!bfs.isEmpty()) {
            String h = bfs.poll();
            int d = Objects.requireNonNull(depth.get(h), "queued with its depth");
            for (Patch p : byBase.getOrDefault(h, List.of())) {
                if (distance.containsKey(p.target()) && !depth.containsKey(p.target())) {
                    depth.put(p.target(), d + 1);
                    bfs.add(p.target());
                }
            }
        }
        int max = 0;
        for (Map.Entry<String, Integer> e : distance.entrySet()) {
            if (e.getValue() > inner) {
                continue; // too far away to be affected
            }
            Integer d = depth.get(e.getKey());
            if (d == null) {
                return Integer.MAX_VALUE; // would become unreachable (within an acceptable chain)
            }
            max = Math.max(max, d);
        }
        return max;
    }

    /** Text in any encoding {@link TextEncoding} recognises (UTF-8, UTF-16 with a BOM, windows-1250, Latin-1, ...), at most 8 MiB. */
    public static FileType detectType(byte[] data, int length) {
        return TextEncoding.detect(data, length) == null ? FileType.BINARY : FileType.TEXT;
    }

    /** Total bytes of stored reverse patches. */
    public long deltasSize() throws IOException {
        long total = 0;
        for (String name : adapter.listFiles(DELTAS.substring(0, DELTAS.length() - 1))) {
            total += adapter.stat(DELTAS + name).map(s -> s.size()).orElse(0L); // copies included
        }
        return total;
    }

}
