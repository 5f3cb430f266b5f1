package io.kamaros.engine.history;

import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.model.GcOptions;
import io.kamaros.engine.model.GcReport;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.format.JournalCodec;
import io.kamaros.engine.project.Ledger;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.objects.pack.PackingAdapter;
import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import io.kamaros.engine.project.ContentStore;
import io.kamaros.engine.project.ProjectStore;

/**
 * Removes what no version needs (spec §3.6, mark and sweep): blobs and chunks of contents no
 * version has, reverse patches no version refers to, files left in {@code .store/temp/}, and
 * uncommitted bytes at the end of the version journal.
 *
 * <p>The caller holds the project's writer lock (in-process and OS lock), so no checkpoint or
 * restore runs meanwhile: an object a checkpoint is writing cannot be taken for garbage, and temp
 * files only exist while such an operation runs. That is why no grace period is needed.
 *
 * <p>Mark: every content hash of every version (each non-deleted change in the journal; HEAD's file
 * set is made of them), the blob of each such hash that exists and the chunks its recipe lists, and
 * every patch a version names as {@code contentRef}. A blob is only removed when no version has its
 * content, so it can never be the base of a patch chain some version needs. While manifest.json is
 * damaged (the project runs on manifest.json.bak, which may miss the newest versions) GC refuses to
 * run: repair first.
 */
public final class GarbageCollector {
    private final ProjectStore store;

    public GarbageCollector(ProjectStore store) {
        this.store = store;
    }

    /** The objects to remove, with their sizes. */
    private record Sweep(List<String> blobs, List<String> chunks, List<String> deltas, List<String> temp,
                         long journalTail, long bytes) {
    }

