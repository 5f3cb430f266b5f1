package io.kamaros.engine.project;
import io.kamaros.engine.model.RepairCode;
import io.kamaros.engine.model.VerificationReport.Repair;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.ConcurrentModificationException;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.ValidationException;
import com.github.luben.zstd.Zstd;
import io.kamaros.engine.format.JournalCodec;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.objects.ProjectKey;
import io.kamaros.engine.objects.SealingAdapter;
import io.kamaros.engine.objects.pack.PackingAdapter;
import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The persistent state of one project: the manifest, the version journal and the content store,
 * loaded together and committed together. The commit point of every write is the atomic
 * replacement of {@code manifest.json} (objects and journal lines are written before it; the
 * previous manifest is kept as {@code manifest.json.bak}).
 */
public final class ProjectStore {
    public static final String MANIFEST = "manifest.json";
    public static final String MANIFEST_BACKUP = "manifest.json.bak";
    /** Where the original implementation kept its manifest (an export to import, not a project). */
    public static final String LEGACY_MANIFEST = ".store/manifest.json";
    /** Config key: the hash of the zstd dictionary new small blobs are compressed with. */
    public static final String DICTIONARY_CONFIG = "zstdDictionary";

    /** The storage as given. */
    private final FileSystemAdapter raw;
    /** {@link #raw} with stored objects kept in packs; made at the first load. */
    private @Nullable PackingAdapter packing;
    /** {@link #packing}, or for an encrypted project a {@link SealingAdapter} over it: what everything else uses. */
    private FileSystemAdapter adapter;
    /** The data key of an encrypted project, null for a plain one. */
    private @Nullable ProjectKey key;
    /** The password to open with, until the first load consumes (and wipes) it. */
    private char @Nullable [] password;
    private final JcfConfig config;
    @SuppressWarnings("NullAway.Init") // set by load(), which open() runs before it returns the store
    private Ledger ledger;
    /** Tells whether this thread holds the project's write lock (installed by the facade); null: not checked. */
    private @Nullable BooleanSupplier writeLockHeld;
    @SuppressWarnings("NullAway.Init") // set by load(), as ledger
    private VersionGraph graph;
    @SuppressWarnings("NullAway.Init") // set by load(), as ledger
    private ContentStore content;
    /** The bytes of the committed manifest, kept to write the backup without serializing again. */
    @SuppressWarnings("NullAway.Init") // set by load(), as ledger
    private byte[] manifestBytes;
    /**
     * manifest.json exactly as this state was read from (even when it was damaged and the backup
     * was used) or as this process last wrote it; null when there was none. The identity of the
     * state: under the writer lock, a manifest.json that is not this one ({@link #isCurrent}) means
     * another process committed.
     */
    private byte @Nullable [] diskBytes;
    /** The journal line this process appended and has not committed yet: {start, end}, and its id. */
    private long @Nullable [] pendingLine;
    private @Nullable String pendingId;
    /**
     * {@link #manifestBytes} compressed for the next backup, made on another thread after a commit
     * (between saves the machine is idle; in a save it is 1–2 ms of a few tens).
     */
    private @Nullable CompletableFuture<byte[]> nextBackup;

    private ProjectStore(FileSystemAdapter adapter, JcfConfig config) {
        this.raw = adapter;
        this.adapter = adapter;
        this.config = config;
    }

    /** Opens the project the adapter holds, creating an empty one when there is none. */
    public static ProjectStore open(FileSystemAdapter adapter, JcfConfig config, String defaultName) throws IOException {
        return open(adapter, config, defaultName, null);
    }

    /**
     * Opens the project the adapter holds, creating an empty one when there is none: encrypted when
     * {@code password} is given. An encrypted project needs its password, which is checked right
     * after {@code manifest.json} is read, before anything else is read or written. The password
     * array is wiped once the key is derived.
     *
     * @throws io.kamaros.engine.model.PasswordException no or a wrong password for an encrypted project
     * @throws ValidationException a password for a project that is not encrypted
     */
    public static ProjectStore open(FileSystemAdapter adapter, JcfConfig config, String defaultName, char @Nullable [] password)
            throws IOException {
        return open(adapter, config, defaultName, password, null);
    }

    /**
     * Like {@link #open(FileSystemAdapter, JcfConfig, String, char[])}; an encrypted project with the
     * data key {@code unlocked} that another store of the same project holds, so that no password is
     * needed while the project's key record is still the one that key came from.
     */
    public static ProjectStore open(FileSystemAdapter adapter, JcfConfig config, String defaultName,
                                    char @Nullable [] password, @Nullable ProjectKey unlocked) throws IOException {
        ProjectStore store = new ProjectStore(adapter, config);
        store.key = unlocked;
        if (!adapter.fileExists(MANIFEST) && !adapter.fileExists(MANIFEST_BACKUP)) {
            if (adapter.fileExists(LEGACY_MANIFEST)) {
                throw new ValidationException("This folder holds a project in the original Kamaros export layout "
                        + "(.store/manifest.json). Import it with importData to convert it.",
                        Map.of("field", "adapter", "value", adapter.describe()));
            }
            HistoryGuard.checkNamesFree(adapter); // a folder of someone's own named like the history is not taken over
            store.createNew(defaultName, password == null ? null : ProjectKey.create(password));
        } else {
            HistoryGuard.checkNamesFree(adapter); // e.g. a web app's manifest.json is not a project
            store.password = password;
        }
        try {
            store.load();
        } finally {
            if (store.password != null) {
                Arrays.fill(store.password, '\0');
                store.password = null;
            }
        }
        return store;
    }

    private void createNew(String name, @Nullable ProjectKey newKey) throws IOException {
        Ledger m = Ledger.newProject(name, config, newKey == null ? null : newKey.record(), ProjectKey.CONFIG_KEY);
        if (newKey != null) {
            this.key = newKey;
        }
        if (!adapter.fileExists(JournalCodec.JOURNAL_PATH)) {
            adapter.writeFile(JournalCodec.JOURNAL_PATH, new byte[0]);
        }
        adapter.writeFile(MANIFEST, toBytes(m.doc));
    }

