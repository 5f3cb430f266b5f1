package io.kamaros.app.sync;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.projectsettings.RemoteFormPane;
import io.kamaros.app.toolkit.DialogButtons;
import io.kamaros.app.toolkit.WindowPlacement;
import java.io.File;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.controlsfx.validation.ValidationSupport;

/**
 * The Open from remote… dialog: the remote (the Remotes page's fields), the new folder, and the password once the
 * remote turned out to hold an encrypted project. Open starts the clone (progress and Cancel in the status bar); a
 * remote that needs a password brings the dialog back with the password field.
 */
public final class OpenFromRemoteDialog {
    private OpenFromRemoteDialog() {
    }

    /** Shows the dialog; Open clones in the background. It shows again when the clone needs the password. */
    public static void show(OpenFromRemoteViewModel vm, Window owner) {
        vm.problemProperty().addListener(new ChangeListener<String>() {
            @Override
            public void changed(ObservableValue<? extends String> o, String was, String now) {
                if (!now.isEmpty() && vm.passwordNeededProperty().get()) {
                    o.removeListener(this); // the next showing listens again
                    Platform.runLater(() -> show(vm, owner));
                } else if (!now.isEmpty()) {
                    o.removeListener(this); // another failure: the error dialog says it
                }
            }
        });
        build(vm, owner).showAndWait().filter(DialogButtons::isOk).ifPresent(b -> vm.cloneNow());
    }

    /** The dialog, not shown (the screens walk shows it). */
    public static Dialog<ButtonType> build(OpenFromRemoteViewModel vm, Window owner) {
        ValidationSupport validation = new ValidationSupport();
        GridPane grid = RemoteFormPane.grid();
        int row = RemoteFormPane.addRows(grid, 0, vm.form(), validation, "clone");

        TextField folder = RemoteFormPane.field("clone-folder", I18n.t("clone.folder.prompt"));
        folder.textProperty().bindBidirectional(vm.folderProperty());
        RemoteFormPane.validate(validation, folder, vm.folderProblemBinding());
        Button browse = new Button(I18n.t("projectSettings.remotes.browse"));
        browse.setId("clone-folder-browse");
        browse.setMinWidth(Button.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(I18n.t("clone.folder.browse.title"));
            File chosen = chooser.showDialog(browse.getScene().getWindow());
            if (chosen != null) {
                vm.folderProperty().set(chosen.getAbsolutePath());
            }
        });
        HBox folderRow = new HBox(8, folder, browse);
        HBox.setHgrow(folder, Priority.ALWAYS);
        grid.addRow(row++, new Label(I18n.t("clone.folder")), folderRow);

        PasswordField password = new PasswordField();
        password.setId("clone-password");
        password.setPromptText(I18n.t("clone.password.prompt"));
        password.textProperty().bindBidirectional(vm.passwordProperty());
        Label passwordLabel = new Label(I18n.t("clone.password"));
        grid.addRow(row++, passwordLabel, password);
        for (Node n : new Node[] {password, passwordLabel}) {
            n.visibleProperty().bind(vm.passwordNeededProperty());
            n.managedProperty().bind(vm.passwordNeededProperty());
        }
        Label problem = RemoteFormPane.problemNote("clone-problem", Bindings.createStringBinding(
                vm.problemProperty()::get, vm.problemProperty()), vm.form().locationProblemBinding(),
                vm.form().endpointProblemBinding(), vm.folderProblemBinding());
        problem.setMaxWidth(560);
        grid.add(problem, 1, row);

        Label intro = new Label(I18n.t("clone.intro"));
        intro.setWrapText(true);
        intro.setMaxWidth(600);
        intro.setMinHeight(Label.USE_PREF_SIZE);
        VBox content = new VBox(12, intro, grid);
        content.setPrefWidth(640);

        ButtonType open = new ButtonType(I18n.t("clone.open"), ButtonBar.ButtonData.OK_DONE);
        Dialog<ButtonType> dialog = new Dialog<>();
        WindowPlacement.prepare(dialog, owner);
        dialog.setTitle(I18n.t("clone.title"));
        dialog.setHeaderText(I18n.t("clone.header"));
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(open, DialogButtons.cancel());
        dialog.getDialogPane().setId("open-from-remote-dialog");
        Button openButton = (Button) dialog.getDialogPane().lookupButton(open);
        openButton.setId("clone-open");
        openButton.disableProperty().bind(vm.canCloneBinding().not());
        openButton.addEventFilter(ActionEvent.ACTION, e -> {
            if (!vm.canCloneBinding().get()) {
                e.consume();
            }
        });
        return dialog;
    }
}
