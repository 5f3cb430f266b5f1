package io.kamaros.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.KamarosApp;
import io.kamaros.app.settings.Themes;
import io.kamaros.app.ui.Contrast;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.PopupWindow;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The notification of finished work sits at the window's bottom left above the status bar, one at a time. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class FinishedNoticeTest {
    private static final String LONG = "Saved checkpoint: Last proofreading, the cover in its final colours, the"
            + " fox's longer tail and the alternative ending kept on its own branch — 12 files changed, 47.1 KB stored";

    @Test
    void liesInsideTheWindowAboveTheStatusBarAndInsideTheScreen(FxRobot robot) throws Exception {
        Rectangle2D screen = Fx.call(() -> Screen.getPrimary().getVisualBounds());
        // a window reaching past the screen's bottom, as a window manager may report a maximized one
        Stage stage = Fx.call(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(new StackPane(), 700, 420));
            s.setX(screen.getMinX() + 20);
            s.setY(screen.getMaxY() - 380);
            s.show();
            return s;
        });
        try {
            FinishedNotice notice = Fx.call(() -> new FinishedNotice(stage));
            Fx.run(() -> notice.show(LONG));
            Fx.settle();
            PopupWindow popup = onlyNotice();
            Bounds card = Fx.call(() -> popup.getScene().getRoot().lookup(".finished-notice")
                    .localToScreen(popup.getScene().getRoot().lookup(".finished-notice").getLayoutBounds()));
            assertThat(card.getHeight()).as("all the wrapped lines are there").isGreaterThan(60);
            assertThat(card.getMaxY()).as("inside the screen").isLessThanOrEqualTo(screen.getMaxY() + 0.5);
            assertThat(card.getMaxY()).as("above the status bar")
                    .isLessThanOrEqualTo(screen.getMaxY() - StatusBar.HEIGHT + 0.5);
            assertThat(card.getMinX()).as("at the window's left").isBetween(stage.getX(), stage.getX() + 60);

            // a second notice replaces the first
            Fx.run(() -> notice.show("Restored version 3"));
            Fx.settle();
            assertThat(onlyNotice()).isNotSameAs(popup);
            assertThat(popup.isShowing()).isFalse();

            // a click sends it away at once
            PopupWindow second = onlyNotice();
            robot.clickOn(second.getScene().getRoot().lookup(".finished-notice"), MouseButton.PRIMARY);
            Fx.settle();
            assertThat(notices()).isEmpty();
        } finally {
            Fx.run(stage::close);
        }
    }

    /** Issue 14: a notice left over from finished work lay over the next dialog; a dialog opening sends it away. */
    @Test
    void goesWhenADialogOpens() throws Exception {
        Stage stage = Fx.call(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(new StackPane(), 700, 420));
            s.show();
            return s;
        });
        Alert dialog = Fx.call(() -> new Alert(Alert.AlertType.CONFIRMATION, "Restore?"));
        try {
            FinishedNotice notice = Fx.call(() -> new FinishedNotice(stage));
            Fx.run(() -> notice.show(LONG));
            Fx.settle();
            assertThat(notices()).hasSize(1);
            Fx.run(() -> {
                dialog.initOwner(stage);
                dialog.show();
            });
            Fx.settle();
            assertThat(notices()).isEmpty();
        } finally {
            Fx.run(() -> {
                dialog.close();
                stage.close();
            });
        }
    }

    /**
     * Issue 14: without a compositor (openbox under Xvfb) what a popup's window leaves transparent is painted
     * white or black: the notice's rounded corners showed a frame and its fade-in a flash. Its window on screen must
     * be the card's own outline up to every corner and edge from the moment it shows, in both themes.
     */
    @ParameterizedTest(name = "dark theme: {0}")
    @ValueSource(booleans = {false, true})
    void itsWindowIsTheCardUpToEveryCornerFromTheStart(boolean dark) throws Exception {
        Fx.run(() -> Themes.apply(dark));
        Stage stage = Fx.call(() -> {
            Scene scene = new Scene(new StackPane(), 700, 420);
            KamarosApp.installStylesheet(scene);
            Stage s = new Stage();
            s.setScene(scene);
            s.show();
            return s;
        });
        try {
            // As in the app, the notice comes long after its window is up: a window manager that maps and raises the
            // window late (openbox on a loaded machine) would otherwise stack the window's frame over the notice.
            for (int round = 0; round < 50 && !Fx.call(stage::isFocused); round++) {
                Thread.sleep(100);
            }
            Fx.settle();
            FinishedNotice notice = Fx.call(() -> new FinishedNotice(stage));
            Fx.run(() -> notice.show(LONG));
            PopupWindow popup = onlyNotice();
            assertThat(Fx.call(() -> popup.getScene().getRoot().lookup(".finished-notice").getOpacity()))
                    .as("fully shown at once: a half-transparent window is half white or black without a compositor")
                    .isEqualTo(1.0);
            Fx.settle();
            Rectangle2D window = Fx.call(() -> new Rectangle2D(popup.getX(), popup.getY(), popup.getWidth(),
                    popup.getHeight()));
            assertThat(window.getWidth()).isGreaterThan(300);
            // what the screen shows there, window system included; read again while the first frames are drawn
            List<String> notCard = edgesNotCard(window);
            for (int round = 0; round < 50 && !notCard.isEmpty(); round++) {
                Thread.sleep(100);
                notCard = edgesNotCard(window);
            }
            assertThat(notCard).as("the corners and edges of the notice's window, %s", window).isEmpty();

            // Walk of issue 14: on the dark theme the dark card had no visible edge. Its outline, as the screen
            // shows it, stands out from the window around it (a few pixels to its left, inside the owner window).
            Image beside = new FxRobot().capture(new Rectangle2D(window.getMinX() - 6, window.getMinY(),
                    window.getWidth() + 6, window.getHeight())).getImage();
            int middle = (int) (beside.getHeight() / 2);
            Color around = beside.getPixelReader().getColor(1, middle);
            Color edge = beside.getPixelReader().getColor(6, middle);
            assertThat(Contrast.ratio(edge, around)).as("the card's edge %s against the window %s", edge, around)
                    .isGreaterThanOrEqualTo(Contrast.MIN_RATIO);
            Fx.run(notice::hide);
        } finally {
            Fx.run(stage::close);
            Fx.run(() -> Themes.apply(false));
        }
    }

    /** The corners and edge middles of {@code window} on screen that are not the card's outline. */
    private static List<String> edgesNotCard(Rectangle2D window) {
        Image shot = new FxRobot().capture(window).getImage();
        PixelReader pixels = shot.getPixelReader();
        int w = (int) shot.getWidth();
        int h = (int) shot.getHeight();
        List<String> wrong = new ArrayList<>();
        for (int[] at : new int[][] {{0, 0}, {w - 1, 0}, {0, h - 1}, {w - 1, h - 1}, {w / 2, 0}, {w / 2, h - 1},
                {0, h / 2}, {w - 1, h / 2}}) {
            Color seen = pixels.getColor(at[0], at[1]);
            if (distance(seen, FinishedNotice.EDGE) > 0.03) {
                wrong.add(at[0] + "," + at[1] + " is " + seen + ", not the card's outline " + FinishedNotice.EDGE);
            }
        }
        return wrong;
    }

    private static double distance(Color a, Color b) {
        return Math.max(Math.abs(a.getRed() - b.getRed()),
                Math.max(Math.abs(a.getGreen() - b.getGreen()), Math.abs(a.getBlue() - b.getBlue())));
    }

    private static PopupWindow onlyNotice() throws Exception {
        List<PopupWindow> showing = notices();
        assertThat(showing).hasSize(1);
        return showing.get(0);
    }

    private static List<PopupWindow> notices() throws Exception {
        return Fx.call(() -> Window.getWindows().stream()
                .filter(w -> w instanceof PopupWindow && w.isShowing() && w.getScene() != null
                        && w.getScene().getRoot().lookup(".finished-notice") != null)
                .map(w -> (PopupWindow) w).toList());
    }
}
