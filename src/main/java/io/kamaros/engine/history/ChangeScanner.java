package io.kamaros.engine.history;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.model.UnversionableFile;
import io.kamaros.engine.project.Ledger;
import io.kamaros.engine.project.ManifestDoc;
import io.kamaros.engine.model.PathRules;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import io.kamaros.engine.project.ContentStore;
import io.kamaros.engine.model.TextEncoding;
import org.jspecify.annotations.Nullable;

/**
 * Looks at the working copy ({@code content/}): which files exist and what their contents hash
 * to. A file whose size and modification time match what the ledger remembers is not read again
 * (unless its time is too close to when it was hashed to be trusted — the "racy" case git also
 * guards against). When asked to store, contents are saved into the blob store in the same pass
 * that hashes them, so each changed file is read once.
 */
public final class ChangeScanner {
    public static final String CONTENT = "content";
    /** Files every OS litters folders with; never versioned. */
    private static final Set<String> IGNORED_NAMES = Set.of(".DS_Store", "Thumbs.db", "desktop.ini");
    /** Modification times closer than this to the hashing moment are not trusted (FAT has 2 s). */
    private static final long RACY_NANOS = 2_000_000_000L;

    /** A working-copy file as scanned. {@code stored} is true when its content is in the blob store. */
    public record WorkingFile(String path, String hash, long size, FileType type, FileStat stat, long hashedAtNanos,
                              @Nullable String encoding) implements Ledger.ScannedFile {
        /** A file whose text encoding was not looked at (taken from the scan cache, or binary). */
        public WorkingFile(String path, String hash, long size, FileType type, FileStat stat, long hashedAtNanos) {
            this(path, hash, size, type, stat, hashedAtNanos, null);
        }
    }

    /**
     * The result of a scan; {@code bytesStored} is what the objects it stored take on disk.
     * {@code unversionable}: what the working copy holds that is not versioned as it is (sorted by
     * path), including names saved with a warning. A tracked file that could not be read is in
     * {@code files} with its HEAD state, so it is kept as it was rather than recorded as deleted.
     * {@code emptyFolders} is null when the adapter cannot list folders (see {@link #emptyFoldersOr}).
     * {@code filesRead}: how many files it read (hashed, or stored) rather than took from the scan cache.
     */
    public record Scan(Map<String, WorkingFile> files, long bytesRead, long bytesStored,
                       List<UnversionableFile> unversionable, @Nullable SortedSet<String> emptyFolders, int filesRead) {
    }

    /**
     * The working copy's files as listed (ignored names out), what it cannot version as it is, and
     * its empty folders (see {@link #emptyFolders}; null when the adapter cannot list folders).
     */
    public record Listing(SortedMap<String, FileStat> files, List<UnversionableFile> unversionable,
                          @Nullable SortedSet<String> emptyFolders) {
        public Listing(SortedMap<String, FileStat> files, List<UnversionableFile> unversionable) {
            this(files, unversionable, null);
        }
    }

