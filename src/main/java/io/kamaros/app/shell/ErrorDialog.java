package io.kamaros.app.shell;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.task.ErrorMessages;
import io.kamaros.app.task.ErrorPresenter;
import io.kamaros.app.toolkit.WindowPlacement;
import io.kamaros.app.toolkit.DialogButtons;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Shows failures as a dialog: what happened, the engine's explanation, what to do. Never a stack trace. */
public final class ErrorDialog implements ErrorPresenter {
    private final Supplier<Window> owner;

    public ErrorDialog(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void present(String action, Throwable error) {
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(() -> present(action, error));
            return;
        }
        ErrorMessages.Described d = ErrorMessages.describe(error);
        Alert alert = DialogButtons.alert(Alert.AlertType.ERROR, "", DialogButtons.ok());
        alert.setTitle(I18n.t("error.title"));
        alert.setHeaderText(I18n.t("error.header", action, d.headline()));
        Label detail = new Label(d.detail());
        detail.setWrapText(true);
        Label todo = new Label(d.whatToDo());
        todo.setWrapText(true);
        todo.getStyleClass().add("error-todo");
        VBox box = new VBox(10, detail, todo);
        box.setPadding(new Insets(4, 0, 0, 0));
        box.setPrefWidth(480);
        alert.getDialogPane().setContent(box);
        alert.getDialogPane().setId("error-dialog");
        WindowPlacement.prepare(alert, owner.get());
        alert.show();
    }
}
