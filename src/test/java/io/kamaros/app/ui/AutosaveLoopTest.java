package io.kamaros.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.home.AppPaths;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.i18n.TimeText;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.settings.AuthorIdentity;
import io.kamaros.app.settings.SettingsStore;
import io.kamaros.app.task.FinishedTask;
import io.kamaros.app.timeline.TimelineRow;
import io.kamaros.engine.model.Version;
import io.kamaros.frontend.ProjectLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole loop of issue 17, in the real app: a file edited on disk by another program shows as
 * "Unsaved changes (1)" in the timeline without F5; autosave (a short settle time in this project's
 * settings) keeps it as an automatic version, run as a task listed in recent work; after three such saves
 * the two older ones are one folded row ("2 automatic saves, HH:MM–HH:MM"), and selecting it shows each.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class AutosaveLoopTest {
    @TempDir
    static Path dir;
    private static ProjectLocation demo;
    private GuiFixture app;

    @BeforeAll
    static void home() throws IOException {
        Path home = dir.resolve("home");
        GuiFixture.prepareHome(home);
        demo = ProjectLocation.trackedFolder(new AppPaths(home).demoFolder().resolve("Moonlit Garden"));
        Path settings = demo.historyRoot().resolve(ProjectLocation.SETTINGS_FILE);
        Files.createDirectories(settings.getParent());
        // saved once nothing was written for a second (the default is 30 s), with no minimum gap between saves
        Files.writeString(settings, "{\"autosave\":true,\"autosaveSettle\":\"1s\",\"autosaveInterval\":\"0s\"}");
    }

    @Start
    void start(Stage stage) {
        app = new GuiFixture(stage, dir.resolve("home"));
    }

    private static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> condition.get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static ListView<TimelineRow> timeline(FxRobot robot) {
        return robot.lookup("#timeline-list").queryAs(ListView.class);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anEditOnDiskShowsLiveIsAutosavedAndFoldsIntoOneRow(FxRobot robot) throws Exception {
        ProjectSession session = app.context.session();
        robot.clickOn("#open-demo");
        waitUntil(() -> session.getVersions().size() >= 25 && session.getHead() != null);
        ListView<TimelineRow> list = timeline(robot);
        // Every "Unsaved changes (N)" row the timeline ever showed, whenever it was built: autosave soon takes it away.
        Set<String> unsavedRows = ConcurrentHashMap.newKeySet();
        robot.interact(() -> list.getItems().addListener((ListChangeListener<TimelineRow>) c -> c.getList().stream()
                .filter(TimelineRow::isUnsaved).forEach(r -> unsavedRows.add(I18n.t("unsaved.row", r.unsaved())))));

        Path page = Objects.requireNonNull(demo.workTree()).resolve("notes-from-another-program.txt");
        List<String> authors = new ArrayList<>();
        for (int edit = 1; edit <= 3; edit++) {
            if (edit == 2) { // the person gives a name (as at the first save): autosave uses it from now on
                new AuthorIdentity(SettingsStore.of(app.context.paths()), app.context.opener())
                        .remember("Ola Nowak", "ola@example.com");
            }
            int versions = session.getVersions().size();
            String text = "edit " + edit + " made in another program\n";
            // written again until the timeline shows it (the watch starts in the background after the open) —
            // never F5: the folder's own events refresh the view
            waitUntil(() -> {
                write(page, text);
                return !unsavedRows.isEmpty();
            });
            if (edit > 1) { // the first may also carry what the demo had unsaved
                assertThat(unsavedRows).containsExactly(I18n.t("unsaved.row", 1));
            }
            waitUntil(() -> session.getVersions().size() > versions && session.getVersions().get(0).automatic());
            Version saved = session.getVersions().get(0);
            authors.add(saved.author());
            assertThat(new String(session.manager().getFileContent(page.getFileName().toString(), saved.id()),
                    StandardCharsets.UTF_8)).isEqualTo(text);
            unsavedRows.clear();
        }

        // before a name was given: the person whose work it kept (the demo's current version is Maja's), not nobody
        assertThat(authors).containsExactly("Maja Kowalska", "Ola Nowak", "Ola Nowak");

        List<FinishedTask> recent = WaitForAsyncUtils.asyncFx(() -> List.copyOf(app.context.runner().getRecentTasks()))
                .get(60, TimeUnit.SECONDS);
        assertThat(recent).filteredOn(t -> t.name().equals(I18n.t("autosave.task"))
                && t.outcome() == FinishedTask.Outcome.SUCCEEDED).hasSizeGreaterThanOrEqualTo(3);
        assertThat(app.errors).isEmpty();

        // The newest is the current version (a row of its own); the two before it are one folded row.
        waitUntil(() -> list.getItems().stream().anyMatch(TimelineRow::isFolded));
        TimelineRow folded = list.getItems().stream().filter(TimelineRow::isFolded).findFirst().orElseThrow();
        assertThat(folded.folded()).hasSize(2).allMatch(Version::automatic);
        String expected = I18n.t("timeline.folded", 2, TimeText.span(folded.folded().get(1).timestamp(),
                folded.folded().get(0).timestamp()));
        assertThat(expected).matches("2 automatic saves, \\d{1,2}:\\d{2}.*\u2013\\d{1,2}:\\d{2}.*");
        ListCell<?> cell = robot.lookup("#timeline-list .list-cell").match((ListCell<TimelineRow> c) ->
                c.getItem() != null && c.getItem().isFolded()).query();
        assertThat(cell.getStyleClass()).contains("folded-row");
        assertThat(robot.from(cell).lookup(".version-message").queryAs(Label.class).getText()).isEqualTo(expected);

        robot.clickOn(cell);
        waitUntil(() -> list.getItems().stream().noneMatch(TimelineRow::isFolded));
        List<String> shown = list.getItems().stream().filter(r -> r.version() != null)
                .map(r -> r.version().id()).toList();
        assertThat(shown).contains(folded.folded().get(0).id(), folded.folded().get(1).id());
        assertThat(session.selectedVersionProperty().get()).isEqualTo(folded.folded().get(0));
    }
}
