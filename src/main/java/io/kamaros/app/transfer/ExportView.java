package io.kamaros.app.transfer;

import io.kamaros.app.details.VersionLabels;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.ToolWindow;
import io.kamaros.engine.model.Version;
import java.io.File;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Export window: where to, whole history or one version, progress with Cancel, what was written. */
public final class ExportView {
    private final ExportViewModel vm;
    private final BorderPane root = new BorderPane();

    public ExportView(ExportViewModel vm) {
        this.vm = vm;
        build();
    }

    public Parent node() {
        return root;
    }

    private void build() {
        TextField file = new TextField();
        file.setId("export-file");
        file.setPromptText(I18n.t("export.file.required"));
        file.textProperty().bindBidirectional(vm.targetTextProperty());
        HBox.setHgrow(file, Priority.ALWAYS);
        ValidationSupport validation = new ValidationSupport();
        validation.registerValidator(file, false, (Control c, String text) -> ValidationResult.fromErrorIf(c,
                vm.targetProblemBinding().get(), !vm.targetProblemBinding().get().isEmpty()));
        Button choose = new Button(I18n.t("export.file.browse"), new FontIcon("fth-folder"));
        choose.setId("export-choose");
        choose.setOnAction(e -> chooseFile(root.getScene().getWindow()));
        HBox fileRow = new HBox(8, file, choose);
        fileRow.setAlignment(Pos.CENTER_LEFT);

        ToggleGroup group = new ToggleGroup();
        RadioButton whole = new RadioButton(I18n.t("export.scope.whole"));
        whole.setId("export-whole");
        whole.setToggleGroup(group);
        whole.setUserData(ExportViewModel.Scope.WHOLE_HISTORY);
        RadioButton one = new RadioButton(I18n.t("export.scope.one"));
        one.setId("export-one");
        one.setToggleGroup(group);
        one.setUserData(ExportViewModel.Scope.ONE_VERSION);
        group.selectToggle(vm.scopeProperty().get() == ExportViewModel.Scope.WHOLE_HISTORY ? whole : one);
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.scopeProperty().set((ExportViewModel.Scope) b.getUserData());
            }
        });
        Label wholeHint = hint(I18n.t("export.scope.whole.hint"));
        ComboBox<Version> versions = new ComboBox<>(vm.getVersions());
        versions.setId("export-version");
        versions.valueProperty().bindBidirectional(vm.versionProperty());
        versions.setMaxWidth(Double.MAX_VALUE);
        versions.setCellFactory(l -> new VersionCell());
        versions.setButtonCell(new VersionCell());
        versions.disableProperty().bind(one.selectedProperty().not());
        Label oneHint = hint(I18n.t("export.scope.one.hint"));
        VBox scope = new VBox(6, whole, indent(wholeHint), one, indent(versions), indent(oneHint));

        Button export = new Button(I18n.t("export.start"), new FontIcon("fth-upload"));
        export.setId("export-start");
        export.setDefaultButton(true);
        export.disableProperty().bind(vm.canExportBinding().not());
        export.setOnAction(e -> vm.export());
        Label summary = new Label();
        summary.setId("export-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add("tool-result");
        summary.textProperty().bind(vm.summaryProperty());
        summary.visibleProperty().bind(vm.summaryProperty().isNotEmpty());

        VBox content = new VBox(12,
                ToolWindow.header(I18n.t("export.title"), I18n.t("export.explanation")),
                section(I18n.t("export.file")), fileRow,
                section(I18n.t("export.scope")), scope,
                new HBox(8, export), ToolWindow.progressRow(vm.task()), summary);
        content.setPadding(new Insets(16));
        root.setCenter(content);
    }

    private void chooseFile(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(I18n.t("export.file.choose"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(I18n.t("dialog.openJcf.filter"), "*.jcf"));
        chooser.setInitialFileName(vm.suggestedFileName());
        Path current = vm.targetProperty().get();
        if (current != null && current.getParent() != null && current.getParent().toFile().isDirectory()) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        File f = chooser.showSaveDialog(owner);
        if (f != null) {
            vm.targetProperty().set(f.toPath());
        }
    }

    static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("tool-hint");
        l.setWrapText(true);
        return l;
    }

    static Node indent(Node n) {
        VBox.setMargin(n, new Insets(0, 0, 0, 26));
        return n;
    }

    /** A version as "3f2a1b9c · message · 3 days ago". */
    static final class VersionCell extends ListCell<Version> {
        @Override
        protected void updateItem(Version v, boolean empty) {
            super.updateItem(v, empty);
            setText(empty || v == null ? null : VersionLabels.longLabel(v));
        }
    }
}