    public GcReport run(GcOptions options, Operation op) throws IOException {
        GcOptions opts = options == null ? GcOptions.defaults() : options;
        op.emit(new JcfEvent.GcStarted(op.id(), Instant.now(), opts));
        if (!manifestFileIsSound()) {
            // The project runs on manifest.json.bak: versions committed after it are invisible, and
            // their objects would look unused. Deleting them would make the damage permanent.
            throw new CorruptionException("manifest.json is damaged, so the project is running on the previous "
                    + "manifest; garbage collection would delete objects of newer versions. Run verifyIntegrity "
                    + "with repair first.", Map.of("corruptedItem", "manifest"));
        }
        JournalCodec.Recovered journal = store.checkJournalCopies();
        if (journal != null && !journal.lost().isEmpty()) {
            // A version whose line is lost in both copies still has its objects: they would look unused.
            throw new CorruptionException("The version journal has a line that neither it nor its copy holds intact, so "
                    + "garbage collection would delete the objects of that version. Run verifyIntegrity to see which "
                    + "version; restore the project from a backup to get it back.",
                    Map.of("corruptedItem", JournalCodec.JOURNAL_PATH));
        }
        FileSystemAdapter adapter = store.adapter();
        BlobStore blobs = store.content().blobs();

        long compacted = 0;
        long compactedBytes = 0;
        if (opts.aggressive() && !opts.dryRun()) {
            op.progress("compacting", 5, 0, 0, 0, 0, null);
            long[] result = compact(op);
            compacted = result[0];
            compactedBytes = result[1];
            compactedBytes += recompress(op);
        }

        op.progress("marking", 10, 0, 0, 0, 0, null);
        Set<String> contents = contentHashes();
        Set<String> neededDeltas = new HashSet<>();
        for (VersionRecord r : store.graph().all()) {
            for (FileState s : r.changes()) {
                if (s.contentRef() != null && s.contentRef().startsWith(ContentStore.DELTAS)) {
                    neededDeltas.add(s.contentRef());
                }
            }
        }
        op.checkpoint();

        op.progress("sweeping", 30, 0, 0, 0, 0, null);
        List<String> blobList = blobs.listBlobs();
        Set<String> neededChunks = new HashSet<>();
        boolean chunksSafe = true;
        List<String> orphanBlobs = new ArrayList<>();
        for (String h : blobList) {
            if (!contents.contains(h)) {
                orphanBlobs.add(h);
                continue;
            }
            try {
                neededChunks.addAll(blobs.chunkHashes(h));
            } catch (CorruptionException e) {
                // A damaged recipe hides which chunks it needs: keep every chunk (verify reports the blob).
                chunksSafe = false;
            }
        }
        List<String> orphanChunks = new ArrayList<>();
        if (chunksSafe) {
            List<String> chunkList = blobs.listChunks();
            for (String c : chunkList) {
                if (!neededChunks.contains(c)) {
                    orphanChunks.add(c);
                }
            }
            if (!orphanChunks.isEmpty()) {
                chunksSafe = recipesAreSound(blobList, contents, neededChunks, new HashSet<>(chunkList));
                if (!chunksSafe) {
                    orphanChunks.clear();
                }
            }
        }
        if (!chunksSafe) {
            op.emit(new JcfEvent.Warning(op.id(), Instant.now(), "A blob's chunk list is damaged, so no chunk was "
                    + "removed. Run verifyIntegrity to see which."));
        }
        List<String> orphanDeltas = new ArrayList<>();
        for (String name : adapter.listFiles(deltasDir())) {
            String path = ContentStore.DELTAS + name;
            String patch = name.endsWith(ContentStore.COPY) ? path.substring(0, path.length() - ContentStore.COPY.length()) : path;
            if (!neededDeltas.contains(patch)) { // a patch's copy goes with it
                orphanDeltas.add(path);
            }
        }
        List<String> temp = new ArrayList<>();
        adapter.sync(); // seals a pack compaction left open, so its temp file is not taken for a stale one
        for (String name : adapter.listFiles(BlobStore.TEMP_DIR)) {
            temp.add(BlobStore.TEMP_DIR + "/" + name);
        }
        temp.addAll(adapter.listStaleTemporaryFiles()); // half-written files of a killed process
        op.checkpoint();

        op.progress("calculating", 60, 0, 0, 0, 0, null);
        long bytes = 0;
        for (String h : orphanBlobs) {
            bytes += sizeOf(adapter, BlobStore.BLOBS_DIR + "/" + h);
        }
        for (String c : orphanChunks) {
            bytes += sizeOf(adapter, BlobStore.CHUNKS_DIR + "/" + c);
        }
        for (String p : orphanDeltas) {
            bytes += sizeOf(adapter, p);
        }
        for (String p : temp) {
            bytes += sizeOf(adapter, p);
        }
        long tail = journalTail();
        bytes += tail;
        Sweep sweep = new Sweep(orphanBlobs, orphanChunks, orphanDeltas, temp, tail, bytes);

        if (!opts.dryRun()) {
            delete(sweep, op);
        }
        op.checkpoint();
        op.progress("repacking", 95, 0, 0, 0, 0, null);
        PackingAdapter.Repack repack = store.packing().repack(opts.dryRun() ? objectIds(sweep) : Set.of(),
                opts.dryRun(), opts.purge());
        GcReport report = new GcReport(blobList.size() + compacted, sweep.blobs().size() + compacted,
                sweep.chunks().size(), sweep.deltas().size(), sweep.temp().size(), sweep.bytes() + compactedBytes,
                op.elapsed(), opts.dryRun(), repack.packsRemoved(), repack.packsRewritten(), repack.packsMerged(),
                repack.objectsPacked(),
                repack.bytesReclaimed());
        op.progress("complete", 100, 0, 0, 0, 0, null);
        op.emit(new JcfEvent.GcCompleted(op.id(), Instant.now(), report));
        return report;
    }

    /** The pack ids of the objects a sweep removes (a dry run's repack counts them as deleted). */
    private static Set<String> objectIds(Sweep sweep) {
        Set<String> ids = new HashSet<>();
        sweep.blobs().forEach(h -> ids.add("blobs/" + h));
        sweep.chunks().forEach(c -> ids.add("chunks/" + c));
        sweep.deltas().forEach(p -> ids.add(p.substring(".store/".length())));
        return ids;
    }

