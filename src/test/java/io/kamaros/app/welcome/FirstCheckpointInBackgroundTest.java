package io.kamaros.app.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.TestApp;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.timeline.TimelineViewModel;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.VerifyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.concurrent.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 1 (and 3 from the app's side): tracking a folder opens its project at once — the
 * welcome screen is not held greyed out — and saves the first checkpoint as a background save with
 * its progress and Stop; the empty timeline says what is being saved. A stopped first save leaves a
 * clean empty project whose files are all unsaved changes.
 */
class FirstCheckpointInBackgroundTest {
    private static final int FILES = 400;

    @TempDir
    Path dir;
    private TestApp app;
    /** The tasks the app started, run when the test says. */
    private final Deque<Runnable> queued = new ArrayDeque<>();
    private final Executor stepped = queued::add;

    @AfterEach
    void close() {
        if (app != null) {
            Fx.run(() -> app.context.session().close());
            runQueued();
        }
    }

    private void runQueued() {
        while (!queued.isEmpty()) {
            queued.poll().run();
            Fx.settle();
        }
    }

    private WelcomeViewModel vm() {
        app = new TestApp(dir.resolve("home"), stepped);
        return new WelcomeViewModel(app.context.session(), app.context.opener(), app.context.recent(), app.context.paths(),
                Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
    }

    private Path photos() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("Photos"));
        Random random = new Random(14);
        for (int i = 0; i < FILES; i++) {
            byte[] data = new byte[8_000];
            random.nextBytes(data);
            Files.write(folder.resolve("img" + i + ".raw"), data);
        }
        return folder;
    }

    @Test
    void theProjectOpensAtOnceAndTheFirstCheckpointIsSavedInTheBackground() throws Exception {
        WelcomeViewModel vm = vm();
        ProjectSession session = app.context.session();
        TaskRunner runner = app.context.runner();
        TimelineViewModel timeline = Fx.call(() -> new TimelineViewModel(session));
        Path folder = photos();

        Fx.run(() -> vm.trackFolder(folder));
        assertThat(vm.openingProperty().get()).isTrue();
        Objects.requireNonNull(queued.poll()).run(); // opening the project: no file is read yet
        Fx.settle();

        assertThat(app.errors).isEmpty();
        assertThat(vm.openingProperty().get()).as("the welcome screen is not held greyed out").isFalse();
        assertThat(session.isOpen()).isTrue();
        assertThat(session.getVersions()).isEmpty();
        TaskRunner.EngineTask<?> save = runner.writingTaskProperty().get();
        assertThat(save).as("the first checkpoint runs as a background save").isNotNull();
        assertThat(runner.getVisibleTasks()).contains(save);
        assertThat(save.getTitle()).isEqualTo("Saving the first checkpoint of Photos");
        assertThat(timeline.emptyTextProperty().get()).startsWith("Saving the first checkpoint of Photos");

        runQueued(); // the save, then the history it brings
        assertThat(app.errors).isEmpty();
        assertThat(runner.writingTaskProperty().get()).isNull();
        assertThat(session.getVersions()).hasSize(1);
        assertThat(session.getVersions().get(0).message()).isEqualTo("Start tracking this folder");
        assertThat(session.getVersions().get(0).fileStates()).hasSize(FILES);
        assertThat(session.unsavedCount()).isZero();
        assertThat(timeline.getRows()).hasSize(1);
    }

    @Test
    void stoppingTheFirstCheckpointLeavesACleanEmptyProjectWithEveryFileUnsaved() throws Exception {
        WelcomeViewModel vm = vm();
        ProjectSession session = app.context.session();
        TaskRunner runner = app.context.runner();
        TimelineViewModel timeline = Fx.call(() -> new TimelineViewModel(session));
        Path folder = photos();
        Fx.run(() -> vm.trackFolder(folder));
        Objects.requireNonNull(queued.poll()).run();
        Fx.settle();
        TaskRunner.EngineTask<?> save = Objects.requireNonNull(runner.writingTaskProperty().get());
        JcfManager jcf = session.manager();

        // The person presses Stop (the status bar's, through the runner) once a tenth of the files are stored.
        AtomicBoolean stopped = new AtomicBoolean();
        jcf.on(JcfEvent.Progress.class, p -> {
            if (p.filesDone() >= FILES / 10 && stopped.compareAndSet(false, true)) {
                Fx.run(() -> assertThat(runner.stop(save)).isTrue());
            }
        });
        Thread worker = new Thread(Objects.requireNonNull(queued.poll()), "save");
        worker.start();
        worker.join();
        Fx.settle();
        runQueued(); // the refresh after it

        assertThat(stopped).isTrue();
        assertThat(app.errors).as("a stop is not an error").isEmpty();
        assertThat(save.cancelRequested()).isTrue();
        assertThat(Fx.call(save::getState)).as("ended as stopped").isIn(Worker.State.CANCELLED, Worker.State.FAILED);
        assertThat(session.isOpen()).isTrue();
        assertThat(session.getVersions()).isEmpty();
        assertThat(session.getStatus().added()).hasSize(FILES);
        assertThat(timeline.emptyTextProperty().get()).isEqualTo("No checkpoints yet. Save one with Ctrl+S.");
        assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).valid()).isTrue();
        assertThat(jcf.runGc().blobsRemoved()).as("nothing of the stopped save was left behind").isZero();
        try (var files = Files.list(folder)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".raw")).count())
                    .as("the folder's own files are untouched").isEqualTo(FILES);
        }
    }
}
