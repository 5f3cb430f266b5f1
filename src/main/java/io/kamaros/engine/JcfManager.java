package io.kamaros.engine;

import io.kamaros.engine.container.ArchiveTransfers;
import io.kamaros.engine.container.JcfImporter;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.project.HistoryGuard;
import io.kamaros.engine.history.ChangeScanner;
import io.kamaros.engine.project.Ledger;
import io.kamaros.engine.project.VersionGraph;
import io.kamaros.engine.history.Checkpoint;
import io.kamaros.engine.history.Forget;
import io.kamaros.engine.history.GarbageCollector;
import io.kamaros.engine.history.HistoryQueries;
import io.kamaros.engine.history.OperationRunner;
import io.kamaros.engine.history.WorkingCopy;
import io.kamaros.engine.history.Operation;
import io.kamaros.engine.history.Restore;
import io.kamaros.engine.history.Verifier;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.objects.ProjectKey;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.Consumer;
import java.util.function.BiFunction;
import io.kamaros.engine.model.Args;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.ChangeSummary;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ConcurrentModificationException;
import io.kamaros.engine.model.ExportOptions;
import io.kamaros.engine.model.ExportResult;
import io.kamaros.engine.model.FileHistoryEntry;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.ForgetResult;
import io.kamaros.engine.model.ForgottenVersions;
import io.kamaros.engine.model.RetentionPolicy;
import io.kamaros.engine.model.RetentionSettings;
import io.kamaros.engine.model.DurationSetting;
import io.kamaros.engine.model.GcOptions;
import io.kamaros.engine.model.GcReport;
import io.kamaros.engine.model.HistoryFilter;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.ImportResult;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.ListOptions;
import io.kamaros.engine.model.ProjectStats;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.RestorePlan;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionDiff;
import io.kamaros.engine.model.WorkingCopyStatus;
import io.kamaros.engine.history.DebugLog;
import io.kamaros.engine.model.JcfEvent;
import org.jspecify.annotations.Nullable;

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
    private final JcfConfig config;
    private final EventBus events = new EventBus();
    /** Locks, the open project's state, and how failures become JcfExceptions. */
    private final OperationRunner run;
    private final HistoryQueries queries;
    private final WorkingCopy workingCopy;
    private final ArchiveTransfers transfers;
    private @Nullable AsyncJcfManager async;
    /** The token of the automatic save running now, so that a person's checkpoint or restore can cancel it. */
    private final AtomicReference<@Nullable CancellationToken> runningAutosave = new AtomicReference<>();
    /** Checkpoints and restores a person started that have not finished: an automatic save does not start meanwhile. */
    private final AtomicInteger personWrites = new AtomicInteger();

    public JcfManager() {
        this(JcfConfig.builder().fromEnvironment(System.getenv()).build());
    }

    public JcfManager(@Nullable JcfConfig config) {
        this.config = config == null ? JcfConfig.defaults() : config;
        if (this.config.debug()) {
            DebugLog.enable(); // shows the engine's debug lines whatever the shipped logging configuration says
        }
        this.run = new OperationRunner(this.config, events::emit, this::recoverInterrupted);
        this.queries = new HistoryQueries(run);
        this.workingCopy = new WorkingCopy(run, queries);
        this.transfers = new ArchiveTransfers(run, queries);
    }

    public JcfConfig getConfig() {
        return config;
    }

    // ---------------------------------------------------------------- lifecycle

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
     * With {@link JcfConfig#statusAtOpen()} the working copy is listed meanwhile for the first status.
     *
     * @throws PasswordException {@code WRONG_PASSWORD}; {@code PASSWORD_REQUIRED} (an encrypted
     *         project opened by {@link #init(FileSystemAdapter)}, or an empty password)
     * @throws ValidationException a password for a project that is not encrypted
     */
    @Override
    public void init(FileSystemAdapter adapter, char @Nullable [] password) {
        Args.required(adapter, "adapter", "A storage adapter (e.g. new FileAdapter(folder) or new MemoryAdapter())");
        run.open(adapter, password);
    }

    /**
     * Opens the project this manager has open once more, in a new manager with {@code config} (say, a
     * front end's changed settings) on {@code adapter} (a fresh adapter of the same storage). An
     * encrypted project opens with the data key this manager unlocked, so its password is not asked
     * again; if the password was changed meanwhile, PASSWORD_REQUIRED. This manager stays open.
     *
     * @throws PasswordException {@code PASSWORD_REQUIRED} when the project's key record changed
     */
    public JcfManager reopen(FileSystemAdapter adapter, JcfConfig config) {
        Args.required(adapter, "adapter", "A storage adapter of the same project");
        Args.required(config, "config", "The configuration for the new manager");
        Optional<ProjectKey> key = run.read(() -> Optional.ofNullable(run.store().key()));
        JcfManager again = new JcfManager(config);
        try {
            again.run.open(adapter, null, key.orElse(null));
            return again;
        } catch (RuntimeException e) {
            again.close();
            throw e;
        }
    }

    /** True when the project's stored objects are encrypted (it was created or imported with a password). */
    @Override
    public boolean isEncrypted() {
        return run.read(() -> run.store().encrypted());
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
            run.writeVoid("change-password", CancellationToken.NONE, op -> {
                run.store().changePassword(oldPassword, newPassword);
                run.ledgerSaved();
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
        run.close(() -> {
            if (async != null) {
                async.shutdown();
            }
        });
    }

    /** Undoes what a process killed in the middle of an import left behind (the OS lock is held). */
    private @Nullable String recoverInterrupted(boolean opening) throws IOException {
        // At open also the half-written files a killed process left next to the manifest and journal.
        FileSystemAdapter adapter = run.adapter();
        if (opening || adapter.fileExists(JcfImporter.PENDING_MARKER)
                || !adapter.listFiles(BlobStore.TEMP_DIR).isEmpty()) {
            return JcfImporter.recoverInterrupted(run.store());
        }
        return null;
    }

    /**
     * Refuses (with a {@link ValidationException}) a folder or file on this computer that is, contains
     * or lies inside this project's history storage: what {@link #restoreVersion} into a folder and
     * {@link #export(Path)} refuse, for choosers that want to say so before they start.
     */
    public void checkOutsideHistory(Path target) {
        run.readVoid(() -> HistoryGuard.checkTarget(run.adapter(), target, "target"));
    }

    /**
     * True for a project-relative path that is never versioned and so never a change: system files
     * such as {@code .DS_Store} and {@code Thumbs.db}, and the engine's own temporary files.
     */
    public static boolean isIgnoredPath(String path) {
        return ChangeScanner.isIgnored(path);
    }

    /** The adapter the project lives in. */
    public FileSystemAdapter getAdapter() {
        run.requireOpen();
        return run.adapter();
    }

    // ---------------------------------------------------------------- versions

    @Override
    public String saveCheckpoint(String message) {
        return saveCheckpoint(message, CheckpointOptions.defaults());
    }

    /**
     * Saves a checkpoint. An automatic one ({@link CheckpointOptions#automatic()}) never waits: while
     * another write runs it is refused with a {@link ConcurrentModificationException}; a person's
     * checkpoint cancels a running automatic one first (nothing of it is kept).
     */
    @Override
    public String saveCheckpoint(String message, CheckpointOptions options) {
        CheckpointOptions opts = options == null ? CheckpointOptions.defaults() : options;
        if (opts.automatic()) {
            return saveAutomatic(message, opts);
        }
        return asPerson(() -> run.writeBesideReaders("checkpoint", opts.cancel(), op -> checkpoint(
                checkpointRequest(message, opts), op).id()));
    }

    private Checkpoint.Request checkpointRequest(String message, CheckpointOptions opts) {
        return new Checkpoint.Request(message, resolveAuthor(opts.author(), opts.automatic()),
                resolveEmail(opts.email(), opts.automatic()), opts.tags(),
                opts.allowEmpty(), false, opts.timestamp(), opts.strict(), opts.paths(), false, opts.automatic());
    }

    /**
     * The automatic save: it registers its token before it looks whether a person's write is running,
     * and a person's write counts itself before it cancels the registered token, so either the
     * automatic save sees the person and does not start, or the person sees and cancels it.
     */
    private String saveAutomatic(String message, CheckpointOptions options) {
        CheckpointOptions opts = options.cancel() == CancellationToken.NONE
                ? options.toBuilder().cancel(new CancellationToken()).build() : options;
        return asAutomatic("automatic save", opts.cancel(), () -> run.writeBesideReadersUnlessBusy("checkpoint",
                opts.cancel(), op -> checkpoint(checkpointRequest(message, opts), op).id()));
    }

    /**
     * Runs automatic work (a save, a thinning) that yields to a person: {@code token} is registered before it
     * looks whether a person's write is running, so a person's checkpoint or restore either sees and cancels it,
     * or it sees the person and does not start.
     */
    private <T> T asAutomatic(String what, CancellationToken token, Supplier<T> work) {
        runningAutosave.set(token);
        try {
            if (personWrites.get() > 0) {
                throw new ConcurrentModificationException("The " + what + " did not start: a checkpoint or restore "
                        + "is running. It is tried again later.", Map.of("resource", "writers",
                        "conflictingOperation", "checkpoint"));
            }
            return work.get();
        } finally {
            runningAutosave.compareAndSet(token, null);
        }
    }

    /** Runs a person's write: a running automatic save is cancelled first and none starts until it is done. */
    private <T> T asPerson(Supplier<T> write) {
        personWrites.incrementAndGet();
        try {
            CancellationToken autosave = runningAutosave.get();
            if (autosave != null) {
                autosave.cancel();
            }
            return write.get();
        } finally {
            personWrites.decrementAndGet();
        }
    }

    /** Saves a checkpoint (under the writer lock), announces it, and collects garbage when configured to. */
    private VersionRecord checkpoint(Checkpoint.Request req, Operation op) throws IOException {
        long limit = Math.min(run.adapter().maxFileSize(), config.maxFileSize() == null ? Long.MAX_VALUE : config.maxFileSize());
        Checkpoint.Result result = new Checkpoint(run.store()).maxFileSize(limit).run(req, op);
        run.ledgerSaved();
        VersionRecord r = result.record();
        ChangeSummary s = r.summary();
        op.emit(new JcfEvent.CheckpointCompleted(op.id(), Instant.now(), r.id(), r.message(), s.added(), s.modified(),
                s.deleted(), s.renamed(), result.bytesStored(), op.elapsed(), result.unversionable(),
                result.changesLeft()));
        run.debug("checkpoint {} ({} changes) in {} ms", r.id(), s.total(), op.elapsed().toMillis());
        if (config.autoGc()) {
            op.committing(() -> { // it deletes objects: no reader may be reading them
                autoGc(op, req.autoSaved());
                return Boolean.TRUE;
            });
        }
        return r;
    }

    /**
     * Who a version is by when the caller named nobody: the configured author; for an automatic save
     * ({@code keepsWork}: autosave's, or a restore's keeping unsaved work) the person whose work it keeps;
     * then the project's first author, then the system account.
     */
    private String resolveAuthor(@Nullable String author, boolean keepsWork) {
        if (author != null && !author.isBlank()) {
            return author;
        }
        if (config.author() != null && !config.author().isBlank()) {
            return config.author();
        }
        VersionRecord person = keepsWork ? lastPersonsVersion() : null;
        if (person != null) {
            return person.author();
        }
        String metaAuthor = run.store().ledger().metadata().author();
        if (metaAuthor != null && !metaAuthor.isBlank()) {
            return metaAuthor;
        }
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }

    private @Nullable String resolveEmail(@Nullable String email, boolean keepsWork) {
        if (email != null && !email.isBlank()) {
            return email;
        }
        VersionRecord person = keepsWork && (config.author() == null || config.author().isBlank())
                ? lastPersonsVersion() : null;
        if (person != null) { // the e-mail of the same person as the author
            return person.email();
        }
        return config.email() != null ? config.email() : run.store().ledger().metadata().email();
    }

    /**
     * The newest version a person saved on the line the working copy continues (HEAD, or the first of its
     * ancestors that no automatic save made): whose work an automatic save without a named author keeps.
     * Not the project's first author, who may not have worked on it for weeks.
     */
    private @Nullable VersionRecord lastPersonsVersion() {
        VersionGraph graph = run.store().graph();
        String id = run.store().headId();
        for (int steps = 0; id != null && steps <= graph.size(); steps++) {
            VersionRecord r = graph.get(id);
            if (r == null) {
                return null;
            }
            if (!r.automatic() && !r.autoSaved()) {
                return r;
            }
            id = r.parentId();
        }
        return null;
    }

    @Override
    public RestoreResult restoreVersion(String versionId) {
        return restoreVersion(versionId, RestoreOptions.defaults());
    }

    /**
     * Restores a version (or chosen files of it, or into another folder). Uncommitted changes that
     * would be overwritten are first saved as an automatic checkpoint unless {@code force}, so a
     * restore can always be undone by restoring {@link RestoreResult#undoVersionId()}.
     * {@link #planRestore} tells beforehand what this will write, delete and save.
     */
    @Override
    public RestoreResult restoreVersion(String versionId, RestoreOptions options) {
        return restoreVersion(versionId, options, false);
    }

    /**
     * {@link #restoreVersion(String, RestoreOptions)}; {@code intoNewWorkingCopy} when the working copy is a new
     * folder nobody uses yet (a clone's, deleted if the clone fails): its files may then be written in place.
     */
    RestoreResult restoreVersion(String versionId, RestoreOptions options, boolean intoNewWorkingCopy) {
        Args.versionRef(versionId, "versionId");
        RestoreOptions opts = options == null ? RestoreOptions.defaults() : options;
        Args.targetFolder(opts.target(), "target");
        return asPerson(() -> run.writeBesideReaders("restore", opts.cancel(), op -> {
            Restore.Request asked = restoreRequest(versionId, opts, (id, overwritten) -> {
                // Restoring chosen files saves only the ones it overwrites, beside HEAD: the other
                // unsaved changes stay unsaved and HEAD stays; a whole restore saves everything first.
                boolean chosen = !opts.paths().isEmpty();
                try {
                    return checkpoint(new Checkpoint.Request(autoSaveMessage(id, overwritten),
                            resolveAuthor(null, true), resolveEmail(null, true), List.of(), false, true, null, false,
                            overwritten, chosen),
                            op.nested("checkpoint", CancellationToken.NONE)).id();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Restore.Request req = new Restore.Request(asked.versionId(), asked.paths(), asked.targetFolder(),
                    asked.force(), asked.autoSave(), intoNewWorkingCopy);
            RestoreResult result = new Restore(run.store()).run(req, op);
            op.emit(new JcfEvent.RestoreCompleted(op.id(), Instant.now(), result));
            run.debug("restored {} ({} written, {} deleted)", req.versionId(), result.filesRestored(),
                    result.filesDeleted());
            return result;
        }));
    }

    /**
     * The message of the automatic save a restore makes: what it keeps and which version is being
     * restored, by its message as people know it ("Auto-save of notes.txt before restoring it from
     * \u201cFix typo\u201d (1a2b3c4d)"; files put back as in HEAD: "Auto-save of notes.txt before discarding
     * its changes"). Front ends that word it in another language have the parts:
     * the version is {@code autoSaved}, its changes name the files, and {@link RestoreResult} the
     * version restored.
     */
    private String autoSaveMessage(String restoredId, List<String> paths) {
        VersionRecord restored = run.store().graph().get(restoredId);
        String label = restored == null ? "" : restored.message().strip();
        if (label.length() > 60) {
            label = label.substring(0, 59) + "\u2026";
        }
        String version = (label.isEmpty() ? "" : "\u201c" + label + "\u201d ")
                + "(" + restoredId.substring(0, Math.min(8, restoredId.length())) + ")";
        if (paths.isEmpty()) {
            return "Auto-save before restoring " + version;
        }
        String files = paths.size() == 1 ? paths.get(0)
                : paths.size() <= 3 ? String.join(", ", paths) : paths.get(0) + " and " + (paths.size() - 1) + " more files";
        if (restoredId.equals(run.store().ledger().head())) { // files put back as in HEAD: their changes discarded
            return "Auto-save of " + files + " before discarding " + (paths.size() == 1 ? "its" : "their") + " changes";
        }
        return "Auto-save of " + files + " before restoring " + (paths.size() == 1 ? "it" : "them") + " from " + version;
    }

    /**
     * What {@link #restoreVersion(String, RestoreOptions)} with the same arguments would write,
     * delete and save first, computed by the restore's own steps; changes nothing. Refuses what the
     * restore refuses (unknown version or file, a target inside the history).
     */
    @Override
    public RestorePlan planRestore(String versionId, RestoreOptions options) {
        Args.versionRef(versionId, "versionId");
        RestoreOptions opts = options == null ? RestoreOptions.defaults() : options;
        Args.targetFolder(opts.target(), "target");
        // Like status: it only looks, so no OS lock; another program may be committing meanwhile.
        return run.exclusive("plan-restore", opts.cancel(), false,
                op -> new Restore(run.store()).plan(restoreRequest(versionId, opts, null), op));
    }

    /** The request restore and plan share; {@code autoSave} is given the version id (null for a plan). */
    private Restore.Request restoreRequest(String versionId, RestoreOptions opts, @Nullable BiFunction<String, List<String>, String> autoSave)
            throws IOException {
        if (opts.target() != null) {
            HistoryGuard.checkTarget(run.adapter(), opts.target(), "target");
        }
        String id = queries.resolve(versionId);
        return new Restore.Request(id, opts.paths(), opts.target(), opts.force(),
                autoSave == null ? null : paths -> autoSave.apply(id, paths));
    }

    @Override
    public List<Version> getHistory() {
        return getHistory(HistoryFilter.all());
    }

    /** Versions newest first (all branches), filtered. */
    @Override
    public List<Version> getHistory(HistoryFilter filter) {
        return queries.getHistory(filter);
    }

    /** A version by id, unique id prefix (4+ characters), tag, {@code HEAD} or {@code HEAD~n}. */
    @Override
    public Optional<Version> getVersion(String idOrTag) {
        return queries.getVersion(idOrTag);
    }

    /** The version the working copy is based on (HEAD), empty before the first checkpoint. */
    @Override
    public Optional<Version> getCurrentVersion() {
        return queries.getCurrentVersion();
    }

    /** Adds a tag to a version; false when the tag already names another version. */
    @Override
    public boolean tagVersion(String versionId, String tag) {
        return queries.tagVersion(versionId, tag);
    }

    /** What changed between two versions (by file identity, so renames are recognised). */
    @Override
    public VersionDiff getVersionDiff(String fromVersion, String toVersion) {
        return queries.getVersionDiff(fromVersion, toVersion);
    }

    /**
     * What changed from a version ({@code null}: no version, everything added) to the working copy;
     * {@link VersionDiff#toVersion()} is null. Renames are found as a checkpoint finds them.
     */
    @Override
    public VersionDiff getWorkingCopyDiff(@Nullable String versionRef) {
        return workingCopy.getWorkingCopyDiff(versionRef);
    }

    /** Every version in which the file was added, changed, renamed or deleted, oldest first, following renames. */
    @Override
    public List<FileHistoryEntry> getFileHistory(String path) {
        return queries.getFileHistory(path);
    }

    // ---------------------------------------------------------------- working copy

    /** Uncommitted changes: what a checkpoint made now would record. */
    @Override
    public WorkingCopyStatus getStatus() {
        return workingCopy.getStatus();
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
        workingCopy.addFile(path, content);
    }

    /** Appends bytes to a working-copy file (creating it), e.g. to write a large file piece by piece. */
    @Override
    public void appendToFile(String path, byte[] chunk) {
        workingCopy.appendToFile(path, chunk);
    }

    @Override
    public void removeFile(String path) {
        removeFile(path, false);
    }

    /** Removes a file from the working copy (recorded at the next checkpoint); {@code recursive} removes a folder. */
    @Override
    public void removeFile(String path, boolean recursive) {
        workingCopy.removeFile(path, recursive);
    }

    @Override
    public void moveFile(String from, String to) {
        moveFile(from, to, false);
    }

    /** Moves or renames a file, keeping its identity (history follows it). */
    @Override
    public void moveFile(String from, String to, boolean replace) {
        workingCopy.moveFile(from, to, replace);
    }

    /** The bytes of a working-copy file. */
    @Override
    public byte[] getFileContent(String path) {
        return getFileContent(path, null);
    }

    /** The bytes of a file in a version (null: the working copy), verified against its SHA-256. */
    @Override
    public byte[] getFileContent(String path, @Nullable String versionId) {
        return queries.getFileContent(path, versionId);
    }

    @Override
    public InputStream streamFile(String path) {
        return streamFile(path, null);
    }

    /** A stream of a file's bytes (working copy when versionId is null); large files are never held in memory. */
    @Override
    public InputStream streamFile(String path, @Nullable String versionId) {
        return queries.streamFile(path, versionId);
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
    public List<FileInfo> listFiles(String directory, @Nullable String versionId) {
        return listFiles(directory, ListOptions.builder().versionId(versionId).build());
    }

    /** Files under a folder of the working copy or of a version, sorted by path. */
    @Override
    public List<FileInfo> listFiles(String directory, ListOptions options) {
        return queries.listFiles(directory, options);
    }

    @Override
    public ProjectStats getStats() {
        return queries.getStats();
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
        return transfers.export(out, options);
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
        return transfers.export(file, options);
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
        return transfers.importData(in, options);
    }

    @Override
    public ImportResult importData(Path file) {
        return importData(file, ImportOptions.defaults());
    }

    /** Imports a {@code .jcf} file; see {@link #importData(InputStream, ImportOptions)}. */
    @Override
    public ImportResult importData(Path file, ImportOptions options) {
        return transfers.importData(file, options);
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
        return run.write("gc", opts.cancel(), op -> {
            GcReport report = new GarbageCollector(run.store()).run(opts, op);
            run.debug("gc: {} blobs, {} chunks, {} patches, {} temp files, {} bytes{}", report.blobsRemoved(),
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
            new GarbageCollector(run.store()).run(GcOptions.defaults(), gc);
        } catch (IOException | RuntimeException e) {
            checkpointOp.emit(new JcfEvent.Warning(checkpointOp.id(), Instant.now(),
                    "Saved, but the automatic garbage collection failed (" + e.getMessage() + "); runGc retries."));
        }
    }

    // ---------------------------------------------------------------- forgetting versions

    /**
     * Forgets versions (ids, short ids or tags): kept versions stay byte-exact, children of a forgotten
     * version are re-parented to its nearest kept ancestor, and a garbage collection then deletes what only
     * the forgotten versions held. The current version is never forgotten ({@code FORGET_CURRENT_VERSION}),
     * a tagged one only with {@link ForgetOptions#force()} ({@code FORGET_TAGGED_VERSION}).
     */
    public ForgetResult forget(List<String> versionRefs, ForgetOptions options) {
        ForgetOptions opts = options == null ? ForgetOptions.defaults() : options;
        if (versionRefs == null || versionRefs.isEmpty()) {
            throw new ValidationException("Name at least one version to forget.", Map.of("field", "versionRefs"));
        }
        versionRefs.forEach(ref -> Args.versionRef(ref, "versionRefs"));
        return forgetThen(opts, "forget", false, true, () -> {
            Set<String> ids = new LinkedHashSet<>();
            versionRefs.forEach(ref -> ids.add(queries.resolve(ref)));
            return new ForgetChoice(ids, ForgottenVersions.BY_HAND);
        });
    }

    /**
     * Thins the history by a retention policy: forgets the thinnable versions (automatic saves; manual
     * checkpoints too with {@link ForgetOptions#includeManual()}; tagged ones only when forced) the policy
     * does not keep. Buckets (hours, days, weeks, months) are the system time zone's.
     */
    public ForgetResult forget(RetentionPolicy policy, ForgetOptions options) {
        return forget(policy, options, Clock.systemDefaultZone());
    }

    /** {@link #forget(RetentionPolicy, ForgetOptions)} with "now" and the buckets' time zone from {@code clock}. */
    public ForgetResult forget(RetentionPolicy policy, ForgetOptions options, Clock clock) {
        ForgetOptions opts = options == null ? ForgetOptions.defaults() : options;
        if (policy == null) {
            throw new ValidationException("A retention policy is required.", Map.of("field", "policy"));
        }
        return forgetThen(opts, "forget", false, true, byPolicy(policy, opts, clock));
    }

    /**
     * Thins the history as the project's {@link #getRetentionSettings() retention settings} say (policy, and whether
     * manual checkpoints and tagged versions may go), the way autosave does after saving: it never waits for another
     * write (a {@link ConcurrentModificationException} at once while one runs, a person's checkpoint or restore
     * above all), and a person's checkpoint or restore started meanwhile cancels it (nothing of it is kept when
     * that comes before its commit). Whether and how often it runs is the caller's (see {@link RetentionSettings#autoThin()});
     * when it ran to its end is remembered ({@link #lastAutomaticThinning()}).
     */
    public ForgetResult thinAutomatically(CancellationToken cancel, Clock clock) {
        RetentionSettings settings = getRetentionSettings();
        CancellationToken token = cancel == null || cancel == CancellationToken.NONE ? new CancellationToken() : cancel;
        ForgetOptions opts = settings.forgetOptions().withCancel(token);
        Instant now = clock.instant();
        ForgetResult result = asAutomatic("automatic thinning", token, () -> forgetThen(opts, "automatic thinning",
                true, false, byPolicy(settings.policy(), opts, clock)));
        try {
            new LastThinning(run.adapter()).write(now);
        } catch (IOException e) {
            // the thinning is done; without the note it only runs again sooner (after the next start)
            run.debug("automatic thinning: cannot remember when it ran: {}", e.toString());
        }
        return result;
    }

    /**
     * When {@link #thinAutomatically} last ran to its end in this project (kept in its history folder, so across
     * restarts), or null when it never did: {@link io.kamaros.engine.watch.AutoThinning} waits its interval from it.
     */
    public @Nullable Instant lastAutomaticThinning() {
        return new LastThinning(run.adapter()).read();
    }

    private ForgetChooser byPolicy(RetentionPolicy policy, ForgetOptions opts, Clock clock) {
        return () -> new ForgetChoice(new Forget(run.store()).chosenBy(policy, opts, clock.getZone(), clock.instant()),
                policy.describe());
    }

    /**
     * The project's retention settings: its policy ({@link #getRetentionPolicy()}) and, from its settings file
     * ({@code .jcf/config.json}), the switches the app's Retention tab and {@code kamaros config} set — the one
     * place where those are read. A switch the file does not hold has its default ({@link RetentionSettings#defaults()}).
     */
    public RetentionSettings getRetentionSettings() {
        RetentionPolicy policy = getRetentionPolicy();
        JsonNode file = new SettingsFile(run.adapter()).read();
        RetentionSettings d = RetentionSettings.defaults();
        Duration interval = DurationSetting.parse(file.path(RetentionSettings.AUTO_INTERVAL_KEY).asText(""));
        return new RetentionSettings(policy, flag(file, RetentionSettings.THIN_MANUAL_KEY, d.thinManual()),
                flag(file, RetentionSettings.THIN_TAGGED_KEY, d.thinTagged()),
                flag(file, RetentionSettings.AUTO_KEY, d.autoThin()), interval != null ? interval : d.autoThinInterval());
    }

    /** A switch written as true/false (the app) or "true"/"false" ({@code kamaros config}); else {@code fallback}. */
    private static boolean flag(JsonNode settings, String key, boolean fallback) {
        JsonNode v = settings.path(key);
        String text = v.asText("");
        return v.isBoolean() ? v.booleanValue() : text.equalsIgnoreCase("true") || (!text.equalsIgnoreCase("false")
                && fallback);
    }

    /** Keeps {@code settings}: the policy in the project's config, the switches in its settings file. */
    public void setRetentionSettings(RetentionSettings settings) {
        if (settings == null) {
            throw new ValidationException("Retention settings are required.", Map.of("field", "settings"));
        }
        setRetentionPolicy(settings.policy());
        new SettingsFile(run.adapter()).update(root -> {
            root.put(RetentionSettings.THIN_MANUAL_KEY, settings.thinManual());
            root.put(RetentionSettings.THIN_TAGGED_KEY, settings.thinTagged());
            root.put(RetentionSettings.AUTO_KEY, settings.autoThin());
            root.put(RetentionSettings.AUTO_INTERVAL_KEY, DurationSetting.format(settings.autoThinInterval()));
        });
    }

    /** The project's retention policy (kept in its config), or Time Machine's defaults when none is set. */
    public RetentionPolicy getRetentionPolicy() {
        return run.read(() -> {
            RetentionPolicy kept = RetentionPolicy.fromConfig(run.store().ledger().config(RETENTION_CONFIG));
            return kept != null ? kept : RetentionPolicy.timeMachine();
        });
    }

    /** Keeps {@code policy} as the project's retention policy (applied by {@link #forget(RetentionPolicy, ForgetOptions)}). */
    public void setRetentionPolicy(RetentionPolicy policy) {
        if (policy == null) {
            throw new ValidationException("A retention policy is required.", Map.of("field", "policy"));
        }
        run.writeVoid("retention", CancellationToken.NONE, op -> {
            Ledger next = run.store().draft();
            next.setConfig(RETENTION_CONFIG, policy.toConfig());
            run.store().commit(next);
            run.ledgerSaved();
        });
    }

    /** Config key of the project's retention policy. */
    public static final String RETENTION_CONFIG = "retention";

    private record ForgetChoice(Set<String> ids, String by) {
    }

    private interface ForgetChooser {
        ForgetChoice choose() throws IOException;
    }

    /**
     * Chooses under the writer lock, forgets, then collects garbage (a failed collection is only a warning). A forget
     * a person asks for purges: every pack holding a forgotten object is rewritten, so its bytes leave the disk (a
     * secret saved by mistake). The hourly automatic thinning does not ({@code purge} false): it only makes room, so
     * its garbage goes by GC's usual rule (packs mostly dead are rewritten, whole dead ones deleted) — purging there
     * rewrote the pack of every kept content each hour, a cost growing with the history kept, not with what went.
     */
    private ForgetResult forgetThen(ForgetOptions opts, String name, boolean unlessBusy, boolean purge,
                                    ForgetChooser chooser) {
        OperationRunner.Work<ForgetResult> work = op -> {
            ForgetChoice choice = chooser.choose();
            ForgetResult result = new Forget(run.store()).run(choice.ids(), opts, choice.by(), op);
            if (result.dryRun() || result.forgotten().isEmpty()) {
                return result; // nothing changed: nothing to collect
            }
            run.ledgerSaved();
            Operation gc = new Operation("gc", CancellationToken.NONE, null, events::emit);
            try {
                GcReport report = new GarbageCollector(run.store()).run(GcOptions.builder().purge(purge).build(), gc);
                return new ForgetResult(result.forgotten(), result.kept(), report.spaceFreed(), false);
            } catch (IOException | RuntimeException e) {
                op.emit(new JcfEvent.Warning(op.id(), Instant.now(), "Forgotten, but the garbage collection that "
                        + "frees their space failed (" + e.getMessage() + "); runGc with purge retries."));
                return result;
            }
        };
        return unlessBusy ? run.writeUnlessBusy(name, opts.cancel(), work) : run.write(name, opts.cancel(), work);
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
        return run.write("verify", opts.cancel(), op -> {
            VerificationReport report = new Verifier(run.store()).run(opts, op);
            if (opts.repair()) {
                run.ledgerSaved();
            }
            run.debug("verify: {} errors, {} warnings, {} repaired", report.errors().size(), report.warnings().size(),
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

    /** The project's operation runner, for the facades beside this class (remote transfers run as its operations). */
    OperationRunner runner() {
        return run;
    }
}
