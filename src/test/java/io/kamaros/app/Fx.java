package io.kamaros.app;

import io.kamaros.app.task.TaskRunner;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import org.testfx.api.FxToolkit;

/**
 * The one FX harness of the tests: runs view-model code on the FX thread without a window. With the
 * synchronous TaskRunner of {@link TestApp} (or {@code ToolTestSupport.directRunner}) a command's
 * background work, its progress and its success handler have all run when {@link #runAndSettle} or
 * {@link #onFx} returns.
 */
public final class Fx {
    private static volatile boolean started;

    private Fx() {
    }

    public static synchronized void start() {
        if (started) {
            return;
        }
        // Started the way TestFX starts it (its primary stage), whichever test comes first: a toolkit started
        // with Platform.startup before TestFX's first test left that test's robot clicks unanswered (headless).
        try {
            FxToolkit.registerPrimaryStage();
        } catch (TimeoutException e) {
            throw new IllegalStateException("The JavaFX toolkit did not start", e);
        }
        Platform.setImplicitExit(false);
        started = true;
    }

    public static <T> T call(Callable<T> action) {
        start();
        if (Platform.isFxApplicationThread()) {
            try {
                return action.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                result.set(action.call());
            } catch (Throwable t) {
                error.set(t);
            } finally {
                done.countDown();
            }
        });
        try {
            if (!done.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The FX thread did not finish the action");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (error.get() instanceof RuntimeException re) {
            throw re;
        }
        if (error.get() instanceof Error err) {
            throw err;
        }
        if (error.get() != null) {
            throw new IllegalStateException(error.get());
        }
        return result.get();
    }

    /**
     * Runs {@code action} on the FX thread, then lets the FX thread run the handlers the runner's
     * tasks posted (a javafx Task reports success through Platform.runLater, even when it ran on the
     * FX thread), until no task of {@code runner} is unfinished.
     */
    public static void runAndSettle(TaskRunner runner, Runnable action) {
        run(action);
        // The count is read on the FX thread, between two of its events: read from this thread it could fall to 0
        // in the middle of a handler that ends one task and then starts the next (a sync's handler starts the
        // history's reload, whose handler starts the remote check), and the wait ended before the chain did.
        int left = 1;
        for (int round = 0; round < 10_000 && (left > 0 || round < 2); round++) {
            left = call(runner::unfinishedTasks);
        }
        if (left > 0) {
            throw new IllegalStateException("Tasks did not finish: " + left);
        }
    }

    public static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Runs on the FX thread and returns the result; a failure is rethrown here. Then lets the FX thread
     * handle what the action queued: a {@code javafx.concurrent.Task} reports success or failure through
     * {@code Platform.runLater} even when it ran on the FX thread, and its handlers may start more tasks.
     */
    public static <T> T onFx(Callable<T> action) {
        T result = call(action);
        settle();
        return result;
    }

    public static void runFx(Runnable action) {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    /** Lets the FX thread work off what was queued (each round covers one level of tasks started by handlers). */
    public static void settle() {
        for (int i = 0; i < 12; i++) {
            run(() -> { });
        }
    }
}