    /**
     * (Re)reads everything from storage. Without the writer lock another process may commit while
     * this reads (the journal is append-only below every committed length, so the manifest read
     * decides which state this is): the load is repeated, a few times at most, while manifest.json
     * is no longer the one it read ({@link #isCurrent}). Only a writer holding the lock can be sure
     * of it: it checks again before its work ({@link #refreshUnderLock}).
     */
    public void load() throws IOException {
        for (int attempt = 1; ; attempt++) {
            loadOnce();
            if (attempt >= 5 || isCurrent()) {
                return;
            }
        }
    }

    private void loadOnce() throws IOException {
        Loaded loaded = readManifest();
        Ledger m = new Ledger(loaded.doc());
        PackingAdapter packed = packing;
        if (packed == null) {
            packed = new PackingAdapter(raw, !config.looseObjects(), config.packBytes()); // loads every pack index once
            packing = packed;
        } else {
            packed.refresh(); // packs another process sealed since
        }
        unlock(m, packed); // before anything but the manifest is read
        byte[] journal = m.journalLength() == 0 && !loaded.fromBackup() ? new byte[0] : readJournal(m);
        List<VersionRecord> records;
        boolean lostLines = false;
        try {
            records = new ArrayList<>(JournalCodec.decode(journal, m.journalLength()));
        } catch (CorruptionException e) {
            // A damaged or missing line: take it from the copy; a line intact in neither is reported and skipped.
            JournalCodec.Recovered r = JournalCodec.recover(journal, readJournalCopy(m), m.journalLength());
            records = new ArrayList<>(r.records());
            lostLines = !r.lost().isEmpty();
            LoggerFactory.getLogger(ProjectStore.class).warn("The version journal is damaged: {}",
                    r.lost().isEmpty() ? "every damaged line was read from its copy" : "lost "
                            + String.join("; ", r.lost().stream().map(JournalCodec.LostLine::describe).toList()));
        }
        BlobStore blobs = new BlobStore(adapter, config.compressionLevel(), adapter.compressionEnabled());
        blobs.useDictionary(m.dictionary());
        this.fallback = loaded.fromBackup() ? replayAfterBackup(m, journal, records, blobs) : null;
        int interval = snapshotIntervalOf(m);
        ContentStore cs = new ContentStore(adapter, blobs, interval);
        cs.index(records);
        if (lostLines) {
            cs.adoptOrphanPatches(records);
        }
        this.ledger = m;
        this.manifestBytes = loaded.bytes(); // kept for the next backup, as read (no second serialization)
        this.nextBackup = null;
        this.graph = new VersionGraph(records);
        this.content = cs;
        this.diskBytes = loaded.disk();
        this.pendingLine = null;
        this.pendingId = null;
    }

    /** Chooses the plain or the sealing view of the storage for this manifest. */
    private void unlock(Ledger m, PackingAdapter packed) {
        Object recorded = m.config(ProjectKey.CONFIG_KEY);
        if (recorded == null) {
            if (password != null) {
                throw new ValidationException("This project is not encrypted: open it without a password. (To encrypt "
                        + "it, export it and import the archive into a new project opened with a password.)",
                        Map.of("field", "password", "value", "(given)"));
            }
            key = null;
            adapter = packed;
            return;
        }
        if (key == null || !key.matches(recorded)) {
            char[] pw = password;
            password = null;
            key = ProjectKey.open(recorded, pw); // wipes pw
        }
        adapter = new SealingAdapter(packed, key.cipher());
    }

    /** True for a project whose objects are encrypted. */
    public boolean encrypted() {
        return key != null;
    }

    /** The data key of an encrypted project (to open the same project again without its password), or null. */
    public @Nullable ProjectKey key() {
        return key;
    }

    /** Makes {@code k} the key the next {@link #load} uses (an import adopting an encrypted archive's key). */
    public void adoptKey(ProjectKey k) {
        this.key = k;
    }

    /**
     * Re-wraps the data key under a new password: one manifest commit, written twice so that the kept
     * previous manifest does not hold the old wrapping either. Objects are not rewritten. Wipes both
     * arrays.
     */
    public void changePassword(char[] oldPassword, char[] newPassword) throws IOException {
        try {
            Object recorded = ledger.config(ProjectKey.CONFIG_KEY);
            if (recorded == null) {
                throw new ValidationException("This project is not encrypted, so it has no password to change.",
                        Map.of("field", "password", "value", "(given)"));
            }
            ProjectKey.open(recorded, oldPassword); // the key check: WRONG_PASSWORD when it fails
            // the project is encrypted (it records a key), so load() opened its key
            ProjectKey next = Objects.requireNonNull(key).rewrap(newPassword);
            Ledger m = draft();
            m.setConfig(ProjectKey.CONFIG_KEY, next.record());
            commit(m);
            this.key = next;
            commit(draft()); // manifest.json.bak now holds the new wrapping too
        } finally {
            if (oldPassword != null) {
                Arrays.fill(oldPassword, '\0');
            }
            if (newPassword != null) {
                Arrays.fill(newPassword, '\0');
            }
        }
    }

    private int snapshotIntervalOf(Ledger m) {
        Object v = m.config("snapshotInterval");
        return v instanceof Number n && n.intValue() > 0 ? n.intValue() : config.snapshotInterval();
    }

    /** A manifest read: the document, its JSON, whether it is the backup, and manifest.json's bytes (or null). */
    private record Loaded(ManifestDoc doc, byte[] bytes, boolean fromBackup, byte @Nullable [] disk) {
    }