    /**
     * A chunk list has no checksum of its own (reads are safe: every chunk and the whole content
     * are hash-checked), so before chunks are deleted because no recipe lists them, the recipes
     * are checked: a listed chunk that does not exist means a damaged chunk name, and a blob that
     * does not read as a recipe but has exactly a recipe's size may be one whose header byte
     * changed; it is read and hash-checked. Either way no chunk is deleted.
     */
    private boolean recipesAreSound(List<String> blobList, Set<String> contents, Set<String> neededChunks,
                                    Set<String> chunks) throws IOException {
        for (String c : neededChunks) {
            if (!chunks.contains(c)) {
                return false;
            }
        }
        BlobStore blobs = store.content().blobs();
        for (String h : blobList) {
            if (!contents.contains(h) || !blobs.chunkHashes(h).isEmpty()) {
                continue;
            }
            long size = blobs.storedSize(h);
            if (size >= 16 + 36 && (size - 16) % 36 == 0) {
                try (InputStream in = blobs.openStream(h)) {
                    in.transferTo(OutputStream.nullOutputStream()); // hash-checked, bounded memory
                } catch (CorruptionException | NoSuchFileException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every content hash some version has. */
    Set<String> contentHashes() {
        Set<String> out = new HashSet<>();
        for (VersionRecord r : store.graph().all()) {
            for (FileState s : r.changes()) {
                if (s.changeType() != ChangeType.DELETED && s.hash() != null) {
                    out.add(s.hash());
                }
            }
        }
        out.addAll(headHashes());
        return out;
    }

    private Set<String> headHashes() {
        Set<String> out = new HashSet<>();
        store.graph().stateOf(store.headId()).values().forEach(s -> out.add(s.hash()));
        return out;
    }

    /** Drops whole copies of old text contents that patches rebuild within snapshotInterval steps. */
    private long[] compact(Operation op) throws IOException {
        BlobStore blobs = store.content().blobs();
        Set<String> candidates = new LinkedHashSet<>();
        for (VersionRecord r : store.graph().all()) {
            for (FileState s : r.changes()) {
                // Contents a patch leads to (older text); the newest of a file has none.
                if (s.contentRef() != null && s.contentRef().startsWith(ContentStore.DELTAS) && s.previousHash() != null
                        && s.type() == FileType.TEXT) {
                    candidates.add(s.previousHash());
                }
            }
        }
        Set<String> present = new HashSet<>();
        long before = 0;
        for (String h : candidates) {
            if (blobs.contains(h)) {
                present.add(h);
                before += blobs.storedSize(h);
            }
        }
        op.checkpoint();
        List<String> refused = new ArrayList<>();
        int dropped = store.content().compact(present, headHashes(), refused);
        if (!refused.isEmpty()) {
            op.emit(new JcfEvent.Warning(op.id(), Instant.now(), "Kept the whole copy of " + refused.size()
                    + " old text content(s) because a patch that would replace it is missing or damaged (first: "
                    + refused.get(0) + "). Run verifyIntegrity to see which."));
        }
        long after = 0;
        for (String h : present) {
            if (blobs.contains(h)) {
                after += blobs.storedSize(h);
            }
        }
        return new long[]{dropped, before - after};
    }

    /** zstd level for aggressive recompression: small files, so the slow levels cost seconds, not minutes. */
    static final int AGGRESSIVE_LEVEL = 19;
    private static final int AGGRESSIVE_DICT_SIZE = 112 * 1024;
    private static final long AGGRESSIVE_SAMPLE_BYTES = 8L << 20;

    /**
     * Aggressive only: trains a dictionary on the kept small blobs themselves (up to 8 MiB of them)
     * and rewrites each with it at zstd level {@value #AGGRESSIVE_LEVEL} where that is smaller;
     * later checkpoints use the new dictionary. Dictionaries no blob uses any more are removed.
     * Order for crash safety: the dictionary is durable before a blob names it, and rewritten
     * blobs are durable before an old dictionary goes. Returns the bytes saved.
     */
    private long recompress(Operation op) throws IOException {
        BlobStore blobs = store.content().blobs();
        FileSystemAdapter adapter = store.adapter();
        Set<String> contents = contentHashes();
        List<String> small = new ArrayList<>();
        for (String h : blobs.listBlobs()) {
            if (contents.contains(h) && sizeOf(adapter, BlobStore.BLOBS_DIR + "/" + h) <= BlobStore.DICT_MAX_INPUT
                    && blobs.chunkHashes(h).isEmpty()) {
                small.add(h);
            }
        }
        if (small.size() < 100) {
            return 0;
        }
        op.progress("compacting", 6, 0, small.size(), 0, 0, null);
        List<byte[]> samples = new ArrayList<>();
        long sampled = 0;
        int step = Math.max(1, small.size() / 2000);
        for (int i = 0; i < small.size() && sampled < AGGRESSIVE_SAMPLE_BYTES; i += step) {
            op.checkpoint();
            try {
                byte[] plain = blobs.read(small.get(i));
                if (FileType.TEXT == ContentStore.detectType(plain, plain.length)) {
                    samples.add(plain);
                    sampled += plain.length;
                }
            } catch (CorruptionException e) {
                // verify reports it; a damaged blob is neither a sample nor rewritten
            }
        }
        List<String> created = new ArrayList<>();
        String dict = blobs.trainDictionary(samples, AGGRESSIVE_DICT_SIZE, AGGRESSIVE_LEVEL, created);
        if (dict == null) {
            return 0;
        }
        adapter.sync(); // the dictionary is on disk before any blob names it
        long dictBytes = created.isEmpty() ? 0 : sizeOf(adapter, created.get(0));
        AtomicLong saved = new AtomicLong();
        AtomicInteger done = new AtomicInteger();
        try {
            small.parallelStream().forEach(h -> {
                op.checkpoint();
                try {
                    saved.addAndGet(blobs.recompress(h, dict, AGGRESSIVE_LEVEL));
                } catch (CorruptionException | NoSuchFileException e) {
                    // left as it is: verify reports it
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                int n = done.incrementAndGet();
                if (n % 64 == 0) {
                    op.progress("compacting", 6 + 4.0 * n / small.size(), n, small.size(), 0, 0, h);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        adapter.sync(); // rewritten blobs are durable before an old dictionary may go
        if (!dict.equals(store.ledger().dictionary())) {
            Ledger next = store.draft();
            next.setDictionary(dict);
            store.commit(next);
        }
        blobs.useDictionary(dict);
        Set<String> used = new HashSet<>();
        for (String h : blobs.listBlobs()) {
            if (!contents.contains(h)) {
                continue; // swept below
            }
            String id = blobs.dictionaryIdOf(h);
            if (id != null) {
                used.add(id);
            }
        }
        for (String d : blobs.listDictionaries()) {
            if (!d.equals(dict) && !used.contains(BlobStore.dictionaryId(d))) {
                saved.addAndGet(sizeOf(adapter, BlobStore.DICTS_DIR + "/" + d));
                blobs.deleteDictionary(d);
            }
        }
        return saved.get() - dictBytes;
    }

    private void delete(Sweep sweep, Operation op) throws IOException {
        FileSystemAdapter adapter = store.adapter();
        BlobStore blobs = store.content().blobs();
        long total = sweep.blobs().size() + sweep.chunks().size() + sweep.deltas().size() + sweep.temp().size();
        long done = 0;
        for (String h : sweep.blobs()) {
            op.checkpoint();
            op.progress("deleting-blobs", 70 + 25.0 * done / Math.max(1, total), done, total, 0, 0, h);
            blobs.deleteBlob(h);
            done++;
        }
        for (String c : sweep.chunks()) {
            op.checkpoint();
            op.progress("deleting-chunks", 70 + 25.0 * done / Math.max(1, total), done, total, 0, 0, c);
            blobs.deleteChunk(c);
            done++;
        }
        for (String p : sweep.deltas()) {
            op.checkpoint();
            op.progress("deleting-deltas", 70 + 25.0 * done / Math.max(1, total), done, total, 0, 0, p);
            adapter.deleteFile(p);
            done++;
        }
        for (String p : sweep.temp()) {
            op.checkpoint();
            op.progress("deleting-temp", 70 + 25.0 * done / Math.max(1, total), done, total, 0, 0, p);
            adapter.deleteFile(p);
            done++;
        }
        if (sweep.journalTail() > 0) {
            store.settleJournal(false); // complete versions are taken back, never cut (the copy follows)
        }
    }

    /**
     * Bytes at the end of the journal that no manifest committed (a checkpoint that failed between
     * appending its line and committing).
     */
    private long journalTail() throws IOException {
        String path = store.ledger().journalPath();
        Optional<FileStat> st = store.adapter().stat(path);
        long committed = store.ledger().journalLength();
        return st.isPresent() && st.get().size() > committed ? st.get().size() - committed : 0;
    }

    private boolean manifestFileIsSound() throws IOException {
        if (!store.adapter().fileExists(ProjectStore.MANIFEST)) {
            return false;
        }
        try {
            ProjectStore.parse(store.adapter().readFile(ProjectStore.MANIFEST), ProjectStore.MANIFEST);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String deltasDir() {
        return ContentStore.DELTAS.substring(0, ContentStore.DELTAS.length() - 1);
    }

    private static long sizeOf(FileSystemAdapter adapter, String path) throws IOException {
        return adapter.stat(path).map(FileStat::size).orElse(0L);
    }
}
