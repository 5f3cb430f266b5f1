package io.kamaros.engine.project;

import io.kamaros.engine.format.Json;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.store.FileStat;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The one owner of a project's manifest state: metadata, config, refs (HEAD and tags), where the
 * committed version journal ends, and the working-copy ledger ({@code fileMap}). Everything else
 * reads it through accessors and read-only views (no copies: a ledger can hold thousands of files)
 * and changes it only through the methods below, each named for what it records and keeping refs,
 * journal length/count and files consistent together.
 *
 * <p>A writer changes a {@link #draft()} (a deep copy; the live ledger stays as it was if the
 * write fails) and hands it to {@link ProjectStore#commit(Ledger)}, which stamps the revision and
 * runs under the project's write lock. The JSON codecs ({@link ManifestReader},
 * {@link ManifestWriter}) are the only other code that touches {@link ManifestDoc}'s fields.
 */
public final class Ledger {
    private static final String HEAD = "head";
    private static final String TAG_PREFIX = "tags/";
    /** Marks a file entry whose text encoding {@link #resolveEncodings} must still look up. */
    private static final String ENCODING_UNKNOWN = "?";

    final ManifestDoc doc;

    Ledger(ManifestDoc doc) {
        this.doc = doc;
    }

    /** The ledger of a project just created: no versions, no files. */
    static Ledger newProject(String name, JcfConfig config, @Nullable Object keyRecord, String keyConfig) {
        ManifestDoc m = new ManifestDoc();
        String now = Json.formatTime(Instant.now());
        m.metadata.name = name;
        m.metadata.created = now;
        m.metadata.lastModified = now;
        m.metadata.author = config.author();
        m.metadata.email = config.email();
        m.metadata.application = "Kamaros";
        m.config.put("compressionLevel", config.compressionLevel());
        m.config.put("autoGC", config.autoGc());
        m.config.put("snapshotInterval", config.snapshotInterval());
        if (keyRecord != null) {
            m.config.put(keyConfig, keyRecord);
        }
        return new Ledger(m);
    }

    /** A deep copy to change and then commit. */
    public Ledger draft() {
        return new Ledger(doc.copy());
    }

    // ---- reading ----

    /** The version HEAD names, or null before the first version. */
    public @Nullable String head() {
        String head = doc.refs.get(HEAD);
        return head == null || head.isEmpty() ? null : head;
    }

    /** The ref {@code tags/<tag>} a tag is kept under. */
    public static String tagRef(String tag) {
        return TAG_PREFIX + tag;
    }

    /** The version a ref ({@code head}, {@code tags/<name>}) names, or null. */
    public @Nullable String ref(String name) {
        return doc.refs.get(name);
    }

    /** Every ref, sorted by name (read-only view). */
    public SortedMap<String, String> refs() {
        return Collections.unmodifiableSortedMap((SortedMap<String, String>) doc.refs);
    }

    /** The ledger entry of a working-copy path, or null when it is not tracked. */
    public ManifestDoc.@Nullable FileEntry file(String path) {
        return doc.fileMap.get(path);
    }

    /** Every tracked path and its entry, sorted by path (read-only view). */
    public SortedMap<String, ManifestDoc.FileEntry> files() {
        return Collections.unmodifiableSortedMap((SortedMap<String, ManifestDoc.FileEntry>) doc.fileMap);
    }

    /** Incremented by every commit. */
    public long revision() {
        return doc.revision;
    }

    public String journalPath() {
        return doc.journal.path;
    }

    /** Where the committed part of the journal ends: bytes past it are not versions yet. */
    public long journalLength() {
        return doc.journal.length;
    }

    /** How many versions the committed journal holds, as the manifest counts them. */
    public int journalCount() {
        return doc.journal.count;
    }

    /** A project config value, or null. */
    public @Nullable Object config(String key) {
        return doc.config.get(key);
    }

    /** The project config (read-only view). */
    public Map<String, Object> config() {
        return Collections.unmodifiableMap(doc.config);
    }

