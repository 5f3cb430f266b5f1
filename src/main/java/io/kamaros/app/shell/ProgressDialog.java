package io.kamaros.app.shell;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.DialogButtons;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * A dialog that follows a long operation (progress, what is happening, time left) with Cancel.
 * It appears only when the operation is still running after a moment, so quick saves do not flash.
 */
public final class ProgressDialog {
    private ProgressDialog() {
    }

    public static void showIfSlow(TaskRunner.EngineTask<?> task, Window owner, Duration after) {
        PauseTransition wait = new PauseTransition(after);
        wait.setOnFinished(e -> {
            if (!task.isDone()) {
                open(task, owner);
            }
        });
        wait.play();
    }

    public static Dialog<ButtonType> open(TaskRunner.EngineTask<?> task, Window owner) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(task.getTitle());
        d.setHeaderText(task.getTitle());
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(420);
        bar.progressProperty().bind(task.progressProperty());
        Label msg = new Label();
        msg.setWrapText(true);
        msg.textProperty().bind(task.messageProperty());
        VBox box = new VBox(10, bar, msg);
        box.setPadding(new Insets(6, 0, 0, 0));
        d.getDialogPane().setContent(box);
        d.getDialogPane().setId("progress-dialog");
        ButtonType cancel = DialogButtons.cancel();
        d.getDialogPane().getButtonTypes().add(cancel);
        d.setOnCloseRequest(e -> {
            if (!task.isDone()) {
                task.requestCancel();
            }
        });
        task.runningProperty().addListener((o, was, running) -> {
            if (!running) {
                d.close();
            }
        });
        if (!task.isDone()) {
            d.show();
        }
        return d;
    }
}
