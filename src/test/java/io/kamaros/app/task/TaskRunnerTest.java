package io.kamaros.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.i18n.I18n;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CancelledException;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.NoChangesException;
import io.kamaros.engine.store.MemoryAdapter;
import io.kamaros.frontend.TimeLeft;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TaskRunnerTest {
    private final List<String> presented = new ArrayList<>();
    private final TaskRunner runner = new TaskRunner(Runnable::run, (action, e) -> presented.add(action + "|" + e.getMessage()));

    @Test
    void runsWorkAndHandsTheResultToOnSuccess() {
        AtomicReference<Integer> got = new AtomicReference<>();
        Fx.runAndSettle(runner, () -> runner.task("Add", ctx -> 2 + 2).onSuccess(got::set).start());
        assertThat(got.get()).isEqualTo(4);
        assertThat(presented).isEmpty();
    }

    /**
     * Issue 14: the task panel lists what ended, newest first: a save with the words it announced, a
     * failure with its headline, a stopped one; work that is not shown to the person is not listed.
     */
    @Test
    void endedVisibleWorkIsListedNewestFirstWithHowItEnded() {
        Fx.runAndSettle(runner, () -> runner.task("Save checkpoint", ctx -> "id").visible()
                .onSuccess(id -> runner.announceFinished("Checkpoint saved: First")).start());
        Fx.runAndSettle(runner, () -> runner.task("Verify", ctx -> 1).visible().start());
        Fx.runAndSettle(runner, () -> runner.task("Quiet look", ctx -> 1).start());
        Fx.runAndSettle(runner, () -> runner.task("Save again", ctx -> {
            throw new NoChangesException("Nothing changed", Map.of());
        }).visible().start());
        Fx.runAndSettle(runner, () -> runner.task("Export", ctx -> {
            ctx.cancellation().cancel();
            ctx.cancellation().throwIfCancelled("export");
            return 1;
        }).visible().start());

        List<FinishedTask> recent = Fx.call(() -> List.copyOf(runner.getRecentTasks()));
        assertThat(recent).extracting(FinishedTask::name).containsExactly("Export", "Save again", "Verify",
                "Save checkpoint");
        assertThat(recent).extracting(FinishedTask::outcome).containsExactly(FinishedTask.Outcome.STOPPED,
                FinishedTask.Outcome.FAILED, FinishedTask.Outcome.SUCCEEDED, FinishedTask.Outcome.SUCCEEDED);
        assertThat(recent.get(0).result()).isEqualTo(I18n.t("tasks.outcome.stopped"));
        assertThat(recent.get(1).result()).isEqualTo(I18n.t("tasks.outcome.failed",
                ErrorMessages.describe(new NoChangesException("Nothing changed", Map.of())).headline()));
        assertThat(recent.get(2).result()).isEqualTo(I18n.t("tasks.outcome.succeeded"));
        assertThat(recent.get(3).result()).as("what the save announced").isEqualTo("Checkpoint saved: First");
        assertThat(recent).allSatisfy(t -> assertThat(t.took().isNegative()).isFalse());

        for (int i = 0; i < TaskRunner.RECENT_LIMIT + 5; i++) {
            Fx.runAndSettle(runner, () -> runner.task("More", ctx -> 1).visible().start());
        }
        assertThat(Fx.call(() -> runner.getRecentTasks().size())).isEqualTo(TaskRunner.RECENT_LIMIT);
    }

    @Test
    void forwardsEngineProgressWithPhaseFilesAndFraction() {
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new MemoryAdapter());
            for (int i = 0; i < 20; i++) {
                jcf.addFile("notes/" + i + ".txt", "line " + i);
            }
            List<Double> progress = new ArrayList<>();
            List<String> messages = new ArrayList<>();
            AtomicReference<TaskRunner.EngineTask<String>> started = new AtomicReference<>();
            Fx.runAndSettle(runner, () -> started.set(runner.task("Saving", ctx -> jcf.saveCheckpoint("first",
                    CheckpointOptions.builder().cancel(ctx.cancellation()).build())).progressFrom(jcf).visible().start()));
            Fx.run(() -> {
                progress.add(started.get().getProgress());
                messages.add(started.get().getMessage());
            });
            assertThat(progress.get(0)).isGreaterThan(0.0);
            assertThat(messages.get(0)).isNotBlank();
            assertThat(jcf.listenerCount("*")).isZero(); // the progress listener was removed
            assertThat(runner.visibleTaskProperty().get()).isNull();
        }
    }

    @Test
    void progressMessageNamesThePhaseFilesBytesAndTimeLeft() {
        var p = new JcfEvent.Progress("checkpoint", "op", Instant.now(), "scanning", 50,
                10, 20, 1024 * 1024, 2 * 1024 * 1024, null);
        String text = ProgressText.describe(p, Duration.ofSeconds(12));
        assertThat(text).contains("Looking for changes").contains("10 of 20 files").contains("1.0 MB of 2.0 MB")
                .contains("about 12 s left");
        // a push counts the parts it sends (packs), not the person's files
        var sending = new JcfEvent.Progress("push", "op", Instant.now(), "sending", 40, 2, 24, 0, 0, null);
        assertThat(ProgressText.describe(sending, null)).isEqualTo("Sending — 2 of 24 parts");
        assertThat(TimeLeft.estimate(0.5, Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
        assertThat(TimeLeft.estimate(0.01, Duration.ofSeconds(10))).isNull();
    }

    @Test
    void cancelGoesThroughTheEngineTokenAndIsNotShownAsAnError() {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean succeeded = new AtomicBoolean();
        Fx.runAndSettle(runner, () -> runner.task("Long", ctx -> {
            ctx.cancellation().cancel(); // as the Cancel button does, from inside to stay synchronous
            ctx.cancellation().throwIfCancelled("long work");
            return 1;
        }).onSuccess(v -> succeeded.set(true)).onCancelled(() -> cancelled.set(true)).start());
        assertThat(cancelled).isTrue();
        assertThat(succeeded).isFalse();
        assertThat(presented).isEmpty();
        assertThat(runner.statusMessageProperty().get()).contains("cancelled");
    }

    @Test
    void requestCancelSetsTheTokenTheEngineChecks() {
        Fx.run(() -> {
            TaskRunner.EngineTask<Integer> task = new TaskRunner(r -> { }, (a, e) -> { })
                    .task("Queued", ctx -> 1).start();
            task.requestCancel();
            assertThat(task.cancellation().isCancelled()).isTrue();
            assertThat(task.cancelRequested()).isTrue();
        });
    }

    @Test
    void failuresGoToTheOnePresenterWithTheActionName() {
        Fx.runAndSettle(runner, () -> runner.task("Saving a checkpoint", ctx -> {
            throw new NoChangesException("Nothing changed.", Map.of());
        }).start());
        assertThat(presented).containsExactly("Saving a checkpoint|Nothing changed.");
        assertThat(runner.statusMessageProperty().get()).contains("failed");
    }

    @Test
    void errorMessagesSayWhatToDoAndNeverShowAStackTrace() {
        ErrorMessages.Described d = ErrorMessages.describe(new NoChangesException("Nothing changed since the last checkpoint.",
                Map.of()));
        assertThat(d.headline()).contains("nothing changed");
        assertThat(d.whatToDo()).isNotBlank();
        ErrorMessages.Described io = ErrorMessages.describe(new UncheckedIOException(
                new AccessDeniedException("/root/x")));
        assertThat(io.headline()).isEqualTo("Kamaros may not write to this folder");
        ErrorMessages.Described npe = ErrorMessages.describe(new NullPointerException());
        // never a stack trace, and never a Java class name either
        assertThat(npe.detail()).doesNotContain("at io.kamaros").isEmpty();
        assertThat(ErrorMessages.isCancellation(new CancelledException("x", Map.of()))).isTrue();
    }

    /**
     * Cancel is deliberate: work that has run up to {@link TaskRunner#ASK_AFTER} stops at once; after
     * that the person is asked first, and "no" (what Escape answers) leaves it running. ControlsFX's
     * task panel cancels through the same rule. The running time comes from a clock the test moves.
     */
    @Test
    void cancelAsksFirstOnceTheWorkHasRunAWhile() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T12:00:00Z"));
        InstantSource clock = now::get;
        ExecutorService worker = Executors.newCachedThreadPool(); // each task on its own thread
        TaskRunner timed = new TaskRunner(worker, (a, e) -> { }, clock);
        List<Duration> asked = new ArrayList<>();
        AtomicBoolean stopWhenAsked = new AtomicBoolean(false);
        timed.askBeforeStoppingWith((task, ranFor) -> {
            asked.add(ranFor);
            return stopWhenAsked.get();
        });
        CountDownLatch release = new CountDownLatch(1);
        try {
            TaskRunner.EngineTask<Integer> quick = startWaiting(timed, release);
            now.set(now.get().plusSeconds(2));
            assertThat(Fx.call(() -> timed.stop(quick))).isTrue();
            assertThat(asked).as("2 s of work is stopped without asking").isEmpty();
            assertThat(quick.cancelRequested()).isTrue();

            TaskRunner.EngineTask<Integer> longer = startWaiting(timed, release);
            now.set(now.get().plusSeconds(4));
            assertThat(Fx.call(() -> timed.stop(longer))).isFalse();
            assertThat(asked).containsExactly(Duration.ofSeconds(4));
            assertThat(longer.cancelRequested()).as("answered no: keeps going").isFalse();
            assertThat(Fx.call(() -> longer.cancel())).as("the task panel's Cancel asks too").isFalse();
            assertThat(asked).hasSize(2);
            assertThat(longer.cancelRequested()).isFalse();

            stopWhenAsked.set(true);
            assertThat(Fx.call(() -> timed.stop(longer))).isTrue();
            assertThat(longer.cancelRequested()).isTrue();
            assertThat(longer.isCancelled()).as("never interrupted: the engine stops it between steps").isFalse();
        } finally {
            release.countDown();
            worker.shutdown();
        }
    }

    /** Starts a task whose work runs until {@code release}; returns once it runs. */
    private static TaskRunner.EngineTask<Integer> startWaiting(TaskRunner runner, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        TaskRunner.EngineTask<Integer> task = Fx.call(() -> runner.task("Saving", ctx -> {
            started.countDown();
            release.await();
            return 1;
        }).visible().start());
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        return task;
    }

    @Test
    void theTaskPanelListsEveryVisibleTaskAndChangesWaitForAWrite() throws Exception {
        ExecutorService worker = Executors.newFixedThreadPool(2);
        TaskRunner two = new TaskRunner(worker, (a, e) -> { });
        CountDownLatch release = new CountDownLatch(1);
        try {
            TaskRunner.EngineTask<Integer> save = Fx.call(() -> two.task("Saving", ctx -> {
                release.await();
                return 1;
            }).visible().writes().start());
            TaskRunner.EngineTask<Integer> verify = Fx.call(() -> two.task("Checking", ctx -> {
                release.await();
                return 2;
            }).visible().start());
            Fx.run(() -> {
                assertThat(two.getVisibleTasks()).containsExactly(save, verify);
                assertThat(two.visibleTaskProperty().get()).isSameAs(verify);
                assertThat(two.writingProperty().get()).isTrue();
                assertThat(two.writingTaskProperty().get()).isSameAs(save);
            });
            release.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Fx.call(() -> !two.getVisibleTasks().isEmpty()) && System.nanoTime() < until) {
                Thread.sleep(20); // waits for the worker threads to finish, not for time to pass
            }
            Fx.run(() -> {
                assertThat(two.getVisibleTasks()).isEmpty();
                assertThat(two.visibleTaskProperty().get()).isNull();
                assertThat(two.writingProperty().get()).isFalse();
            });
        } finally {
            release.countDown();
            worker.shutdown();
        }
    }
}