    /** The hash of the dictionary new small blobs are compressed with, or null. */
    public @Nullable String dictionary() {
        return doc.config.get(ProjectStore.DICTIONARY_CONFIG) instanceof String s ? s : null;
    }

    /** The project's metadata (read through its accessors). */
    public ManifestDoc.Metadata metadata() {
        return doc.metadata;
    }

    public String formatVersion() {
        return doc.formatVersion;
    }

    // ---- versions and refs ----

    /**
     * A checkpoint's new version: HEAD and the version's tags name it, and the committed journal
     * ends after its line.
     */
    public void recordVersion(VersionRecord record, long journalEnd, int versionCount) {
        doc.refs.put(HEAD, record.id());
        for (String tag : record.tags()) {
            doc.refs.put(tagRef(tag), record.id());
        }
        doc.journal.length = journalEnd;
        doc.journal.count = versionCount;
    }

    /**
     * A version saved beside HEAD (the automatic save of the files a restore of chosen files
     * replaces): its tags name it and the committed journal ends after its line, while HEAD and the
     * working-copy ledger stay as they are — the rest of the working copy is still based on HEAD.
     */
    public void recordSideVersion(VersionRecord record, long journalEnd, int versionCount) {
        for (String tag : record.tags()) {
            doc.refs.put(tagRef(tag), record.id());
        }
        doc.journal.length = journalEnd;
        doc.journal.count = versionCount;
    }

    /**
     * Versions received from a remote, appended beside the local ones: HEAD and the working-copy ledger stay
     * (the local work is untouched), their tags name them unless a local tag has that name already.
     */
    public void recordFetchedVersions(List<VersionRecord> records, long journalEnd, int versionCount) {
        for (VersionRecord record : records) {
            for (String tag : record.tags()) {
                doc.refs.putIfAbsent(tagRef(tag), record.id());
            }
        }
        doc.journal.length = journalEnd;
        doc.journal.count = versionCount;
    }

    /**
     * A complete version found past the committed end of the journal, taken back into the history:
     * its tags name it unless taken, the journal ends after it. HEAD is moved separately
     * ({@link #followHead}) once every version is taken back.
     */
    void takeBackVersion(VersionRecord record, long journalEnd, int versionCount) {
        for (String tag : record.tags()) {
            doc.refs.putIfAbsent(tagRef(tag), record.id());
        }
        doc.journal.length = journalEnd;
        doc.journal.count = versionCount;
    }

    /** The committed journal ends at {@code length} (its tail was rewritten). */
    void journalEndsAt(long length) {
        doc.journal.length = length;
    }

    /** The committed journal is now the file at {@code path}, rewritten whole (a forget). */
    public void rewroteJournal(String path, long length, int versionCount) {
        doc.journal.path = path;
        doc.journal.length = length;
        doc.journal.count = versionCount;
    }

    /** A whole journal written for an import into a project without versions. */
    public void importJournal(long length, int versionCount) {
        doc.journal.length = length;
        doc.journal.count = versionCount;
    }

    /** HEAD names {@code versionId} (the files are recorded by the caller's other ledger changes). */
    public void moveHead(String versionId) {
        doc.refs.put(HEAD, versionId);
    }

    /** Tags {@code versionId} with {@code tag}. */
    public void setTag(String tag, String versionId) {
        doc.refs.put(tagRef(tag), versionId);
    }

    /** Drops a ref (e.g. a tag naming a version the history does not hold). */
    public void removeRef(String name) {
        doc.refs.remove(name);
    }

    /**
     * Moves HEAD to {@code head} (a version taken back from the journal) and makes the working-copy
     * ledger follow it: {@code state} is that version's file set.
     */
    void followHead(String head, Map<String, FileState> state) {
        doc.refs.put(HEAD, head);
        Map<String, ManifestDoc.FileEntry> ledger = new TreeMap<>();
        String when = doc.metadata.lastModified;
        for (FileState s : state.values()) {
            ManifestDoc.FileEntry old = doc.fileMap.get(s.path());
            ManifestDoc.FileEntry e = old != null && s.inodeId().equals(old.inodeId) ? old.copy() : new ManifestDoc.FileEntry();
            e.inodeId = s.inodeId();
            e.type = s.type() == null ? null : s.type().jsonName();
            e.currentHash = s.hash();
            e.size = s.size();
            if (e.created == null) {
                e.created = when;
            }
            e.modified = when;
            ledger.put(s.path(), e);
        }
        doc.fileMap = ledger;
    }