    private byte[] readJournal(Ledger m) throws IOException {
        if (m.journalLength() == 0 && !adapter.fileExists(m.journalPath())) {
            return new byte[0];
        }
        try {
            return adapter.readFile(m.journalPath());
        } catch (NoSuchFileException e) {
            return new byte[0]; // reported as every line damaged; the copy gives them
        }
    }

    /** The journal's second copy, or null when there is none. */
    private byte @Nullable [] readJournalCopy(Ledger m) throws IOException {
        try {
            return adapter.readFile(JournalCodec.copyPath(m.journalPath()));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Both copies of the journal compared line by line up to the committed length (verify): what
     * each copy lacks and what neither holds. Null when both are byte-identical over it.
     */
    public JournalCodec.@Nullable Recovered checkJournalCopies() throws IOException {
        Ledger m = ledger;
        byte[] journal = readJournal(m);
        byte[] copy = readJournalCopy(m);
        long n = m.journalLength();
        if (copy != null && journal.length >= n && copy.length >= n && Arrays.equals(journal, 0, (int) n, copy, 0, (int) n)) {
            return null;
        }
        return JournalCodec.recover(journal, copy, n);
    }

    /**
     * Rewrites both copies of the journal from what is intact (repair): the committed bytes as
     * they were written wherever one copy still holds a line, then the uncommitted tail of the
     * journal as it is. Returns false when some committed line is intact in neither copy (nothing is
     * written for the copy's sake then; the journal's own damaged line stays as it is).
     */
    public boolean healJournal(JournalCodec.Recovered r) throws IOException {
        Ledger m = ledger;
        if (r.healed().length != m.journalLength()) {
            return false;
        }
        String path = m.journalPath();
        if (!r.badInJournal().isEmpty() && r.lost().isEmpty()) {
            byte[] journal = readJournal(m);
            byte[] out = r.healed();
            if (journal.length > m.journalLength()) {
                out = Arrays.copyOf(out, journal.length);
                System.arraycopy(journal, (int) m.journalLength(), out, (int) m.journalLength(),
                        journal.length - (int) m.journalLength());
            }
            adapter.writeFile(path, out);
        }
        adapter.writeFile(JournalCodec.copyPath(path), r.healed());
        return r.lost().isEmpty();
    }

    /**
     * Makes the journal's second copy follow its journal after the tail past {@code committed} was
     * cut or taken back: the copy's own tail is cut and the journal's bytes up to {@code length} are
     * appended (the committed prefix of the copy is left as it is: it may be the intact one). A copy
     * missing or shorter than {@code committed} is left for the next save or repair to rebuild.
     */
    private void alignJournalCopy(String path, long committed, long length) throws IOException {
        String copy = JournalCodec.copyPath(path);
        long size = adapter.stat(copy).map(FileStat::size).orElse(-1L);
        if (size < committed) {
            return;
        }
        if (size > committed) {
            adapter.truncateFile(copy, committed);
        }
        if (length > committed) {
            byte[] journal = adapter.readFile(path);
            adapter.appendFile(copy, Arrays.copyOfRange(journal, (int) committed, (int) length));
        }
    }

    /**
     * What opening from manifest.json.bak found: the versions the journal holds after the
     * backup's end that were taken back into the history, and those that could not be.
     */
    public record Fallback(@Nullable String problem, List<VersionRecord> replayed, List<String> lost) {
        public String describe() {
            StringBuilder sb = new StringBuilder("manifest.json is damaged (" + problem + "); opened manifest.json.bak");
            if (replayed.isEmpty() && lost.isEmpty()) {
                sb.append(", which holds every version in the journal");
            }
            if (!replayed.isEmpty()) {
                sb.append(" and took back ").append(replayed.size()).append(" newer version(s) from the journal: ");
                sb.append(String.join(", ", replayed.stream().map(r -> r.id() + " \"" + r.message() + "\"").toList()));
            }
            if (!lost.isEmpty()) {
                sb.append("; not recoverable: ").append(String.join("; ", lost));
            }
            return sb.append(". Changes of the last save other than new versions (a tag set with tagVersion, the "
                    + "version a restore checked out) may be missing.").toString();
        }
    }

    private @Nullable Fallback fallback;
    private @Nullable String fallbackProblem;

    /** Non-null while the project runs on manifest.json.bak (manifest.json is damaged). */
    public @Nullable Fallback fallback() {
        return fallback;
    }

    /**
     * The backup manifest is one save behind: versions committed by the damaged manifest are
     * journal lines after the backup's end. Every complete line whose parent is known and whose
     * contents are all stored is taken back (it was written in full before any manifest named it);
     * the first line that is not is reported with everything after it. HEAD follows the taken-back
     * versions when they continue it (a checkpoint); the working-copy ledger follows HEAD.
     */
    private Fallback replayAfterBackup(Ledger m, byte[] journal, List<VersionRecord> records, BlobStore blobs)
            throws IOException {
        List<VersionRecord> replayed = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> known = new HashSet<>();
        for (VersionRecord r : records) {
            ids.add(r.id());
            for (FileState s : r.changes()) {
                if (s.hash() != null) {
                    known.add(s.hash());
                }
            }
        }
        String head = m.head();
        for (JournalCodec.TailLine t : JournalCodec.decodeTail(journal, m.journalLength())) {
            VersionRecord r = t.record();
            String why = whyNotAdoptable(r, ids, known, blobs);
            if (why != null) {
                lost.add("version " + r.id() + " \"" + r.message() + "\" (" + why + ")");
                continue;
            }
            replayed.add(r);
            records.add(r);
            ids.add(r.id());
            r.changes().forEach(s -> {
                if (s.hash() != null) {
                    known.add(s.hash());
                }
            });
            m.takeBackVersion(r, t.end(), m.journalCount() + 1);
            if (Objects.equals(r.parentId(), head)) {
                head = r.id();
            }
        }
        if (!replayed.isEmpty() && !Objects.equals(head, m.head())) {
            String newHead = Objects.requireNonNull(head, "it differs from m.head() only once a version was taken");
            m.followHead(newHead, new VersionGraph(records).stateOf(newHead));
        }
        Fallback f = new Fallback(fallbackProblem, List.copyOf(replayed), List.copyOf(lost));
        LoggerFactory.getLogger(ProjectStore.class).warn(f.describe());
        return f;
    }

    /**
     * Why a complete journal line past the committed end cannot be taken into the history, or null
     * when it can: its id is new, its parent is known (or it is the first version), and every
     * content it names is stored (it was written in full before any manifest could name it).
     */
    private static @Nullable String whyNotAdoptable(VersionRecord r, Set<String> ids, Set<String> known,
            BlobStore blobs) throws IOException {
        if (ids.contains(r.id())) {
            return "its id is already in the history";
        }
        if (r.parentId() == null ? !ids.isEmpty() : !ids.contains(r.parentId())) {
            return "its parent " + r.parentId() + " is not in the history";
        }
        for (FileState s : r.changes()) {
            if (s.changeType() != ChangeType.DELETED && s.hash() != null
                    && !known.contains(s.hash()) && !blobs.contains(s.hash())) {
                return "the content of '" + s.path() + "' is not stored";
            }
        }
        return null;
    }

    /**
     * What the bytes past the committed end of the journal hold: the complete versions that can be
     * taken into the history (see {@link #whyNotAdoptable}; never this process's own uncommitted
     * line), in journal order, and the other lines (cut short, undecodable, or not a version of
     * this history).
     */
    public record JournalTail(long committed, long size, List<JournalCodec.TailLine> adoptable, List<String> garbage,
            boolean contiguous) {
    }

    /** Examines the journal's tail (null when the journal ends at the committed length). */
    public @Nullable JournalTail examineTail() throws IOException {
        String path = ledger.journalPath();
        long committed = ledger.journalLength();
        long size = adapter.stat(path).map(FileStat::size).orElse(0L);
        if (size <= committed) {
            return null;
        }
        return examineTail(adapter.readFile(path));
    }

    private JournalTail examineTail(byte[] journal) throws IOException {
        long committed = ledger.journalLength();
        Set<String> ids = new HashSet<>();
        Set<String> known = new HashSet<>();
        for (VersionRecord r : graph.all()) {
            ids.add(r.id());
            for (FileState s : r.changes()) {
                if (s.hash() != null) {
                    known.add(s.hash());
                }
            }
        }
        List<JournalCodec.TailLine> adoptable = new ArrayList<>();
        List<String> garbage = new ArrayList<>();
        long decodedTo = committed;
        boolean contiguous = true; // no line that is not taken back comes before one that is
        for (JournalCodec.TailLine t : JournalCodec.decodeTail(journal, committed)) {
            VersionRecord r = t.record();
            decodedTo = t.end();
            String why = pendingLine != null && r.id().equals(pendingId) ? "this process's own save that failed"
                    : whyNotAdoptable(r, ids, known, content.blobs());
            if (why != null) {
                garbage.add("version " + r.id() + " \"" + r.message() + "\" (" + why + ")");
                continue;
            }
            contiguous &= garbage.isEmpty();
            adoptable.add(t);
            ids.add(r.id());
            r.changes().forEach(s -> {
                if (s.hash() != null) {
                    known.add(s.hash());
                }
            });
        }
        if (decodedTo < journal.length) {
            garbage.add((journal.length - decodedTo) + " bytes that are not a complete version line");
        }
        return new JournalTail(committed, journal.length, List.copyOf(adoptable), List.copyOf(garbage), contiguous);
    }

    /**
     * Under the writer lock, after {@link #refreshUnderLock}: settles the bytes past the committed
     * end of the journal. Complete versions that can be taken into the history (a save killed
     * between its journal line and its manifest, a manifest replaced by an older one) are committed
     * as part of the history, HEAD following them when they continue it; what is left (a line cut
     * short, this process's own failed save, lines that cannot be versions of this history) is cut
     * off. No complete version whose contents are stored is ever cut. With {@code onlyVersions}
     * (before every write) a tail without such versions is left as it is (the next save cuts it, as
     * do runGc and repair). Nothing is done while the project runs on manifest.json.bak (repair
     * restores the manifest first). Returns what was done, or null when nothing was.
     */
    public @Nullable Repair settleJournal(boolean onlyVersions) throws IOException {
        if (fallback != null) {
            return null;
        }
        String path = ledger.journalPath();
        long committed = ledger.journalLength();
        long size = adapter.stat(path).map(FileStat::size).orElse(0L);
        if (size <= committed) {
            return null;
        }
        byte[] journal = adapter.readFile(path);
        JournalTail tail = examineTail(journal);
        if (tail.adoptable().isEmpty() && onlyVersions) {
            return null;
        }
        pendingLine = null; // cut below (it is never taken back)
        pendingId = null;
        if (tail.adoptable().isEmpty()) {
            adapter.truncateFile(path, committed);
            alignJournalCopy(path, committed, committed);
            String why = String.join("; ", tail.garbage());
            return new Repair(RepairCode.JOURNAL_TAIL_CUT, List.of(journal.length - committed, why),
                    "Cut " + (journal.length - committed) + " uncommitted bytes from the end of the version journal (" + why + ").");
        }
        Ledger next = draft();
        List<VersionRecord> records = new ArrayList<>(graph.all());
        String head = headId();
        long end = committed;
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        for (JournalCodec.TailLine t : tail.adoptable()) {
            VersionRecord r = t.record();
            records.add(r);
            int lineEnd = (int) t.end();
            int lineStart = lineEnd - 1;
            while (lineStart > committed && journal[lineStart - 1] != '\n') {
                lineStart--;
            }
            kept.write(journal, lineStart, lineEnd - lineStart); // the line as it was written
            end = t.end();
            next.takeBackVersion(r, end, records.size());
            if (Objects.equals(r.parentId(), head)) {
                head = r.id();
            }
        }
        if (tail.contiguous()) {
            if (end < journal.length) {
                adapter.truncateFile(path, end); // what follows the taken-back versions
            }
        } else {
            // Lines that are not versions lie between them: the journal is the committed bytes plus
            // the taken-back lines (atomically replaced; the committed prefix is unchanged).
            byte[] rewritten = Arrays.copyOf(journal, (int) committed + kept.size());
            System.arraycopy(kept.toByteArray(), 0, rewritten, (int) committed, kept.size());
            adapter.writeFile(path, rewritten);
            next.journalEndsAt(rewritten.length);
        }
        alignJournalCopy(path, committed, next.journalLength()); // before the commit names the lines
        if (!Objects.equals(head, headId())) {
            String newHead = Objects.requireNonNull(head, "it differs from headId() only once a version was taken");
            next.followHead(newHead, new VersionGraph(records).stateOf(newHead));
        }
        commit(next);
        load();
        String versions = String.join(", ", tail.adoptable().stream()
                .map(t -> t.record().id() + " \"" + t.record().message() + "\"").toList());
        StringBuilder sb = new StringBuilder("The version journal held ").append(tail.adoptable().size())
                .append(" saved version(s) that manifest.json did not list; took them back into the history: ")
                .append(versions);
        if (!tail.garbage().isEmpty()) {
            sb.append("; cut: ").append(String.join("; ", tail.garbage()));
        }
        return new Repair(RepairCode.JOURNAL_VERSIONS_TAKEN_BACK,
                List.of(tail.adoptable().size(), versions, tail.garbage().isEmpty() ? "none" : "cut"), sb.append('.').toString());
    }

    /** Reads manifest.json, falling back to the kept previous one when it is damaged. */
    private Loaded readManifest() throws IOException {
        CorruptionException first = null;
        byte[] disk = null;
        for (String name : List.of(MANIFEST, MANIFEST_BACKUP)) {
            if (!adapter.fileExists(name)) {
                if (name.equals(MANIFEST)) {
                    first = new CorruptionException("manifest.json is missing", Map.of("corruptedItem", "manifest"));
                }
                continue;
            }
            try {
                byte[] bytes = name.equals(MANIFEST) ? adapter.readFile(name) : readBackup(adapter);
                if (name.equals(MANIFEST)) {
                    disk = bytes;
                }
                ManifestDoc m = parse(bytes, name);
                fallbackProblem = first == null ? null : first.getMessage();
                return new Loaded(m, bytes, first != null, disk);
            } catch (CorruptionException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        throw new CorruptionException("The project has no manifest.json.", Map.of("corruptedItem", "manifest"));
    }

    /** zstd's frame magic, little-endian: how a compressed backup manifest begins (a JSON one with '{'). */
    private static final byte[] ZSTD_MAGIC = {(byte) 0x28, (byte) 0xB5, (byte) 0x2F, (byte) 0xFD};
    private static final long MAX_BACKUP_BYTES = 1L << 30;

    /**
     * The bytes to keep as manifest.json.bak: the previous manifest zstd-compressed (level 1: ~2 ms
     * for 1 MB). Only read when manifest.json is damaged, and with thousands of files it is a
     * megabyte written at every save; compressed it takes about a quarter (0.76 → 0.18 MB for 2,500 files).
     */
    public static byte[] backupBytes(byte[] manifest) {
        return Zstd.compress(manifest, 1);
    }

    /**
     * manifest.json.bak as JSON: decompressed when it is zstd (as written now), as it is
     * when it is plain JSON (older projects).
     *
     * @throws CorruptionException when it is zstd that does not decode
     */
    public static byte[] readBackup(FileSystemAdapter adapter) throws IOException {
        return decodeBackup(adapter.readFile(MANIFEST_BACKUP));
    }

    /** The JSON of a stored manifest.json.bak (see {@link #readBackup}). */
    public static byte[] decodeBackup(byte[] stored) {
        if (stored.length < 4 || !Arrays.equals(stored, 0, 4, ZSTD_MAGIC, 0, 4)) {
            return stored;
        }
        try {
            long size = Zstd.getFrameContentSize(stored);
            if (size < 0 || size > MAX_BACKUP_BYTES) {
                throw new IllegalArgumentException("bad frame header");
            }
            byte[] plain = Zstd.decompress(stored, (int) size);
            if (plain.length != size) {
                throw new IllegalArgumentException("decodes to the wrong length");
            }
            return plain;
        } catch (RuntimeException e) {
            throw new CorruptionException(MANIFEST_BACKUP + " is damaged: it cannot be decompressed (" + e.getMessage()
                    + ").", Map.of("corruptedItem", "manifest", "file", MANIFEST_BACKUP), e);
        }
    }

    /** How a checksummed manifest begins: {@code {"checksum":"<64 hex>",} then the rest of the body. */
    private static final byte[] CHECKSUM_PREFIX = "{\"checksum\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final String INTEGRITY = "sha256";

    /**
     * The manifest body (the JSON without the checksum member) and the checksum it declares, or the
     * bytes as they are and null for a manifest without one.
     */
    private record Framed(byte[] body, @Nullable String checksum) {
    }

    /** True when {@code bytes} begin with a checksum frame (see {@link #unframe}). */
    private static boolean framed(byte[] bytes) {
        int p = CHECKSUM_PREFIX.length;
        return bytes.length >= p + 66 && Arrays.equals(bytes, 0, p, CHECKSUM_PREFIX, 0, p)
                && bytes[p + 64] == '"' && bytes[p + 65] == ',';
    }

    private static Framed unframe(byte[] bytes) {
        int p = CHECKSUM_PREFIX.length;
        if (!framed(bytes)) {
            return new Framed(bytes, null);
        }
        byte[] body = new byte[bytes.length - p - 65];
        body[0] = '{';
        System.arraycopy(bytes, p + 66, body, 1, body.length - 1);
        return new Framed(body, new String(bytes, p, 64, StandardCharsets.ISO_8859_1));
    }

    /** Parses and checks a project manifest; a checksummed one must match its checksum byte for byte. */
    public static ManifestDoc parse(byte[] bytes, String name) {
        Framed framed = unframe(bytes);
        // The checksum is computed on another core while this one parses: on a freshly started JVM
        // (the CLI) hashing a 1 MB manifest costs about as much as parsing it. A mismatch wins over
        // whatever the parse found, so damage is always reported as damage.
        CompletableFuture<String> actual = framed.checksum() == null ? null
                : CompletableFuture.supplyAsync(() -> BlobStore.sha256Hex(framed.body()));
        ManifestDoc m = null;
        RuntimeException failure = null;
        try {
            m = ManifestReader.read(framed.body());
        } catch (IOException e) {
            failure = new CorruptionException(name + " is not a valid manifest (" + Objects.requireNonNullElse(e.getMessage(), "").lines().findFirst().orElse("")
                    + ").", Map.of("corruptedItem", "manifest", "file", name), e);
        } catch (RuntimeException e) {
            failure = new CorruptionException(name + " is not a valid manifest.", Map.of("corruptedItem", "manifest"), e);
        }
        if (actual != null) {
            String sum = actual.join();
            if (!sum.equals(framed.checksum())) {
                throw new CorruptionException(name + " is damaged: its contents do not match the SHA-256 checksum it "
                        + "carries.", Map.of("corruptedItem", "manifest", "file", name, "expected", framed.checksum(),
                        "actual", sum));
            }
        }
        if (failure != null) {
            throw failure;
        }
        if (m == null || !m.hasRequiredSections()) {
            throw new CorruptionException(name + " is missing required sections.", Map.of("corruptedItem", "manifest"));
        }
        m.completeScans();
        String integrity = m.integrity();
        if (integrity != null && (!integrity.equals(INTEGRITY) || framed.checksum() == null)) {
            throw new CorruptionException(name + " is damaged: it says it carries a " + integrity
                    + " checksum, but no valid checksum is in front of it.",
                    Map.of("corruptedItem", "manifest", "file", name));
        }
        if (integrity == null && framed.checksum() != null) {
            throw new CorruptionException(name + " is damaged: it carries a checksum but not the field that declares it.",
                    Map.of("corruptedItem", "manifest", "file", name));
        }
        String version = m.formatVersion();
        String major = version == null ? "1" : version.split("\\.")[0];
        if (!major.equals("1")) {
            throw new ValidationException("This project uses format " + version
                    + ", newer than this Kamaros understands (1.x). Update Kamaros to open it.",
                    Map.of("field", "formatVersion", "value", String.valueOf(version)));
        }
        return m;
    }

    /**
     * The manifest as written: {@code {"checksum":"<SHA-256 of the body>",} followed by the body
     * (compact JSON, {@code "integrity":"sha256"} in it) without its opening brace. A flipped byte
     * anywhere, the checksum included, is detected on open; the body is exactly the bytes hashed, so
     * no canonical re-serialization is needed to check it.
     */
    public static byte[] toBytes(ManifestDoc m) {
        m.declareIntegrity(INTEGRITY);
        // Compact, not pretty, and streamed: with thousands of files the manifest is rewritten at every checkpoint.
        byte[] body = ManifestWriter.write(m);
        byte[] sum = BlobStore.sha256Hex(body).getBytes(StandardCharsets.US_ASCII);
        int p = CHECKSUM_PREFIX.length;
        byte[] out = new byte[p + 66 + body.length - 1];
        System.arraycopy(CHECKSUM_PREFIX, 0, out, 0, p);
        System.arraycopy(sum, 0, out, p, 64);
        out[p + 64] = '"';
        out[p + 65] = ',';
        System.arraycopy(body, 1, out, p + 66, body.length - 1);
        return out;
    }

    /**
     * A deep copy of the live ledger to change and then {@link #commit(Ledger)} (the live one stays
     * untouched if the commit fails; it carries uncommitted scan-cache edits, which the copy keeps).
     */
    public Ledger draft() {
        return ledger.draft();
    }

    /** The live ledger: read it; change a {@link #draft()}. */
    public Ledger ledger() {
        return ledger;
    }

    /**
     * Installs the check that the calling thread holds the project's write lock: commits and
     * journal appends refuse to run without it (a write outside the lock is how updates get lost).
     */
    public void guardWrites(BooleanSupplier writeLockHeld) {
        this.writeLockHeld = writeLockHeld;
    }

    private void checkWriteLock(String what) {
        if (writeLockHeld != null && !writeLockHeld.getAsBoolean()) {
            throw new IllegalStateException(what + " without the project's write lock");
        }
    }

    /**
     * True when another process committed since this state was loaded or committed (see
     * {@link #isCurrent}; for readers, without the lock: it may change right after).
     */
    public boolean changedOnDisk() throws IOException {
        return !isCurrent();
    }

    /**
     * True when manifest.json is the one this state was loaded from or last committed. Under the
     * writer lock this proves that nobody committed since. A manifest begins with the SHA-256 of
     * the rest (and every commit changes the rest: its revision), so the same size and the same
     * first {@value #FRAME_LENGTH} bytes are the same commit: ~0.05 ms, where reading and comparing
     * a 0.76 MB manifest (2,500 files) took 1.2–1.5 ms. A manifest without a checksum (an older
     * project, or damaged there) is compared whole. Size and time alone prove nothing (coarse
     * clocks, equal sizes, reused inodes).
     */
    public boolean isCurrent() throws IOException {
        Optional<FileStat> stat = raw.stat(MANIFEST);
        if (stat.isEmpty() || diskBytes == null) {
            return stat.isEmpty() && diskBytes == null && !raw.fileExists(MANIFEST);
        }
        if (stat.get().size() != diskBytes.length) {
            return false;
        }
        if (framed(diskBytes)) {
            byte[] head = new byte[FRAME_LENGTH];
            int n = 0;
            try (InputStream in = raw.openRead(MANIFEST)) {
                while (n < head.length) {
                    int r = in.read(head, n, head.length - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
            } catch (NoSuchFileException e) {
                return false;
            }
            return n == FRAME_LENGTH && Arrays.equals(head, 0, FRAME_LENGTH, diskBytes, 0, FRAME_LENGTH);
        }
        byte[] now;
        try {
            now = raw.readFile(MANIFEST);
        } catch (NoSuchFileException e) {
            return false;
        }
        return Arrays.equals(now, diskBytes);
    }

    /** {@code {"checksum":"<64 hex>",}: the bytes that name a checksummed manifest's content. */
    private static final int FRAME_LENGTH = CHECKSUM_PREFIX.length + 66;

    /**
     * Called with the writer lock held, before any work: re-reads everything when manifest.json is
     * not exactly the one this state came from, so that a writer always commits on top of the
     * state committed last. Returns true when it re-read.
     */
    public boolean refreshUnderLock() throws IOException {
        if (isCurrent()) {
            PackingAdapter packed = packing;
            if (packed != null) {
                // Another process's GC changes packs without a new manifest: a save must not count
                // on an object it deleted or repacked (a listing of .store/packs when its generation moved).
                packed.refreshUnderLock();
            }
            return false;
        }
        load();
        return true;
    }

    /**
     * After a write that failed, with the writer lock still held: cuts this process's own journal
     * line off again when it is proven uncommitted (manifest.json is still exactly the one this
     * state came from, and the journal ends where that line ended). Otherwise leaves it: the next
     * writer takes it into the history when it is a complete version ({@link #settleJournal}).
     */
    public void abandonAttempt() throws IOException {
        PackingAdapter packed = packing;
        if (packed != null) {
            packed.rollBack(); // packs no commit refers to
        }
        long[] line = pendingLine;
        if (line == null) {
            return;
        }
        pendingLine = null;
        pendingId = null;
        String path = ledger.journalPath();
        if (isCurrent() && ledger.journalLength() == line[0]
                && adapter.stat(path).map(FileStat::size).orElse(-1L) == line[1]) {
            adapter.truncateFile(path, line[0]);
            alignJournalCopy(path, line[0], line[0]);
        }
    }

    /**
     * Appends a version to the journal (not yet committed: the manifest still points before it).
     * A tail left by an earlier crash is cut off first. Returns the journal length with the line.
     */
    public long appendJournal(VersionRecord record, Ledger next) throws IOException {
        checkWriteLock("appending to the version journal");
        String path = next.journalPath();
        long committed = next.journalLength();
        if (committed != ledger.journalLength()) {
            throw new IllegalStateException("appendJournal must follow the loaded manifest");
        }
        Optional<FileStat> stat = adapter.stat(path);
        if (stat.isPresent() && stat.get().size() > committed) {
            // Writers settle the tail before they start (JcfManager): a complete version here was
            // saved by someone else since, and must not be cut. Refuse; the next attempt takes it in.
            JournalTail tail = examineTail(adapter.readFile(path));
            if (!tail.adoptable().isEmpty()) {
                throw new ConcurrentModificationException("The version journal holds "
                        + tail.adoptable().size() + " saved version(s) that manifest.json does not list yet (another "
                        + "program saved them). Nothing was saved; try again.",
                        Map.of("resource", path, "conflictingOperation", "checkpoint"));
            }
            adapter.truncateFile(path, committed);
        }
        byte[] line = JournalCodec.encode(record);
        pendingLine = new long[] {committed, committed + line.length};
        pendingId = record.id();
        adapter.appendFile(path, line);
        appendJournalCopy(path, committed, line);
        return committed + line.length;
    }

    /**
     * Appends versions received from a remote (fetch, clone) as one block, parents before children; like
     * {@link #appendJournal} not yet committed, and cut off again by {@link #abandonAttempt} when the
     * fetch fails before its commit. Returns the journal length with the block.
     */
    public long appendVersions(List<VersionRecord> records, Ledger next) throws IOException {
        checkWriteLock("appending fetched versions to the version journal");
        if (records.isEmpty() || next.journalLength() != ledger.journalLength()) {
            throw new IllegalStateException("appendVersions needs versions and must follow the loaded manifest");
        }
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        for (VersionRecord r : records) {
            block.write(JournalCodec.encode(r));
        }
        String path = next.journalPath();
        long committed = next.journalLength();
        Optional<FileStat> stat = adapter.stat(path);
        if (stat.isPresent() && stat.get().size() > committed) {
            adapter.truncateFile(path, committed); // the tail was settled (examined) when the write started
        }
        byte[] bytes = block.toByteArray();
        pendingLine = new long[] {committed, committed + bytes.length};
        pendingId = records.get(records.size() - 1).id();
        adapter.appendFile(path, bytes);
        appendJournalCopy(path, committed, bytes);
        return committed + bytes.length;
    }

    /**
     * The journal's second copy gets the same line at the same offset, so that one damaged byte in
     * either file costs no version (a checksummed line is taken from whichever copy holds it intact).
     * A copy that is missing, or shorter than the committed journal (a project from before copies
     * existed, or a damaged one), is first rewritten from the journal's committed lines that read
     * intact; it stays missing when they do not (verify reports that, repair rebuilds it).
     */
    private void appendJournalCopy(String path, long committed, byte[] line) throws IOException {
        String copy = JournalCodec.copyPath(path);
        Optional<FileStat> st = adapter.stat(copy);
        long size = st.map(FileStat::size).orElse(-1L);
        if (size == committed) {
            adapter.appendFile(copy, line);
            return;
        }
        if (size > committed) {
            adapter.truncateFile(copy, committed);
            adapter.appendFile(copy, line);
            return;
        }
        byte[] journal = committed == 0 ? new byte[0] : adapter.readFile(path);
        if (journal.length < committed) {
            return;
        }
        if (committed > 0) {
            try {
                JournalCodec.decode(journal, committed);
            } catch (CorruptionException e) {
                return; // not copied from a damaged journal: repair heals it from what the copy holds
            }
        }
        byte[] out = Arrays.copyOf(journal, (int) committed + line.length);
        System.arraycopy(line, 0, out, (int) committed, line.length);
        adapter.writeFile(copy, out);
    }

    /**
     * Replaces the whole journal with these versions (not yet committed), for an import into a
     * project without versions. Streams line by line; returns the journal's length.
     */
    public long writeJournal(List<VersionRecord> records, Ledger next) throws IOException {
        checkWriteLock("writing the version journal");
        if (next.journalLength() != 0) {
            throw new IllegalStateException("writeJournal is only for a project without versions");
        }
        return writeJournalFile(next.journalPath(), records);
    }

    /** Where a rewritten journal is written before it takes the usual place (see {@link #replaceJournal}). */
    public static final String REWRITTEN_JOURNAL = ".store/versions-rewritten.jsonl";

    /**
     * Commits a rewritten history (a forget): {@code records} become the whole journal, and {@code next}
     * (refs already changed by the caller) the manifest. The journal is append-only, so it is never
     * rewritten in place: the new one is written beside it ({@link #REWRITTEN_JOURNAL} and its copy) and
     * a manifest naming it is committed — the commit point; a crash before leaves the old history whole,
     * after it the new one. The new journal is then copied to the usual place and committed again
     * (twice, so manifest.json.bak no longer names the old lines either), and the file beside is
     * removed. A killed forget leaves at most a stray rewritten journal no manifest names, which the
     * next forget replaces. Reload the store afterwards ({@link #load}).
     */
    public void replaceJournal(List<VersionRecord> records, Ledger next) throws IOException {
        checkWriteLock("rewriting the version journal");
        String stage = JournalCodec.JOURNAL_PATH.equals(ledger.journalPath()) ? REWRITTEN_JOURNAL
                : JournalCodec.JOURNAL_PATH;
        long length = writeJournalFile(stage, records);
        next.rewroteJournal(stage, length, records.size());
        commit(next);
        if (!stage.equals(JournalCodec.JOURNAL_PATH)) {
            writeJournalFile(JournalCodec.JOURNAL_PATH, records);
            Ledger back = draft();
            back.rewroteJournal(JournalCodec.JOURNAL_PATH, length, records.size());
            commit(back);
        }
        commit(draft()); // manifest.json.bak: the same state, so no manifest names the old journal
        for (String stray : List.of(REWRITTEN_JOURNAL, JournalCodec.copyPath(REWRITTEN_JOURNAL))) {
            if (adapter.fileExists(stray)) {
                adapter.deleteFile(stray);
            }
        }
    }

    /** Writes a whole journal and its copy, each atomically; returns its length. */
    private long writeJournalFile(String journalPath, List<VersionRecord> records) throws IOException {
        long length = 0;
        for (String path : List.of(journalPath, JournalCodec.copyPath(journalPath))) {
            length = 0;
            FileSystemAdapter.AtomicOutput out = adapter.openWrite(path);
            try {
                for (VersionRecord r : records) {
                    byte[] line = JournalCodec.encode(r);
                    out.write(line);
                    length += line.length;
                }
            } catch (IOException | RuntimeException | Error e) {
                out.abort();
                throw e;
            }
            out.close();
        }
        return length;
    }

    /** The commit point: keeps the previous manifest, then atomically replaces it. */
    public void commit(Ledger next) throws IOException {
        checkWriteLock("committing manifest.json");
        next.stampCommit(ledger.revision() + 1);
        byte[] bytes = toBytes(next.doc);
        adapter.sync(); // everything the new manifest refers to is durable before it is
        CompletableFuture<byte[]> prepared = nextBackup;
        adapter.writeFile(MANIFEST_BACKUP, prepared != null && prepared.isDone() && !prepared.isCompletedExceptionally()
                ? prepared.join() : backupBytes(manifestBytes));
        adapter.writeFile(MANIFEST, bytes); // the commit point: from here on the change has happened
        this.diskBytes = bytes;
        this.pendingLine = null;
        this.pendingId = null;
        this.ledger = next;
        this.manifestBytes = bytes;
        this.nextBackup = CompletableFuture.supplyAsync(() -> backupBytes(bytes));
        keepWrittenPacks();
        try {
            adapter.sync();
        } catch (IOException e) {
            // Committed and visible; only its durability against a power cut is unconfirmed. Failing
            // now would make callers undo work that has in fact been saved.
            LoggerFactory.getLogger(ProjectStore.class).warn("Saved, but could not confirm it on disk: {}", e.toString());
        }
    }

    public VersionGraph graph() {
        return graph;
    }

    public ContentStore content() {
        return content;
    }

    public FileSystemAdapter adapter() {
        return adapter;
    }

    /** The storage's packs (sealed ones and the open one of the running write). */
    public PackingAdapter packing() {
        return Objects.requireNonNull(packing, "loaded");
    }

    /**
     * At the end of a write that succeeded (or at its commit): seals the open pack and keeps every
     * pack the write sealed, so a later failure of the same operation does not delete them.
     */
    public void keepWrittenPacks() throws IOException {
        PackingAdapter packed = packing;
        if (packed != null) {
            packed.keepWritten();
        }
    }

    public @Nullable String headId() {
        return ledger.head();
    }
}
