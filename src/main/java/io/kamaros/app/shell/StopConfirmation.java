package io.kamaros.app.shell;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.task.ProgressText;
import io.kamaros.app.task.TaskRunner;
import java.time.Duration;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Asks before work that has run a while is stopped (see {@link TaskRunner#stop}). "Keep going" is the
 * default and what Escape or closing the question means: a stray key never throws work away.
 */
final class StopConfirmation {
    private StopConfirmation() {
    }

    static boolean ask(Window owner, TaskRunner.EngineTask<?> task, Duration ranFor) {
        ButtonType stop = new ButtonType(I18n.t("stop.stop"), ButtonBar.ButtonData.OK_DONE);
        ButtonType keepGoing = new ButtonType(I18n.t("stop.keepGoing"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, I18n.t("stop.text", task.name(),
                ProgressText.duration(ranFor)), stop, keepGoing);
        alert.initOwner(owner);
        alert.setTitle(I18n.t("stop.title"));
        alert.setHeaderText(I18n.t("stop.header", task.name()));
        alert.getDialogPane().setId("stop-confirmation");
        ((Button) alert.getDialogPane().lookupButton(stop)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(keepGoing)).setDefaultButton(true);
        return alert.showAndWait().filter(b -> b == stop).isPresent();
    }
}