    // ---- config and metadata ----

    public void setConfig(String key, Object value) {
        doc.config.put(key, value);
    }

    public void addConfigIfAbsent(String key, Object value) {
        doc.config.putIfAbsent(key, value);
    }

    /** New small blobs are compressed with this dictionary. */
    public void setDictionary(String hash) {
        doc.config.put(ProjectStore.DICTIONARY_CONFIG, hash);
    }

    /** The metadata an imported archive describes its project with. */
    public void describeProject(@Nullable String name, @Nullable String description, @Nullable String created,
                                @Nullable String author, @Nullable String email) {
        doc.metadata.name = name;
        doc.metadata.description = description;
        doc.metadata.created = created;
        doc.metadata.author = author;
        doc.metadata.email = email;
    }

    /** Keeps a metadata field this version does not know (from an imported archive). */
    public void keepUnknownMetadata(String key, Object value) {
        doc.metadata.setUnknown(key, value);
    }

    /** Stamps a commit: the next revision and the time of the change. */
    void stampCommit(long revision) {
        doc.revision = revision;
        doc.metadata.lastModified = Json.formatTime(Instant.now());
    }

    // ---- the working-copy ledger ----

    /** What a scan found for a working file: its content, and the stat the scan cache keys on. */
    public interface ScannedFile {
        String path();

        String hash();

        long size();

        FileType type();

        FileStat stat();

        /** When the file was read (ns since the epoch): times too close to it are not trusted. */
        long hashedAtNanos();

        /** The text encoding the scan read, or null when it did not look (cached, or binary). */
        String encoding();
    }

    /** Looks up the text encoding of stored content (reads it). */
    @FunctionalInterface
    public interface EncodingOfContent {
        @Nullable String encodingOf(String hash) throws IOException;
    }

    /** Looks up the text encoding of the file a restore just wrote (reads it). */
    @FunctionalInterface
    public interface EncodingOfWritten {
        @Nullable String encoding() throws IOException;
    }

    /**
     * The ledger after a checkpoint: exactly the scanned working files, each with its identity (from
     * {@code changed}, the version's changes by path, or kept, or new), the scan cache of what is on
     * disk, and the content, size and type its path has in the saved version. {@code saved} is that
     * version's whole file set after a partial checkpoint, or null after a whole one (every scanned
     * file is what was saved). After a partial checkpoint a file the version does not hold has no
     * committed content; a path the version did not change keeps its identity, so a move not saved
     * yet is still recognised by the next checkpoint. New text content the scan took from its cache
     * keeps its encoding unknown until {@link #resolveEncodings}.
     */
    public void recordCheckpointFiles(Collection<? extends ScannedFile> scanned, Map<String, FileState> changed,
                                      @Nullable Map<String, FileState> saved, Instant when) {
        Map<String, ManifestDoc.FileEntry> ledger = new TreeMap<>();
        String now = Json.formatTime(when);
        for (ScannedFile wf : scanned) {
            ManifestDoc.FileEntry entry = doc.fileMap.get(wf.path());
            if (entry == null) {
                entry = new ManifestDoc.FileEntry();
                entry.created = now;
            }
            FileState c = changed.get(wf.path());
            if (c != null && c.changeType() != ChangeType.DELETED) {
                entry.inodeId = c.inodeId();
                entry.modified = now;
            }
            FileState inVersion = saved == null ? null : saved.get(wf.path());
            if (entry.inodeId == null) {
                entry.inodeId = inVersion != null ? inVersion.inodeId() : UUID.randomUUID().toString();
            }
            if (entry.created == null) {
                entry.created = now;
            }
            if (saved != null && inVersion == null) { // not in the partial version: nothing committed yet
                entry.currentHash = null;
                entry.type = null;
                entry.size = null;
                entry.encoding = null;
            } else {
                String hash = inVersion == null ? wf.hash() : inVersion.hash();
                FileType type = inVersion == null ? wf.type() : inVersion.type();
                if (type != FileType.TEXT) {
                    entry.encoding = null;
                } else if (hash.equals(wf.hash()) && wf.encoding() != null) {
                    entry.encoding = wf.encoding();
                } else if (!hash.equals(entry.currentHash) || !FileType.TEXT.jsonName().equals(entry.type)) {
                    entry.encoding = ENCODING_UNKNOWN; // new content not read by this scan: see resolveEncodings
                }
                entry.type = type.jsonName();
                entry.currentHash = hash;
                entry.size = inVersion == null ? wf.size() : inVersion.size();
            }
            remember(entry, wf);
            ledger.put(wf.path(), entry);
        }
        doc.fileMap = ledger;
    }

