package io.kamaros.engine;

import io.kamaros.engine.container.JcfExporter;
import io.kamaros.engine.container.JcfImporter;
import io.kamaros.engine.format.Json;
import io.kamaros.engine.project.ManifestDoc;
import io.kamaros.engine.format.PathRules;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.history.ChangeScanner;
import io.kamaros.engine.project.HistoryGuard;
import io.kamaros.engine.history.ChangeSet;
import io.kamaros.engine.history.Checkpoint;
import io.kamaros.engine.history.GarbageCollector;
import io.kamaros.engine.project.ContentStore;
import io.kamaros.engine.history.Operation;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.history.Restore;
import io.kamaros.engine.history.TextEncoding;
import io.kamaros.engine.history.Verifier;
import io.kamaros.engine.project.VersionGraph;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.ProjectLock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.kamaros.engine.model.Args;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CancelledException;
import io.kamaros.engine.model.ChangeSummary;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ConcurrentModificationException;
import io.kamaros.engine.model.ExportOptions;
import io.kamaros.engine.model.ExportResult;
import io.kamaros.engine.model.FileChange;
import io.kamaros.engine.model.FileExistsException;
import io.kamaros.engine.model.FileHistoryEntry;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.FileNotFoundException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.FileTooLargeException;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.model.GcOptions;
import io.kamaros.engine.model.GcReport;
import io.kamaros.engine.model.HistoryFilter;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.ImportResult;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.ListOptions;
import io.kamaros.engine.model.NotInitializedException;
import io.kamaros.engine.model.OperationTimeoutException;
import io.kamaros.engine.model.ProjectStats;
import io.kamaros.engine.model.RenameInfo;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.StorageException;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionDiff;
import io.kamaros.engine.model.VersionNotFoundException;
import io.kamaros.engine.model.WorkingCopyStatus;

/**
 * The engine's entry point: one project, its working copy and its whole history.
 *
 * <pre>{@code
 * try (JcfManager jcf = new JcfManager()) {
 *     jcf.init(new FileAdapter(Path.of("my-project")));
 *     jcf.addFile("notes.txt", "first draft");
 *     String v1 = jcf.saveCheckpoint("First draft");
 *     jcf.restoreVersion(v1);
 * }
 * }</pre>
 *
 * <p>Thread-safe: many threads may read at once; writes are serialized, and another process
 * writing the same project meanwhile gets a {@link ConcurrentModificationException}. Every method
 * throws only {@link JcfException}s. {@link #async()} offers the same operations as
 * {@code CompletableFuture}s.
 */
