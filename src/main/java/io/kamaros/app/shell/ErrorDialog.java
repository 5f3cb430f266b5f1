package io.kamaros.app.shell;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.task.ErrorMessages;
import io.kamaros.app.task.ErrorPresenter;
import io.kamaros.app.toolkit.WindowPlacement;
import io.kamaros.app.toolkit.DialogButtons;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Hyperlink;
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
        detail.setId("error-detail");
        Label todo = new Label(d.whatToDo());
        todo.setWrapText(true);
        todo.getStyleClass().add("error-todo");
        VBox box = new VBox(10, todo);
        if (!d.detail().isEmpty() && !Locale.ENGLISH.getLanguage().equals(I18n.locale().getLanguage())) {
            // the engine's and the system's explanations are English: in another language they wait behind a link
            Hyperlink more = new Hyperlink(I18n.t("error.detail.show"));
            more.setId("error-detail-show");
            detail.setVisible(false);
            detail.managedProperty().bind(detail.visibleProperty());
            more.setOnAction(e -> {
                detail.setVisible(!detail.isVisible());
                more.setText(I18n.t(detail.isVisible() ? "error.detail.hide" : "error.detail.show"));
                alert.getDialogPane().getScene().getWindow().sizeToScene();
            });
            box.getChildren().addAll(more, detail);
        } else {
            box.getChildren().add(0, detail);
        }
        box.setPadding(new Insets(4, 0, 0, 0));
        box.setPrefWidth(480);
        alert.getDialogPane().setContent(box);
        alert.getDialogPane().setId("error-dialog");
        WindowPlacement.prepare(alert, owner.get());
        alert.show();
    }
}
