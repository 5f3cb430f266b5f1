package io.kamaros.engine.history;

import io.kamaros.engine.project.Ledger;
import io.kamaros.engine.project.ManifestDoc;
import io.kamaros.engine.model.PathRules;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.model.Args;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileChange;
import io.kamaros.engine.model.FileHistoryEntry;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.FileNotFoundException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.model.HistoryFilter;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.ListOptions;
import io.kamaros.engine.model.ProjectStats;
import io.kamaros.engine.model.RenameInfo;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionDiff;
import io.kamaros.engine.model.VersionNotFoundException;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.project.ContentStore;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.project.VersionGraph;
import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import io.kamaros.engine.model.TextEncoding;
import org.jspecify.annotations.Nullable;

/**
 * What the history holds, asked through the facade: versions (filtered, by reference), tags, the
 * differences between versions, a file's history and content, file listings of a version or the
 * working copy, the project's statistics. Each query takes the runner's read lock itself.
 */
public final class HistoryQueries {
    private final OperationRunner run;

    public HistoryQueries(OperationRunner run) {
        this.run = run;
    }

    private ProjectStore store() {
        return run.store();
    }

    private FileSystemAdapter adapter() {
        return run.adapter();
    }

    /** Versions newest first (all branches), filtered. */
    public List<Version> getHistory(HistoryFilter filter) {
        HistoryFilter f = filter == null ? HistoryFilter.all() : filter;
        return run.read(() -> {
            Map<String, List<String>> tags = tagsByVersion();
            List<VersionRecord> all = store().graph().all();
            List<Version> out = new ArrayList<>();
            for (int i = all.size() - 1; i >= 0 && out.size() < f.limit(); i--) {
                VersionRecord r = all.get(i);
                if (matches(r, f, tags.getOrDefault(r.id(), List.of()))) {
                    out.add(toVersion(r, tags));
                }
            }
            return out;
        });
    }

    private static boolean matches(VersionRecord r, HistoryFilter f, List<String> tags) {
        if (f.since() != null && r.timestamp().isBefore(f.since())) {
            return false;
        }
        if (f.until() != null && r.timestamp().isAfter(f.until())) {
            return false;
        }
        if (f.author() != null && !containsIgnoreCase(r.author(), f.author()) && !containsIgnoreCase(r.email(), f.author())) {
            return false;
        }
        if (f.message() != null && !containsIgnoreCase(r.message(), f.message())) {
            return false;
        }
        if (!tags.containsAll(f.tags())) {
            return false;
        }
        if (f.path() != null) {
            return r.changes().stream().anyMatch(c -> containsIgnoreCase(c.path(), f.path())
                    || containsIgnoreCase(c.previousPath(), f.path()));
        }
        return true;
    }

