package io.kamaros.engine.history;

import io.kamaros.engine.model.VerificationReport.Repair;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CancelledException;
import io.kamaros.engine.model.ConcurrentModificationException;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.NotInitializedException;
import io.kamaros.engine.model.OperationTimeoutException;
import io.kamaros.engine.model.StorageException;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.objects.ProjectKey;
import io.kamaros.engine.project.HistoryGuard;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.ProjectLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every operation of an open project runs: reads side by side, writes one at a time in this
 * process and under the project's OS lock against other processes, the project re-read when
 * another process committed, and every failure turned into a {@link JcfException} (announced as
 * {@code <name>:error} for the long operations). Holds the open project's state the facade and its
 * helpers ({@link HistoryQueries}, {@link WorkingCopy}) share.
 */
public final class OperationRunner {
    /**
     * The logger, made on first use: setting up the logging back end costs a quarter of a second in
     * a fresh JVM, which opening a project (or a CLI command) should not pay when nothing is logged.
     */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger("io.kamaros.engine.JcfManager");
    }
    /** Operations that report start / progress / complete / error events. */
    private static final Set<String> LONG_OPERATIONS = Set.of("checkpoint", "restore", "gc", "verify", "export", "import");

    /** Work that may throw I/O errors. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Operation op) throws IOException;
    }

    /** Work that returns nothing (see {@link #writeVoid}). */
    @FunctionalInterface
    public interface VoidWork {
        void run(Operation op) throws IOException;
    }

    @FunctionalInterface
    public interface ReadWork<T> {
        T run() throws IOException;
    }

    /** Looking work that returns nothing (see {@link #readVoid}). */
    @FunctionalInterface
    public interface VoidReadWork {
        void run() throws IOException;
    }

    /**
     * Undoes what a process killed in the middle of an operation left behind (the OS lock is held);
     * returns what it undid, or null. {@code opening}: at open, when also stray files are looked for.
     */
    @FunctionalInterface
    public interface Recovery {
        @Nullable String run(boolean opening) throws IOException;
    }

    private final JcfConfig config;
    private final Consumer<JcfEvent> events;
    private final Recovery recovery;
    /** Writers (and whoever changes the live ledger) one at a time in this process; the OS lock keeps other processes out. */
    private final ReentrantLock writers = new ReentrantLock();
    /** The bar of the {@link #asOneBar} this thread runs, if any: operations started on it are its steps. */
    private final ThreadLocal<@Nullable Operation> oneBar = new ThreadLocal<>();
    /**
     * The committed in-memory state: readers share it; open, close, reloads and a write's commit
     * steps hold it alone. A write holds {@link #writers} first, then this.
     */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** A commit step: the state's write lock, held by the calling writer while no reader looks. */
    private final Operation.Exclusion exclusion = new Operation.Exclusion() {
        @Override
        public <T> T exclusively(Operation.Step<T> step) throws IOException {
            if (lock.getReadHoldCount() > 0 && !lock.isWriteLockedByCurrentThread()) {
                throw new IllegalStateException("a commit step cannot run inside a read"); // it would wait for itself
            }
            lock.writeLock().lock(); // readers hold it briefly; a commit step never waits long
            try {
                return step.run();
            } finally {
                lock.writeLock().unlock();
            }
        }
    };

    /** Both set by {@link #open}; null before. */
    private @Nullable FileSystemAdapter adapter;
    private @Nullable ProjectStore store;
    private volatile boolean ledgerDirty;
    private volatile boolean closed;
    /** The listing {@code JcfConfig.statusAtOpen} started, until the first status takes it or a write drops it. */
    private volatile @Nullable CompletableFuture<ChangeScanner.Listing> openingListing;

    public OperationRunner(JcfConfig config, Consumer<JcfEvent> events, Recovery recovery) {
        this.config = config;
        this.events = events;
        this.recovery = recovery;
    }

    // ---------------------------------------------------------------- the open project's state

    public JcfConfig config() {
        return config;
    }

    /** The open project's store; only once the project is open (as inside {@link #read} and {@link #write}). */
    public ProjectStore store() {
        ProjectStore s = store;
        if (s == null) {
            throw notOpened();
        }
        return s;
    }

    /** The open project's adapter; only once the project is open. */
    public FileSystemAdapter adapter() {
        FileSystemAdapter a = adapter;
        if (a == null) {
            throw notOpened();
        }
        return a;
    }

    /** The in-memory ledger (identities of moved files, scan cache) holds edits not yet written. */
    public void markLedgerDirty() {
        ledgerDirty = true;
    }

    /** The ledger was written with a commit, or replaced by another process's state. */
    public void ledgerSaved() {
        ledgerDirty = false;
    }

    /** The listing made while the project opened, once: the next call returns null. */
    public @Nullable CompletableFuture<ChangeScanner.Listing> takeOpeningListing() {
        CompletableFuture<ChangeScanner.Listing> listed = openingListing;
        openingListing = null;
        return listed;
    }

    // ---------------------------------------------------------------- opening and closing

    /**
     * Opens the project the adapter holds (creating an empty one when there is none), recovers what
     * an interrupted process left and settles the journal when no other writer is busy. With
     * {@link JcfConfig#statusAtOpen()} the working copy is listed meanwhile. {@code password} is wiped.
     */
    public void open(FileSystemAdapter adapter, char @Nullable [] password) {
        open(adapter, password, null);
    }

    /** {@link #open(FileSystemAdapter, char[])} with the data key another open store of this project unlocked. */
    public void open(FileSystemAdapter adapter, char @Nullable [] password, @Nullable ProjectKey unlocked) {
        lock.writeLock().lock();
        try {
            if (closed) {
                throw new NotInitializedException("This manager was closed; create a new JcfManager.", Map.of());
            }
            adapter.init();
            if (config.statusAtOpen()) {
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
            ProjectStore store = ProjectStore.open(adapter, config, name, password, unlocked);
            store.guardWrites(lock::isWriteLockedByCurrentThread); // every commit runs under the writer lock
            this.adapter = adapter;
            this.store = store;
            if (!existed) {
                List<String> stray = HistoryGuard.unversionedTopEntries(adapter);
                if (!stray.isEmpty()) {
                    warn("Created a project in " + adapter.describe() + ", which already holds "
                            + String.join(", ", stray.subList(0, Math.min(5, stray.size())))
                            + (stray.size() > 5 ? " and " + (stray.size() - 5) + " more" : "")
                            + ": these are not versioned, only what is in content/ is. To version the folder itself, "
                            + "open it as a work tree (FileAdapter.Options.workTree, 'kamaros init --work-tree').");
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

    /** Saves the working-copy bookkeeping and releases the adapter, after {@code beforeRelease}. Safe to call twice. */
    public void close(Runnable beforeRelease) {
        writers.lock(); // a write beside readers finishes first
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (store != null && ledgerDirty) {
                flushLedger();
            }
            beforeRelease.run();
            FileSystemAdapter a = this.adapter;
            if (a != null) {
                a.dispose();
            }
        } catch (IOException e) {
            throw storage("close the project", e);
        } finally {
            lock.writeLock().unlock();
            writers.unlock();
        }
    }

    /** Writes the ledger (identities of moved files, scan cache) unless another process changed the project. */
    private void flushLedger() throws IOException {
        FileSystemAdapter adapter = adapter();
        ProjectStore store = store();
        Optional<ProjectLock> held = adapter.tryLock();
        if (held.isEmpty()) {
            return; // another writer is busy; the ledger is a cache and is rebuilt by the next scan
        }
        try (ProjectLock ignored = held.get()) {
            if (store.isCurrent()) { // byte for byte the manifest our ledger edits are based on
                store.commit(store.draft());
            }
            ledgerDirty = false;
        }
    }

    // ---------------------------------------------------------------- running operations

    /**
     * Runs {@code work}, which runs several operations one after another on this thread (a sync's fetch,
     * fast-forward and push), as one progress bar named {@code name}: every operation started inside keeps its own
     * id and events, but reports its progress as {@code name}'s, in the part of the bar the work sets with
     * {@link Operation#within}; so a bar shown for the whole call goes from 0 to 100 % once and never back. Takes no
     * lock (each operation inside takes its own); inside another such call it is a part of that one's bar.
     */
    public <T> T asOneBar(String name, CancellationToken cancel, Work<T> work) {
        Operation outer = oneBar.get();
        Operation bar = outer != null ? outer.nested(name, cancel)
                : new Operation(name, cancel, null, events, exclusion);
        oneBar.set(bar);
        try {
            T result = work.run(bar);
            bar.progress("done", 100, 0, 0, 0, 0, null); // also when the last step had nothing to do
            return result;
        } catch (IOException e) {
            throw storage(name, e);
        } finally {
            if (outer != null) {
                oneBar.set(outer);
            } else {
                oneBar.remove();
            }
        }
    }

    /** A new operation: on its own, or a step of the bar of {@link #asOneBar} when this thread runs one. */
    private Operation newOperation(String name, CancellationToken cancel) {
        Operation bar = oneBar.get();
        return bar != null ? bar.nested(name, cancel, config.operationTimeout())
                : new Operation(name, cancel, config.operationTimeout(), events, exclusion);
    }

    /** Runs a mutation: one at a time in this process, with the project's OS lock against other processes. */
    public <T> T write(String name, CancellationToken cancel, Work<T> work) {
        openingListing = null; // a write may change the working copy: the opening listing is stale
        return run(name, cancel, Mode.WRITE, work);
    }

    /**
     * {@link #write} for work whose long part (scanning, hashing, storing new objects, rewriting the
     * working copy) only reads the committed state and builds its new state privately (a ledger
     * draft, objects nothing refers to yet): readers keep reading the last committed state meanwhile,
     * and only the work's {@link Operation#committing} step keeps them out.
     */
    public <T> T writeBesideReaders(String name, CancellationToken cancel, Work<T> work) {
        openingListing = null;
        return run(name, cancel, Mode.WRITE_BESIDE_READERS, work);
    }

    /**
     * {@link #writeBesideReaders} for work that never waits for another write: when a write of this
     * process is running, a {@link ConcurrentModificationException} at once (as when another process
     * holds the OS lock). Autosave runs this way, so it never queues behind a person's restore.
     */
    public <T> T writeBesideReadersUnlessBusy(String name, CancellationToken cancel, Work<T> work) {
        return unlessBusy(name, cancel, Mode.WRITE_BESIDE_READERS, work);
    }

    /** {@link #write} that never waits for another write, as {@link #writeBesideReadersUnlessBusy}: automatic thinning. */
    public <T> T writeUnlessBusy(String name, CancellationToken cancel, Work<T> work) {
        return unlessBusy(name, cancel, Mode.WRITE, work);
    }

    private <T> T unlessBusy(String name, CancellationToken cancel, Mode mode, Work<T> work) {
        if (!writers.tryLock()) {
            throw new ConcurrentModificationException("The " + name + " did not start: another change to the project "
                    + "is running. It is tried again later.", Map.of("resource", "writers", "conflictingOperation", name));
        }
        try {
            openingListing = null;
            return run(name, cancel, mode, work);
        } finally {
            writers.unlock(); // run took it once more (it is reentrant)
        }
    }

    /** {@link #write} for work that returns nothing. */
    public void writeVoid(String name, CancellationToken cancel, VoidWork work) {
        write(name, cancel, op -> {
            work.run(op);
            return Boolean.TRUE; // no result: the value is dropped
        });
    }

    /**
     * Runs work alone in this process; {@code writesStorage} also takes the OS lock, recovers and
     * settles first. Work that does not write storage (status, a working-copy diff, a restore plan)
     * may refresh the in-memory scan cache; while a write runs it looks at the committed state
     * beside it instead, without remembering (see {@link #ownsLedger}).
     */
    public <T> T exclusive(String name, CancellationToken cancel, boolean writesStorage, Work<T> work) {
        if (writesStorage) {
            return run(name, cancel, Mode.WRITE, work);
        }
        if (writers.tryLock()) {
            try {
                // alone unless a long reader (an export) holds the state: then look beside it, as beside a write
                if (lock.getReadLockCount() == 0) {
                    return run(name, cancel, Mode.LOOK, work);
                }
            } finally {
                writers.unlock();
            }
        }
        Operation op = newOperation(name, cancel);
        return read(() -> work.run(op));
    }

    /**
     * True when the calling thread may change the live ledger: it holds both the writers' lock and
     * the state's write lock, so no write is busy with the ledger and no reader is looking at it.
     */
    public boolean ownsLedger() {
        return writers.isHeldByCurrentThread() && lock.isWriteLockedByCurrentThread();
    }

    /** How the work of {@link #run} holds the locks. */
    private enum Mode {
        /** Writes storage; readers wait for the whole work. */
        WRITE,
        /** Writes storage; readers wait only for the work's commit steps. */
        WRITE_BESIDE_READERS,
        /** Writes no storage, only the in-memory scan cache; readers wait. */
        LOOK
    }

    /**
     * The one way exclusive work runs. Writers take {@link #writers} (one at a time in this process)
     * and then the OS lock; the state's write lock is held while the project is refreshed, recovered
     * and settled, and then for the whole work or (beside readers) only for its commit steps.
     */
    private <T> T run(String name, CancellationToken cancel, Mode mode, Work<T> work) {
        boolean writesStorage = mode != Mode.LOOK;
        Operation op = newOperation(name, cancel);
        acquire(writers, name);
        try {
            acquire(lock.writeLock(), name);
            boolean holdingState = true;
            try {
                requireOpen();
                ProjectStore store = store();
                FileSystemAdapter adapter = adapter();
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
                    if (mode == Mode.WRITE_BESIDE_READERS) {
                        lock.writeLock().unlock(); // the committed state is settled: readers may look at it
                        holdingState = false;
                    }
                    T result;
                    try {
                        result = work.run(op);
                    } catch (IOException | RuntimeException | Error e) {
                        if (writesStorage) {
                            try {
                                op.committing(() -> {
                                    store.abandonAttempt(); // our own uncommitted journal line, while we still hold the lock
                                    return Boolean.TRUE;
                                });
                            } catch (IOException | RuntimeException suppressed) {
                                e.addSuppressed(suppressed);
                            }
                        }
                        throw e;
                    }
                    if (writesStorage) {
                        store.keepWrittenPacks(); // objects written without a commit (repair) are sealed and kept
                    }
                    adapter.sync(); // files written to the working copy (addFile, restore) are durable on return
                    return result;
                }
            } finally {
                if (holdingState) {
                    lock.writeLock().unlock();
                }
            }
        } catch (JcfException e) {
            throw failed(name, op, e);
        } catch (UncheckedIOException e) {
            throw failed(name, op, storage(name, uncheckedCause(e)));
        } catch (IOException e) {
            throw failed(name, op, storage(name, e));
        } catch (RuntimeException e) {
            throw failed(name, op, unexpected(name, e));
        } finally {
            writers.unlock();
        }
    }

    /**
     * Runs work that only looks, beside other readers (and beside the long part of a
     * {@link #writeBesideReaders} write: a reader sees the last committed state); re-reads the project
     * first when another process committed.
     */
    public <T> T read(ReadWork<T> work) {
        return read("read", work);
    }

    /**
     * A long operation that only reads the committed state (export): beside other readers and beside
     * the long part of a {@link #writeBesideReaders} write, whose commit step waits for it, so it sees
     * one committed state from start to end. Announced like a write ({@code <name>:error} on failure).
     */
    public <T> T readLong(String name, CancellationToken cancel, Work<T> work) {
        Operation op = newOperation(name, cancel);
        try {
            return read(name, () -> work.run(op));
        } catch (JcfException e) {
            throw failed(name, op, e);
        }
    }

    private <T> T read(String name, ReadWork<T> work) {
        acquire(lock.readLock(), name);
        try {
            requireOpen();
            ProjectStore store = store();
            if (store.changedOnDisk() && !lock.isWriteLockedByCurrentThread() && lock.getReadHoldCount() == 1
                    && writers.tryLock()) { // a write of ours holds the OS lock: nobody else can have committed
                try {
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
                } finally {
                    writers.unlock();
                }
            }
            return work.run();
        } catch (JcfException e) {
            throw e;
        } catch (UncheckedIOException e) {
            throw storage(name, uncheckedCause(e));
        } catch (IOException e) {
            throw storage(name, e);
        } catch (RuntimeException e) {
            throw unexpected(name, e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@link #read} for work that returns nothing. */
    public void readVoid(VoidReadWork work) {
        read(() -> {
            work.run();
            return Boolean.TRUE; // no result: the value is dropped
        });
    }

    /**
     * With the OS lock held: takes saved versions that the journal holds past the manifest's end
     * back into the history (a save killed between its journal line and its manifest), and cuts
     * what is not a version (see {@link ProjectStore#settleJournal}).
     */
    public void settleJournal() throws IOException {
        Repair done = store().settleJournal(true);
        if (done != null) {
            ledgerDirty = false;
            warn(done.message());
        }
    }

    /** Undoes what a process killed in the middle of an import left behind (the OS lock is held). */
    public void recoverInterrupted(boolean opening) throws IOException {
        String undone = recovery.run(opening);
        if (undone != null) {
            warn(undone);
        }
    }

    /** Logs a warning and tells the listeners (outside any operation). */
    public void warn(String warning) {
        Log.LOG.warn(warning);
        events.accept(new JcfEvent.Warning(null, Instant.now(), warning));
    }

    public void requireOpen() {
        if (closed) {
            throw new NotInitializedException("This project was closed; open it again with a new JcfManager.", Map.of());
        }
        if (store == null) {
            throw notOpened();
        }
    }

    private static NotInitializedException notOpened() {
        return new NotInitializedException("Call init(adapter) before using the project.", Map.of());
    }

    /** Re-reads the project (no OS lock: for operations that only look). Always true. */
    private boolean reload() throws IOException {
        store().load();
        return true;
    }

    /** Reports the failure of an operation that announced its start ({@code <name>:error}). */
    private JcfException failed(String name, Operation op, JcfException e) {
        if (LONG_OPERATIONS.contains(name)) {
            op.emit(new JcfEvent.OperationFailed(name, op.id(), Instant.now(), e));
        }
        return e;
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

    /**
     * Keeps the promise that only JcfExceptions leave the engine: a path the storage refuses is a
     * validation error, anything else an adapter (possibly a user's own) throws is a storage error.
     */
    private JcfException unexpected(String what, RuntimeException e) {
        FileSystemAdapter adapter = this.adapter;
        if (e instanceof IllegalArgumentException) {
            return new ValidationException("The storage (" + (adapter == null ? "?" : adapter.describe())
                    + ") cannot " + what + " this: " + e.getMessage() + ". Use another file name.",
                    JcfException.detailsOf("field", "path", "value", e.getMessage()), e);
        }
        return new StorageException("Could not " + what + " because of an unexpected error (" + e
                + "). Nothing already stored was changed.",
                JcfException.detailsOf("originalError", String.valueOf(e), "adapter", adapter == null ? null : adapter.describe()), e);
    }

    /** An I/O failure as the engine reports it. */
    public StorageException storage(String what, IOException e) {
        FileSystemAdapter adapter = this.adapter;
        String where = adapter == null ? "" : " in " + adapter.describe();
        return new StorageException("Could not " + what + where + ": " + e + ". Nothing already stored was changed; "
                + "check the disk (space, permissions) and try again.",
                JcfException.detailsOf("originalError", String.valueOf(e), "adapter", adapter == null ? null : adapter.describe()), e);
    }

    /** UncheckedIOException always has its IOException cause (its constructors require one). */
    private static IOException uncheckedCause(UncheckedIOException e) {
        return Objects.requireNonNull(e.getCause());
    }

    public void debug(String format, Object... args) {
        if (config.debug()) { // the documented switch (JcfConfig.debug); otherwise nothing is logged
            DebugLog.log(Log.LOG, format, args);
        }
    }
}
