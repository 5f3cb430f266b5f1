package io.kamaros.app.details;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.i18n.TimeText;
import io.kamaros.app.i18n.VersionText;
import io.kamaros.app.task.ProgressText;
import io.kamaros.app.toolkit.ChangeCells;
import io.kamaros.app.tree.PathTree;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.Version;
import java.util.Objects;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import io.kamaros.app.toolkit.LazyTab;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.jspecify.annotations.Nullable;
import org.kordamp.ikonli.javafx.FontIcon;

/** The selected version: header, "compare with", its changes and its file tree. */
public final class VersionDetailsView {
    private final BorderPane root = new BorderPane();
    private final ListView<ChangeRow> changeList = new ListView<>();
    private final TabPane tabs = new TabPane();
    private final Tab changesTab;
    private final Tab filesTab;

    public VersionDetailsView(VersionDetailsViewModel vm, BiConsumer<String, Version> restoreFile) {
        root.getStyleClass().add("version-details");
        Label message = new Label();
        message.setId("details-message");
        message.getStyleClass().add("details-message");
        message.setWrapText(true);
        Label meta = new Label();
        meta.getStyleClass().add("version-meta");
        meta.setWrapText(true);
        vm.session().selectedVersionProperty().addListener((o, a, v) -> {
            message.setText(v == null ? I18n.t("details.noSelection") : VersionText.message(v));
            meta.setText(v == null ? "" : I18n.t("details.meta", v.shortId(), v.author(), TimeText.absolute(v.timestamp()),
                    v.tags().isEmpty() ? "" : " · " + String.join(", ", v.tags())));
        });
        message.setText(I18n.t("details.noSelection"));

        ComboBox<Version> compare = new ComboBox<>();
        compare.setId("compare-with");
        compare.setTooltip(new Tooltip(I18n.t("details.compare.tooltip")));
        compare.setMaxWidth(320);
        compare.setMinWidth(120);
        compare.setItems(vm.getCompareChoices());
        compare.setConverter(new StringConverter<>() {
            @Override
            public String toString(Version v) {
                return VersionLabels.longLabel(v);
            }

            @Override
            public @Nullable Version fromString(String s) {
                return null;
            }
        });
        compare.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(Version v, boolean empty) {
                super.updateItem(v, empty);
                setText(VersionLabels.longLabel(v));
            }
        });
        compare.valueProperty().bindBidirectional(vm.compareWithProperty());
        Label compareLabel = new Label(I18n.t("details.compare"));
        compareLabel.setMinWidth(Region.USE_PREF_SIZE); // whole; the list beside it gives way where the pane is narrow
        HBox compareRow = new HBox(8, compareLabel, compare);
        compareRow.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(4, message, meta, compareRow);
        header.setPadding(new Insets(8, 10, 8, 10));
        header.getStyleClass().add("pane-header");

        changeList.setId("change-list");
        changeList.setItems(vm.getChanges());
        Label none = new Label();
        none.textProperty().bind(vm.changesSummaryProperty());
        none.getStyleClass().add("empty-hint");
        changeList.setPlaceholder(none);
        changeList.setCellFactory(ChangeCells.factory(
                r -> ChangeCells.row(r.type(), r.previousPath() != null ? r.previousPath() + " → " + r.path() : r.path(),
                        ChangeCells.sizes(r.type(), r.sizeBefore(), r.sizeAfter())),
                r -> {
                    Version v = vm.session().selectedVersionProperty().get();
                    if (r.type() == ChangeType.DELETED || v == null) {
                        return null;
                    }
                    MenuItem restore = new MenuItem(I18n.t("details.restoreFile"), new FontIcon("fth-rotate-ccw"));
                    restore.setOnAction(e -> restoreFile.accept(r.path(), v));
                    return new ContextMenu(restore);
                }));
        changeList.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> vm.selectChange(r));

        TreeView<PathTree.Node<FileInfo>> fileTree = new TreeView<>();
        fileTree.setId("version-files");
        fileTree.setShowRoot(false);
        fileTree.setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(PathTree.Node<FileInfo> n, boolean empty) {
                super.updateItem(n, empty);
                if (empty || n == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(n.folder() ? n.name() : n.name() + "  ·  " + ProgressText.bytes(
                        Objects.requireNonNull(n.item(), "a file node has its file").size()));
                setGraphic(new FontIcon(n.folder() ? "fth-folder" : "fth-file"));
            }
        });
        vm.getFiles().addListener((ListChangeListener<FileInfo>) c ->
                fileTree.setRoot(PathTree.build("", vm.getFiles(), FileInfo::path, true)));
        fileTree.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            if (item != null && !item.getValue().folder()) {
                vm.selectFile(item.getValue().path());
            }
        });

        changesTab = new Tab(I18n.t("details.tab.changes"), changeList);
        changesTab.setGraphic(new FontIcon("fth-list"));
        changesTab.textProperty().bind(Bindings.createStringBinding(() -> I18n.t("details.tab.changes.count",
                vm.getChanges().size()), vm.getChanges()));
        filesTab = LazyTab.of(I18n.t("details.tab.files"), fileTree);
        filesTab.setGraphic(new FontIcon("fth-folder"));
        tabs.getTabs().addAll(changesTab, filesTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.setTop(header);
        root.setCenter(tabs);
    }

    public Node node() {
        return root;
    }

    public ListView<ChangeRow> changeList() {
        return changeList;
    }
}
