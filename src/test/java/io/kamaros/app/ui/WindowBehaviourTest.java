package io.kamaros.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kamaros.app.KamarosApp;
import io.kamaros.app.home.AppPaths;
import io.kamaros.app.home.LayoutStore;
import io.kamaros.app.tools.AppTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Tool windows close on Escape; Ctrl+Q keeps the layout as × does; the file tree keeps its share of the width. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class WindowBehaviourTest {
    @TempDir
    Path dir;
    private Stage stage;
    private GuiFixture app;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @BeforeEach
    void app(FxRobot robot) {
        GuiFixture.prepareHome(dir.resolve("home"));
        robot.interact(() -> {
            app = new GuiFixture(stage, dir.resolve("home"));
            KamarosApp.rememberLayoutOnClose(stage, app.context, app.window);
        });
    }

    private static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> condition.get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void openDemo(FxRobot robot) throws TimeoutException {
        robot.clickOn("#open-demo");
        waitUntil(() -> app.context.session().getVersions().size() == 25
                && robot.lookup("#main-split").tryQuery().isPresent());
    }

    @Test
    void escapeClosesAToolWindow(FxRobot robot) throws TimeoutException {
        AppTool settings = app.context.tools().settings().orElseThrow();
        Platform.runLater(() -> settings.open(app.context, stage));
        waitUntil(() -> settingsWindow() != null);
        robot.clickOn(".tool-title");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(() -> settingsWindow() == null);
    }

    private static Window settingsWindow() {
        return Window.getWindows().stream().filter(w -> w.isShowing() && w.getScene() != null
                && "settings-window".equals(w.getScene().getRoot().getId())).findFirst().orElse(null);
    }

    @Test
    void ctrlQSavesTheLayoutLikeTheCloseButton(FxRobot robot) throws Exception {
        openDemo(robot);
        SplitPane split = robot.lookup("#main-split").queryAs(SplitPane.class);
        robot.interact(() -> split.setDividerPositions(0.3, 0.65));
        Path layout = new AppPaths(dir.resolve("home")).layoutFile();
        assertThat(layout).doesNotExist();
        robot.clickOn("#timeline-list");
        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        waitUntil(() -> !stage.isShowing());
        assertThat(layout).exists();
        double[] saved = new LayoutStore(layout).get().dividers.get("main");
        assertThat(saved[0]).isCloseTo(0.3, within(0.02));
        assertThat(Files.readString(layout)).contains("\"width\"");
    }

    @Test
    void theFileTreeWidensWithTheWindow(FxRobot robot) throws TimeoutException {
        openDemo(robot);
        Node tree = robot.lookup("#main-split").queryAs(SplitPane.class).getItems().get(0);
        double screen = Screen.getPrimary().getVisualBounds().getWidth(); // Monocle's screen cannot hold wider windows
        double[] narrow = treeAndWindowWidth(robot, tree, Math.round(screen * 0.7));
        double[] wide = treeAndWindowWidth(robot, tree, Math.round(screen * 0.98));
        assertThat(wide[0]).isGreaterThan(narrow[0] + 40);
        // it takes its share of the added width (the other panes' minimum widths shape the exact split)
        assertThat(wide[0] / wide[1]).isGreaterThanOrEqualTo(narrow[0] / narrow[1]);
    }

    /** The file tree's and the scene's width once the window is {@code width} wide (a window manager answers late). */
    private double[] treeAndWindowWidth(FxRobot robot, Node tree, double width) throws TimeoutException {
        waitUntil(() -> {
            if (Math.abs(stage.getWidth() - width) > 1) {
                robot.interact(() -> stage.setWidth(width));
                return false;
            }
            return true;
        });
        return new double[] {tree.getBoundsInParent().getWidth(), stage.getScene().getWidth()};
    }
}
