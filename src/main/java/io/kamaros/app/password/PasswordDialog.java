package io.kamaros.app.password;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.PasswordRequest;
import io.kamaros.app.toolkit.DialogButtons;
import io.kamaros.app.toolkit.WindowPlacement;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * Asks for the password of an encrypted project or archive. OK tries it in the background without
 * closing: a wrong password is said here and the field is ready for the next try; the dialog closes
 * when the request is over (right password, another failure, Cancel). "Show" shows the typed text.
 * <p>JavaFX's PasswordField keeps its text as a String, which cannot be wiped; the field is cleared
 * right after each try so the text is dropped at once, and only a char[] goes to the engine.
 */
public final class PasswordDialog extends Dialog<ButtonType> {

    public PasswordDialog(PasswordRequest request, @Nullable Window owner) {
        WindowPlacement.prepare(this, owner);
        setTitle(I18n.t("password.title"));
        setHeaderText(I18n.t("password.header", request.what()));
        getDialogPane().setId("password-dialog");

        PasswordField hidden = new PasswordField();
        hidden.setId("password-field");
        hidden.setPromptText(I18n.t("password.prompt"));
        TextField shown = new TextField();
        shown.setId("password-shown");
        shown.textProperty().bindBidirectional(hidden.textProperty());
        CheckBox show = new CheckBox(I18n.t("password.show"));
        show.setId("password-show");
        hidden.visibleProperty().bind(show.selectedProperty().not());
        shown.visibleProperty().bind(show.selectedProperty());
        show.selectedProperty().addListener((o, was, now) -> (now ? shown : hidden).requestFocus());

        Label error = new Label();
        error.setId("password-error");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.textProperty().bind(request.errorProperty());
        error.managedProperty().bind(request.errorProperty().isNotEmpty());
        error.visibleProperty().bind(request.errorProperty().isNotEmpty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(request.busyProperty());

        HBox showRow = new HBox(10, show, busy);
        VBox box = new VBox(8, new StackPane(hidden, shown), showRow, error);
        box.setPadding(new Insets(10, 14, 4, 14));
        box.setPrefWidth(420);
        getDialogPane().setContent(box);

        ButtonType okType = DialogButtons.ok();
        ButtonType cancelType = DialogButtons.cancel();
        getDialogPane().getButtonTypes().addAll(okType, cancelType);
        Button ok = (Button) getDialogPane().lookupButton(okType);
        ok.setId("password-ok");
        ok.getStyleClass().add("accent");
        ok.disableProperty().bind(request.busyProperty().or(hidden.textProperty().isEmpty()));
        Button cancel = (Button) getDialogPane().lookupButton(cancelType);
        cancel.setId("password-cancel");
        cancel.disableProperty().bind(request.busyProperty());
        hidden.disableProperty().bind(request.busyProperty());
        shown.disableProperty().bind(request.busyProperty());
        // OK tries without closing; the dialog closes when the request is finished
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            char[] password = hidden.getText().toCharArray();
            hidden.clear();
            request.submit(password);
        });
        request.errorProperty().addListener((o, was, now) -> {
            // the dialog grows to show the message (a dialog keeps its first size by itself, cutting off its buttons)
            Platform.runLater(() -> {
                Window window = getDialogPane().getScene().getWindow();
                if (window != null) {
                    window.sizeToScene();
                }
            });
            if (!now.isEmpty()) {
                (show.isSelected() ? shown : hidden).requestFocus();
            }
        });
        request.finishedProperty().addListener((o, was, done) -> {
            if (done) {
                close();
            }
        });
        setOnCloseRequest(e -> {
            if (request.busyProperty().get()) {
                e.consume(); // a try is running: its answer comes back to this dialog
            }
        });
        setOnHidden(e -> request.cancel()); // Cancel, Esc or the window's ×; nothing when already finished
        setOnShown(e -> hidden.requestFocus());
    }
}