    /** Looks up the text encodings {@link #recordCheckpointFiles} left unknown. */
    public void resolveEncodings(EncodingOfContent lookup) throws IOException {
        for (ManifestDoc.FileEntry entry : doc.fileMap.values()) {
            if (ENCODING_UNKNOWN.equals(entry.encoding)) {
                // marked unknown only together with its new content hash (recordCheckpointFiles)
                entry.encoding = lookup.encodingOf(Objects.requireNonNull(entry.currentHash));
            }
        }
    }

    /** A path that is no longer tracked. */
    public void forgetFile(String path) {
        doc.fileMap.remove(path);
    }

    /**
     * A file a restore wrote: its identity, type and size, and (when {@code stat} is given, the file
     * as written) the scan cache, so the next scan does not read it again.
     */
    public void recordRestoredFile(String path, String inodeId, FileType type, String hash, long size, @Nullable FileStat stat,
                                   long hashedAtNanos) {
        ManifestDoc.FileEntry e = doc.fileMap.computeIfAbsent(path, k -> new ManifestDoc.FileEntry());
        e.inodeId = inodeId;
        e.type = type.jsonName();
        e.size = size;
        String now = Json.formatTime(Instant.now());
        if (e.created == null) {
            e.created = now;
        }
        e.modified = now;
        if (stat != null) {
            rememberScan(e, hash, size, type, stat, hashedAtNanos);
        }
    }

    /**
     * The HEAD content of a path after a whole-version restore; its text encoding is looked up
     * only when that content changes.
     */
    public void recordHeadContent(String path, String inodeId, String hash, FileType type, EncodingOfWritten encoding)
            throws IOException {
        ManifestDoc.FileEntry e = doc.fileMap.computeIfAbsent(path, k -> new ManifestDoc.FileEntry());
        e.inodeId = inodeId;
        if (!hash.equals(e.currentHash) || !type.jsonName().equals(e.type)) {
            e.encoding = type != FileType.TEXT ? null : encoding.encoding();
        }
        e.currentHash = hash;
        e.type = type.jsonName();
    }

    /** A file an imported archive's HEAD holds, with the times its file map gives it. */
    public record ImportedFile(FileState state, @Nullable String created, @Nullable String modified) {
    }

    /** The refs and working-copy ledger of an imported history. */
    public void takeImportedHistory(Map<String, String> refs, Collection<ImportedFile> headFiles) {
        doc.refs = new TreeMap<>(refs);
        Map<String, ManifestDoc.FileEntry> ledger = new TreeMap<>();
        for (ImportedFile f : headFiles) {
            FileState s = f.state();
            ManifestDoc.FileEntry e = new ManifestDoc.FileEntry();
            e.inodeId = s.inodeId();
            e.type = s.type().jsonName();
            e.currentHash = s.hash();
            e.size = s.size();
            e.created = f.created();
            e.modified = f.modified();
            ledger.put(s.path(), e);
        }
        doc.fileMap = ledger;
    }

    // ---- working-copy operations (they change the live ledger; the next commit writes it) ----