public class JcfManager implements JcfOperations {
    /**
     * The logger, made on first use: setting up the logging back end costs a quarter of a second in
     * a fresh JVM, which opening a project (or a CLI command) should not pay when nothing is logged.
     */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(JcfManager.class);
    }
    /** Operations that report start / progress / complete / error events. */
    private static final Set<String> LONG_OPERATIONS = Set.of("checkpoint", "restore", "gc", "verify", "export", "import");

    private final JcfConfig config;
    private final EventBus events = new EventBus();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private FileSystemAdapter adapter;
    private ProjectStore store;
    private boolean ledgerDirty;
    private volatile boolean closed;
    private AsyncJcfManager async;

    public JcfManager() {
        this(JcfConfig.builder().fromEnvironment(System.getenv()).build());
    }

    public JcfManager(JcfConfig config) {
        this.config = config == null ? JcfConfig.defaults() : config;
        if (this.config.debug()) {
            DebugLog.enable(); // shows the engine's debug lines whatever the shipped logging configuration says
        }
    }

    public JcfConfig getConfig() {
        return config;
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * A hint that {@link #getStatus()} comes right after the next {@link #init}: the working copy is
     * then listed on another thread while the project loads (the command line's {@code status} on a
     * freshly started JVM). The listing is used by the first status only, and only if nothing was
     * written in between; it shows the folder as it was when the project was opened.
     */
    public void expectStatus() {
        this.expectStatus = true;
    }

    private volatile boolean expectStatus;
    /** The listing {@link #expectStatus} started, until the first status takes it or a write drops it. */
    private volatile CompletableFuture<ChangeScanner.Listing> openingListing;

    /** Opens the project the adapter holds, creating an empty project when there is none. */
    @Override
    public void init(FileSystemAdapter adapter) {
        init(adapter, null);
    }

    /**
     * Opens the encrypted project the adapter holds, or creates an empty encrypted project when there
     * is none (objects sealed with AES-256-GCM under a key derived from {@code password}; see the
     * README, "Encryption at rest"). The password is checked right after {@code manifest.json} is
     * read, before anything else is read or written. {@code password} is wiped when this returns.
     *
     * @throws PasswordException {@code WRONG_PASSWORD}; {@code PASSWORD_REQUIRED} (an encrypted
     *         project opened by {@link #init(FileSystemAdapter)}, or an empty password)
     * @throws ValidationException a password for a project that is not encrypted
     */
    @Override
    public void init(FileSystemAdapter adapter, char[] password) {
        Args.required(adapter, "adapter", "A storage adapter (e.g. new FileAdapter(folder) or new MemoryAdapter())");
        lock.writeLock().lock();
        try {
            if (closed) {
                throw new NotInitializedException("This manager was closed; create a new JcfManager.", Map.of());
            }
            adapter.init();
            if (expectStatus) {
                expectStatus = false;
                openingListing = CompletableFuture.supplyAsync(() -> {
                    try {
                        return new ChangeScanner(adapter, null).list();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            String name = adapter instanceof FileAdapter fa && fa.rootPath().getFileName() != null
                    ? fa.rootPath().getFileName().toString() : "Project";
            boolean existed = adapter.fileExists(ProjectStore.MANIFEST) || adapter.fileExists(ProjectStore.MANIFEST_BACKUP);
            this.store = ProjectStore.open(adapter, config, name, password);
            store.guardWrites(lock::isWriteLockedByCurrentThread); // every commit runs under the writer lock
            this.adapter = adapter;
            if (!existed) {
                List<String> stray = HistoryGuard.unversionedTopEntries(adapter);
                if (!stray.isEmpty()) {
                    String warning = "Created a project in " + adapter.describe() + ", which already holds "
                            + String.join(", ", stray.subList(0, Math.min(5, stray.size())))
                            + (stray.size() > 5 ? " and " + (stray.size() - 5) + " more" : "")
                            + ": these are not versioned, only what is in content/ is. To version the folder itself, "
                            + "open it as a work tree (FileAdapter.Options.workTree, 'kamaros init --work-tree').";
                    Log.LOG.warn(warning);
                    events.emit(new JcfEvent.Warning(null, Instant.now(), warning));
                }
            }
            try {
                Optional<ProjectLock> held = adapter.tryLock();
                if (held.isPresent()) { // else another writer is busy and finishes (or recovers) its own work
                    try (ProjectLock ignored = held.get()) {
                        store.refreshUnderLock(); // the load above ran without the lock
                        recoverInterrupted(true);
                        settleJournal();
                    }
                }
            } catch (IOException e) {
                // read-only storage, say: nothing can have been left half-written by us; the next write retries
                debug("no recovery check at open: {}", e.toString());
            }
            debug("opened {} ({} versions)", adapter.describe(), store.graph().size());
        } catch (IOException e) {
            throw storage("open the project", e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            lock.writeLock().unlock();
        }
    }

    /** True when the project's stored objects are encrypted (it was created or imported with a password). */
    @Override
    public boolean isEncrypted() {
        return read(() -> store.encrypted());
    }

    /**
     * Changes the password of an encrypted project: the data key is re-wrapped under the new password
     * in one atomic manifest commit (no object is rewritten, so a crash leaves either password
     * working, never neither). The data key itself is not rotated. Both arrays are wiped.
     *
     * @throws PasswordException {@code WRONG_PASSWORD} when {@code oldPassword} is wrong
     * @throws ValidationException the project is not encrypted
     */
    @Override
    public void changePassword(char[] oldPassword, char[] newPassword) {
        Args.required(oldPassword, "oldPassword", "The current password");
        Args.required(newPassword, "newPassword", "The new password");
        try {
            write("change-password", CancellationToken.NONE, op -> {
                store.changePassword(oldPassword, newPassword);
                ledgerDirty = false;
                return null;
            });
        } finally {
            if (oldPassword != null) {
                Arrays.fill(oldPassword, '\0');
            }
            if (newPassword != null) {
                Arrays.fill(newPassword, '\0');
            }
        }
    }

    /** Saves the working-copy bookkeeping and releases the adapter. Safe to call twice. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (store != null && ledgerDirty) {
                flushLedger();
            }
            if (async != null) {
                async.shutdown();
            }
            if (adapter != null) {
                adapter.dispose();
            }
        } catch (IOException e) {
            throw storage("close the project", e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Writes the ledger (identities of moved files, scan cache) unless another process changed the project. */
    private void flushLedger() throws IOException {
        Optional<ProjectLock> held = adapter.tryLock();
        if (held.isEmpty()) {
            return; // another writer is busy; the ledger is a cache and is rebuilt by the next scan
        }
        try (ProjectLock ignored = held.get()) {
            if (store.isCurrent()) { // byte for byte the manifest our ledger edits are based on
                store.commit(store.copyManifest());
            }
            ledgerDirty = false;
        }
    }

    /**
     * With the OS lock held: takes saved versions that the journal holds past the manifest's end
     * back into the history (a save killed between its journal line and its manifest), and cuts
     * what is not a version (see {@link ProjectStore#settleJournal}).
     */
    private void settleJournal() throws IOException {
        String done = store.settleJournal(true);
        if (done != null) {
            ledgerDirty = false;
            Log.LOG.warn(done);
            events.emit(new JcfEvent.Warning(null, Instant.now(), done));
        }
    }

    /** Undoes what a process killed in the middle of an import left behind (the OS lock is held). */
    private void recoverInterrupted(boolean opening) throws IOException {
        // At open also the half-written files a killed process left next to the manifest and journal.
        if (opening || adapter.fileExists(JcfImporter.PENDING_MARKER)
                || !adapter.listFiles(BlobStore.TEMP_DIR).isEmpty()) {
            String undone = JcfImporter.recoverInterrupted(store);
            if (undone != null) {
                Log.LOG.warn(undone);
                events.emit(new JcfEvent.Warning(null, Instant.now(), undone));
            }
        }
    }

    /**
     * Refuses (with a {@link ValidationException}) a folder or file on this computer that is, contains
     * or lies inside this project's history storage: what {@link #restoreVersion} into a folder and
     * {@link #export(java.nio.file.Path)} refuse, for choosers that want to say so before they start.
     */
    public void checkOutsideHistory(Path target) {
        read(() -> {
            HistoryGuard.checkTarget(adapter, target, "target");
            return null;
        });
    }

    /** The adapter the project lives in. */
    public FileSystemAdapter getAdapter() {
        requireOpen();
        return adapter;
    }

    // ---------------------------------------------------------------- versions

    @Override
    public String saveCheckpoint(String message) {
        return saveCheckpoint(message, CheckpointOptions.defaults());
    }

    @Override
    public String saveCheckpoint(String message, CheckpointOptions options) {
        CheckpointOptions opts = options == null ? CheckpointOptions.defaults() : options;
        return write("checkpoint", opts.cancel(), op -> {
            VersionRecord record = checkpoint(message, opts.author(), opts.email(), opts.tags(), opts.allowEmpty(),
                    false, opts.timestamp(), opts.strict(), op);
            return record.id();
        });
    }

    private VersionRecord checkpoint(String message, String author, String email, List<String> tags, boolean allowEmpty,
                                     boolean autoSaved, Operation op) throws IOException {
        return checkpoint(message, author, email, tags, allowEmpty, autoSaved, null, false, op);
    }

    private VersionRecord checkpoint(String message, String author, String email, List<String> tags, boolean allowEmpty,
                                     boolean autoSaved, Instant timestamp, boolean strict, Operation op)
            throws IOException {
        Checkpoint.Request req = new Checkpoint.Request(message, resolveAuthor(author), resolveEmail(email), tags,
                allowEmpty, autoSaved, timestamp, strict);
        long limit = Math.min(adapter.maxFileSize(), config.maxFileSize() == null ? Long.MAX_VALUE : config.maxFileSize());
        Checkpoint.Result result = new Checkpoint(store).maxFileSize(limit).run(req, op);
        ledgerDirty = false;
        VersionRecord r = result.record();
        ChangeSummary s = r.summary();
        op.emit(new JcfEvent.CheckpointCompleted(op.id(), Instant.now(), r.id(), r.message(), s.added(), s.modified(),
                s.deleted(), s.renamed(), result.bytesStored(), op.elapsed(), result.unversionable()));
        debug("checkpoint {} ({} changes) in {} ms", r.id(), s.total(), op.elapsed().toMillis());
        if (config.autoGc()) {
            autoGc(op, autoSaved);
        }
        return r;
    }

    private String resolveAuthor(String author) {
        if (author != null && !author.isBlank()) {
            return author;
        }
        if (config.author() != null && !config.author().isBlank()) {
            return config.author();
        }
        String metaAuthor = store.manifest().metadata.author;
        if (metaAuthor != null && !metaAuthor.isBlank()) {
            return metaAuthor;
        }
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }

    private String resolveEmail(String email) {
        if (email != null && !email.isBlank()) {
            return email;
        }
        return config.email() != null ? config.email() : store.manifest().metadata.email;
    }

    @Override
    public RestoreResult restoreVersion(String versionId) {
        return restoreVersion(versionId, RestoreOptions.defaults());
    }

    /**
     * Restores a version (or chosen files of it, or into another folder). Uncommitted changes that
     * would be overwritten are first saved as an automatic checkpoint unless {@code force}, so a
     * restore can always be undone by restoring {@link RestoreResult#undoVersionId()}.
     */
    @Override
    public RestoreResult restoreVersion(String versionId, RestoreOptions options) {
        Args.versionRef(versionId, "versionId");
        RestoreOptions opts = options == null ? RestoreOptions.defaults() : options;
        Args.targetFolder(opts.target(), "target");
        return write("restore", opts.cancel(), op -> {
            if (opts.target() != null) {
                HistoryGuard.checkTarget(adapter, opts.target(), "target");
            }
            String id = resolve(versionId);
            String shortId = id.substring(0, Math.min(8, id.length()));
            Restore.Request req = new Restore.Request(id, opts.paths(), opts.target(), opts.force(), () -> {
                try {
                    return checkpoint("Auto-save before restoring " + shortId, null, null, List.of(), false, true,
                            op.nested("checkpoint", CancellationToken.NONE)).id();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            RestoreResult result = new Restore(store).run(req, op);
            op.emit(new JcfEvent.RestoreCompleted(op.id(), Instant.now(), result));
            debug("restored {} ({} written, {} deleted)", id, result.filesRestored(), result.filesDeleted());
            return result;
        });
    }

    @Override
    public List<Version> getHistory() {
        return getHistory(HistoryFilter.all());
    }

    /** Versions newest first (all branches), filtered. */
    @Override
    public List<Version> getHistory(HistoryFilter filter) {
        HistoryFilter f = filter == null ? HistoryFilter.all() : filter;
        return read(() -> {
            Map<String, List<String>> tags = tagsByVersion();
            List<VersionRecord> all = store.graph().all();
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

    private static boolean containsIgnoreCase(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    /** A version by id, unique id prefix (4+ characters), tag, {@code HEAD} or {@code HEAD~n}. */
    @Override
    public Optional<Version> getVersion(String idOrTag) {
        Args.versionRef(idOrTag, "idOrTag");
        return read(() -> {
            String id = tryResolve(idOrTag);
            return id == null ? Optional.empty() : Optional.of(toVersion(store.graph().get(id), tagsByVersion()));
        });
    }

    /** The version the working copy is based on (HEAD), empty before the first checkpoint. */
    @Override
    public Optional<Version> getCurrentVersion() {
        return read(() -> {
            String head = store.headId();
            return head == null ? Optional.empty() : Optional.of(toVersion(store.graph().get(head), tagsByVersion()));
        });
    }

    /** Adds a tag to a version; false when the tag already names another version. */
    @Override
    public boolean tagVersion(String versionId, String tag) {
        Args.versionRef(versionId, "versionId");
        Checkpoint.Tags.validate(tag);
        return write("tag", CancellationToken.NONE, op -> {
            String id = resolve(versionId);
            String ref = Checkpoint.Tags.ref(tag);
            String existing = store.manifest().refs.get(ref);
            if (existing != null) {
                return existing.equals(id);
            }
            ManifestDoc next = store.copyManifest();
            next.refs.put(ref, id);
            store.commit(next);
            ledgerDirty = false;
            return true;
        });
    }

    private String resolve(String ref) {
        String id = tryResolve(ref);
        if (id == null) {
            throw new VersionNotFoundException(ref);
        }
        return id;
    }

    private String tryResolve(String ref) {
        if (ref == null || ref.isBlank()) {
            return null;
        }
        VersionGraph g = store.graph();
        if (g.contains(ref)) {
            return ref;
        }
        String upper = ref.toUpperCase(Locale.ROOT);
        if (upper.equals("HEAD") || upper.startsWith("HEAD~") || upper.startsWith("HEAD^")) {
            String id = store.headId();
            int back = upper.equals("HEAD") ? 0 : upper.startsWith("HEAD^") ? upper.length() - 4 : parseBack(ref.substring(5));
            for (int i = 0; i < back && id != null; i++) {
                id = g.get(id).parentId();
            }
            return id;
        }
        String tagged = store.manifest().refs.get(Checkpoint.Tags.ref(ref));
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

    private Map<String, List<String>> tagsByVersion() {
        Map<String, List<String>> out = new HashMap<>();
        store.manifest().refs.forEach((k, v) -> {
            if (k.startsWith("tags/")) {
                out.computeIfAbsent(v, x -> new ArrayList<>()).add(k.substring(5));
            }
        });
        return out;
    }

    private Version toVersion(VersionRecord r, Map<String, List<String>> tags) {
        String id = r.id();
        Map<String, FileState> lazyStates = new LazyMap(() -> read(() -> store.graph().publicStateOf(id)));
        return new Version(r.id(), r.parentId(), r.timestamp(), r.message(), r.author(), r.email(),
                List.copyOf(tags.getOrDefault(r.id(), List.of())), lazyStates, r.summary(), r.autoSaved(),
                List.copyOf(store.graph().emptyFoldersOf(id)));
    }

    /** A map built on first use, so that listing versions does not rebuild every file set. */
    private static final class LazyMap extends AbstractMap<String, FileState> {
        private final Supplier<Map<String, FileState>> supplier;
        private volatile Map<String, FileState> value;

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

        @Override
        public Set<Entry<String, FileState>> entrySet() {
            return get().entrySet();
        }

        @Override
        public FileState get(Object key) {
            return get().get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return get().containsKey(key);
        }

        @Override
        public int size() {
            return get().size();
        }
    }

    /** What changed between two versions (by file identity, so renames are recognised). */
    @Override
    public VersionDiff getVersionDiff(String fromVersion, String toVersion) {
        Args.versionRef(fromVersion, "fromVersion");
        Args.versionRef(toVersion, "toVersion");
        return read(() -> {
            String from = resolve(fromVersion);
            String to = resolve(toVersion);
            return diff(from, store.graph().stateOf(from), to, store.graph().stateOf(to));
        });
    }

    private static VersionDiff diff(String fromId, Map<String, FileState> a, String toId, Map<String, FileState> b) {
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
    @Override
    public List<FileHistoryEntry> getFileHistory(String path) {
        PathRules.check(path);
        return read(() -> {
            String inode = inodeOf(path);
            if (inode == null) {
                throw new FileNotFoundException(path);
            }
            List<FileHistoryEntry> out = new ArrayList<>();
            for (VersionRecord r : store.graph().all()) {
                for (FileState c : r.changes()) {
                    if (c.inodeId().equals(inode)) {
                        out.add(new FileHistoryEntry(r.id(), c.path(), r.timestamp(), c.changeType(), c.size(), c.hash(),
                                r.author(), r.message(), c.previousPath()));
                    }
                }
            }
            return out;
        });
    }

    private String inodeOf(String path) {
        ManifestDoc.FileEntry entry = store.manifest().fileMap.get(path);
        List<VersionRecord> all = store.graph().all();
        if (entry != null && entry.inodeId != null) {
            for (VersionRecord r : all) {
                for (FileState c : r.changes()) {
                    if (c.inodeId().equals(entry.inodeId)) {
                        return entry.inodeId;
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

    // ---------------------------------------------------------------- working copy

    /** Uncommitted changes: what a checkpoint made now would record. */
    @Override
    public WorkingCopyStatus getStatus() {
        // Status only refreshes the in-memory scan cache: it needs no OS lock, so it works while
        // another program is committing.
        return exclusive("status", CancellationToken.NONE, false, op -> {
            Map<String, FileState> head = store.graph().stateOf(store.headId());
            ChangeScanner scanner = new ChangeScanner(adapter, store.content().blobs());
            CompletableFuture<ChangeScanner.Listing> listed = openingListing;
            openingListing = null;
            if (listed != null) {
                try {
                    scanner.using(listed.join());
                } catch (CompletionException e) {
                    debug("listing made at open failed, listing again: {}", e.toString());
                }
            }
            ChangeScanner.Scan scan = scanner.scan(store.manifest().fileMap, false, Set.of(), op);
            for (ChangeScanner.WorkingFile wf : scan.files().values()) {
                ManifestDoc.FileEntry e = store.manifest().fileMap.get(wf.path());
                if (e != null && !wf.hash().equals(e.scanHash)) {
                    ChangeScanner.remember(e, wf);
                    ledgerDirty = true;
                }
            }
            List<String> added = new ArrayList<>();
            List<String> modified = new ArrayList<>();
            List<String> deleted = new ArrayList<>();
            List<RenameInfo> renamed = new ArrayList<>();
            for (FileState c : ChangeSet.compute(head, scan.files(), store.manifest().fileMap)) {
                switch (c.changeType()) {
                    case ADDED -> added.add(c.path());
                    case MODIFIED -> modified.add(c.path());
                    case DELETED -> deleted.add(c.path());
                    case RENAMED -> {
                        renamed.add(new RenameInfo(c.inodeId(), c.previousPath(), c.path()));
                        if (c.previousHash() != null) {
                            modified.add(c.path());
                        }
                    }
                }
            }
            long size = 0;
            for (ChangeScanner.WorkingFile wf : scan.files().values()) {
                size += wf.size();
            }
            SortedSet<String> headFolders = store.graph().emptyFoldersOf(store.headId());
            return new WorkingCopyStatus(store.headId(), added, modified, deleted, renamed, scan.files().size(), size,
                    scan.unversionable(),
                    ChangeScanner.emptyFoldersOr(scan, headFolders).stream().filter(f -> !headFolders.contains(f)).toList(),
                    headFolders.stream().filter(f -> !ChangeScanner.emptyFoldersOr(scan, headFolders).contains(f)).toList());
        });
    }

    @Override
    public void addFile(String path, byte[] content) {
        addFile(path, new ByteArrayInputStream(Args.required(content, "content", "The file's content")));
    }

    /** Adds or replaces a text file, stored as UTF-8. */
    @Override
    public void addFile(String path, String content) {
        addFile(path, Args.required(content, "content", "The file's content").getBytes(StandardCharsets.UTF_8));
    }

    /** Adds or replaces a file from a stream (never held whole in memory). */
    @Override
    public void addFile(String path, InputStream content) {
        PathRules.check(path);
        Args.required(content, "content", "The file's content");
        write("add", CancellationToken.NONE, op -> {
            HistoryGuard.checkPath(adapter, path);
            checkPlace(path);
            checkCaseCollision(path);
            String target = ChangeScanner.CONTENT + "/" + path;
            boolean existed = adapter.fileExists(target);
            long limit = Math.min(adapter.maxFileSize(), config.maxFileSize() == null ? Long.MAX_VALUE : config.maxFileSize());
            MessageDigest md = sha256();
            long size;
            FileSystemAdapter.AtomicOutput out = adapter.openWrite(target);
            try (InputStream in = new DigestInputStream(content, md)) {
                size = copyLimited(in, out, limit, path);
                out.close();
            } catch (IOException | RuntimeException e) {
                out.abort();
                throw e;
            }
            ManifestDoc.FileEntry e = ledgerEntry(path);
            Optional<FileStat> st = adapter.stat(target);
            if (st.isPresent()) {
                byte[] head = size <= ContentStore.MAX_DIFF_BYTES ? adapter.readFile(target) : new byte[0];
                FileType type = size <= ContentStore.MAX_DIFF_BYTES ? ContentStore.detectType(head, head.length) : FileType.BINARY;
                ChangeScanner.remember(e, new ChangeScanner.WorkingFile(path, HexFormat.of().formatHex(md.digest()), size,
                        type, st.get(), System.currentTimeMillis() * 1_000_000L));
            }
            ledgerDirty = true;
            op.emit(new JcfEvent.FileChanged(op.id(), Instant.now(), path, existed ? ChangeType.MODIFIED : ChangeType.ADDED, size));
            return null;
        });
    }

    private static long copyLimited(InputStream in, OutputStream out, long limit, String path) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > limit) {
                throw new FileTooLargeException("'" + path + "' is larger than the limit of " + limit + " bytes.",
                        Map.of("path", path, "size", total, "maxSize", limit));
            }
            out.write(buf, 0, n);
        }
        return total;
    }

    /** Appends bytes to a working-copy file (creating it), e.g. to write a large file piece by piece. */
    @Override
    public void appendToFile(String path, byte[] chunk) {
        PathRules.check(path);
        Args.required(chunk, "chunk", "The bytes to append");
        write("append", CancellationToken.NONE, op -> {
            HistoryGuard.checkPath(adapter, path);
            String target = ChangeScanner.CONTENT + "/" + path;
            boolean existed = adapter.fileExists(target);
            if (!existed) {
                checkPlace(path);
                checkCaseCollision(path);
            }
            long limit = Math.min(adapter.maxFileSize(), config.maxFileSize() == null ? Long.MAX_VALUE : config.maxFileSize());
            long size = adapter.stat(target).map(FileStat::size).orElse(0L);
            if (size + chunk.length > limit) {
                throw new FileTooLargeException("Appending would make '" + path + "' larger than the limit of " + limit
                        + " bytes.", Map.of("path", path, "size", size + chunk.length, "maxSize", limit));
            }
            adapter.appendFile(target, chunk);
            ManifestDoc.FileEntry e = ledgerEntry(path);
            e.scanHash = null; // content changed: hash again at the next scan
            ledgerDirty = true;
            op.emit(new JcfEvent.FileChanged(op.id(), Instant.now(), path, existed ? ChangeType.MODIFIED : ChangeType.ADDED,
                    size + chunk.length));
            return null;
        });
    }

    @Override
    public void removeFile(String path) {
        removeFile(path, false);
    }

    /** Removes a file from the working copy (recorded at the next checkpoint); {@code recursive} removes a folder. */
    @Override
    public void removeFile(String path, boolean recursive) {
        Args.required(path, "path", "The path of the file to remove (\"\" with recursive=true empties the project)");
        String p = PathRules.checkDirectory(path);
        if (p.isEmpty() && !recursive) {
            throw new ValidationException("Give the path of the file to remove; removing the whole project's files "
                    + "needs recursive=true.", Map.of("field", "path", "value", path));
        }
        write("remove", CancellationToken.NONE, op -> {
            if (!p.isEmpty()) {
                HistoryGuard.checkPath(adapter, p);
            }
            String target = ChangeScanner.CONTENT + "/" + p;
            List<String> victims = new ArrayList<>();
            if (!p.isEmpty() && adapter.fileExists(target)) {
                victims.add(p);
            } else if (recursive) {
                for (String child : adapter.listFiles(p.isEmpty() ? ChangeScanner.CONTENT : target)) {
                    victims.add(p.isEmpty() ? child : p + "/" + child);
                }
            }
            if (victims.isEmpty()) {
                throw new FileNotFoundException(p);
            }
            for (String v : victims) {
                HistoryGuard.checkPath(adapter, v);
            }
            for (String v : victims) {
                adapter.deleteFile(ChangeScanner.CONTENT + "/" + v);
                store.manifest().fileMap.remove(v);
                op.emit(new JcfEvent.FileChanged(op.id(), Instant.now(), v, ChangeType.DELETED, 0));
            }
            ledgerDirty = true;
            return null;
        });
    }

    @Override
    public void moveFile(String from, String to) {
        moveFile(from, to, false);
    }

    /** Moves or renames a file, keeping its identity (history follows it). */
    @Override
    public void moveFile(String from, String to, boolean replace) {
        PathRules.check(from);
        PathRules.check(to);
        write("move", CancellationToken.NONE, op -> {
            HistoryGuard.checkPath(adapter, from);
            HistoryGuard.checkPath(adapter, to);
            String src = ChangeScanner.CONTENT + "/" + from;
            String dst = ChangeScanner.CONTENT + "/" + to;
            if (!adapter.fileExists(src)) {
                throw new FileNotFoundException(from);
            }
            if (from.equals(to)) {
                return null;
            }
            if (adapter.fileExists(dst) && !replace) {
                throw new FileExistsException("'" + to + "' already exists. Remove it first or move with replace.",
                        Map.of("path", to));
            }
            if (!from.equalsIgnoreCase(to)) {
                checkPlace(to);
                checkCaseCollision(to);
            }
            ManifestDoc.FileEntry entry = ledgerEntry(from);
            adapter.moveFile(src, dst);
            store.manifest().fileMap.remove(from);
            Optional<FileStat> st = adapter.stat(dst);
            if (st.isPresent() && entry.scanHash != null) {
                entry.scanMtimeNanos = st.get().modifiedNanos();
                entry.scanSize = st.get().size();
            }
            entry.currentHash = null;
            store.manifest().fileMap.put(to, entry);
            ledgerDirty = true;
            op.emit(new JcfEvent.FileChanged(op.id(), Instant.now(), to, ChangeType.RENAMED, st.map(FileStat::size).orElse(0L)));
            return null;
        });
    }

    private ManifestDoc.FileEntry ledgerEntry(String path) {
        return store.manifest().fileMap.computeIfAbsent(path, k -> {
            ManifestDoc.FileEntry e = new ManifestDoc.FileEntry();
            e.inodeId = UUID.randomUUID().toString(); // a saved path keeps its own identity (ChangeSet)
            e.created = Json.formatTime(Instant.now());
            return e;
        });
    }

    /**
     * A file cannot be written where a folder is, nor below a file: the caller's mistake, said as
     * such (not as a storage error telling the person to check the disk).
     */
    private void checkPlace(String path) throws IOException {
        String target = ChangeScanner.CONTENT + "/" + path;
        if (!adapter.fileExists(target) && !adapter.listFiles(target).isEmpty()) {
            throw new ValidationException("'" + path + "' is a folder in the project; a file cannot take its place. "
                    + "Use another name, or remove the folder first.",
                    Map.of("field", "path", "value", path, "reason", "folder"));
        }
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            String parent = path.substring(0, slash);
            if (adapter.fileExists(ChangeScanner.CONTENT + "/" + parent)) {
                throw new ValidationException("'" + parent + "' is a file, so '" + path + "' cannot be put below it. "
                        + "Use another folder name.", Map.of("field", "path", "value", path, "conflictsWith", parent));
            }
        }
    }

    /** Two paths differing only in case break the project on macOS and Windows. */
    private void checkCaseCollision(String path) throws IOException {
        String lower = path.toLowerCase(Locale.ROOT);
        for (String existing : adapter.listFiles(ChangeScanner.CONTENT)) {
            if (!existing.equals(path) && existing.toLowerCase(Locale.ROOT).equals(lower)) {
                throw new ValidationException("'" + path + "' differs from the existing '" + existing
                        + "' only in letter case, which macOS and Windows cannot keep apart. Use another name.",
                        Map.of("field", "path", "value", path, "conflictsWith", existing));
            }
        }
    }

    /** The bytes of a working-copy file. */
    @Override
    public byte[] getFileContent(String path) {
        return getFileContent(path, null);
    }

    /** The bytes of a file in a version (null: the working copy), verified against its SHA-256. */
    @Override
    public byte[] getFileContent(String path, String versionId) {
        PathRules.check(path);
        return read(() -> {
            if (versionId == null) {
                try {
                    return adapter.readFile(ChangeScanner.CONTENT + "/" + path);
                } catch (NoSuchFileException e) {
                    throw new FileNotFoundException(path);
                }
            }
            return store.content().read(stateIn(path, versionId).hash());
        });
    }

    @Override
    public InputStream streamFile(String path) {
        return streamFile(path, null);
    }

    /** A stream of a file's bytes (working copy when versionId is null); large files are never held in memory. */
    @Override
    public InputStream streamFile(String path, String versionId) {
        PathRules.check(path);
        return read(() -> {
            if (versionId == null) {
                try {
                    return adapter.openRead(ChangeScanner.CONTENT + "/" + path);
                } catch (NoSuchFileException e) {
                    throw new FileNotFoundException(path);
                }
            }
            return store.content().open(stateIn(path, versionId).hash());
        });
    }

    private FileState stateIn(String path, String versionRef) {
        String id = resolve(versionRef);
        FileState s = store.graph().stateOf(id).get(path);
        if (s == null) {
            throw new FileNotFoundException(path, id);
        }
        return s;
    }

    @Override
    public List<FileInfo> listFiles() {
        return listFiles("", ListOptions.defaults());
    }

    @Override
    public List<FileInfo> listFiles(String directory) {
        return listFiles(directory, ListOptions.defaults());
    }

    @Override
    public List<FileInfo> listFiles(String directory, String versionId) {
        return listFiles(directory, ListOptions.defaults().versionId(versionId));
    }

    /** Files under a folder of the working copy or of a version, sorted by path. */
    @Override
    public List<FileInfo> listFiles(String directory, ListOptions options) {
        String dir = PathRules.checkDirectory(directory);
        ListOptions opts = options == null ? ListOptions.defaults() : options;
        PathMatcher matcher;
        try {
            matcher = opts.pattern() == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + opts.pattern());
        } catch (IllegalArgumentException e) {
            throw new ValidationException("The pattern '" + opts.pattern() + "' is not a valid glob (" + e.getMessage()
                    + "). Use e.g. \"*.txt\" or \"docs/**\".", JcfException.detailsOf("field", "pattern", "value", opts.pattern()), e);
        }
        return read(() -> {
            List<FileInfo> out = new ArrayList<>();
            if (opts.versionId() != null) {
                String id = resolve(opts.versionId());
                VersionRecord r = store.graph().get(id);
                for (FileState s : store.graph().stateOf(id).values()) {
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
            ChangeScanner scanner = new ChangeScanner(adapter, store.content().blobs());
            for (Map.Entry<String, FileStat> file : scanner.listWorkingFiles(new ArrayList<>()).entrySet()) {
                String p = file.getKey();
                if (!under(p, dir, opts.recursive())) {
                    continue;
                }
                Optional<FileStat> st = Optional.of(file.getValue());
                ManifestDoc.FileEntry e = store.manifest().fileMap.get(p);
                String hash = e != null && st.get().size() == (e.scanSize == null ? -1 : e.scanSize)
                        && e.scanMtimeNanos != null && e.scanMtimeNanos == st.get().modifiedNanos() ? e.scanHash : null;
                FileType type = e != null && e.scanType != null ? FileType.fromJson(e.scanType) : guessType(p, st.get());
                Instant modified = st.get().hasModifiedTime()
                        ? Instant.ofEpochSecond(0, st.get().modifiedNanos()) : null;
                FileInfo fi = new FileInfo(p, st.get().size(), type, hash, modified,
                        type == FileType.TEXT ? workingEncoding(p, e, hash) : null, mimeOf(p), e == null ? null : e.inodeId, null);
                if (listed(fi, dir, opts, matcher)) {
                    out.add(fi);
                }
            }
            out.sort(Comparator.comparing(FileInfo::path));
            return out;
        });
    }

    /** A text file's encoding in a version: as the manifest records it for HEAD's content, else read from the store. */
    private String versionEncoding(FileState s) throws IOException {
        if (s.type() != FileType.TEXT) {
            return null;
        }
        ManifestDoc.FileEntry e = store.manifest().fileMap.get(s.path());
        if (e != null && s.hash().equals(e.currentHash) && e.textEncoding() != null) {
            return e.textEncoding();
        }
        byte[] data = store.content().read(s.hash());
        return TextEncoding.detect(data, data.length);
    }

    /** A working-copy text file's encoding: recorded when it is HEAD's content, else read from the file. */
    private String workingEncoding(String path, ManifestDoc.FileEntry e, String knownHash) throws IOException {
        if (e != null && knownHash != null && knownHash.equals(e.currentHash) && e.textEncoding() != null) {
            return e.textEncoding();
        }
        try {
            byte[] data = adapter.readFile(ChangeScanner.CONTENT + "/" + path);
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
        byte[] data = adapter.readFile(ChangeScanner.CONTENT + "/" + path);
        return ContentStore.detectType(data, data.length);
    }

    private static boolean listed(FileInfo fi, String dir, ListOptions opts, PathMatcher matcher) {
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

    private static String mimeOf(String path) {
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

    // ---------------------------------------------------------------- export / import (.jcf)

    /** Writes the project as a {@code .jcf} archive into {@code out} (not closed); see {@link ExportOptions}. */
    @Override
    public ExportResult export(OutputStream out) {
        return export(out, ExportOptions.defaults());
    }

    /**
     * Writes the project as a {@code .jcf} archive into {@code out}, streaming (memory stays bounded
     * whatever the project's size). The stream is flushed, not closed. Holds the writer lock, so the
     * archive is one consistent state.
     */
    @Override
    public ExportResult export(OutputStream out, ExportOptions options) {
        Args.required(out, "out", "A stream to write the archive to");
        ExportOptions opts = options == null ? ExportOptions.defaults() : options;
        return write("export", opts.cancel(), op -> {
            String id = opts.versionId() == null ? null : resolve(opts.versionId());
            ExportResult result = new JcfExporter(store, opts, op).export(out, id, null);
            op.emit(new JcfEvent.ExportCompleted(op.id(), Instant.now(), result));
            return result;
        });
    }

    /** Writes the project as a {@code .jcf} file; see {@link #export(java.nio.file.Path, ExportOptions)}. */
    @Override
    public ExportResult export(Path file) {
        return export(file, ExportOptions.defaults());
    }

    /**
     * Writes the project as a {@code .jcf} file: into a temp file beside it, fsynced, then renamed
     * over {@code file}, so a crash, failure or cancel never leaves a partial archive under that name.
     */
    @Override
    public ExportResult export(Path file, ExportOptions options) {
        Args.writableFile(file, "file");
        ExportOptions opts = options == null ? ExportOptions.defaults() : options;
        return write("export", opts.cancel(), op -> {
            HistoryGuard.checkTarget(adapter, file, "file");
            String id = opts.versionId() == null ? null : resolve(opts.versionId());
            // A note in the history folder names the temp file while it exists, so that the next
            // writer (or the next open) removes it if this process is killed before it is renamed.
            String note = BlobStore.TEMP_DIR + "/"
                    + JcfImporter.EXPORT_NOTE_PREFIX + op.id();
            ExportResult result = JcfExporter.toFile(file,
                    os -> new JcfExporter(store, opts, op).export(os, id, null),
                    new JcfExporter.TempWatch() {
                        @Override
                        public void creating(Path temp) {
                            try {
                                store.adapter().writeFile(note, temp.toAbsolutePath().toString()
                                        .getBytes(StandardCharsets.UTF_8));
                                store.adapter().sync();
                            } catch (IOException | RuntimeException e) {
                                // read-only storage, say: the next export to that file still removes it
                                debug("no export note: {}", e.toString());
                            }
                        }

                        @Override
                        public void gone(Path temp) {
                            try {
                                store.adapter().deleteFile(note);
                            } catch (IOException | RuntimeException e) {
                                debug("export note left: {}", e.toString());
                            }
                        }
                    });
            op.emit(new JcfEvent.ExportCompleted(op.id(), Instant.now(), result));
            return result;
        });
    }

    /** Imports a {@code .jcf} archive into this (empty) project; see {@link #importData(InputStream, ImportOptions)}. */
    @Override
    public ImportResult importData(InputStream in) {
        return importData(in, ImportOptions.defaults());
    }

    /**
     * Imports a {@code .jcf} archive (ours, or the original implementation's export layout) into this
     * project, which must have no versions and an empty working copy. Everything is staged and
     * validated first; on any error the project is left as it was. The stream is read to its end,
     * not closed.
     *
     * @throws ValidationException unsafe or duplicate entry names, symbolic links, limits exceeded,
     *         newer format, a project that is not empty
     * @throws CorruptionException damaged archive, manifest, blob or patch
     */
    @Override
    public ImportResult importData(InputStream in, ImportOptions options) {
        Args.required(in, "in", "A stream to read the archive from");
        ImportOptions opts = options == null ? ImportOptions.defaults() : options;
        return write("import", opts.cancel(), op -> {
            ImportResult result = new JcfImporter(store, opts, op).importStream(in);
            ledgerDirty = false;
            op.emit(new JcfEvent.ImportCompleted(op.id(), Instant.now(), result));
            return result;
        });
    }

    @Override
    public ImportResult importData(Path file) {
        return importData(file, ImportOptions.defaults());
    }

    /** Imports a {@code .jcf} file; see {@link #importData(InputStream, ImportOptions)}. */
    @Override
    public ImportResult importData(Path file, ImportOptions options) {
        Args.existingFile(file, "file");
        ImportOptions opts = options == null ? ImportOptions.defaults() : options;
        return write("import", opts.cancel(), op -> {
            ImportResult result = new JcfImporter(store, opts, op).importFile(file);
            ledgerDirty = false;
            op.emit(new JcfEvent.ImportCompleted(op.id(), Instant.now(), result));
            return result;
        });
    }

    // ---------------------------------------------------------------- stats

    @Override
    public ProjectStats getStats() {
        return read(() -> {
            VersionGraph g = store.graph();
            Map<String, FileState> head = g.stateOf(store.headId());
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
            for (String p : adapter.listFiles(ChangeScanner.CONTENT)) {
                contentSize += adapter.stat(ChangeScanner.CONTENT + "/" + p).map(FileStat::size).orElse(0L);
            }
            BlobStore blobs = store.content().blobs();
            long blobsSize = 0;
            for (String h : blobs.listBlobs()) {
                blobsSize += blobs.storedSize(h);
            }
            for (String c : blobs.listChunks()) {
                blobsSize += adapter.stat(".store/chunks/" + c).map(FileStat::size).orElse(0L);
            }
            long manifestSize = adapter.stat(ProjectStore.MANIFEST).map(FileStat::size).orElse(0L)
                    + store.manifest().journal.length;
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
                    store.content().deltasSize(), manifestSize, unique.size(), references, ratio, oldest, newest,
                    new ProjectStats.FilesByType(text, binary), largest);
        });
    }

    // ---------------------------------------------------------------- maintenance (gc, verify)

    /** Removes blobs, chunks, patches and temp files no version needs (spec §3.6). */
    @Override
    public GcReport runGc() {
        return runGc(GcOptions.defaults());
    }

    /**
     * Garbage collection under the writer lock (no checkpoint or restore runs beside it, so nothing
     * being written can be taken for garbage). {@code dryRun} reports without deleting.
     */
    @Override
    public GcReport runGc(GcOptions options) {
        GcOptions opts = options == null ? GcOptions.defaults() : options;
        return write("gc", opts.cancel(), op -> {
            GcReport report = new GarbageCollector(store).run(opts, op);
            debug("gc: {} blobs, {} chunks, {} patches, {} temp files, {} bytes{}", report.blobsRemoved(),
                    report.chunksRemoved(), report.deltasRemoved(), report.tempRemoved(), report.spaceFreed(),
                    report.dryRun() ? " (dry run)" : "");
            return report;
        });
    }

    /**
     * {@code JcfConfig.autoGc}: collects after each checkpoint (already committed, under the same
     * writer lock). Not after the automatic save a restore makes: the restore is still running.
     * A failure is only a warning: the checkpoint is saved and the next collection retries.
     */
    private void autoGc(Operation checkpointOp, boolean autoSaved) {
        if (autoSaved) {
            return;
        }
        Operation gc = new Operation("gc", CancellationToken.NONE, null, events::emit);
        try {
            new GarbageCollector(store).run(GcOptions.defaults(), gc);
        } catch (IOException | RuntimeException e) {
            checkpointOp.emit(new JcfEvent.Warning(checkpointOp.id(), Instant.now(),
                    "Saved, but the automatic garbage collection failed (" + e.getMessage() + "); runGc retries."));
        }
    }

    /** Checks manifest, history and stored objects for presence (spec §3.8); changes nothing. */
    @Override
    public VerificationReport verifyIntegrity() {
        return verifyIntegrity(VerifyOptions.defaults());
    }

    /**
     * Checks the project's integrity; {@code deep} re-reads every stored object, {@code repair} fixes
     * what redundancy allows (never inventing history) and reports what is left.
     */
    @Override
    public VerificationReport verifyIntegrity(VerifyOptions options) {
        VerifyOptions opts = options == null ? VerifyOptions.defaults() : options;
        return write("verify", opts.cancel(), op -> {
            VerificationReport report = new Verifier(store).run(opts, op);
            if (opts.repair()) {
                ledgerDirty = false;
            }
            debug("verify: {} errors, {} warnings, {} repaired", report.errors().size(), report.warnings().size(),
                    report.repaired().size());
            return report;
        });
    }

    // ---------------------------------------------------------------- events

    /** Listens to events by the seed's name or a wildcard ({@code "checkpoint:*"}, {@code "*:progress"}, {@code "*"}). */
    @Override
    public void on(String event, Consumer<? super JcfEvent> listener) {
        events.on(event, listener);
    }

    /** Listens to one event type, e.g. {@code on(JcfEvent.Progress.class, p -> ...)}. */
    public <E extends JcfEvent> Consumer<JcfEvent> on(Class<E> type, Consumer<? super E> listener) {
        Args.required(type, "type", "An event type (e.g. JcfEvent.Progress.class)");
        Args.required(listener, "listener", "A listener");
        Consumer<JcfEvent> adapterListener = e -> {
            if (type.isInstance(e)) {
                listener.accept(type.cast(e));
            }
        };
        events.on("*", adapterListener);
        return adapterListener;
    }

    /** Removes one listener; returns whether it was registered. */
    @Override
    public boolean off(String event, Consumer<? super JcfEvent> listener) {
        return events.off(event, listener);
    }

    /** Removes every listener of that name (null: all listeners). */
    @Override
    public void off(String event) {
        events.offAll(event);
    }

    public int listenerCount(String event) {
        return events.listenerCount(event);
    }

    /** The same operations returning {@code CompletableFuture}s, run on a small background pool. */
    public synchronized AsyncJcfManager async() {
        if (async == null) {
            async = new AsyncJcfManager(this);
        }
        return async;
    }

    // ---------------------------------------------------------------- plumbing

    /** Work that may throw I/O errors. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Operation op) throws IOException;
    }

    @FunctionalInterface
    private interface ReadWork<T> {
        T run() throws IOException;
    }

    /** Runs a mutation: one at a time in this process, with the project's OS lock against other processes. */
    private <T> T write(String name, CancellationToken cancel, Work<T> work) {
        openingListing = null; // a write may change the working copy: the opening listing is stale
        return exclusive(name, cancel, true, work);
    }

    private <T> T exclusive(String name, CancellationToken cancel, boolean writesStorage, Work<T> work) {
        Operation op = new Operation(name, cancel, config.operationTimeout(), events::emit);
        acquire(lock.writeLock(), name);
        try {
            requireOpen();
            Optional<ProjectLock> osLock = writesStorage ? adapter.tryLock() : Optional.of(ProjectLock.NO_OP);
            if (osLock.isEmpty()) {
                throw new ConcurrentModificationException("The project " + adapter.describe()
                        + " is being changed by another program (its lock file .store/lock is held). "
                        + "Wait for it to finish and try again.",
                        Map.of("resource", ".store/lock", "conflictingOperation", name));
            }
            try (ProjectLock ignored = osLock.get()) {
                if (writesStorage ? store.refreshUnderLock() : store.changedOnDisk() && reload()) {
                    ledgerDirty = false; // another process committed: work on its state
                }
                if (writesStorage) {
                    recoverInterrupted(false);
                    if (!name.equals("verify")) { // verify reports the journal's tail; its repair settles it
                        settleJournal();
                    }
                }
                T result;
                try {
                    result = work.run(op);
                } catch (IOException | RuntimeException | Error e) {
                    if (writesStorage) {
                        try {
                            store.abandonAttempt(); // our own uncommitted journal line, while we still hold the lock
                        } catch (IOException | RuntimeException suppressed) {
                            e.addSuppressed(suppressed);
                        }
                    }
                    throw e;
                }
                adapter.sync(); // files written to the working copy (addFile, restore) are durable on return
                return result;
            }
        } catch (JcfException e) {
            throw failed(name, op, e);
        } catch (UncheckedIOException e) {
            throw failed(name, op, storage(name, e.getCause()));
        } catch (IOException e) {
            throw failed(name, op, storage(name, e));
        } catch (RuntimeException e) {
            throw failed(name, op, unexpected(name, e));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Re-reads the project (no OS lock: for operations that only look). Always true. */
    private boolean reload() throws IOException {
        store.load();
        return true;
    }

    /** Reports the failure of an operation that announced its start ({@code <name>:error}). */
    private JcfException failed(String name, Operation op, JcfException e) {
        if (LONG_OPERATIONS.contains(name)) {
            op.emit(new JcfEvent.OperationFailed(name, op.id(), Instant.now(), e));
        }
        return e;
    }

    private <T> T read(ReadWork<T> work) {
        acquire(lock.readLock(), "read");
        try {
            requireOpen();
            if (store.changedOnDisk() && !lock.isWriteLockedByCurrentThread()) {
                lock.readLock().unlock();
                acquire(lock.writeLock(), "reload");
                try {
                    if (store.changedOnDisk()) {
                        store.load();
                        ledgerDirty = false;
                    }
                    lock.readLock().lock();
                } finally {
                    lock.writeLock().unlock();
                }
            }
            return work.run();
        } catch (JcfException e) {
            throw e;
        } catch (UncheckedIOException e) {
            throw storage("read", e.getCause());
        } catch (IOException e) {
            throw storage("read", e);
        } catch (RuntimeException e) {
            throw unexpected("read", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void acquire(Lock l, String name) {
        Duration timeout = config.operationTimeout();
        if (timeout == null || timeout.isZero()) {
            l.lock();
            return;
        }
        try {
            if (!l.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new OperationTimeoutException("The " + name + " waited longer than operationTimeout ("
                        + timeout.toMillis() + " ms) for another operation to finish.",
                        Map.of("operation", name, "timeout", timeout.toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("The " + name + " was interrupted.", Map.of("operation", name));
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new NotInitializedException("This project was closed; open it again with a new JcfManager.", Map.of());
        }
        if (store == null) {
            throw new NotInitializedException("Call init(adapter) before using the project.", Map.of());
        }
    }

    /**
     * Keeps the promise that only JcfExceptions leave the engine: a path the storage refuses is a
     * validation error, anything else an adapter (possibly a user's own) throws is a storage error.
     */
    private JcfException unexpected(String what, RuntimeException e) {
        if (e instanceof IllegalArgumentException) {
            return new ValidationException("The storage (" + (adapter == null ? "?" : adapter.describe())
                    + ") cannot " + what + " this: " + e.getMessage() + ". Use another file name.",
                    JcfException.detailsOf("field", "path", "value", e.getMessage()), e);
        }
        return new StorageException("Could not " + what + " because of an unexpected error (" + e
                + "). Nothing already stored was changed.",
                JcfException.detailsOf("originalError", String.valueOf(e), "adapter", adapter == null ? null : adapter.describe()), e);
    }

    private StorageException storage(String what, IOException e) {
        String where = adapter == null ? "" : " in " + adapter.describe();
        return new StorageException("Could not " + what + where + ": " + e + ". Nothing already stored was changed; "
                + "check the disk (space, permissions) and try again.",
                JcfException.detailsOf("originalError", String.valueOf(e), "adapter", adapter == null ? null : adapter.describe()), e);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void debug(String format, Object... args) {
        if (config.debug()) { // the documented switch (JcfConfig.debug); otherwise nothing is logged
            DebugLog.log(Log.LOG, format, args);
        }
    }

}
