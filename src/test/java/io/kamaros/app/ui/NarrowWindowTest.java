package io.kamaros.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.diff.DiffView;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Cell;
import javafx.scene.control.ScrollPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The diff viewer in a window that is not maximized, 1024, 1224 and 1440 px wide, in English and in Polish
 * (longer labels): with a text change and a picture change shown, every button of its toolbars lies inside the
 * part of the window the viewer gets. Widths wider than the screen are left out (headless: 1280 px).
 * {@code -Dkamaros.screens.dir=DIR} also writes a PNG of each.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class NarrowWindowTest {
    private static final int[] WIDTHS = {1024, 1224, 1440};
    private static final int HEIGHT = 760;

    @TempDir
    static Path dir;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void theDiffToolbarsFitInEnglish(FxRobot robot) throws TimeoutException {
        check(robot, Locale.ENGLISH, "en");
    }

    @Test
    void theDiffToolbarsFitInPolish(FxRobot robot) throws TimeoutException {
        check(robot, Locale.forLanguageTag("pl-PL"), "pl");
    }

    private void check(FxRobot robot, Locale locale, String name) throws TimeoutException {
        Locale before = I18n.locale();
        Path home = dir.resolve(name);
        GuiFixture.prepareHome(home);
        AtomicReference<GuiFixture> fixture = new AtomicReference<>();
        List<String> problems = new ArrayList<>();
        List<Integer> checked = new ArrayList<>();
        try {
            robot.interact(() -> {
                I18n.setLocale(locale);
                fixture.set(new GuiFixture(stage, home));
            });
            ProjectSession session = fixture.get().context.session();
            robot.clickOn("#open-demo");
            waitUntil(() -> session.getVersions().size() == 25 && robot.lookup("#change-list").tryQuery().isPresent());
            for (int width : WIDTHS) {
                if (width > Screen.getPrimary().getBounds().getWidth()) {
                    continue; // headless Monocle's screen is 1280 px wide: 1440 is checked under Xvfb (-Dxvfb)
                }
                checked.add(width);
                Screens.resize(robot, stage, width, HEIGHT, 1);
                for (String extension : List.of(".md", ".png")) {
                    Screens.showChangeOf(robot, session, extension);
                    problems.addAll(outside(robot, name + " " + width + " px " + extension));
                    String pictures = System.getProperty("kamaros.screens.dir");
                    if (pictures != null) {
                        EveryScreenFitsTest.writeScreen(robot, Path.of(pictures).resolve(
                                "narrow-" + name + "-" + width + extension.replace('.', '-') + ".png"));
                    }
                }
            }
        } finally {
            robot.interact(() -> I18n.setLocale(before));
        }
        assertThat(checked).contains(1024, 1224);
        assertThat(problems).isEmpty();
    }

    /** Buttons of the diff viewer that lie (partly) outside the window or the pane the viewer gets in it. */
    private static List<String> outside(FxRobot robot, String where) {
        AtomicReference<List<String>> found = new AtomicReference<>();
        robot.interact(() -> {
            List<String> out = new ArrayList<>();
            DiffView view = robot.lookup(".diff-view").queryAs(DiffView.class);
            Parent pane = view.getParent();
            Bounds room = pane.localToScene(pane.getLayoutBounds());
            double right = Math.min(room.getMaxX(), view.getScene().getWidth());
            EveryScreenFitsTest.visit(view, node -> {
                if (node instanceof ButtonBase && Screens.shown(node) && !scrolledOrInCell(node)) {
                    Bounds b = node.localToScene(node.getLayoutBounds());
                    if (b.getMaxX() > right + 1 || b.getMinX() < room.getMinX() - 1 || b.getWidth() < 4) {
                        out.add(where + ": " + node.getClass().getSimpleName() + (node.getId() == null ? "" : "#" + node.getId())
                                + " at " + Math.round(b.getMinX()) + ".." + Math.round(b.getMaxX()) + " outside "
                                + Math.round(room.getMinX()) + ".." + Math.round(right));
                    }
                }
            });
            found.set(out);
        });
        return found.get();
    }

    private static boolean scrolledOrInCell(Node node) {
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane || p instanceof Cell) {
                return true;
            }
        }
        return false;
    }

    private static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> condition.get());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
