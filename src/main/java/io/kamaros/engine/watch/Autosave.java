package io.kamaros.engine.watch;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CancelledException;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ConcurrentModificationException;
import io.kamaros.engine.model.ForgetResult;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.NoChangesException;
import io.kamaros.engine.model.WorkingCopyStatus;
import io.kamaros.engine.store.FileStat;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves automatic checkpoints of a project whose folder is watched: once changes have settled
 * ({@link AutosavePolicy#settle()} without a further change), no more often than
 * {@link AutosavePolicy#minInterval()}, and only when two looks at the working copy's sizes and
 * modification times {@link #LOOK_GAP} apart agree, so a file still being written (a slow copy, a
 * program that writes without the watcher seeing every write) is waited for, never saved half-way; and
 * not while a changed file is held open or locked by the program writing it ({@link FilesInUse}).
 *
 * <p>A save runs as the engine's automatic checkpoint ({@link CheckpointOptions#automatic()}): it does
 * not start while a person's checkpoint or restore runs (tried again {@link #RETRY} later), and is
 * cancelled when a person starts one. It never asks anything and never shows an error dialog: the
 * listener is told.
 *
 * <p>With {@link #thinAfterSaves} the history also thins itself after a save ({@link AutoThinning}).
 *
 * <p>{@link #step()} does one round of deciding (and saving, when due) on the calling thread and says
 * what it found; {@link #start()} calls it every second on a background thread. Tests call
 * {@code step()} themselves with a clock they move.
 */
public final class Autosave implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Autosave.class);
    /** The message of an automatic version, for readers that do not know the flag (the flag is what counts). */
    public static final String MESSAGE = "Automatic save";
    /** How far apart the two looks at the files are that must agree before a save. */
    public static final Duration LOOK_GAP = Duration.ofSeconds(2);
    /** How long to wait after a save could not start (another write ran) or was cancelled. */
    public static final Duration RETRY = Duration.ofSeconds(5);
    /** The adapters' name for the working copy (spec §2: the project's files live under content/). */
    private static final String WORKING_COPY = "content";

    /** What a {@link #step()} found. */
    public enum Outcome {
        /** Autosave is off. */
        OFF,
        /** Nothing changed since the last save. */
        IDLE,
        /** Changes are there, but the last one is younger than the settle time. */
        WAITING_FOR_QUIET,
        /** Settled, but the last automatic save is younger than the interval. */
        WAITING_FOR_INTERVAL,
        /** Sizes or times of files changed between two looks (or the first look was just taken). */
        WAITING_FOR_FILES,
        /** A changed file is held by the program writing it (open without sharing, or locked): see {@link FilesInUse}. */
        WAITING_FOR_FILES_IN_USE,
        /** Saved an automatic checkpoint. */
        SAVED,
        /** The changes were undone meanwhile: nothing to save. */
        NOTHING_TO_SAVE,
        /** Another write ran, or a person's checkpoint or restore cancelled the save: tried again later. */
        BUSY,
        /** The save failed (the listener was told); tried again after the settle time. */
        FAILED
    }

    /**
     * Saves one automatic checkpoint, stopping when {@code cancel} is set; returns its id, or null when there
     * was nothing to save. {@link #direct} saves on the calling thread; the app runs the same save as a task
     * the person sees (its task panel), and waits for it.
     */
    @FunctionalInterface
    public interface Saver {
        @Nullable String save(CancellationToken cancel);
    }

    /** The engine's automatic checkpoint, on the calling thread ({@link CheckpointOptions#automatic()}). */
    public static Saver direct(JcfManager jcf) {
        return direct(jcf, null, null);
    }

    /**
     * {@link #direct(JcfManager)} by {@code author} ({@code email}) when given: the name the person gave, which the
     * open project's configuration may not know yet. Without one the engine names the person whose work it keeps.
     */
    public static Saver direct(JcfManager jcf, @Nullable String author, @Nullable String email) {
        Objects.requireNonNull(jcf, "jcf");
        return cancel -> {
            try {
                return jcf.saveCheckpoint(MESSAGE, CheckpointOptions.builder().automatic(true).author(author)
                        .email(email).cancel(cancel).build());
            } catch (NoChangesException e) {
                return null;
            }
        };
    }

    /** Told about saves and failures, on the autosave's thread. */
    public interface Listener {
        default void saved(String versionId) {
        }

        default void failed(JcfException error) {
        }

        /** Automatic thinning after a save forgot versions ({@link #thinAfterSaves}). */
        default void thinned(ForgetResult result) {
        }

        /** Automatic thinning after a save failed; it is tried again after its interval. */
        default void thinningFailed(RuntimeException error) {
        }
    }

    private final JcfManager jcf;
    private final Saver saver;
    private final FilesInUse filesInUse;
    private final Clock clock;
    private final Listener listener;
    private AutosavePolicy policy;
    /** Changes seen so far, and how many of them the last save (or "nothing to save") covered. */
    private long changes;
    private long covered;
    private Instant lastChange = Instant.MIN;
    private @Nullable Instant lastSave;
    private @Nullable Instant retryAt;
    /** The last look at the files, when it was taken, and how many changes had been seen then. */
    private @Nullable Map<String, FileStat> look;
    private Instant lookAt = Instant.MIN;
    private long lookChanges;
    private volatile @Nullable CancellationToken running;
    private volatile @Nullable AutoThinning thinning;
    private volatile AutoThinning.@Nullable Outcome lastThinning;
    private @Nullable ScheduledExecutorService timer;

    public Autosave(JcfManager jcf, AutosavePolicy policy, Clock clock, Listener listener) {
        this(jcf, direct(jcf), policy, clock, listener);
    }

    /** Saves through {@code saver} (the app's: as a task in its task panel). */
    public Autosave(JcfManager jcf, Saver saver, AutosavePolicy policy, Clock clock, Listener listener) {
        this(jcf, saver, FilesInUse.of(jcf.getAdapter()), policy, clock, listener);
    }

    /** With the way to tell a file still held by the program writing it (tests give their own). */
    public Autosave(JcfManager jcf, Saver saver, FilesInUse filesInUse, AutosavePolicy policy, Clock clock,
                    Listener listener) {
        this.jcf = Objects.requireNonNull(jcf, "jcf");
        this.saver = Objects.requireNonNull(saver, "saver");
        this.filesInUse = Objects.requireNonNull(filesInUse, "filesInUse");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * After each automatic save, lets {@code value} thin the history (when on and due) on this autosave's thread,
     * cancelled as a save is: by {@link #cancelRunning}, {@link #close} or a person's checkpoint or restore.
     */
    public void thinAfterSaves(@Nullable AutoThinning value) {
        thinning = value;
    }

    /** What the thinning after the last automatic save did, or null when none was tried yet. */
    public AutoThinning.@Nullable Outcome lastThinning() {
        return lastThinning;
    }

    /** Something in the working copy changed (a watcher event; events lost; the project was just opened). */
    public synchronized void changed() {
        changes++;
        lastChange = clock.instant();
    }

    public synchronized AutosavePolicy policy() {
        return policy;
    }

    /** Takes effect at the next step; turning autosave off also cancels a save that is running. */
    public void setPolicy(AutosavePolicy value) {
        synchronized (this) {
            policy = Objects.requireNonNull(value, "policy");
        }
        if (!value.enabled()) {
            cancelRunning();
        }
    }

    /** Decides once, and saves when due. Returns what it found or did. */
    public Outcome step() {
        Instant now = clock.instant();
        AutosavePolicy p;
        synchronized (this) {
            p = policy;
            if (!p.enabled()) {
                return Outcome.OFF;
            }
            if (changes == covered) {
                return Outcome.IDLE;
            }
            if (retryAt != null && now.isBefore(retryAt)) {
                return Outcome.BUSY;
            }
            if (now.isBefore(lastChange.plus(p.settle()))) {
                return Outcome.WAITING_FOR_QUIET;
            }
            if (lastSave != null && now.isBefore(lastSave.plus(p.minInterval()))) {
                return Outcome.WAITING_FOR_INTERVAL;
            }
        }
        Map<String, FileStat> current;
        try {
            current = jcf.getAdapter().listFilesWithStats(WORKING_COPY);
        } catch (IOException | JcfException e) {
            LOG.debug("autosave could not look at the files", e);
            return retryLater(now, Outcome.BUSY);
        }
        long attempt;
        synchronized (this) {
            if (look == null || lookChanges != changes || !look.equals(current)) {
                look = current; // a first look, or the files moved on since the last one
                lookAt = now;
                lookChanges = changes;
                return Outcome.WAITING_FOR_FILES;
            }
            if (now.isBefore(lookAt.plus(LOOK_GAP))) {
                return Outcome.WAITING_FOR_FILES;
            }
            attempt = changes;
        }
        List<String> held;
        try {
            held = changedFilesInUse();
        } catch (JcfException e) {
            LOG.debug("autosave could not list the changes", e);
            return retryLater(now, Outcome.BUSY);
        }
        if (!held.isEmpty()) {
            LOG.debug("autosave waits for files another program holds: {}", held);
            synchronized (this) {
                look = null; // once they are let go, two looks must agree again
            }
            return Outcome.WAITING_FOR_FILES_IN_USE;
        }
        return save(now, attempt);
    }

    /** The added, changed and renamed files that another program holds right now. */
    private List<String> changedFilesInUse() {
        if (filesInUse == FilesInUse.NONE) {
            return List.of();
        }
        WorkingCopyStatus status = jcf.getStatus();
        List<String> changed = new ArrayList<>(status.added());
        changed.addAll(status.modified());
        status.renamed().forEach(r -> changed.add(r.toPath()));
        return changed.stream().filter(filesInUse::inUse).toList();
    }

    private Outcome save(Instant now, long attempt) {
        CancellationToken token = new CancellationToken();
        running = token;
        try {
            String id = saver.save(token);
            if (id == null) {
                return nothingToSave(attempt);
            }
            synchronized (this) {
                lastSave = now;
                covered = attempt;
                look = null;
            }
            listener.saved(id);
            AutoThinning t = thinning;
            if (t != null && !token.isCancelled()) {
                lastThinning = t.afterSave(token, listener);
            }
            return Outcome.SAVED;
        } catch (NoChangesException e) {
            return nothingToSave(attempt);
        } catch (ConcurrentModificationException | CancelledException e) {
            return retryLater(now, Outcome.BUSY);
        } catch (JcfException e) {
            LOG.warn("autosave failed: {}", e.getMessage());
            listener.failed(e);
            synchronized (this) {
                retryAt = now.plus(policy.settle().compareTo(RETRY) > 0 ? policy.settle() : RETRY);
                look = null;
            }
            return Outcome.FAILED;
        } finally {
            running = null;
        }
    }

    private synchronized Outcome nothingToSave(long attempt) {
        covered = attempt;
        look = null;
        return Outcome.NOTHING_TO_SAVE;
    }

    private synchronized Outcome retryLater(Instant now, Outcome outcome) {
        retryAt = now.plus(RETRY);
        look = null;
        return outcome;
    }

    /** Cancels a save that is running (nothing of it is kept); the changes stay to be saved later. */
    public void cancelRunning() {
        CancellationToken token = running;
        if (token != null) {
            token.cancel();
        }
    }

    /** Steps every second on a background thread, starting with the project's present changes. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        changed(); // unsaved work from before the watch began is kept too (nothing to save: no version)
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "kamaros-autosave");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY); // never in the way of the person's own work
            return thread;
        });
        t.scheduleWithFixedDelay(() -> {
            try {
                step();
            } catch (RuntimeException e) {
                LOG.warn("autosave step failed", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        timer = t;
    }

    /** Stops stepping and cancels a running save; waits (bounded) for it to let go. */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = timer;
            timer = null;
        }
        cancelRunning();
        if (t != null) {
            t.shutdown();
            try {
                if (!t.awaitTermination(30, TimeUnit.SECONDS)) {
                    t.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                t.shutdownNow();
            }
        }
    }
}
