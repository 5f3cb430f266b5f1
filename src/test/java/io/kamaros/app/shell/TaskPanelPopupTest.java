package io.kamaros.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.kamaros.app.Fx;
import io.kamaros.app.KamarosApp;
import io.kamaros.app.settings.Themes;
import io.kamaros.app.task.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Shape;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.PopOver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Issue 14: the status bar's panel of background work showed a white frame under a window manager without a
 * compositor. A popup is a window of its own; what it leaves transparent (the PopOver's arrow gap, rounded
 * corners, shadow margin, and everything while it fades in) is painted white or black there. The panel's
 * window must therefore be covered edge to edge by its opaque card from the moment it shows.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class TaskPanelPopupTest {
    @ParameterizedTest(name = "dark theme: {0}")
    @ValueSource(booleans = {false, true})
    void theCardCoversThePopupWindowEdgeToEdgeWithNothingTransparent(boolean dark) throws Exception {
        Fx.run(() -> Themes.apply(dark));
        List<Runnable> queued = new ArrayList<>(); // the task never runs: it stays in the panel as waiting work
        TaskRunner runner = new TaskRunner(queued::add, (action, e) -> { });
        Stage stage = Fx.call(() -> {
            BorderPane root = new BorderPane(new Region());
            root.setBottom(new StatusBar(runner, new SimpleStringProperty(""), new SimpleStringProperty("25 versions")).node());
            Scene scene = new Scene(root, 900, 500);
            KamarosApp.installStylesheet(scene);
            Stage s = new Stage();
            s.setScene(scene);
            // in the screen's bottom right corner, as a main window's status bar is: room above and to the left
            // of the button for the whole panel (a popup that does not fit is pushed back onto the screen)
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            s.setX(screen.getMaxX() - 900 - 10);
            s.setY(screen.getMaxY() - 500 - 40);
            s.show();
            runner.task("Saving", ctx -> "saved").visible().start();
            return s;
        });
        try {
            untilItStaysPut(stage);
            PopOver panel = Fx.call(() -> {
                ((ButtonBase) stage.getScene().lookup("#status-tasks")).fire();
                return Window.getWindows().stream().filter(w -> w instanceof PopOver).map(w -> (PopOver) w)
                        .findFirst().orElseThrow();
            });
            // at once, not after a fade: a half-transparent window is half white without a compositor
            assertThat(Fx.call(() -> panel.getSkin().getNode().getOpacity())).as("opacity as it shows").isEqualTo(1.0);
            Fx.settle();

            Shape card = Fx.call(() -> (Shape) panel.getSkin().getNode().lookup(".border"));
            assertThat(Fx.call(card::getEffect)).as("a shadow is drawn on transparent pixels around the card").isNull();
            assertThat(Fx.call(card::getFill)).isInstanceOfSatisfying(Color.class,
                    c -> assertThat(c.getOpacity()).as("the card's fill is opaque").isEqualTo(1.0));
            double width = Fx.call(() -> panel.getScene().getWidth());
            double height = Fx.call(() -> panel.getScene().getHeight());
            assertThat(width).isGreaterThan(300);
            assertThat(height).isGreaterThan(200);
            // every corner and every edge's middle of the popup's window lies on the card (no arrow gap, no
            // rounded corner, no margin): nothing of the window is left for the system to paint
            for (double fx : new double[] {0, 0.5, 1}) {
                for (double fy : new double[] {0, 0.5, 1}) {
                    Point2D at = new Point2D(Math.min(Math.max(fx * width, 0.5), width - 0.5),
                            Math.min(Math.max(fy * height, 0.5), height - 0.5));
                    assertThat(Fx.call(() -> card.contains(card.sceneToLocal(at))))
                            .as("the card covers the window at %s (window %.0f x %.0f)", at, width, height).isTrue();
                }
            }
            // and it stands just above the status bar, its right edge at the button's
            Node button = stage.getScene().lookup("#status-tasks");
            Bounds buttonOnScreen = Fx.call(() -> button.localToScreen(button.getBoundsInLocal()));
            double bottom = Fx.call(() -> panel.getY() + height);
            double right = Fx.call(() -> panel.getX() + width);
            assertThat(bottom).as("above the button").isBetween(buttonOnScreen.getMinY() - 12, buttonOnScreen.getMinY());
            assertThat(right).as("its right edge at the button's").isCloseTo(buttonOnScreen.getMaxX(),
                    offset(2.0));
            Fx.run(panel::hide);
        } finally {
            Fx.run(stage::close);
            Fx.run(() -> Themes.apply(false));
        }
    }

    /**
     * Under a window manager the stage is placed (and framed) after it shows: the panel is opened once the stage
     * stopped moving, as a person clicks a window that is already there.
     */
    private static void untilItStaysPut(Stage stage) throws InterruptedException {
        double[] was = {Double.NaN, Double.NaN};
        for (int round = 0; round < 40; round++) {
            Fx.settle();
            double[] now = Fx.call(() -> new double[] {stage.getX(), stage.getY()});
            if (now[0] == was[0] && now[1] == was[1]) {
                return;
            }
            was = now;
            Thread.sleep(50);
        }
    }
}
