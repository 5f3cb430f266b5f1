package io.kamaros.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.timeline.TimelineRow;
import io.kamaros.engine.model.FileChange;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionDiff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeCell;
import javafx.scene.input.KeyCode;
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
 * The unsaved changes, clicked through: three edited files → select "Unsaved changes (3)" → None → tick
 * one file by its check box (mouse) and one by Space on its row → Ctrl+Enter saves exactly those two,
 * the third stays unsaved → discard it (confirmed) → Undo from the bar brings it back.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class UnsavedChangesClickThroughTest {
    private static final String README = "# Moonlit Garden\n\nA new first line.\n";
    private static final String EPILOGUE = "# Epilogue\n\nThe fox came back.\n";
    private static final String VISITORS = "# Night visitors\n\nRewritten at night.\n";

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

    private static Stream<TreeCell<?>> fileCells(FxRobot robot) {
        return robot.lookup("#unsaved-files .tree-cell").queryAll().stream().<TreeCell<?>>map(n -> (TreeCell<?>) n)
                .filter(c -> c.isVisible() && !c.isEmpty() && c.getTreeItem() != null);
    }

    private static TreeCell<?> fileCell(FxRobot robot, String name) {
        return fileCells(robot).filter(c -> c.getTreeItem().getValue().toString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name));
    }

    /** The check box CheckTreeView draws in the row: the node a person clicks to tick. */
    private static CheckBox checkBox(FxRobot robot, String name) {
        return (CheckBox) Objects.requireNonNull(fileCell(robot, name).lookup(".check-box"), "the row's check box");
    }

    private static String summary(FxRobot robot) {
        return robot.lookup("#unsaved-summary").queryAs(Label.class).getText();
    }

    @Test
    void tickTwoOfThreeSaveThemDiscardTheThirdAndUndo(FxRobot robot) throws Exception {
        ProjectSession session = app.context.session();
        robot.clickOn("#open-demo");
        waitUntil(() -> session.getVersions().size() == 25 && session.getHead() != null);
        String headId = session.getHead().id();

        // three files edited "in another program"
        Path work = session.location().orElseThrow().workTree();
        byte[] visitorsAtHead = Files.readAllBytes(work.resolve("chapters/02-night-visitors.md"));
        Files.writeString(work.resolve("README.md"), README);
        Files.writeString(work.resolve("chapters/05-epilogue.md"), EPILOGUE);
        Files.writeString(work.resolve("chapters/02-night-visitors.md"), VISITORS);
        robot.press(KeyCode.F5).release(KeyCode.F5);
        waitUntil(() -> topRowText(robot).equals("Unsaved changes (3)"));

        // select the row: the three files, each ticked
        robot.clickOn((Node) robot.lookup("#timeline-list .list-cell").match((ListCell<TimelineRow> c) -> c.getIndex() == 0)
                .query());
        waitUntil(() -> robot.lookup("#unsaved-changes").tryQuery().map(Node::isVisible).orElse(false));
        waitUntil(() -> fileCells(robot).count() == 4); // chapters/ and three files, all in sight
        assertThat(summary(robot)).isEqualTo("3 changed files · 3 chosen for the next checkpoint");

        // None, then tick README.md by its check box and the epilogue by Space on its row
        robot.clickOn("#unsaved-none");
        waitUntil(() -> summary(robot).endsWith(" 0 chosen for the next checkpoint"));
        robot.clickOn(checkBox(robot, "README.md"));
        waitUntil(() -> summary(robot).endsWith(" 1 chosen for the next checkpoint"));
        robot.clickOn(fileCell(robot, "05-epilogue.md")).type(KeyCode.SPACE);
        waitUntil(() -> summary(robot).endsWith(" 2 chosen for the next checkpoint"));
        assertThat(checkBox(robot, "README.md").isSelected()).isTrue();
        assertThat(checkBox(robot, "05-epilogue.md").isSelected()).isTrue();
        assertThat(checkBox(robot, "02-night-visitors.md").isSelected()).isFalse();
        assertThat(checkBox(robot, "chapters").isIndeterminate()).as("a folder with some files ticked").isTrue();

        // the first save asks for a name; Ctrl+Enter in the message saves exactly the two ticked files
        robot.clickOn("#unsaved-author").write("Ola Nowak");
        robot.clickOn("#unsaved-message").write("Two of three");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitUntil(() -> session.getHead() != null && session.getHead().message().equals("Two of three"));
        Version saved = session.getHead();
        VersionDiff d = app.context.session().manager().getVersionDiff(headId, saved.id());
        assertThat(Stream.concat(d.added().stream(), d.modified().stream()).map(FileChange::path))
                .containsExactlyInAnyOrder("README.md", "chapters/05-epilogue.md");
        assertThat(d.deleted()).isEmpty();
        assertThat(d.renamed()).isEmpty();
        waitUntil(() -> topRowText(robot).equals("Unsaved changes (1)"));
        assertThat(session.getStatus().modified()).containsExactly("chapters/02-night-visitors.md");
        assertThat(session.getStatus().added()).isEmpty();

        // discard the third file (confirmed), then Undo from the bar
        waitUntil(() -> fileCells(robot).anyMatch(c -> c.getTreeItem().getValue().toString().equals("02-night-visitors.md")));
        robot.clickOn(fileCell(robot, "02-night-visitors.md"));
        robot.clickOn("#unsaved-discard");
        waitUntil(() -> robot.lookup("#discard-confirm").tryQuery().isPresent());
        assertThat(robot.lookup("#discard-what").queryAs(Label.class).getText()).startsWith("Your edited file").contains("is replaced by the file as it is in the current version");
        robot.clickOn("#discard-confirm");
        waitUntil(() -> session.getStatus() != null && session.getStatus().isClean());
        assertThat(Files.readAllBytes(work.resolve("chapters/02-night-visitors.md"))).isEqualTo(visitorsAtHead);
        waitUntil(() -> !timeline(robot).getItems().get(0).isUnsaved());
        assertThat(timeline(robot).getItems().get(0).head()).as("the auto-save is listed below the current version").isTrue();
        assertThat(timeline(robot).getItems().get(1).version().autoSaved()).isTrue();
        assertThat(session.getHead().id()).isEqualTo(saved.id());
        waitUntil(() -> robot.lookup("#undo-bar").query().isVisible());
        assertThat(robot.lookup("#undo-bar-text").queryAs(Label.class).getText())
                .isEqualTo("Discarded your changes to chapters/02-night-visitors.md. Undo brings them back.");

        robot.clickOn("#undo-bar-button");
        waitUntil(() -> topRowText(robot).equals("Unsaved changes (1)"));
        assertThat(Files.readString(work.resolve("chapters/02-night-visitors.md"))).isEqualTo(VISITORS);
        assertThat(session.getHead().id()).isEqualTo(saved.id());
        assertThat(app.errors).isEmpty();
    }
}
