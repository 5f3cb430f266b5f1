package io.kamaros.app.transfer;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.ToolWindow;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Control;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Import window: which .jcf file, where the new project folder goes, progress with Cancel. */
public final class ImportView {
    private final ImportViewModel vm;
    private final BorderPane root = new BorderPane();

    public ImportView(ImportViewModel vm) {
        this.vm = vm;
        build();
    }

    public Parent node() {
        return root;
    }

    private void build() {
        TextField source = readOnly("import-file", I18n.t("import.file.prompt"));
        source.textProperty().bind(Bindings.createStringBinding(() -> vm.sourceProperty().get() == null ? ""
                : vm.sourceProperty().get().toString(), vm.sourceProperty()));
        Button chooseSource = new Button(I18n.t("import.file.choose"), new FontIcon("fth-package"));
        chooseSource.setId("import-choose-file");
        chooseSource.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(I18n.t("import.file.choose"));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(I18n.t("dialog.openJcf.filter"), "*.jcf"));
            File f = chooser.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                vm.sourceProperty().set(f.toPath());
            }
        });

        TextField parent = readOnly("import-parent", I18n.t("import.parent.prompt"));
        parent.textProperty().bind(Bindings.createStringBinding(() -> vm.parentFolderProperty().get() == null ? ""
                : vm.parentFolderProperty().get().toString(), vm.parentFolderProperty()));
        Button chooseParent = new Button(I18n.t("import.parent.choose"), new FontIcon("fth-folder"));
        chooseParent.setId("import-choose-parent");
        chooseParent.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(I18n.t("import.parent.choose"));
            File f = chooser.showDialog(root.getScene().getWindow());
            if (f != null) {
                vm.parentFolderProperty().set(f.toPath());
            }
        });
        TextField name = new TextField();
        name.setId("import-name");
        name.textProperty().bindBidirectional(vm.folderNameProperty());
        ValidationSupport validation = new ValidationSupport();
        validation.registerValidator(name, false, (Control c, String text) -> ValidationResult.fromErrorIf(c,
                I18n.t("import.name.invalid"), !ImportViewModel.validName(text)));
        Label target = ExportView.hint("");
        target.setId("import-target");
        target.textProperty().bind(Bindings.createStringBinding(() -> vm.targetFolderBinding().get() == null
                ? I18n.t("import.target.incomplete") : I18n.t("import.target", vm.targetFolderBinding().get()),
                vm.targetFolderBinding()));

        Button start = new Button(I18n.t("import.start"), new FontIcon("fth-download"));
        start.setId("import-start");
        start.setDefaultButton(true);
        start.disableProperty().bind(vm.canImportBinding().not());
        start.setOnAction(e -> vm.importArchive());
        Label summary = new Label();
        summary.setId("import-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add("tool-result");
        summary.textProperty().bind(vm.summaryProperty());
        summary.visibleProperty().bind(vm.summaryProperty().isNotEmpty());

        VBox content = new VBox(12,
                ToolWindow.header(I18n.t("import.title"), I18n.t("import.explanation")),
                ExportView.section(I18n.t("import.file")), row(source, chooseSource),
                ExportView.section(I18n.t("import.parent")), row(parent, chooseParent),
                ExportView.section(I18n.t("import.name")), name, target,
                new HBox(8, start), ToolWindow.progressRow(vm.task()), summary);
        content.setPadding(new Insets(16));
        root.setCenter(content);
    }

    private static TextField readOnly(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setEditable(false);
        f.setPromptText(prompt);
        HBox.setHgrow(f, Priority.ALWAYS);
        return f;
    }

    private static HBox row(Node field, Button button) {
        HBox row = new HBox(8, field, button);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