    private static boolean containsIgnoreCase(@Nullable String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    /** A version by id, unique id prefix (4+ characters), tag, {@code HEAD} or {@code HEAD~n}. */
    public Optional<Version> getVersion(String idOrTag) {
        Args.versionRef(idOrTag, "idOrTag");
        return run.read(() -> {
            String id = tryResolve(idOrTag);
            return id == null ? Optional.empty() : Optional.of(toVersion(recordOf(id), tagsByVersion()));
        });
    }

    /** The version the working copy is based on (HEAD), empty before the first checkpoint. */
    public Optional<Version> getCurrentVersion() {
        return run.read(() -> {
            String head = store().headId();
            return head == null ? Optional.empty() : Optional.of(toVersion(recordOf(head), tagsByVersion()));
        });
    }

    /** Adds a tag to a version; false when the tag already names another version. */
    public boolean tagVersion(String versionId, String tag) {
        Args.versionRef(versionId, "versionId");
        Checkpoint.Tags.validate(tag);
        return run.write("tag", CancellationToken.NONE, op -> {
            String id = resolve(versionId);
            String ref = Checkpoint.Tags.ref(tag);
            String existing = store().ledger().ref(ref);
            if (existing != null) {
                return existing.equals(id);
            }
            Ledger next = store().draft();
            next.setTag(tag, id);
            store().commit(next);
            run.ledgerSaved();
            return true;
        });
    }

    /** The id a reference names (see {@link #getVersion}); a VersionNotFoundException when none. Under the lock. */
    public String resolve(String ref) {
        String id = tryResolve(ref);
        if (id == null) {
            throw new VersionNotFoundException(ref);
        }
        return id;
    }

    @Nullable String tryResolve(@Nullable String ref) {
        if (ref == null || ref.isBlank()) {
            return null;
        }
        VersionGraph g = store().graph();
        if (g.contains(ref)) {
            return ref;
        }
        String upper = ref.toUpperCase(Locale.ROOT);
        if (upper.equals("HEAD") || upper.startsWith("HEAD~") || upper.startsWith("HEAD^")) {
            String id = store().headId();
            int back = upper.equals("HEAD") ? 0 : upper.startsWith("HEAD^") ? upper.length() - 4 : parseBack(ref.substring(5));
            for (int i = 0; i < back && id != null; i++) {
                id = Objects.requireNonNull(g.get(id), "a version's parent is in the graph").parentId();
            }
            return id;
        }
        String tagged = store().ledger().ref(Checkpoint.Tags.ref(ref));
        if (tagged != null && g.contains(tagged)) {
            return tagged;
        }
        if (ref.length() >= 4) {
            String found = null;
            for (VersionRecord r : g.all()) {
                if (r.id().startsWith(ref)) {
                    if (found != null) {
                        return null; // ambiguous prefix
                    }
                    found = r.id();
                }
            }
            return found;
        }
        return null;
    }

    private static int parseBack(String n) {
        try {
            return Integer.parseInt(n);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    Map<String, List<String>> tagsByVersion() {
        Map<String, List<String>> out = new HashMap<>();
        store().ledger().refs().forEach((k, v) -> {
            if (k.startsWith("tags/")) {
                out.computeIfAbsent(v, x -> new ArrayList<>()).add(k.substring(5));
            }
        });
        return out;
    }

    /** The record of a version id taken from a ref or a resolved reference: always in the graph. */
    private VersionRecord recordOf(String id) {
        return Objects.requireNonNull(store().graph().get(id), "a resolved version is in the graph");
    }

    private Version toVersion(VersionRecord r, Map<String, List<String>> tags) {
        String id = r.id();
        Map<String, FileState> lazyStates = new LazyMap(() -> run.read(() -> store().graph().publicStateOf(id)));
        return new Version(r.id(), r.parentId(), r.timestamp(), r.message(), r.author(), r.email(),
                List.copyOf(tags.getOrDefault(r.id(), List.of())), lazyStates, r.summary(), r.autoSaved(),
                List.copyOf(store().graph().emptyFoldersOf(id)), r.automatic(),
                r.forgotten());
    }

    /** A map built on first use, so that listing versions does not rebuild every file set. */
    private static final class LazyMap extends AbstractMap<String, FileState> {
        private final Supplier<Map<String, FileState>> supplier;
        private volatile @Nullable Map<String, FileState> value;

        LazyMap(Supplier<Map<String, FileState>> supplier) {
            this.supplier = supplier;
        }

        private Map<String, FileState> get() {
            Map<String, FileState> v = value;
            if (v == null) {
                v = supplier.get();
                value = v;
            }
            return v;
        }

            public Set<Entry<String, FileState>> entrySet() {
            return get().entrySet();
        }

            public @Nullable FileState get(Object key) {
            return get().get(key);
        }

            public boolean containsKey(Object key) {
            return get().containsKey(key);
        }

            public int size() {
            return get().size();
        }
    }

    /** What changed between two versions (by file identity, so renames are recognised). */
    public VersionDiff getVersionDiff(String fromVersion, String toVersion) {
        Args.versionRef(fromVersion, "fromVersion");
        Args.versionRef(toVersion, "toVersion");
        return run.read(() -> {
            String from = resolve(fromVersion);
            String to = resolve(toVersion);
            return diff(from, store().graph().stateOf(from), to, store().graph().stateOf(to));
        });
    }

    /** The differences between two file sets, matched by file identity so that renames are recognised. */
    static VersionDiff diff(String fromId, Map<String, FileState> a, String toId, Map<String, FileState> b) {
        Map<String, FileState> aByInode = new HashMap<>();
        a.values().forEach(s -> aByInode.put(s.inodeId(), s));
        Map<String, FileState> bByInode = new HashMap<>();
        b.values().forEach(s -> bByInode.put(s.inodeId(), s));
        List<FileChange> added = new ArrayList<>();
        List<FileChange> modified = new ArrayList<>();
        List<FileChange> deleted = new ArrayList<>();
        List<RenameInfo> renamed = new ArrayList<>();
        long sizeChange = 0;
        for (FileState after : b.values()) {
            FileState before = aByInode.get(after.inodeId());
            if (before == null) {
                added.add(new FileChange(ChangeType.ADDED, after.path(), null, after));
                sizeChange += after.size();
                continue;
            }
            if (!before.path().equals(after.path())) {
                renamed.add(new RenameInfo(after.inodeId(), before.path(), after.path()));
            }
            if (!before.hash().equals(after.hash())) {
                modified.add(new FileChange(ChangeType.MODIFIED, after.path(), before, after));
            }
            sizeChange += after.size() - before.size();
        }
        for (FileState before : a.values()) {
            if (!bByInode.containsKey(before.inodeId())) {
                deleted.add(new FileChange(ChangeType.DELETED, before.path(), before, null));
                sizeChange -= before.size();
            }
        }
        return new VersionDiff(fromId, toId, added, modified, deleted, renamed,
                new VersionDiff.Stats(added.size(), modified.size(), deleted.size(), renamed.size(), sizeChange));
    }

    /** Every version in which the file was added, changed, renamed or deleted, oldest first, following renames. */
    public List<FileHistoryEntry> getFileHistory(String path) {
        PathRules.check(path);
        return run.read(() -> {
            String inode = inodeOf(path);
            if (inode == null) {
                throw new FileNotFoundException(path);
            }
            List<FileHistoryEntry> out = new ArrayList<>();
            for (VersionRecord r : store().graph().all()) {
                for (FileState c : r.changes()) {
                    if (c.inodeId().equals(inode)) {
                        out.add(new FileHistoryEntry(r.id(), c.path(), r.timestamp(), Objects.requireNonNull(c.changeType(), "a saved change has its type"), c.size(), c.hash(),
                                r.author(), r.message(), c.previousPath()));
                    }
                }
            }
            return out;
        });
    }

    private @Nullable String inodeOf(String path) {
        ManifestDoc.FileEntry entry = store().ledger().file(path);
        List<VersionRecord> all = store().graph().all();
        if (entry != null && entry.inodeId() != null) {
            for (VersionRecord r : all) {
                for (FileState c : r.changes()) {
                    if (c.inodeId().equals(entry.inodeId())) {
                        return entry.inodeId();
                    }
                }
            }
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            for (FileState c : all.get(i).changes()) {
                if (c.path().equals(path) || path.equals(c.previousPath())) {
                    return c.inodeId();
                }
            }
        }
        return null;
    }

    /** The bytes of a file in a version (null: the working copy), verified against its SHA-256. */
    public byte[] getFileContent(String path, @Nullable String versionId) {
        PathRules.check(path);
        return run.read(() -> {
            if (versionId == null) {
                try {
                    return adapter().readFile(ChangeScanner.CONTENT + "/" + path);
                } catch (NoSuchFileException e) {
                    throw new FileNotFoundException(path);
                }
            }
            return store().content().read(stateIn(path, versionId).hash());
        });
    }

    /** A stream of a file's bytes (working copy when versionId is null); large files are never held in memory. */
    public InputStream streamFile(String path, @Nullable String versionId) {
        PathRules.check(path);
        return run.read(() -> {
            if (versionId == null) {
                try {
                    return adapter().openRead(ChangeScanner.CONTENT + "/" + path);
                } catch (NoSuchFileException e) {
                    throw new FileNotFoundException(path);
                }
            }
            return store().content().open(stateIn(path, versionId).hash());
        });
    }

    private FileState stateIn(String path, String versionRef) {
        String id = resolve(versionRef);
        FileState s = store().graph().stateOf(id).get(path);
        if (s == null) {
            throw new FileNotFoundException(path, id);
        }
        return s;
    }

    /** Files under a folder of the working copy or of a version, sorted by path. */
    public List<FileInfo> listFiles(String directory, ListOptions options) {
        String dir = PathRules.checkDirectory(directory);
        ListOptions opts = options == null ? ListOptions.defaults() : options;
        @Nullable PathMatcher matcher;
        try {
            matcher = opts.pattern() == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + opts.pattern());
        } catch (IllegalArgumentException e) {
            throw new ValidationException("The pattern '" + opts.pattern() + "' is not a valid glob (" + e.getMessage()
                    + "). Use e.g. \"*.txt\" or \"docs/**\".", JcfException.detailsOf("field", "pattern", "value", opts.pattern()), e);
        }
        return run.read(() -> {
            List<FileInfo> out = new ArrayList<>();
            if (opts.versionId() != null) {
                String id = resolve(opts.versionId());
                VersionRecord r = recordOf(id);
                for (FileState s : store().graph().stateOf(id).values()) {
                    if (!under(s.path(), dir, opts.recursive())) {
                        continue;
                    }
                    FileInfo fi = new FileInfo(s.path(), s.size(), s.type(), s.hash(), r.timestamp(),
                            versionEncoding(s), mimeOf(s.path()), s.inodeId(), id);
                    if (listed(fi, dir, opts, matcher)) {
                        out.add(fi);
                    }
                }
                return out;
            }
            ChangeScanner scanner = new ChangeScanner(adapter(), store().content().blobs());
            for (Map.Entry<String, FileStat> file : scanner.listWorkingFiles(new ArrayList<>()).entrySet()) {
                String p = file.getKey();
                if (!under(p, dir, opts.recursive())) {
                    continue;
                }
                Optional<FileStat> st = Optional.of(file.getValue());
                ManifestDoc.FileEntry e = store().ledger().file(p);
                String hash = e != null && ChangeScanner.sameFileAsHashed(e, st.get()) ? e.scanHash() : null;
                FileType type = e != null && e.scanType() != null ? FileType.fromJson(e.scanType()) : guessType(p, st.get());
                Instant modified = st.get().hasModifiedTime()
                        ? Instant.ofEpochSecond(0, st.get().modifiedNanos()) : null;
                FileInfo fi = new FileInfo(p, st.get().size(), type, hash, modified,
                        type == FileType.TEXT ? workingEncoding(p, e, hash) : null, mimeOf(p), e == null ? null : e.inodeId(), null);
                if (listed(fi, dir, opts, matcher)) {
                    out.add(fi);
                }
            }
            out.sort(Comparator.comparing(FileInfo::path));
            return out;
        });
    }

    /** A text file's encoding in a version: as the manifest records it for HEAD's content, else read from the store. */
    private @Nullable String versionEncoding(FileState s) throws IOException {
        if (s.type() != FileType.TEXT) {
            return null;
        }
        ManifestDoc.FileEntry e = store().ledger().file(s.path());
        if (e != null && s.hash().equals(e.currentHash()) && e.textEncoding() != null) {
            return e.textEncoding();
        }
        byte[] data = store().content().read(s.hash());
        return TextEncoding.detect(data, data.length);
    }

    /** A working-copy text file's encoding: recorded when it is HEAD's content, else read from the file. */
    private @Nullable String workingEncoding(String path, ManifestDoc.@Nullable FileEntry e, @Nullable String knownHash) throws IOException {
        if (e != null && knownHash != null && knownHash.equals(e.currentHash()) && e.textEncoding() != null) {
            return e.textEncoding();
        }
        try {
            byte[] data = adapter().readFile(ChangeScanner.CONTENT + "/" + path);
            String encoding = TextEncoding.detect(data, data.length);
            return encoding != null ? encoding : e != null ? e.textEncoding() : null;
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    private FileType guessType(String path, FileStat st) throws IOException {
        if (st.size() > ContentStore.MAX_DIFF_BYTES) {
            return FileType.BINARY;
        }
        byte[] data = adapter().readFile(ChangeScanner.CONTENT + "/" + path);
        return ContentStore.detectType(data, data.length);
    }

    private static boolean listed(FileInfo fi, String dir, ListOptions opts, @Nullable PathMatcher matcher) {
        if (!under(fi.path(), dir, opts.recursive())) {
            return false;
        }
        if (opts.type() != null && fi.fileType() != opts.type()) {
            return false;
        }
        return matcher == null || matcher.matches(Paths.get(fi.path())) || matcher.matches(Paths.get(PathRules.nameOf(fi.path())));
    }

    private static boolean under(String path, String dir, boolean recursive) {
        if (!dir.isEmpty() && !path.startsWith(dir + "/")) {
            return false;
        }
        String rest = dir.isEmpty() ? path : path.substring(dir.length() + 1);
        return recursive || !rest.contains("/");
    }

    private static @Nullable String mimeOf(String path) {
        String guess = URLConnection.guessContentTypeFromName(PathRules.nameOf(path));
        if (guess != null) {
            return guess;
        }
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".md")) {
            return "text/markdown";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        return null;
    }

    public ProjectStats getStats() {
        return run.read(() -> {
            VersionGraph g = store().graph();
            Map<String, FileState> head = g.stateOf(store().headId());
            long totalSize = 0;
            int text = 0;
            int binary = 0;
            ProjectStats.LargestFile largest = null;
            for (FileState s : head.values()) {
                totalSize += s.size();
                if (s.type() == FileType.TEXT) {
                    text++;
                } else {
                    binary++;
                }
                if (largest == null || s.size() > largest.size()) {
                    largest = new ProjectStats.LargestFile(s.path(), s.size());
                }
            }
            long contentSize = 0;
            for (String p : adapter().listFiles(ChangeScanner.CONTENT)) {
                contentSize += adapter().stat(ChangeScanner.CONTENT + "/" + p).map(FileStat::size).orElse(0L);
            }
            BlobStore blobs = store().content().blobs();
            long blobsSize = 0;
            for (String h : blobs.listBlobs()) {
                blobsSize += blobs.storedSize(h);
            }
            for (String c : blobs.listChunks()) {
                // Through the store's view: a chunk in a pack has no file of its own.
                blobsSize += store().adapter().stat(".store/chunks/" + c).map(FileStat::size).orElse(0L);
            }
            long manifestSize = adapter().stat(ProjectStore.MANIFEST).map(FileStat::size).orElse(0L)
                    + store().ledger().journalLength();
            // File entries across all versions: each version's count is its parent's plus added minus deleted.
            Map<String, Long> counts = new HashMap<>();
            Set<String> unique = new HashSet<>();
            long references = 0;
            for (VersionRecord r : g.all()) {
                long n = r.parentId() == null ? 0 : counts.getOrDefault(r.parentId(), 0L);
                for (FileState c : r.changes()) {
                    if (c.changeType() == ChangeType.ADDED) {
                        n++;
                    } else if (c.changeType() == ChangeType.DELETED) {
                        n--;
                    }
                    if (c.changeType() != ChangeType.DELETED) {
                        unique.add(c.hash());
                    }
                }
                counts.put(r.id(), n);
                references += n;
            }
            List<VersionRecord> all = g.all();
            ProjectStats.VersionRef oldest = all.isEmpty() ? null
                    : new ProjectStats.VersionRef(all.get(0).id(), all.get(0).timestamp());
            ProjectStats.VersionRef newest = all.isEmpty() ? null
                    : new ProjectStats.VersionRef(all.get(all.size() - 1).id(), all.get(all.size() - 1).timestamp());
            double ratio = unique.isEmpty() ? 1.0 : (double) references / unique.size();
            return new ProjectStats(all.size(), head.size(), totalSize, contentSize, blobsSize,
                    store().content().deltasSize(), manifestSize, unique.size(), references, ratio, oldest, newest,
                    new ProjectStats.FilesByType(text, binary), largest);
        });
    }}
