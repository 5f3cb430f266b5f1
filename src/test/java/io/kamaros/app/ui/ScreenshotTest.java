package io.kamaros.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.timeline.TimelineRow;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes a PNG of each main screen to {@code target/screenshots}: welcome, main window (timeline,
 * details, diff), checkpoint dialog, file history. The README shows the copies in assets/screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {
    static final Path OUT = Path.of("target", "screenshots");
    @TempDir
    static Path dir;
    private GuiFixture app;
    private Stage stage;

    @BeforeAll
    static void home() {
        GuiFixture.prepareHome(dir.resolve("home"));
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new GuiFixture(stage, dir.resolve("home"));
    }

    private static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> condition.get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private BufferedImage snapshot(FxRobot robot, Scene scene) {
        AtomicReference<BufferedImage> img = new AtomicReference<>();
        robot.interact(() -> img.set(SwingFXUtils.fromFXImage(scene.snapshot(null), null)));
        return img.get();
    }

    private Path write(BufferedImage img, String name) throws Exception {
        Files.createDirectories(OUT);
        Path file = OUT.resolve(name);
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    @SuppressWarnings("unchecked")
    @Test
    void writesAPngOfEachMainScreen(FxRobot robot) throws Exception {
        ProjectSession session = app.context.session();
        // welcome, with the demo among the recent projects
        WaitForAsyncUtils.waitForFxEvents();
        Path welcome = write(snapshot(robot, stage.getScene()), "welcome.png");

        // main window: a version with text changes, its diff
        robot.clickOn("#open-demo");
        waitUntil(() -> session.getVersions().size() == 25);
        ListView<TimelineRow> list = robot.lookup("#timeline-list").queryAs(ListView.class);
        waitUntil(() -> !list.getItems().isEmpty());
        int editorNotes = 0;
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i).version().message().startsWith("Editor's notes")) {
                editorNotes = i;
            }
        }
        int target = Math.max(0, editorNotes - 4);
        robot.interact(() -> list.scrollTo(target));
        WaitForAsyncUtils.waitForFxEvents();
        Node row = robot.lookup("#timeline-list .list-cell").match((ListCell<TimelineRow> c) -> c.getItem() != null
                && c.getItem().version().message().startsWith("Editor's notes")).query();
        robot.clickOn(row);
        waitUntil(() -> robot.lookup("#change-list .list-cell").queryAll().stream()
                .anyMatch(c -> ((ListCell<?>) c).getItem() != null && ((ListCell<?>) c).getItem().toString().contains("04-dawn")));
        robot.clickOn((Node) robot.lookup("#change-list .list-cell").match((ListCell<?> c) -> c.getItem() != null
                && c.getItem().toString().contains("04-dawn")).query());
        waitUntil(() -> robot.lookup("#diff-path").tryQuery()
                .map(n -> "chapters/04-dawn.md".equals(((Label) n).getText())).orElse(false)
                && robot.lookup(".diff-half.added").tryQuery().isPresent());
        Path main = write(snapshot(robot, stage.getScene()), "main-window.png");

        // checkpoint dialog over the main window
        Path work = session.location().orElseThrow().workTree();
        Files.writeString(work.resolve("chapters/05-epilogue.md"), "# Epilogue\n");
        Files.writeString(work.resolve("README.md"), "# Moonlit Garden\n\nStatus: **Sequel planned**\n");
        robot.press(KeyCode.F5).release(KeyCode.F5);
        waitUntil(() -> session.getStatus() != null && session.getStatus().changeCount() == 2);
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#checkpoint-changes .list-cell").queryAll().stream()
                .filter(c -> ((ListCell<?>) c).getItem() != null).count() == 2);
        robot.clickOn("#checkpoint-author").write("Ola Nowak");
        robot.clickOn("#checkpoint-message").write("Epilogue and a note about the sequel");
        robot.clickOn("#checkpoint-tags").write("sequel");
        Window dialog = robot.window("Save checkpoint");
        BufferedImage under = snapshot(robot, stage.getScene());
        BufferedImage over = snapshot(robot, dialog.getScene());
        Path checkpoint = write(composite(under, over), "checkpoint-dialog.png");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);

        // file history of the fox drawing: two versions compared
        robot.clickOn((Node) robot.lookup("#file-tree .tree-cell").match((TreeCell<?> c) -> c.getItem() != null
                && c.getItem().toString().equals("fox.png")).query());
        robot.clickOn("#history-tab");
        waitUntil(() -> robot.lookup("#history-list .list-cell").queryAll().stream()
                .filter(c -> ((ListCell<?>) c).getItem() != null).count() == 4);
        ListView<?> history = robot.lookup("#history-list").queryAs(ListView.class);
        robot.interact(() -> history.getSelectionModel().selectIndices(0, 3));
        waitUntil(() -> robot.lookup("#diff-path").tryQuery()
                .map(n -> "illustrations/fox.png".equals(((Label) n).getText())).orElse(false)
                && robot.lookup("#diff-image-swipe").tryQuery().map(Node::isVisible).orElse(false));
        Path fileHistory = write(snapshot(robot, stage.getScene()), "file-history.png");

        for (Path p : new Path[] {welcome, main, checkpoint, fileHistory}) {
            assertThat(ImageIO.read(p.toFile()).getWidth()).isEqualTo(1280);
        }
        assertThat(app.errors).isEmpty();
    }

    /** The dialog drawn centred over a dimmed window, as a person sees it. */
    private static BufferedImage composite(BufferedImage under, BufferedImage over) {
        BufferedImage out = new BufferedImage(under.getWidth(), under.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(under, 0, 0, null);
        g.setColor(new Color(0, 0, 0, 70));
        g.fillRect(0, 0, under.getWidth(), under.getHeight());
        int x = (under.getWidth() - over.getWidth()) / 2;
        int y = (under.getHeight() - over.getHeight()) / 2;
        g.setColor(new Color(0, 0, 0, 60));
        g.fillRect(x + 4, y + 6, over.getWidth(), over.getHeight());
        g.drawImage(over, x, y, null);
        g.dispose();
        return out;
    }
}
