package io.kamaros.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.timeline.TimelineRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeCell;
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
 * The unsaved changes, clicked through: edit a file of the demo → "Unsaved changes (1)" on top of the
 * timeline → a second file → select the row → its diff shows → untick one of two → save → one left →
 * discard it → undo brings it back.
 */
@ExtendWith(ApplicationExtension.class)
class UnsavedChangesClickThroughTest {
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
    private static ListView<TimelineRow> timeline(FxRobot robot) {
        return robot.lookup("#timeline-list").queryAs(ListView.class);
    }

    private static String topRowText(FxRobot robot) {
        return robot.lookup("#timeline-list .list-cell").match((ListCell<TimelineRow> c) -> c.getIndex() == 0).tryQuery()
                .map(c -> ((ListCell<?>) c).lookupAll(".version-message").stream().map(n -> ((Label) n).getText())
                        .findFirst().orElse(""))
                .orElse("");
    }

    private static Node fileCell(FxRobot robot, String name) {
        return robot.lookup("#unsaved-files .tree-cell").match((TreeCell<?> c) -> c.isVisible() && !c.isEmpty()
                && c.getTreeItem() != null && c.getTreeItem().getValue().toString().equals(name)).query();
    }

    @Test
    void editSeeChooseSavePartDiscardAndUndo(FxRobot robot) throws Exception {
        ProjectSession session = app.context.session();
        robot.clickOn("#open-demo");
        waitUntil(() -> session.getVersions().size() == 25 && session.getHead() != null);
        assertThat(timeline(robot).getItems().get(0).isUnsaved()).isFalse();
        String headId = session.getHead().id();

        // edit a file "in another program": the row appears on top with (1)
        Path work = session.location().orElseThrow().workTree();
        byte[] readmeAtHead = Files.readAllBytes(work.resolve("README.md"));
        Files.writeString(work.resolve("README.md"), "# Moonlit Garden\n\nA new first line.\n");
        robot.press(KeyCode.F5).release(KeyCode.F5);
        waitUntil(() -> topRowText(robot).equals("Unsaved changes (1)"));
        Files.writeString(work.resolve("chapters/05-epilogue.md"), "# Epilogue\n\nThe fox came back.\n");
        robot.press(KeyCode.F5).release(KeyCode.F5);
        waitUntil(() -> topRowText(robot).equals("Unsaved changes (2)"));

        // select it: the two files with check boxes, and the first one's diff
        robot.clickOn((Node) robot.lookup("#timeline-list .list-cell").match((ListCell<TimelineRow> c) -> c.getIndex() == 0)
                .query());
        waitUntil(() -> robot.lookup("#unsaved-changes").tryQuery().map(Node::isVisible).orElse(false));
        waitUntil(() -> robot.lookup("#diff-path").tryQuery()
                .map(n -> "README.md".equals(((Label) n).getText())).orElse(false));
        assertThat(robot.lookup("#unsaved-summary").queryAs(Label.class).getText())
                .isEqualTo("2 changed files · 2 chosen for the next checkpoint");

        // untick README.md, save the epilogue only
        waitUntil(() -> robot.lookup("#unsaved-files .tree-cell").queryAll().stream()
                .filter(c -> c.isVisible() && ((TreeCell<?>) c).getTreeItem() != null).count() == 3); // chapters/, 2 files
        robot.clickOn(fileCell(robot, "README.md")).type(KeyCode.SPACE); // pick the file, Space unticks it
        waitUntil(() -> robot.lookup("#unsaved-summary").queryAs(Label.class).getText().endsWith("1 chosen for the next checkpoint"));
        assertThat(((CheckBox) fileCell(robot, "README.md").lookup(".check-box")).isSelected()).isFalse();
        robot.clickOn("#unsaved-message").write("The epilogue");
        robot.clickOn("#unsaved-save");
        waitUntil(() -> session.getHead() != null && session.getHead().message().equals("The epilogue"));
        waitUntil(() -> topRowText(robot).equals("Unsaved changes (1)"));
        assertThat(session.getStatus().modified()).containsExactly("README.md");
        assertThat(session.getStatus().added()).isEmpty();
        String savedId = session.getHead().id();
        assertThat(savedId).isNotEqualTo(headId);

        // discard README.md's changes (confirm), then undo from the bar
        waitUntil(() -> robot.lookup("#unsaved-files .tree-cell").queryAll().stream()
                .anyMatch(c -> ((TreeCell<?>) c).getTreeItem() != null
                        && ((TreeCell<?>) c).getTreeItem().getValue().toString().equals("README.md")));
        robot.clickOn(fileCell(robot, "README.md"));
        robot.clickOn("#unsaved-discard");
        waitUntil(() -> robot.lookup("#discard-confirm").tryQuery().isPresent());
        String confirmation = robot.lookup("#discard-confirmation .label").queryAll().stream()
                .map(n -> ((Label) n).getText()).reduce("", (a, b) -> a + "\n" + b);
        assertThat(confirmation).contains("README.md").contains("Undo brings them back");
        robot.clickOn("#discard-confirm");
        waitUntil(() -> session.getStatus() != null && session.getStatus().isClean());
        assertThat(Files.readAllBytes(work.resolve("README.md"))).isEqualTo(readmeAtHead);
        waitUntil(() -> !timeline(robot).getItems().get(0).isUnsaved());
        assertThat(session.getHead().id()).isEqualTo(savedId);
        waitUntil(() -> robot.lookup("#undo-bar").query().isVisible());

        robot.clickOn("#undo-bar-button");
        waitUntil(() -> topRowText(robot).equals("Unsaved changes (1)"));
        assertThat(Files.readString(work.resolve("README.md"))).isEqualTo("# Moonlit Garden\n\nA new first line.\n");
        assertThat(session.getHead().id()).isEqualTo(savedId);
        assertThat(app.errors).isEmpty();
    }
}
