package io.kamaros.app.password;

import io.kamaros.app.i18n.I18n;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The "Encrypt with a password" part of a new-project dialog: a switch; when on, the password twice,
 * its strength, what is missing, and the plain warning that a lost password means a lost history.
 */
public final class NewPasswordPane {
    private final VBox root;

    public NewPasswordPane(NewPassword vm) {
        CheckBox encrypt = new CheckBox(I18n.t("newProject.encrypt"));
        encrypt.setId("new-project-encrypt");
        encrypt.selectedProperty().bindBidirectional(vm.encryptProperty());
        Label hint = wrapped(I18n.t("newProject.encrypt.hint"));
        hint.getStyleClass().add("hint");

        PasswordField password = new PasswordField();
        password.setId("new-project-password");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        PasswordField repeat = new PasswordField();
        repeat.setId("new-project-repeat");
        repeat.textProperty().bindBidirectional(vm.repeatProperty());
        GridPane fields = new GridPane();
        fields.setHgap(10);
        fields.setVgap(6);
        fields.addRow(0, new Label(I18n.t("newProject.password")), password);
        fields.addRow(1, new Label(I18n.t("newProject.repeat")), repeat);
        GridPane.setHgrow(password, Priority.ALWAYS);
        GridPane.setHgrow(repeat, Priority.ALWAYS);

        Label strength = wrapped("");
        strength.setId("new-project-strength");
        strength.textProperty().bind(vm.strengthBinding());
        Label problem = wrapped("");
        problem.setId("new-project-problem");
        problem.getStyleClass().add("danger");
        problem.textProperty().bind(vm.problemBinding());
        Label warning = wrapped(I18n.t("newProject.warning"));
        warning.setId("new-project-warning");
        warning.getStyleClass().add("warning");

        VBox details = new VBox(6, fields, strength, problem, warning);
        for (Node n : new Node[] {details, strength, problem}) {
            n.managedProperty().bind(n.visibleProperty());
        }
        details.visibleProperty().bind(vm.encryptProperty());
        strength.visibleProperty().bind(vm.strengthBinding().isNotEmpty());
        problem.visibleProperty().bind(vm.problemBinding().isNotEmpty().and(vm.passwordProperty().isNotEmpty()));
        encrypt.selectedProperty().addListener((o, was, on) -> {
            if (on) {
                password.requestFocus();
            }
        });
        root = new VBox(6, encrypt, hint, details);
        root.setId("new-project-encryption");
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    public Node node() {
        return root;
    }
}
