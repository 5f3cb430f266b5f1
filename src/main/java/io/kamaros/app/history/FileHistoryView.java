package io.kamaros.app.history;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.ChangeCells;
import io.kamaros.engine.model.FileHistoryEntry;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** Every version of one file; pick one or two to compare; restore the picked one. */
public final class FileHistoryView {
    private final BorderPane root = new BorderPane();
    private final ListView<FileHistoryEntry> list = new ListView<>();

    public FileHistoryView(FileHistoryViewModel vm, Consumer<FileHistoryEntry> restore) {
        root.getStyleClass().add("file-history");
        Label path = new Label();
        path.setId("history-path");
        path.getStyleClass().add("details-message");
        path.textProperty().bind(vm.pathProperty().map(p -> p == null ? I18n.t("history.title") : p)
                .orElse(I18n.t("history.title")));
        Label summary = new Label();
        summary.getStyleClass().add("version-meta");
        summary.textProperty().bind(vm.summaryProperty());
        Button restoreButton = new Button(I18n.t("history.restore"), new FontIcon("fth-rotate-ccw"));
        restoreButton.setId("history-restore");
        restoreButton.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip restoreTip = new Tooltip(I18n.t("history.restore.tooltip"));
        restoreButton.setTooltip(restoreTip);
        restoreButton.setDisable(true);
        // a disabled button shows no tooltip, so the reason sits in a wrapper that does
        Label restoreHolder = new Label(null, restoreButton);
        restoreHolder.setMinWidth(Region.USE_PREF_SIZE);
        list.getSelectionModel().getSelectedItems().addListener((ListChangeListener<FileHistoryEntry>) c -> {
            String blocked = vm.restoreBlockedReason(List.copyOf(list.getSelectionModel().getSelectedItems()));
            restoreButton.setDisable(blocked != null);
            restoreHolder.setTooltip(blocked == null ? null : new Tooltip(blocked));
        });
        restoreButton.setOnAction(e -> {
            List<FileHistoryEntry> picked = List.copyOf(list.getSelectionModel().getSelectedItems());
            if (vm.restoreBlockedReason(picked) == null) {
                restore.accept(picked.get(0));
            }
        });
        Label hint = new Label(I18n.t("history.hint"));
        hint.getStyleClass().add("version-meta");
        // wraps beside the button rather than ending in "…" where the pane is narrow (Polish is longer)
        hint.setWrapText(true);
        hint.setMinWidth(0);
        hint.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(hint, Priority.ALWAYS);
        HBox actions = new HBox(8, hint, restoreHolder);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(4, path, summary, actions);
        header.setPadding(new Insets(8, 10, 8, 10));
        header.getStyleClass().add("pane-header");

        list.setId("history-list");
        list.setItems(vm.getEntries());
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setFixedCellSize(48);
        Label empty = new Label();
        empty.textProperty().bind(vm.summaryProperty());
        empty.getStyleClass().add("empty-hint");
        list.setPlaceholder(empty);
        list.setCellFactory(ChangeCells.factory(e -> {
            Label msg = new Label(vm.message(e));
            msg.getStyleClass().add("version-message");
            msg.setMinWidth(0);
            Label meta = new Label(vm.describe(e));
            meta.getStyleClass().add("version-meta");
            meta.setMinWidth(0);
            return ChangeCells.row(e.changeType(), new VBox(2, msg, meta), null);
        }, e -> null));
        list.getSelectionModel().getSelectedItems().addListener((ListChangeListener<FileHistoryEntry>) c ->
                vm.compare(List.copyOf(list.getSelectionModel().getSelectedItems())));
        root.setTop(header);
        root.setCenter(list);
    }

    public Node node() {
        return root;
    }

    public ListView<FileHistoryEntry> list() {
        return list;
    }
}
