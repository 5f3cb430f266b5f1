package io.kamaros.app.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kamaros.app.Fx;
import io.kamaros.app.TestApp;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.FinishedTask;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.watch.AutosavePolicy;
import io.kamaros.frontend.ProjectLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file edited on disk shows as an unsaved change without F5 or focus: the watcher refreshes the
 * session by itself. And the per-project autosave settings: on for folders tracked in place, read
 * from the project's settings file.
 */
class LiveChangesTest {
    /** How long a watcher event and the refresh may take on a busy machine (a hang guard, not a timing). */
    private static final long LIMIT_SECONDS = 60;

    @TempDir
    Path dir;
    private TestApp app;

    @AfterEach
    void close() {
        if (app != null) {
            app.run(() -> app.context.session().close());
        }
    }

    @Test
    void aFileWrittenOnDiskShowsAsAnUnsavedChangeWithoutARefresh() throws Exception {
        app = new TestApp(dir.resolve("home"));
        ProjectOpener.OpenProject project = app.openDemoCopy(dir);
        ProjectSession session = app.context.session();
        int before = Fx.call(session::unsavedCount);
        long refreshes = Fx.call(() -> session.refreshCountProperty().get());
        Path workingCopy = project.location().workTree() != null ? project.location().workTree()
                : project.location().historyRoot().resolve("content");
        // written again until it shows: the watch starts in the background, and a write before it started is
        // (like any change made while no watch runs) seen on focus or F5, not by the watcher
        Path page = workingCopy.resolve("new-page.txt");
        awaitTrue(() -> {
            Files.writeString(page, "written by another program");
            Thread.sleep(200);
            return Fx.call(session::unsavedCount) == before + 1;
        });
        assertThat(Fx.call(() -> session.getStatus().added())).contains("new-page.txt");
        assertThat(Fx.call(() -> session.refreshCountProperty().get())).isGreaterThan(refreshes);
    }

    @Test
    void anAutomaticSaveRunsAsATaskThePersonSeesAndIsListedInRecentWork() throws Exception {
        app = new TestApp(dir.resolve("home"));
        ProjectLocation location = TestApp.demoCopy(dir);
        quickAutosave(location);
        ProjectOpener.OpenProject project = app.context.opener().open(location);
        app.run(() -> app.context.session().open(project));
        ProjectSession session = app.context.session();
        TaskRunner runner = app.context.runner();
        int versions = Fx.call(() -> session.getVersions().size());
        Path page = Objects.requireNonNull(location.workTree()).resolve("autosaved-page.txt");
        awaitTrue(() -> { // written until the watch (started in the background) has seen it
            Files.writeString(page, "kept by autosave");
            Thread.sleep(200);
            return Fx.call(session::unsavedCount) > 0;
        });

        awaitTrue(() -> Fx.call(() -> session.getVersions().size()) > versions);
        Version saved = Fx.call(() -> session.getVersions().get(0));
        assertThat(saved.automatic()).isTrue();
        assertThat(project.manager().getFileContent("autosaved-page.txt", saved.id()))
                .isEqualTo("kept by autosave".getBytes(StandardCharsets.UTF_8));
        List<FinishedTask> recent = Fx.call(() -> List.copyOf(runner.getRecentTasks()));
        assertThat(recent).filteredOn(t -> t.name().equals(I18n.t("autosave.task")))
                .extracting(FinishedTask::outcome, FinishedTask::result)
                .contains(tuple(FinishedTask.Outcome.SUCCEEDED, I18n.t("autosave.saved")));
        assertThat(app.errors).as("no error dialog").isEmpty();
    }

    /** The project's settings: autosave on, saving as soon as the files have settled (two looks, 2 s apart). */
    static void quickAutosave(ProjectLocation location) throws Exception {
        Path settings = location.historyRoot().resolve(ProjectLocation.SETTINGS_FILE);
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\"autosave\":true,\"autosaveSettle\":\"0s\",\"autosaveInterval\":\"0s\"}");
    }

    @Test
    void autosaveIsOnForAFolderTrackedInPlaceAndTheProjectSettingsChangeIt() throws Exception {
        ProjectLocation tracked = ProjectLocation.trackedFolder(dir.resolve("art"));
        assertThat(ProjectWatch.policy(tracked)).isEqualTo(AutosavePolicy.defaults());
        ProjectLocation expanded = new ProjectLocation(dir.resolve("book"), null);
        assertThat(ProjectWatch.policy(expanded).enabled()).isFalse();

        Path settings = tracked.historyRoot().resolve(ProjectLocation.SETTINGS_FILE);
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\"autosave\":false,\"autosaveSettle\":\"1m\",\"autosaveInterval\":\"PT2H\"}");
        assertThat(ProjectWatch.policy(tracked))
                .isEqualTo(new AutosavePolicy(false, Duration.ofMinutes(1), Duration.ofHours(2)));
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Condition condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (!condition.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the change never showed");
            }
            Thread.sleep(20);
        }
    }
}