    /**
     * What a status scan found (the caller leaves out files modified too close to their hashing whose hash did
     * not change: a later scan would hash them again anyway): the scan cache of each tracked path it does not
     * hold yet — a new hash, or the same
     * hash at a new size, time or moment of hashing (a file hashed again because its time had been too close to
     * its last hashing, or touched), so that the next scan does not read it again. Returns true when an entry
     * changed (the ledger then needs writing).
     */
    public boolean rememberScans(Collection<? extends ScannedFile> scanned) {
        boolean changed = false;
        for (ScannedFile wf : scanned) {
            ManifestDoc.FileEntry e = doc.fileMap.get(wf.path());
            if (e != null && !holdsScan(e, wf)) {
                remember(e, wf);
                changed = true;
            }
        }
        return changed;
    }

    /** True when the entry's scan cache is exactly what {@code wf} would remember (a file taken from it, say). */
    private static boolean holdsScan(ManifestDoc.FileEntry e, ScannedFile wf) {
        FileStat st = wf.stat();
        return wf.hash().equals(e.scanHash) && Objects.equals(e.scanSize, wf.size())
                && Objects.equals(e.scanMtimeNanos, st.hasModifiedTime() ? st.modifiedNanos() : null)
                && Objects.equals(e.scanAtNanos, wf.hashedAtNanos())
                && Objects.equals(e.scanStamp, st.hasChangeStamp() ? st.changeStamp() : null);
    }

    /**
     * A file written into the working copy: tracked from now on (a new path gets its own identity),
     * with the scan cache of what was written when {@code written} is given.
     */
    public void recordWrittenFile(String path, @Nullable ScannedFile written) {
        ManifestDoc.FileEntry e = track(path);
        if (written != null) {
            remember(e, written);
        }
    }

    /** A tracked (or newly tracked) file whose content changed in place: the next scan hashes it again. */
    public void recordChangedContent(String path) {
        track(path).scanHash = null;
    }

    /**
     * A working file moved: its entry (identity and scan cache, the cache re-keyed to the moved
     * file's stat when given) now belongs to {@code to}; it holds no committed content there yet.
     */
    public void recordMovedFile(String from, String to, @Nullable FileStat moved) {
        ManifestDoc.FileEntry entry = track(from);
        doc.fileMap.remove(from);
        if (moved != null && entry.scanHash != null) {
            entry.scanMtimeNanos = moved.modifiedNanos();
            entry.scanSize = moved.size();
            entry.scanStamp = moved.hasChangeStamp() ? moved.changeStamp() : null; // a move changes the ctime
        }
        entry.currentHash = null;
        doc.fileMap.put(to, entry);
    }

    private ManifestDoc.FileEntry track(String path) {
        return doc.fileMap.computeIfAbsent(path, k -> {
            ManifestDoc.FileEntry e = new ManifestDoc.FileEntry();
            e.inodeId = UUID.randomUUID().toString(); // a saved path keeps its own identity (ChangeSet)
            e.created = Json.formatTime(Instant.now());
            return e;
        });
    }

    /** The scan cache of a tracked path (a status that hashed it): see {@link ManifestDoc.FileEntry}. */
    public void rememberScan(String path, ScannedFile wf) {
        ManifestDoc.FileEntry e = doc.fileMap.get(path);
        if (e != null) {
            remember(e, wf);
        }
    }

    private static void remember(ManifestDoc.FileEntry entry, ScannedFile wf) {
        rememberScan(entry, wf.hash(), wf.size(), wf.type(), wf.stat(), wf.hashedAtNanos());
    }

    private static void rememberScan(ManifestDoc.FileEntry entry, String hash, long size, FileType type, FileStat stat,
                                     long hashedAtNanos) {
        entry.scanHash = hash;
        entry.scanSize = size;
        entry.scanMtimeNanos = stat.hasModifiedTime() ? stat.modifiedNanos() : null;
        entry.scanType = type.jsonName();
        entry.scanAtNanos = hashedAtNanos;
        entry.scanStamp = stat.hasChangeStamp() ? stat.changeStamp() : null;
    }
}
