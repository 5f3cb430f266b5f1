package io.kamaros.app.task;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.kamaros.app.i18n.I18n;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.frontend.TimeLeft;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import org.jspecify.annotations.Nullable;

/**
 * Runs engine calls off the FX thread as {@link javafx.concurrent.Task}s: forwards the engine's
 * progress events (phase, files, bytes, time left) to {@code updateProgress/updateMessage}, cancels
 * through the engine's {@link CancellationToken}, and sends failures to the one {@link ErrorPresenter}.
 * <p>The executor is injected: the app uses a small daemon pool, tests run tasks synchronously
 * (on the FX thread) so a view-model command has finished when it returns.
 * <p>Stopping is deliberate: every Cancel (the status bar's, the task panel's, a tool window's) goes
 * through {@link #stop}, which asks first when the work has run longer than {@link #ASK_AFTER}.
 */
public final class TaskRunner {
    /** Work that has run longer than this is not thrown away without asking. */
    public static final Duration ASK_AFTER = Duration.ofSeconds(3);

    /** Asks the person whether to stop a task that has run a while; true: stop it. */
    @FunctionalInterface
    public interface StopQuestion {
        boolean confirmStop(EngineTask<?> task, Duration ranFor);
    }

    private final Executor executor;
    private final ErrorPresenter errors;
    private final InstantSource clock;
    private StopQuestion stopQuestion = (task, ranFor) -> true; // no window to ask in: stop
    private Consumer<String> onFinished = text -> { };
    private volatile boolean notifying = true;
    private final ObservableList<EngineTask<?>> visibleTasks = FXCollections.observableArrayList();
    /** Visible operations that ended in this session, newest first (at most {@link #RECENT_LIMIT}). */
    private final ObservableList<FinishedTask> recentTasks = FXCollections.observableArrayList();
    static final int RECENT_LIMIT = 20;
    private final ReadOnlyObjectWrapper<EngineTask<?>> writingTask = new ReadOnlyObjectWrapper<>(this, "writingTask");
    private final ReadOnlyBooleanWrapper writing = new ReadOnlyBooleanWrapper(this, "writing");
    private final ReadOnlyObjectWrapper<EngineTask<?>> visibleTask = new ReadOnlyObjectWrapper<>(this, "visibleTask");
    private final ReadOnlyStringWrapper statusMessage = new ReadOnlyStringWrapper(this, "statusMessage", "");
    private final AtomicInteger unfinished = new AtomicInteger();

    public TaskRunner(Executor executor, ErrorPresenter errors) {
        this(executor, errors, InstantSource.system());
    }

    /** With the clock that measures how long a task has run (tests control it). */
    public TaskRunner(Executor executor, ErrorPresenter errors, InstantSource clock) {
        this.executor = executor;
        this.errors = errors;
        this.clock = clock;
        writing.bind(writingTask.isNotNull());
    }

