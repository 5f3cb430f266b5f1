package io.kamaros.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.diff.DiffLine;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.timeline.TimelineRow;
import io.kamaros.engine.model.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Clicks through the main story headless: open the demo → pick a version → see its diff → save a
 * checkpoint (progress shown in the status bar) → restore an old version → undo.
 */
@ExtendWith(ApplicationExtension.class)
class ClickThroughTest {
    @TempDir
    static Path dir;
    private GuiFixture app;

    @BeforeAll
    static void home() {
        GuiFixture.prepareHome(dir.resolve("home"));
    }

    @Start
    void start(Stage stage) {
        app = new GuiFixture(stage, dir.resolve("home"));
    }

    private static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> condition.get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private void clickVersion(FxRobot robot, String messageStart) throws TimeoutException {
        ListView<TimelineRow> list = robot.lookup("#timeline-list").queryAs(ListView.class);
        int index = -1;
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i).version().message().startsWith(messageStart)) {
                index = i;
            }
        }
        int target = index;
        robot.interact(() -> list.scrollTo(target));
        Node cell = robot.lookup("#timeline-list .list-cell").match((ListCell<TimelineRow> c) -> c.getItem() != null
                && c.getItem().version().message().startsWith(messageStart)).query();
        robot.clickOn(cell);
        waitUntil(() -> app.context.session().selectedVersionProperty().get() != null
                && app.context.session().selectedVersionProperty().get().message().startsWith(messageStart));
    }

    @Test
    void openDemoSeeADiffCheckpointRestoreAndUndo(FxRobot robot) throws Exception {
        ProjectSession session = app.context.session();
        assertThat(robot.lookup("#welcome").tryQuery()).isPresent();

        // open the demo project
        robot.clickOn("#open-demo");
        waitUntil(() -> session.getVersions().size() == 25 && session.getHead() != null);
        assertThat(robot.lookup("#workspace").tryQuery()).isPresent();
        assertThat(robot.window(0) instanceof Stage s ? s.getTitle() : "").isEqualTo("Moonlit Garden — Kamaros");

        // select a version, then one of its changes: the diff shows
        clickVersion(robot, "Editor's notes on chapters 1 and 4");
        waitUntil(() -> robot.lookup("#change-list .list-cell").queryAll().stream()
                .anyMatch(c -> ((ListCell<?>) c).getItem() != null && ((ListCell<?>) c).getItem().toString().contains("04-dawn")));
        Node change = robot.lookup("#change-list .list-cell").match((ListCell<?> c) -> c.getItem() != null
                && c.getItem().toString().contains("04-dawn")).query();
        robot.clickOn(change);
        waitUntil(() -> robot.lookup("#diff-path").tryQuery()
                .map(n -> "chapters/04-dawn.md".equals(((Label) n).getText())).orElse(false));
        // the added line is a row of the diff viewer's (virtualized) list, on its "after" side
        waitUntil(() -> robot.lookup(".list-cell").queryAll().stream().anyMatch(n -> {
            Object item = ((ListCell<?>) n).getItem();
            return item instanceof DiffLine line && line.right() != null
                    && line.isChange() && line.right().text().equals("The fox went home, tail high, humming.");
        }));

        // edit a file in "another program", then save a checkpoint with Ctrl+S
        Path work = session.location().orElseThrow().workTree();
        Files.writeString(work.resolve("chapters/05-epilogue.md"), "# Epilogue\n\nThe fox came back the next night.\n");
        robot.press(KeyCode.F5).release(KeyCode.F5);
        waitUntil(() -> session.getStatus() != null && session.getStatus().added().contains("chapters/05-epilogue.md"));
        List<Double> progressSeen = new CopyOnWriteArrayList<>();
        List<Boolean> progressBarShown = new CopyOnWriteArrayList<>();
        robot.interact(() -> app.context.runner().visibleTaskProperty().addListener((o, a, task) -> {
            if (task != null) {
                progressBarShown.add(robot.lookup("#status-progress").query().isVisible());
                task.progressProperty().addListener((p, x, v) -> progressSeen.add(v.doubleValue()));
            }
        }));
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#checkpoint-message").tryQuery().isPresent()
                && robot.lookup("#checkpoint-changes .list-cell").queryAll().stream()
                .anyMatch(c -> ((ListCell<?>) c).getItem() != null));
        // the first save asks who is saving
        assertThat(robot.lookup("#checkpoint-author-box").query().isVisible()).isTrue();
        assertThat(robot.lookup("#checkpoint-save").queryButton().isDisabled()).isTrue();
        robot.clickOn("#checkpoint-author").write("Ola Nowak");
        robot.clickOn("#checkpoint-message").write("Epilogue: the fox comes back");
        robot.press(KeyCode.TAB).release(KeyCode.TAB); // moves on, inserts no tab
        assertThat(robot.lookup("#checkpoint-tags").query().isFocused()).isTrue();
        assertThat(robot.lookup("#checkpoint-message").queryTextInputControl().getText())
                .isEqualTo("Epilogue: the fox comes back");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL); // saves
        waitUntil(() -> session.getHead() != null && session.getHead().author().equals("Ola Nowak"));
        waitUntil(() -> session.getHead() != null && session.getHead().message().equals("Epilogue: the fox comes back"));
        Version saved = session.getHead();
        assertThat(progressBarShown).contains(true);
        assertThat(progressSeen.stream().mapToDouble(Double::doubleValue).max().orElse(0)).isGreaterThan(0);
        assertThat(session.getVersions()).hasSize(26);
        waitUntil(() -> robot.lookup("#status-message").queryAs(Label.class).getText().startsWith("Checkpoint saved"));

        // restore an old version from the toolbar; confirm
        clickVersion(robot, "Chapter 2: night visitors");
        robot.clickOn("#restore-button");
        waitUntil(() -> robot.lookup("#restore-confirm").tryQuery().isPresent());
        String confirmation = robot.lookup("#restore-confirmation .label").queryAll().stream()
                .map(n -> ((Label) n).getText()).reduce("", (a, b) -> a + "\n" + b);
        assertThat(confirmation).contains("undo");
        robot.clickOn("#restore-confirm");
        waitUntil(() -> session.getHead().message().startsWith("Chapter 2: night visitors"));
        assertThat(Files.exists(work.resolve("chapters/04-dawn.md"))).isFalse();
        waitUntil(() -> robot.lookup("#undo-bar").query().isVisible());

        // undo
        robot.clickOn("#undo-bar-button");
        waitUntil(() -> session.getHead().id().equals(saved.id()));
        assertThat(Files.readString(work.resolve("chapters/05-epilogue.md"))).contains("came back");
        assertThat(Files.exists(work.resolve("chapters/04-dawn.md"))).isTrue();
        waitUntil(() -> !robot.lookup("#undo-bar").query().isVisible());
        assertThat(app.errors).isEmpty();
        AtomicReference<String> status = new AtomicReference<>();
        robot.interact(() -> status.set(app.context.runner().statusMessageProperty().get()));
        assertThat(status.get()).isEqualTo("Restore undone");
    }

}
