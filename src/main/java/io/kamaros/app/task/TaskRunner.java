package io.kamaros.app.task;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.kamaros.app.i18n.I18n;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.frontend.TimeLeft;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import org.jspecify.annotations.Nullable;

/**
 * Runs engine calls off the FX thread as {@link javafx.concurrent.Task}s: forwards the engine's
 * progress events (phase, files, bytes, time left) to {@code updateProgress/updateMessage}, cancels
 * through the engine's {@link CancellationToken}, and sends failures to the one {@link ErrorPresenter}.
 * <p>The executor is injected: the app uses a small daemon pool, tests run tasks synchronously
 * (on the FX thread) so a view-model command has finished when it returns.
 */
public final class TaskRunner {
    private final Executor executor;
    private final ErrorPresenter errors;
    private final ReadOnlyObjectWrapper<EngineTask<?>> visibleTask = new ReadOnlyObjectWrapper<>(this, "visibleTask");
    private final ReadOnlyStringWrapper statusMessage = new ReadOnlyStringWrapper(this, "statusMessage", "");
    private final AtomicInteger unfinished = new AtomicInteger();

    public TaskRunner(Executor executor, ErrorPresenter errors) {
        this.executor = executor;
        this.errors = errors;
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

    /** Starts describing a task; {@link Builder#start()} runs it. */
    public <T> Builder<T> task(String title, Work<T> work) {
        return new Builder<>(title, work);
    }

    public final class Builder<T> {
        private final String title;
        private final Work<T> work;
        private @Nullable JcfManager progressSource;
        private boolean visible;
        private Consumer<? super T> onSuccess = v -> { };
        private @Nullable Consumer<Throwable> onFailure;
        private Runnable onCancelled = () -> { };
        private Runnable onDone = () -> { };

        private Builder(String title, Work<T> work) {
            this.title = title;
            this.work = work;
        }

        /** Forward this project's progress events to the task while it runs. */
        public Builder<T> progressFrom(JcfManager manager) {
            progressSource = manager;
            return this;
        }

        /** Show the task in the status bar with progress and Cancel. */
        public Builder<T> visible() {
            visible = true;
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
            EngineTask<T> task = new EngineTask<>(title, work, progressSource);
            task.setOnSucceeded(e -> {
                finish(task);
                onSuccess.accept(task.getValue());
                onDone.run();
            });
            task.setOnFailed(e -> {
                finish(task);
                Throwable error = task.getException();
                if (ErrorMessages.isCancellation(error)) {
                    announce(I18n.t("status.cancelled", title));
                    onCancelled.run();
                } else if (onFailure != null) {
                    onFailure.accept(error);
                } else {
                    announce(I18n.t("status.failed", title));
                    errors.present(title, error);
                }
                onDone.run();
            });
            task.setOnCancelled(e -> {
                finish(task);
                announce(I18n.t("status.cancelled", title));
                onCancelled.run();
                onDone.run();
            });
            if (visible) {
                visibleTask.set(task);
            }
            unfinished.incrementAndGet();
            executor.execute(task);
            return task;
        }

        private void finish(EngineTask<T> task) {
            unfinished.decrementAndGet();
            if (visibleTask.get() == task) {
                visibleTask.set(null);
            }
        }
    }

    /** A task whose Cancel goes through the engine, which stops between steps and undoes partial work. */
    public static final class EngineTask<T> extends Task<T> implements WorkContext {
        private final Work<T> work;
        private final @Nullable JcfManager progressSource;
        private final CancellationToken token = new CancellationToken();
        private final String name;
        private long startNanos;

        EngineTask(String title, Work<T> work, @Nullable JcfManager progressSource) {
            this.work = work;
            this.progressSource = progressSource;
            this.name = title;
            updateTitle(title);
        }

        /** The title, readable from any thread. */
        public String name() {
            return name;
        }

        @Override
        protected @Nullable T call() throws Exception {
            startNanos = System.nanoTime();
            updateMessage(name + "…");
            JcfManager source = progressSource;
            Consumer<JcfEvent> listener = source == null ? null : source.on(JcfEvent.Progress.class, this::onProgress);
            try {
                return work.run(this);
            } finally {
                if (source != null && listener != null) {
                    source.off("*", listener);
                }
            }
        }

        private void onProgress(JcfEvent.Progress p) {
            double fraction = Math.max(0, Math.min(1, p.percent() / 100.0));
            Duration eta = TimeLeft.estimate(fraction, Duration.ofNanos(System.nanoTime() - startNanos));
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
                Duration eta = TimeLeft.estimate((double) done / total, Duration.ofNanos(System.nanoTime() - startNanos));
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
                cancel(false);
            }
        }

        public boolean cancelRequested() {
            return token.isCancelled();
        }
    }
}