    /** A read of a working-copy file failed (as opposed to a write of the history). */
    private static final class UnreadableFile extends IOException {
        UnreadableFile(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final FileSystemAdapter adapter;
    /** Null for a scanner that only lists ({@link #list}). */
    private final @Nullable BlobStore blobs;
    /** A listing made earlier to use instead of walking (see {@link #using}). */
    private @Nullable Listing preset;
    /** Which files a storing scan stores (a partial checkpoint stores only the files it saves). */
    private Predicate<String> storing = path -> true;
    /** Bytes written by the scan in progress (a scanner runs one scan at a time). */
    private long bytesStored;

    public ChangeScanner(FileSystemAdapter adapter, @Nullable BlobStore blobs) {
        this.adapter = adapter;
        this.blobs = blobs;
    }

    private BlobStore blobs() {
        return Objects.requireNonNull(blobs, "a scanner made without a blob store only lists");
    }

    public static boolean isIgnored(String path) {
        for (int from = 0; ; ) { // segment by segment, without split's arrays (runs per file per scan)
            int to = path.indexOf('/', from);
            String segment = path.substring(from, to < 0 ? path.length() : to);
            if (IGNORED_NAMES.contains(segment) || segment.startsWith(FileAdapter.TEMP_PREFIX)) {
                return true;
            }
            if (to < 0) {
                return false;
            }
            from = to + 1;
        }
    }

    /**
     * A storing scan stores only the files this accepts; the others are hashed only (a partial
     * checkpoint leaves them out of the version, so their contents are not needed yet).
     */
    public ChangeScanner storingOnly(Predicate<String> paths) {
        this.storing = paths;
        return this;
    }

    /** Lists the working copy (what a scan starts with). */
    public Listing list() throws IOException {
        List<UnversionableFile> unversionable = new ArrayList<>();
        List<String> folders = adapter.listsFolders() ? new ArrayList<>() : null;
        SortedMap<String, FileStat> files = listWorkingFiles(unversionable, folders);
        return new Listing(files, unversionable,
                folders == null ? null : emptyFolders(folders, files.keySet(), unversionable));
    }

    /**
     * The empty folders a checkpoint made now would record: the scan's, or {@code head}'s when the
     * adapter cannot list folders (unknown is not "deleted").
     */
    public static SortedSet<String> emptyFoldersOr(Scan scan, SortedSet<String> head) {
        SortedSet<String> scanned = scan.emptyFolders();
        return scanned == null ? head : scanned;
    }

    /**
     * The empty folders among {@code folders} (all folders listed): those holding no file and no
     * other folder — "leaf" folders, since {@code a/b} implies {@code a}. Ignored names (such as
     * {@code .DS_Store}) do not count as content; anything the scan reports as not versionable (a
     * link, a special file, an unreadable entry, an invalid name) does, so a folder holding one is
     * not recorded as empty. Folders with ignored or invalid names are left out.
     */
    static SortedSet<String> emptyFolders(Collection<String> folders,
                                                    Collection<String> files,
                                                    List<UnversionableFile> unversionable) {
        if (folders.isEmpty()) {
            return Collections.emptySortedSet();
        }
        Set<String> occupied = new HashSet<>();
        Consumer<String> markParents = p -> {
            for (int i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) {
                if (!occupied.add(p.substring(0, i))) {
                    break; // its ancestors are marked already
                }
            }
        };
        files.forEach(markParents);
        unversionable.forEach(u -> {
            occupied.add(u.path()); // an unreadable folder is not known to be empty
            markParents.accept(u.path());
        });
        TreeSet<String> out = new TreeSet<>();
        for (String f : folders) {
            if (!isIgnored(f) && PathRules.problemOf(f) == null) {
                markParents.accept(f);
            }
        }
        for (String f : folders) {
            if (!occupied.contains(f) && !isIgnored(f) && PathRules.problemOf(f) == null) {
                out.add(f);
            }
        }
        return out;
    }

    /** Makes the next scan use {@code listing} (taken moments ago) instead of walking the folder again. */
    public ChangeScanner using(Listing listing) {
        this.preset = listing;
        return this;
    }

    /**
     * The working copy's files with size and time. Ignored names are left out silently; what cannot
     * be versioned (links, special files, unreadable folders, invalid names) is left out and added to
     * {@code unversionable}, and names Windows cannot hold are kept and added there as warnings.
     */
    public SortedMap<String, FileStat> listWorkingFiles(List<UnversionableFile> unversionable)
            throws IOException {
        return listWorkingFiles(unversionable, null);
    }

    /** Like {@link #listWorkingFiles(List)}, adding every folder of the working copy to {@code folders} (when not null). */
    public SortedMap<String, FileStat> listWorkingFiles(List<UnversionableFile> unversionable,
                                                                  @Nullable Collection<String> folders)
            throws IOException {
        List<UnversionableFile> notListed = new ArrayList<>();
        SortedMap<String, FileStat> out = folders == null ? adapter.listFilesWithStats(CONTENT, notListed)
                : adapter.listFilesWithStats(CONTENT, notListed, folders);
        List<UnversionableFile> found = new ArrayList<>();
        for (UnversionableFile u : notListed) {
            if (!isIgnored(u.path())) {
                found.add(u);
            }
        }
        Map<String, String> byFoldedName = new HashMap<>();
        Map<String, String> caseTwins = new HashMap<>(); // path -> the other path
        for (Iterator<String> it = out.keySet().iterator(); it.hasNext(); ) {
            String p = it.next();
            if (isIgnored(p)) {
                it.remove();
                continue;
            }
            String problem = PathRules.problemOf(p);
            if (problem != null) {
                found.add(new UnversionableFile(p, UnversionableFile.Reason.INVALID_NAME, problem + "; rename it"));
                it.remove();
                continue;
            }
            String twin = byFoldedName.putIfAbsent(p.toLowerCase(Locale.ROOT), p);
            if (twin != null) {
                caseTwins.put(p, twin);
                caseTwins.putIfAbsent(twin, p);
            }
        }
        for (String p : out.keySet()) {
            String windows = PathRules.windowsProblemOf(p);
            if (windows == null && caseTwins.containsKey(p)) {
                windows = "it differs from '" + caseTwins.get(p) + "' only by case, and Windows cannot hold both";
            }
            if (windows != null) {
                found.add(new UnversionableFile(p, UnversionableFile.Reason.WINDOWS_NAME,
                        "saved, but it cannot be restored on Windows: " + windows));
            }
        }
        found.sort(Comparator.comparing(UnversionableFile::path));
        unversionable.addAll(found);
        return out;
    }

    /**
     * Scans the working copy.
     *
     * @param ledger     the manifest's fileMap (read only)
     * @param store      also store every content read (checkpoint), and remembered contents that
     *                   are neither in HEAD nor in the blob store
     * @param headHashes the contents of HEAD (always available)
     */
    public Scan scan(Map<String, ManifestDoc.FileEntry> ledger, boolean store, Set<String> headHashes,
                     Operation op) throws IOException {
        return scan(ledger, store, headHashes, op, new ArrayList<>());
    }

    /**
     * Like {@link #scan(Map, boolean, Set, Operation)}, adding each object it stores to
     * {@code newObjects} as soon as it is written, so a checkpoint that fails or is cancelled
     * midway can delete them.
     */
    public Scan scan(Map<String, ManifestDoc.FileEntry> ledger, boolean store, Set<String> headHashes,
                     Operation op, List<String> newObjects) throws IOException {
        List<UnversionableFile> unversionable = new ArrayList<>();
        Map<String, FileStat> stats;
        @Nullable SortedSet<String> emptyFolders;
        Listing preset = this.preset;
        if (preset != null) {
            stats = preset.files();
            unversionable.addAll(preset.unversionable());
            emptyFolders = preset.emptyFolders();
            this.preset = null;
        } else {
            List<String> folders = adapter.listsFolders() ? new ArrayList<>() : null;
            stats = listWorkingFiles(unversionable, folders);
            emptyFolders = folders == null ? null : emptyFolders(folders, stats.keySet(), unversionable);
        }
        List<UnversionableFile> unreadable = new ArrayList<>();
        // Count first: the bytes this scan will read (files not hashed before, and hashed files whose
        // content a checkpoint must still store), so the first progress event already has the totals.
        Map<String, WorkingFile> hashedBefore = new HashMap<>();
        Set<String> toStore = new HashSet<>();
        long bytesTotal = 0;
        for (Map.Entry<String, FileStat> e : stats.entrySet()) {
            WorkingFile known = cached(e.getKey(), ledger.get(e.getKey()), e.getValue());
            if (known == null) {
                bytesTotal += e.getValue().size();
                continue;
            }
            hashedBefore.put(e.getKey(), known);
            if (store && storing.test(e.getKey()) && !headHashes.contains(known.hash())
                    && !blobs().contains(known.hash())) {
                toStore.add(e.getKey());
                bytesTotal += e.getValue().size();
            }
        }
        Map<String, WorkingFile> files = new TreeMap<>();
        bytesStored = 0;
        op.progress("scanning", 0, 0, stats.size(), 0, bytesTotal, null);
        if (store && blobs().wantsDictionary()) {
            trainDictionary(ledger, stats, newObjects);
        }
        long bytesRead = 0;
        int filesRead = 0;
        long done = 0;
        for (Map.Entry<String, FileStat> e : stats.entrySet()) {
            op.checkpoint();
            String p = e.getKey();
            FileStat st = e.getValue();
            ManifestDoc.@Nullable FileEntry entry = ledger.get(p);
            WorkingFile wf = hashedBefore.get(p);
            try {
                if (wf != null) {
                    wf = new WorkingFile(p, wf.hash(), wf.size(), wf.type(), st, wf.hashedAtNanos());
                    if (toStore.contains(p)) {
                        LongConsumer reading = reading(op, p, bytesRead, bytesTotal, done, stats.size());
                        bytesRead += st.size();
                        filesRead++;
                        wf = read(p, st, true, null, newObjects, op, reading);
                    }
                } else {
                    LongConsumer reading = reading(op, p, bytesRead, bytesTotal, done, stats.size());
                    bytesRead += st.size();
                    filesRead++;
                    wf = read(p, st, store && storing.test(p), entry == null ? null : entry.currentHash(), newObjects, op,
                            reading);
                }
            } catch (UnreadableFile unreadableFile) {
                // One file that cannot be read does not stop the others; it is reported instead.
                unreadable.add(new UnversionableFile(p, UnversionableFile.Reason.UNREADABLE,
                        "it cannot be read (" + reasonOf(Objects.requireNonNull(unreadableFile.getCause(), "made from its cause")) + ")"));
                wf = null;
            }
            if (wf != null) {
                files.put(p, wf);
            }
            done++;
        }
        op.progress("scanning", 100, done, stats.size(), bytesRead, bytesTotal, null);
        unversionable.addAll(unreadable);
        unversionable.sort(Comparator.comparing(UnversionableFile::path));
        keepUnreadableAsTheyWere(ledger, unversionable, files);
        return new Scan(files, bytesRead, bytesStored, List.copyOf(unversionable), emptyFolders, filesRead);
    }

    /**
     * A tracked file that could not be read now (or lies in a folder that could not be read) keeps
     * the content it has at HEAD: it is not recorded as deleted, and no scan cache is kept for it,
     * so it is read again next time.
     */
    private static void keepUnreadableAsTheyWere(Map<String, ManifestDoc.FileEntry> ledger,
                                                 List<UnversionableFile> unversionable, Map<String, WorkingFile> files) {
        for (UnversionableFile u : unversionable) {
            if (u.reason() != UnversionableFile.Reason.UNREADABLE) {
                continue;
            }
            String folder = u.path() + "/";
            for (Map.Entry<String, ManifestDoc.FileEntry> e : ledger.entrySet()) {
                String p = e.getKey();
                ManifestDoc.FileEntry entry = e.getValue();
                if ((p.equals(u.path()) || p.startsWith(folder)) && !files.containsKey(p) && entry.currentHash() != null) {
                    long size = entry.size() == null ? 0 : entry.size();
                    files.put(p, new WorkingFile(p, entry.currentHash(), size, FileType.fromJson(entry.type()),
                            new FileStat(size, -1), System.currentTimeMillis() * 1_000_000L));
                }
            }
        }
    }

    private static String reasonOf(Throwable e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** Reads a working-copy file whole; a failure of the read itself is an {@link UnreadableFile}. */
    private byte[] readWorking(String path) throws IOException {
        try {
            return adapter.readFile(path);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new UnreadableFile(e);
        }
    }

    /** Opens a working-copy file; failures of the opening and of every read are {@link UnreadableFile}s. */
    private InputStream openWorking(String path) throws IOException {
        InputStream in;
        try {
            in = adapter.openRead(path);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new UnreadableFile(e);
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw new UnreadableFile(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    throw new UnreadableFile(e);
                }
            }
        };
    }

    /** A dictionary is trained once a checkpoint stores at least this many small text files. */
    static final int DICT_MIN_FILES = 100;
    private static final int DICT_SAMPLES = 400;
    private static final long DICT_SAMPLE_BYTES = 4L << 20;
    static final int DICT_SIZE = 64 * 1024;

    /**
     * Before the first checkpoint with many small files is stored: trains the project's zstd
     * dictionary on up to 400 of the text files about to be stored (≤ 4 MiB, spread over the list),
     * so that they and every later small blob are compressed with it. The sampled files are read
     * again when stored, from the page cache. Nothing happens when too few are text or the
     * dictionary would not save 10 %; the next large checkpoint tries again.
     */
    private void trainDictionary(Map<String, ManifestDoc.FileEntry> ledger, Map<String, FileStat> stats,
                                 List<String> newObjects) throws IOException {
        List<String> candidates = new ArrayList<>();
        for (Map.Entry<String, FileStat> e : stats.entrySet()) {
            long size = e.getValue().size();
            if (size >= 64 && size <= BlobStore.DICT_MAX_INPUT && storing.test(e.getKey()) && cached(e.getKey(), ledger.get(e.getKey()), e.getValue()) == null) {
                candidates.add(e.getKey());
            }
        }
        if (candidates.size() < DICT_MIN_FILES) {
            return;
        }
        List<byte[]> samples = new ArrayList<>();
        long bytes = 0;
        int step = Math.max(1, candidates.size() / DICT_SAMPLES);
        for (int i = 0; i < candidates.size() && bytes < DICT_SAMPLE_BYTES; i += step) {
            byte[] data;
            try {
                data = adapter.readFile(CONTENT + "/" + candidates.get(i));
            } catch (IOException e) {
                continue; // vanished or unreadable: the scan itself reports the latter
            }
            if (ContentStore.detectType(data, data.length) == FileType.TEXT) {
                samples.add(data);
                bytes += data.length;
            }
        }
        if (samples.size() >= DICT_MIN_FILES / 2) {
            blobs().useDictionary(blobs().trainDictionary(samples, DICT_SIZE, 0, newObjects));
        }
    }

    /** The remembered hash when the file's size and time match and the time can be trusted. */
    static @Nullable WorkingFile cached(String path, ManifestDoc.@Nullable FileEntry entry, FileStat st) {
        if (entry == null || entry.scanHash() == null || !sameFileAsHashed(entry, st)) {
            return null;
        }
        Long at = entry.scanAtNanos();
        if (at == null || !trustworthy(st, at)) {
            return null; // modified too close to the moment it was hashed: it may have changed since
        }
        return new WorkingFile(path, entry.scanHash(), st.size(), FileType.fromJson(entry.scanType()), st, at);
    }

    /**
     * True when the file is, by its stat, the one the entry's scan cache hashed: the same size and time and, where
     * the file system tells, the same change stamp (inode and ctime: a file moved over this one, or rewritten with
     * its old time put back, keeps size and time but not the stamp). An entry from before stamps were kept, or a
     * stamp that came or went, counts as another file: it is hashed once more.
     */
    static boolean sameFileAsHashed(ManifestDoc.FileEntry entry, FileStat st) {
        Long size = entry.scanSize();
        Long mtime = entry.scanMtimeNanos();
        Long stamp = entry.scanStamp();
        return size != null && mtime != null && st.hasModifiedTime() && size == st.size() && mtime == st.modifiedNanos()
                && (st.hasChangeStamp() ? stamp != null && stamp == st.changeStamp() : stamp == null);
    }

    /**
     * True when a later scan may take this file's hash from the scan cache while its size and time stay the same:
     * it was last modified well before it was hashed. A file modified within {@link #RACY_NANOS} of its hashing
     * may have changed again in the same clock tick after it was read (git's "racy" case), so it is hashed again.
     */
    public static boolean trustworthy(FileStat st, long hashedAtNanos) {
        return st.hasModifiedTime() && hashedAtNanos >= Long.MIN_VALUE + RACY_NANOS
                && st.modifiedNanos() <= hashedAtNanos - RACY_NANOS;
    }

    /** {@link #trustworthy(FileStat, long)} for a scanned file. */
    public static boolean trustworthy(WorkingFile file) {
        return trustworthy(file.stat(), file.hashedAtNanos());
    }

    /**
     * Reads one file: hashes it and (when storing) saves it, in one pass. Null if it vanished.
     * {@code previous}: the content the path had at HEAD, whose chunks speed up storing a big file.
     */
    private @Nullable WorkingFile read(String p, FileStat st, boolean store, @Nullable String previous, List<String> newObjects,
                             Operation op, LongConsumer reading)
            throws IOException {
        String path = CONTENT + "/" + p;
        long hashedAt = System.currentTimeMillis() * 1_000_000L;
        try {
            if (st.size() <= ContentStore.MAX_DIFF_BYTES) {
                byte[] data = readWorking(path);
                String encoding = TextEncoding.detect(data, data.length);
                FileType type = encoding == null ? FileType.BINARY : FileType.TEXT;
                String hash;
                if (!store) {
                    hash = BlobStore.sha256Hex(data);
                } else if (type == FileType.BINARY && data.length >= BlobStore.CHUNKING_THRESHOLD) {
                    BlobStore.PutResult r = blobs().putStream(new ByteArrayInputStream(data), true,
                            CancellationToken.NONE, reading, previous);
                    keep(r, newObjects);
                    hash = r.hash();
                } else {
                    BlobStore.PutResult r = blobs().put(data);
                    keep(r, newObjects);
                    hash = r.hash();
                }
                return new WorkingFile(p, hash, data.length, type, st, hashedAt, encoding);
            }
            if (store) {
                try (InputStream in = openWorking(path)) {
                    BlobStore.PutResult r = blobs().putStream(in, true, CancellationToken.NONE, reading, previous);
                    keep(r, newObjects);
                    return new WorkingFile(p, r.hash(), r.size(), FileType.BINARY, st, hashedAt);
                }
            }
            return new WorkingFile(p, hashStream(path, op), st.size(), FileType.BINARY, st, hashedAt);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Told each read of one file while it is stored: checks Stop (and the time limit) after every
     * read, so a Stop takes effect within one read even inside a big file (the objects the file had
     * written are deleted by the blob store), and moves the bar through the file's bytes.
     */
    private static LongConsumer reading(Operation op, String path, long bytesBefore, long bytesTotal, long filesDone,
                                        long filesTotal) {
        op.progress("scanning", bytesTotal == 0 ? 0 : 100.0 * bytesBefore / bytesTotal, filesDone, filesTotal,
                bytesBefore, bytesTotal, path);
        long[] inFile = {0};
        return n -> {
            op.checkpoint();
            inFile[0] += n;
            long at = bytesBefore + inFile[0];
            op.progress("scanning", bytesTotal == 0 ? 0 : 100.0 * at / bytesTotal, filesDone, filesTotal, at, bytesTotal,
                    path);
        };
    }

    private void keep(BlobStore.PutResult r, List<String> newObjects) {
        newObjects.addAll(r.newObjects());
        bytesStored += r.storedBytes();
    }

    private String hashStream(String path, Operation op) throws IOException {
        try (InputStream in = openWorking(path)) {
            return sha256(in, op);
        }
    }

    /** SHA-256 (hex) of a stream read to its end in 1 MiB reads, cancellable between reads. */
    static String sha256(InputStream in, Operation op) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 20];
        int n;
        while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
            op.checkpoint();
        }
        return HexFormat.of().formatHex(md.digest());
    }


}