    /** The app's runner: two daemon threads, so a long save never blocks browsing history. */
    public static TaskRunner background(ErrorPresenter errors) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "kamaros-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new TaskRunner(pool, errors);
    }

    public ErrorPresenter errors() {
        return errors;
    }

    /** The long operation shown in the status bar with its progress and Cancel, or null. */
    public ReadOnlyObjectProperty<EngineTask<?>> visibleTaskProperty() {
        return visibleTask.getReadOnlyProperty();
    }

    /** The last thing worth telling the person ("Checkpoint saved", "Cancelled ..."). */
    public ReadOnlyStringProperty statusMessageProperty() {
        return statusMessage.getReadOnlyProperty();
    }

    /** Tasks started whose success, failure or cancel handlers have not run yet (tests wait for 0). */
    public int unfinishedTasks() {
        return unfinished.get();
    }

    public void announce(String message) {
        statusMessage.set(message);
    }

    /** Announces finished work (a save, verify, GC, export, import): the status line and a notification. */
    public void announceFinished(String message) {
        announce(message);
        if (notifying) {
            onFinished.accept(message);
        }
    }

    /** Whether finished work is also shown as a notification (the setting "Notify me when work finishes"). */
    public void notifyWhenFinished(boolean on) {
        notifying = on;
    }

    /** Where finished work is shown besides the status line (the main window's notifications). */
    public void showFinishedWith(Consumer<String> notifier) {
        onFinished = notifier;
    }

    /** How the person is asked before work that has run a while is stopped (the main window's dialog). */
    public void askBeforeStoppingWith(StopQuestion question) {
        stopQuestion = question;
    }

    /** The running tasks shown to the person (status bar and task panel), oldest first. */
    public ObservableList<EngineTask<?>> getVisibleTasks() {
        return visibleTasks;
    }

    /** Visible operations that ended in this session, newest first: what the task panel lists under the running ones. */
    public ObservableList<FinishedTask> getRecentTasks() {
        return recentTasks;
    }

    /** The running task that changes the project (a save, restore, GC ...), or null. */
    public ReadOnlyObjectProperty<EngineTask<?>> writingTaskProperty() {
        return writingTask.getReadOnlyProperty();
    }

    /** True while a task that changes the project runs: another change must wait. */
    public ReadOnlyBooleanProperty writingProperty() {
        return writing.getReadOnlyProperty();
    }

    /**
     * What every Cancel calls: stops {@code task} through the engine (which discards the part done and
     * leaves the project as it was), asking first when it has run longer than {@link #ASK_AFTER}.
     * Returns whether the task was told to stop.
     */
    public boolean stop(EngineTask<?> task) {
        if (task.isDone() || task.cancelRequested()) {
            return false;
        }
        Duration ranFor = task.runningFor();
        if (ranFor.compareTo(ASK_AFTER) > 0 && !stopQuestion.confirmStop(task, ranFor)) {
            return false;
        }
        task.requestCancel();
        return true;
    }

    /** Starts describing a task; {@link Builder#start()} runs it. */
    public <T> Builder<T> task(String title, Work<T> work) {
        return new Builder<>(title, work);
    }

    public final class Builder<T> {
        private final String title;
        private final Work<T> work;
        private @Nullable JcfManager progressSource;
        private boolean visible;
        private boolean writes;
        private Consumer<? super T> onSuccess = v -> { };
        private @Nullable Consumer<Throwable> onFailure;
        private Runnable onCancelled = () -> { };
        private Runnable onDone = () -> { };
        private @Nullable CancellationToken cancellation;

        private Builder(String title, Work<T> work) {
            this.title = title;
            this.work = work;
        }

        /** Forward this project's progress events to the task while it runs. */
        public Builder<T> progressFrom(JcfManager manager) {
            progressSource = manager;
            return this;
        }

        /**
         * The task's Cancel sets this token, and setting it elsewhere stops the task too: for work that has its
         * own way to be stopped besides the person's Cancel (autosave's, when the project closes).
         */
        public Builder<T> cancelledBy(CancellationToken token) {
            cancellation = token;
            return this;
        }

        /** Show the task in the status bar with progress and Cancel. */
        public Builder<T> visible() {
            visible = true;
            return this;
        }

        /** The task changes the project: while it runs, other changes are disabled (see {@link #writingProperty()}). */
        public Builder<T> writes() {
            writes = true;
            return this;
        }

        public Builder<T> onSuccess(Consumer<? super T> action) {
            onSuccess = action;
            return this;
        }

        /** Handle a failure here instead of the error dialog. */
        public Builder<T> onFailure(Consumer<Throwable> action) {
            onFailure = action;
            return this;
        }

        public Builder<T> onCancelled(Runnable action) {
            onCancelled = action;
            return this;
        }

        /** Runs after success, failure or cancel. */
        public Builder<T> onDone(Runnable action) {
            onDone = action;
            return this;
        }

        @CanIgnoreReturnValue // the task also runs and reports on its own; callers keep it only to cancel or wait
        public EngineTask<T> start() {
            EngineTask<T> task = new EngineTask<>(title, work, progressSource, TaskRunner.this,
                    cancellation != null ? cancellation : new CancellationToken());
            task.setOnSucceeded(e -> {
                finish(task);
                String before = statusMessage.get();
                onSuccess.accept(task.getValue());
                // what the work announced when it ended ("Checkpoint saved: …"), else plainly done
                remember(task, FinishedTask.Outcome.SUCCEEDED, statusMessage.get().equals(before)
                        ? I18n.t("tasks.outcome.succeeded") : statusMessage.get());
                onDone.run();
            });
            task.setOnFailed(e -> {
                finish(task);
                Throwable error = task.getException();
                if (ErrorMessages.isCancellation(error)) {
                    announce(I18n.t("status.cancelled", title));
                    remember(task, FinishedTask.Outcome.STOPPED, I18n.t("tasks.outcome.stopped"));
                    onCancelled.run();
                } else {
                    remember(task, FinishedTask.Outcome.FAILED, I18n.t("tasks.outcome.failed",
                            ErrorMessages.describe(error).headline()));
                    if (onFailure != null) {
                        onFailure.accept(error);
                    } else {
                        announce(I18n.t("status.failed", title));
                        errors.present(title, error);
                    }
                }
                onDone.run();
            });
            task.setOnCancelled(e -> {
                finish(task);
                announce(I18n.t("status.cancelled", title));
                remember(task, FinishedTask.Outcome.STOPPED, I18n.t("tasks.outcome.stopped"));
                onCancelled.run();
                onDone.run();
            });
            if (visible) {
                visibleTask.set(task);
                visibleTasks.add(task);
            }
            if (writes) {
                writingTask.set(task);
            }
            unfinished.incrementAndGet();
            executor.execute(task);
            return task;
        }

        /** A visible task that ended goes to the top of the recent ones. */
        private void remember(EngineTask<T> task, FinishedTask.Outcome outcome, String result) {
            if (!visible) {
                return;
            }
            Instant now = clock.instant();
            Instant started = task.startedAt != null ? task.startedAt : now;
            recentTasks.add(0, new FinishedTask(title, outcome, result, started, Duration.between(started, now)));
            if (recentTasks.size() > RECENT_LIMIT) {
                recentTasks.remove(RECENT_LIMIT, recentTasks.size());
            }
        }

        private void finish(EngineTask<T> task) {
            unfinished.decrementAndGet();
            visibleTasks.remove(task);
            if (visibleTask.get() == task) {
                visibleTask.set(visibleTasks.isEmpty() ? null : visibleTasks.get(visibleTasks.size() - 1));
            }
            if (writingTask.get() == task) {
                writingTask.set(null);
            }
        }
    }

    /** A task whose Cancel goes through the engine, which stops between steps and undoes partial work. */
    public static final class EngineTask<T> extends Task<T> implements WorkContext {
        private final Work<T> work;
        private final @Nullable JcfManager progressSource;
        private final TaskRunner runner;
        private final CancellationToken token;
        private final String name;
        private final TimeLeft timeLeft = new TimeLeft();
        private final List<Runnable> stopFollowing = new CopyOnWriteArrayList<>();
        private volatile @Nullable Instant startedAt;

        EngineTask(String title, Work<T> work, @Nullable JcfManager progressSource, TaskRunner runner,
                   CancellationToken token) {
            this.work = work;
            this.token = token;
            this.progressSource = progressSource;
            this.runner = runner;
            this.name = title;
            updateTitle(title);
        }

        /** How long the work has been running (zero before it starts). */
        public Duration runningFor() {
            Instant started = startedAt;
            return started == null ? Duration.ZERO : Duration.between(started, runner.clock.instant());
        }

        private Duration elapsed() {
            return runningFor();
        }

        /** The title, readable from any thread. */
        public String name() {
            return name;
        }

        @Override
        protected @Nullable T call() throws Exception {
            startedAt = runner.clock.instant();
            updateMessage(name + "…");
            JcfManager source = progressSource;
            if (source != null) {
                follow(source);
            }
            try {
                return work.run(this);
            } finally {
                stopFollowing.forEach(Runnable::run);
            }
        }

        @Override
        public void follow(JcfManager manager) {
            Consumer<JcfEvent> listener = manager.on(JcfEvent.Progress.class, this::onProgress);
            stopFollowing.add(() -> manager.off("*", listener));
        }

        private void onProgress(JcfEvent.Progress p) {
            double fraction = Math.max(0, Math.min(1, p.percent() / 100.0));
            Duration eta = timeLeft.next(fraction, elapsed());
            updateProgress(fraction, 1.0);
            updateMessage(ProgressText.describe(p, eta));
        }

        @Override
        public CancellationToken cancellation() {
            return token;
        }

        @Override
        public void progress(String message, long done, long total) {
            if (total > 0) {
                updateProgress(done, total);
                Duration eta = timeLeft.next((double) done / total, elapsed());
                updateMessage(eta == null ? message : message + " — " + I18n.t("progress.eta", ProgressText.duration(eta)));
            } else {
                updateMessage(message);
            }
        }

        /**
         * Asks the engine to stop; the task then ends as cancelled once the engine has put the project
         * back as it was (the thread is never interrupted mid-write).
         */
        public void requestCancel() {
            token.cancel();
            if (getState() == Worker.State.READY || getState() == Worker.State.SCHEDULED) {
                super.cancel(false);
            }
        }

        /**
         * A Cancel from outside (ControlsFX's task panel calls this): the same as the app's own Cancel,
         * {@link TaskRunner#stop}: asks first after a while, and never interrupts the thread mid-write.
         */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return runner.stop(this);
        }

        public boolean cancelRequested() {
            return token.isCancelled();
        }
    }
}
