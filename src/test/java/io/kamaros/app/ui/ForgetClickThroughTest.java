package io.kamaros.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.timeline.TimelineRow;
import io.kamaros.engine.model.Version;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ContextMenuEvent;
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
 * "Forget this version…" clicked through on the demo project: the version's context menu, the
 * confirmation (which says there is no undo), the version gone from the timeline, and the gap marker on
 * the version that followed it.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ForgetClickThroughTest {
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

    private static ListCell<?> cellOf(FxRobot robot, String versionId) {
        return robot.lookup("#timeline-list .list-cell").match((ListCell<TimelineRow> c) -> c.getItem() != null
                && c.getItem().version() != null && c.getItem().version().id().equals(versionId)).query();
    }

    @Test
    void forgetAVersionFromItsMenuAndSeeTheGap(FxRobot robot) throws Exception {
        ProjectSession session = app.context.session();
        robot.clickOn("#open-demo");
        waitUntil(() -> session.getVersions().size() == 25 && session.getHead() != null);
        ListView<TimelineRow> list = timeline(robot);
        // a row near the top that is not the current version and that a version follows
        Version victim = null;
        Version child = null;
        for (int i = 1; i < 6 && child == null; i++) {
            Version v = Objects.requireNonNull(list.getItems().get(i).version());
            if (!v.id().equals(session.getHead().id())) {
                victim = v;
                child = session.getVersions().stream().filter(c -> v.id().equals(c.parentId())).findFirst().orElse(null);
            }
        }
        assertThat(child).as("a version near the top with a child").isNotNull();

        String victimId = victim.id();
        String childId = child.id();
        String parentId = victim.parentId();
        ListCell<?> cell = cellOf(robot, victimId);
        robot.clickOn((Node) cell);
        // What a right click makes the toolkit send (Monocle, the headless toolkit, does not turn a robot's
        // secondary button into it); the control's own handler then opens its context menu.
        Point2D at = cell.localToScreen(40, 10);
        robot.interact(() -> cell.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 40, 10,
                at.getX(), at.getY(), false, null)));
        waitUntil(() -> cell.getContextMenu() != null && cell.getContextMenu().isShowing());
        MenuItem forget = cell.getContextMenu().getItems().stream()
                .filter(i -> "Forget this version…".equals(i.getText())).findFirst().orElseThrow();
        assertThat(forget.isDisable()).isFalse();
        robot.clickOn((Node) robot.lookup(".context-menu .menu-item").match((Node n) -> n.lookupAll(".label").stream()
                .anyMatch(l -> "Forget this version…".equals(((Label) l).getText()))).query());
        waitUntil(() -> robot.lookup("#forget-confirmation").tryQuery().isPresent());
        assertThat(robot.lookup("#forget-confirmation .label").queryAllAs(Label.class).stream().map(Label::getText))
                .contains("This cannot be undone.");
        robot.clickOn("#forget-confirm");

        waitUntil(() -> session.getVersions().size() == 24);
        assertThat(session.getVersions()).extracting(Version::id).doesNotContain(victimId);
        Version after = session.getVersions().stream().filter(v -> v.id().equals(childId)).findFirst().orElseThrow();
        assertThat(after.parentId()).isEqualTo(parentId);
        waitUntil(() -> cellOf(robot, childId).lookupAll(".badge-gap").stream()
                .anyMatch(n -> ((Label) n).getText().startsWith("1 version forgotten on ")));
    }
}
