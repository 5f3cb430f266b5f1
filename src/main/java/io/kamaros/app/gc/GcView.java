package io.kamaros.app.gc;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.ToolWindow;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The garbage collection window: 1. look (dry run), 2. confirm and clean up, then what was freed. */
public final class GcView {
    private final GcViewModel vm;
    private final BorderPane root = new BorderPane();

    public GcView(GcViewModel vm) {
        this.vm = vm;
        build();
    }

    public Parent node() {
        return root;
    }

    private void build() {
        Button preview = new Button(I18n.t("gc.preview"), new FontIcon("fth-search"));
        preview.setId("gc-preview");
        preview.setDefaultButton(true);
        preview.disableProperty().bind(vm.canPreviewBinding().not());
        preview.setOnAction(e -> vm.preview());

        Label previewText = new Label();
        previewText.setId("gc-preview-text");
        previewText.setWrapText(true);
        previewText.getStyleClass().add("gc-figure");
        previewText.textProperty().bind(vm.previewTextProperty());
        Label safe = new Label(I18n.t("gc.safe"));
        safe.setWrapText(true);
        safe.getStyleClass().add("tool-hint");
        Button collect = new Button(I18n.t("gc.run"), new FontIcon("fth-trash-2"));
        collect.setId("gc-run");
        collect.getStyleClass().add("danger");
        collect.disableProperty().bind(vm.canCollectBinding().not());
        collect.setOnAction(e -> vm.collect());
        VBox previewCard = new VBox(10, previewText, safe, collect);
        previewCard.setId("gc-preview-card");
        previewCard.getStyleClass().add("tool-card");
        previewCard.visibleProperty().bind(vm.previewTextProperty().isNotEmpty());
        previewCard.managedProperty().bind(previewCard.visibleProperty());

        FontIcon done = new FontIcon("fth-check-circle");
        done.getStyleClass().add("gc-done-icon");
        Label resultText = new Label();
        resultText.setId("gc-result");
        resultText.setWrapText(true);
        resultText.getStyleClass().add("gc-figure");
        resultText.textProperty().bind(vm.resultTextProperty());
        HBox resultCard = new HBox(10, done, resultText);
        resultCard.setAlignment(Pos.CENTER_LEFT);
        resultCard.getStyleClass().addAll("tool-card", "tool-card-success");
        resultCard.visibleProperty().bind(vm.resultTextProperty().isNotEmpty());
        resultCard.managedProperty().bind(resultCard.visibleProperty());

        Label step1 = new Label(I18n.t("gc.step1"));
        step1.getStyleClass().add("section-title");
        Label step2 = new Label(I18n.t("gc.step2"));
        step2.getStyleClass().add("section-title");
        step2.visibleProperty().bind(previewCard.visibleProperty());
        step2.managedProperty().bind(previewCard.visibleProperty());
        VBox content = new VBox(12, ToolWindow.header(I18n.t("gc.title"), I18n.t("gc.explanation")),
                step1, new HBox(8, preview), ToolWindow.progressRow(vm.task()), step2, previewCard, resultCard);
        content.setPadding(new Insets(16));
        root.setCenter(content);
    }
}
