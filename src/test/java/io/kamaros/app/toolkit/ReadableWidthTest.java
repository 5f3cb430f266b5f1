package io.kamaros.app.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.i18n.I18n;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A wrapping label asks for its whole text on one line as its preferred width; windows and dialogs sized by
 * {@link WindowPlacement} are as wide as their other controls need, their long sentences wrapped to a readable
 * line, and show every line. Texts are the app's longest explanations.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ReadableWidthTest {
    /** Wider than this, a window with a few buttons was sized by a sentence on one line. */
    private static final double NOT_BY_A_SENTENCE = 900;

    private @Nullable Window opened;

    @AfterEach
    void close(FxRobot robot) {
        Window w = opened;
        if (w != null) {
            robot.interact(w::hide);
        }
    }

    @Test
    void aToolWindowWithLongExplanationsIsAsWideAsItsControlsAndShowsEveryLine(FxRobot robot) {
        Label growth = wrapping(I18n.t("storage.growth.note"));
        Label hint = wrapping(I18n.t("projectSettings.retention.auto.hint"));
        Stage stage = showTool(robot, new VBox(10, growth, hint, new Button(I18n.t("button.close"))));
        assertThat(one(robot, stage::getWidth)).isLessThan(NOT_BY_A_SENTENCE);
        assertShowsAllItsLines(robot, growth);
        assertShowsAllItsLines(robot, hint);
    }

    @Test
    void aControlThatNeedsMoreThanAReadableLineStillWidensTheWindow(FxRobot robot) {
        TextField wide = new TextField();
        wide.setMinWidth(1000);
        Label hint = wrapping(I18n.t("projectSettings.retention.auto.hint"));
        Stage stage = showTool(robot, new VBox(10, hint, wide));
        assertThat(one(robot, stage::getWidth)).isGreaterThanOrEqualTo(1000);
        assertShowsAllItsLines(robot, hint);
    }

    @Test
    void aSentenceThatAppearsLaterWrapsInsteadOfWideningTheWindow(FxRobot robot) {
        VBox content = new VBox(10, new Label("Export"), new Button(I18n.t("button.close")));
        Stage stage = showTool(robot, content);
        double before = one(robot, stage::getWidth);
        Label result = wrapping(I18n.t("storage.growth.note"));
        robot.interact(() -> content.getChildren().add(result));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(one(robot, stage::getWidth)).isLessThan(Math.max(before, WindowPlacement.READING_WIDTH) + 60);
        assertShowsAllItsLines(robot, result);
    }

    @Test
    void aDialogWithALongHeaderAndExplanationOpensNarrowerThanItsSentences(FxRobot robot) {
        Alert[] alert = new Alert[1];
        robot.interact(() -> {
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, I18n.t("about.body"), ButtonType.OK, ButtonType.CANCEL);
            WindowPlacement.prepare(a, null);
            a.setHeaderText(I18n.t("welcome.tagline"));
            a.show();
            alert[0] = a;
            opened = a.getDialogPane().getScene().getWindow();
        });
        WaitForAsyncUtils.waitForFxEvents();
        Window window = alert[0].getDialogPane().getScene().getWindow();
        assertThat(one(robot, window::getWidth)).isLessThan(NOT_BY_A_SENTENCE);
        Label content = (Label) alert[0].getDialogPane().lookup(".content.label");
        assertShowsAllItsLines(robot, content);
    }

    private Stage showTool(FxRobot robot, VBox content) {
        Stage[] stage = new Stage[1];
        robot.interact(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(content));
            WindowPlacement.fitAndCentre(s);
            s.show();
            stage[0] = s;
            opened = s;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return stage[0];
    }

    private static Label wrapping(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }

    /** The label is as high as its text needs at its width: no line is cut to "…". */
    private static void assertShowsAllItsLines(FxRobot robot, Label label) {
        double needed = one(robot, () -> label.prefHeight(label.getWidth()));
        assertThat(one(robot, label::getHeight)).as(label.getText()).isGreaterThanOrEqualTo(needed - 0.5);
        assertThat(one(robot, label::getWidth)).isGreaterThan(200); // wrapped to a line, not to a column
    }

    private static double one(FxRobot robot, Callable<Double> read) {
        double[] v = new double[1];
        robot.interact(() -> {
            try {
                v[0] = read.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return v[0];
    }
}
