package io.kamaros.app.projectsettings;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.DialogButtons;
import io.kamaros.app.toolkit.WindowPlacement;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemoteTestResult;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Remotes tab: the list with Test and Remove…, and the form that adds one (checked as it is typed). */
final class RemotesPage {
    private RemotesPage() {
    }

    static Node build(RemotesViewModel vm) {
        ListView<RemoteConfig> list = new ListView<>(vm.remotes());
        list.setId("ps-remotes-list");
        list.setPrefHeight(110);
        list.setPlaceholder(Forms.hint(I18n.t("projectSettings.remotes.none")));
        list.setCellFactory(l -> new RemoteCell());
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b == null) {
                list.getSelectionModel().clearSelection();
            } else if (b != list.getSelectionModel().getSelectedItem()) {
                list.getSelectionModel().select(b);
            }
        });

        Button test = new Button(I18n.t("projectSettings.remotes.test"), new FontIcon("fth-activity"));
        test.setId("ps-remotes-test");
        test.disableProperty().bind(vm.canUseSelectedBinding().not());
        test.setOnAction(e -> vm.testSelected());
        Button remove = new Button(I18n.t("projectSettings.remotes.remove"), new FontIcon("fth-trash-2"));
        remove.setId("ps-remotes-remove");
        remove.disableProperty().bind(vm.canUseSelectedBinding().not());
        remove.setOnAction(e -> {
            RemoteConfig r = vm.selectedProperty().get();
            if (r != null && DialogButtons.isOk(removeConfirmation(r, remove).showAndWait().orElse(DialogButtons.cancel()))) {
                vm.removeSelected();
            }
        });
        Label result = new Label();
        result.setId("ps-remotes-test-result");
        result.setWrapText(true);
        result.setMinHeight(Label.USE_PREF_SIZE);
        result.textProperty().bind(vm.testTextProperty());
        vm.testStatusProperty().addListener((o, a, status) -> result.setGraphic(status == null ? null
                : new FontIcon(icon(status))));
        HBox actions = new HBox(8, test, remove, result);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(result, Priority.ALWAYS);

        VBox page = new VBox(10, Forms.section(I18n.t("projectSettings.remotes.title")), list, actions,
                Forms.note("ps-remotes-note", vm.noteProperty()), Forms.section(I18n.t("projectSettings.remotes.add.title")),
                addForm(vm), Forms.hint(I18n.t("projectSettings.remotes.credentials")));
        page.setPadding(new Insets(14));
        return page;
    }

    private static Node addForm(RemotesViewModel vm) {
        TextField name = RemoteFormPane.field("ps-remotes-name", I18n.t("projectSettings.remotes.name.prompt"));
        name.textProperty().bindBidirectional(vm.nameProperty());
        ValidationSupport validation = new ValidationSupport();
        RemoteFormPane.validate(validation, name, vm.nameProblemBinding());
        Label problem = RemoteFormPane.problemNote("ps-remotes-problem", vm.nameProblemBinding(),
                vm.locationProblemBinding(), vm.endpointProblemBinding());

        Button add = new Button(I18n.t("projectSettings.remotes.add"), new FontIcon("fth-plus"));
        add.setId("ps-remotes-add");
        add.setDefaultButton(true);
        add.disableProperty().bind(vm.canAddBinding().not());
        add.setOnAction(e -> vm.add());

        GridPane form = RemoteFormPane.grid();
        form.addRow(0, new Label(I18n.t("projectSettings.remotes.name")), name);
        int row = RemoteFormPane.addRows(form, 1, vm.form(), validation, "ps-remotes");
        HBox addRow = new HBox(10, add, problem);
        addRow.setAlignment(Pos.CENTER_LEFT);
        form.add(addRow, 1, row);
        return form;
    }

    private static String icon(RemoteTestResult.Status status) {
        return status == RemoteTestResult.Status.READY ? "fth-check-circle" : "fth-alert-triangle";
    }

    static Alert removeConfirmation(RemoteConfig remote, Node owner) {
        ButtonType removeButton = new ButtonType(I18n.t("projectSettings.remotes.remove.button"),
                ButtonBar.ButtonData.OK_DONE);
        Alert a = DialogButtons.alert(Alert.AlertType.CONFIRMATION, "", removeButton, DialogButtons.cancel());
        WindowPlacement.prepare(a, owner.getScene().getWindow());
        a.setTitle(I18n.t("projectSettings.remotes.remove.title"));
        a.setHeaderText(I18n.t("projectSettings.remotes.remove.header", remote.name()));
        Label what = new Label(I18n.t("projectSettings.remotes.remove.text", remote.url()));
        what.setWrapText(true);
        what.setPrefWidth(440);
        a.getDialogPane().setContent(what);
        a.getDialogPane().setId("remote-remove-confirmation");
        ((Button) a.getDialogPane().lookupButton(removeButton)).setId("remote-remove-confirm");
        return a;
    }

    /** "origin   s3://bucket/novel · http://127.0.0.1:9000" */
    static final class RemoteCell extends ListCell<RemoteConfig> {
        @Override
        protected void updateItem(RemoteConfig r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label name = new Label(r.name());
            name.getStyleClass().add("section-title");
            Label where = new Label(r.url() + (r.endpoint() == null ? "" : " · " + r.endpoint()));
            where.getStyleClass().add("tool-hint");
            HBox row = new HBox(12, name, where);
            row.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
        }
    }
}
