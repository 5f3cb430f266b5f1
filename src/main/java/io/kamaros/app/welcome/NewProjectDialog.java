package io.kamaros.app.welcome;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.password.NewPassword;
import io.kamaros.app.password.NewPasswordPane;
import io.kamaros.app.toolkit.DialogButtons;
import io.kamaros.app.toolkit.WindowPlacement;
import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * The question before a new project is made: a new empty folder (its name) or a folder tracked in
 * place (what happens to it), both with the choice to encrypt the history with a password.
 */
public final class NewProjectDialog extends Dialog<ButtonType> {
    /** What the person chose: the folder name (tracking: the folder's own) and the password, or null. */
    public record Choice(String name, char @Nullable [] password) {
    }

    private final NewPassword password = new NewPassword();
    private final @Nullable TextField name;
    private final String fixedName;

    private NewProjectDialog(@Nullable Window owner, String title, String header, @Nullable TextField name,
                             @Nullable String body, String fixedName) {
        this.name = name;
        this.fixedName = fixedName;
        WindowPlacement.prepare(this, owner);
        setTitle(title);
        setHeaderText(header);
        getDialogPane().setId("new-project-dialog");
        VBox box = new VBox(10);
        if (name != null) {
            name.setId("new-project-name");
            box.getChildren().addAll(new Label(I18n.t("dialog.newEmpty.name")), name);
        }
        if (body != null) {
            Label text = new Label(body);
            text.setWrapText(true);
            text.setMinHeight(Region.USE_PREF_SIZE);
            box.getChildren().add(text);
        }
        box.getChildren().addAll(new Separator(), new NewPasswordPane(password).node());
        box.setPadding(new Insets(10, 14, 4, 14));
        box.setPrefWidth(480);
        getDialogPane().setContent(box);

        ButtonType okType = DialogButtons.ok();
        getDialogPane().getButtonTypes().addAll(okType, DialogButtons.cancel());
        Button ok = (Button) getDialogPane().lookupButton(okType);
        ok.setId("new-project-ok");
        ok.getStyleClass().add("accent");
        ok.disableProperty().bind(name == null ? password.readyBinding().not()
                : password.readyBinding().not().or(name.textProperty().isEmpty()));
        // the password part grows the dialog when it is switched on (a dialog keeps its first size by itself)
        password.encryptProperty().addListener((o, was, on) -> {
            Window w = getDialogPane().getScene() == null ? null : getDialogPane().getScene().getWindow();
            if (w != null) {
                w.sizeToScene();
            }
        });
        setOnShown(e -> (name != null ? name : ok).requestFocus());
    }

    /** A new empty project in {@code parent}: asks its name. */
    public static NewProjectDialog newEmpty(Path parent, @Nullable Window owner) {
        return new NewProjectDialog(owner, I18n.t("dialog.newEmpty.title"), I18n.t("dialog.newEmpty.header", parent),
                new TextField(I18n.t("dialog.newEmpty.defaultName")), null, "");
    }

    /** Tracking {@code folder} in place: says what happens to its files. */
    public static NewProjectDialog track(Path folder, @Nullable Window owner) {
        String shown = String.valueOf(folder.getFileName());
        return new NewProjectDialog(owner, I18n.t("dialog.track.title"), I18n.t("dialog.track.header", shown),
                null, I18n.t("dialog.track.body", folder), shown);
    }

    /** The model of the password part (for tests and the screen walk). */
    public NewPassword password() {
        return password;
    }

    /** Shows the dialog and waits; empty when cancelled. */
    public Optional<Choice> ask() {
        return showAndWait().filter(DialogButtons::isOk).map(b -> new Choice(
                name == null ? fixedName : name.getText().strip(), password.take()));
    }
}
