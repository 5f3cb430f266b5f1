package io.kamaros.app.tree;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.task.ProgressText;
import io.kamaros.app.toolkit.ChangeBadge;
import io.kamaros.engine.model.ChangeType;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.BreadCrumbBar;
import org.kordamp.ikonli.javafx.FontIcon;

/** The working copy: a tree with change badges, a filter, drops from the desktop, a context menu. */
public final class FileTreeView {
    private final BorderPane root = new BorderPane();
    private final FileTreeViewModel vm;
    private final TreeView<PathTree.Node<FileEntry>> tree = new TreeView<>();

    /** What the context menu asks others to do. */
    public record Actions(Consumer<String> showHistory, Consumer<String> restoreFromVersion, Consumer<Path> reveal) {
    }

    public FileTreeView(FileTreeViewModel vm, Actions actions) {
        this.vm = vm;
        root.getStyleClass().add("file-tree");
        Label title = new Label(I18n.t("tree.title"), new FontIcon("fth-folder"));
        title.getStyleClass().add("pane-title");
        TextField filter = new TextField();
        filter.setId("tree-filter");
        filter.setPromptText(I18n.t("tree.filter.prompt"));
        filter.textProperty().bindBidirectional(vm.filterProperty());
        VBox header = new VBox(6, title, filter);
        header.setPadding(new Insets(6, 8, 6, 10));
        header.getStyleClass().add("pane-header");

        tree.setId("file-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new EntryCell(actions));
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            if (item != null && !item.getValue().folder()) {
                vm.showHistory(item.getValue().path());
            }
        });
        vm.getVisibleFiles().addListener((ListChangeListener<FileEntry>) c -> rebuild());

        Label dropHint = new Label(I18n.t("tree.dropHint"), new FontIcon("fth-download"));
        dropHint.getStyleClass().add("drop-hint");
        dropHint.setWrapText(true);
        dropHint.setPadding(new Insets(6, 10, 6, 10));

        // where the picked file or folder is; a click on a folder above it goes there
        BreadCrumbBar<PathTree.Node<FileEntry>> crumbs = new BreadCrumbBar<>();
        crumbs.setId("tree-crumbs");
        crumbs.getStyleClass().add("tree-crumbs");
        crumbs.setAutoNavigationEnabled(false);
        crumbs.setCrumbFactory(item -> item.getParent() == null
                ? new BreadCrumbBar.BreadCrumbButton("", new FontIcon("fth-home"))
                : new BreadCrumbBar.BreadCrumbButton(item.getValue().name()));
        crumbs.selectedCrumbProperty().bind(tree.getSelectionModel().selectedItemProperty());
        crumbs.setOnCrumbAction(e -> {
            tree.getSelectionModel().select(e.getSelectedCrumb());
            e.getSelectedCrumb().setExpanded(true);
        });
        ScrollPane crumbScroll = new ScrollPane(crumbs);
        crumbScroll.setId("tree-crumbs-scroll");
        crumbScroll.getStyleClass().add("tree-crumbs-scroll");
        crumbScroll.setFitToHeight(true);
        crumbScroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        crumbScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        crumbScroll.visibleProperty().bind(tree.getSelectionModel().selectedItemProperty().isNotNull());
        crumbScroll.managedProperty().bind(crumbScroll.visibleProperty());
        crumbs.widthProperty().addListener((o, a, b) -> crumbScroll.setHvalue(1)); // the file's own name stays in view

        root.setTop(header);
        root.setCenter(tree);
        root.setBottom(new VBox(crumbScroll, dropHint));
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && vm.session().isOpen()) {
                e.acceptTransferModes(TransferMode.COPY);
                root.getStyleClass().add("drop-target");
            }
            e.consume();
        });
        root.setOnDragExited(e -> root.getStyleClass().remove("drop-target"));
        root.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                List<Path> paths = e.getDragboard().getFiles().stream().map(File::toPath).toList();
                vm.addDropped(paths, selectedFolder());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private String selectedFolder() {
        var item = tree.getSelectionModel().getSelectedItem();
        if (item == null) {
            return "";
        }
        PathTree.Node<FileEntry> n = item.getValue();
        if (n.folder()) {
            return n.path();
        }
        int slash = n.path().lastIndexOf('/');
        return slash < 0 ? "" : n.path().substring(0, slash);
    }

    private void rebuild() {
        String selected = tree.getSelectionModel().getSelectedItem() == null ? null
                : tree.getSelectionModel().getSelectedItem().getValue().path();
        boolean filtered = !vm.filterProperty().get().isBlank();
        tree.setRoot(PathTree.build("", vm.getVisibleFiles(), FileEntry::path, true));
        if (selected != null) {
            for (int i = 0; i < tree.getExpandedItemCount(); i++) {
                var item = tree.getTreeItem(i);
                if (item != null && item.getValue().path().equals(selected)) {
                    tree.getSelectionModel().select(i);
                    break;
                }
            }
        }
        if (filtered) {
            tree.getRoot().setExpanded(true);
        }
    }

    public Node node() {
        return root;
    }

    public TreeView<PathTree.Node<FileEntry>> tree() {
        return tree;
    }

    private final class EntryCell extends TreeCell<PathTree.Node<FileEntry>> {
        private final Actions actions;

        EntryCell(Actions actions) {
            this.actions = actions;
        }

        @Override
        protected void updateItem(PathTree.Node<FileEntry> n, boolean empty) {
            super.updateItem(n, empty);
            getStyleClass().removeAll("change-deleted");
            if (empty || n == null) {
                setText(null);
                setGraphic(null);
                setContextMenu(null);
                setTooltip(null);
                return;
            }
            FontIcon icon = new FontIcon(n.folder() ? "fth-folder" : iconFor(n.name()));
            icon.getStyleClass().add(n.folder() ? "folder-icon" : "file-icon");
            Label name = new Label(n.name());
            name.setMinWidth(0);
            HBox box = new HBox(6, icon, name);
            box.setAlignment(Pos.CENTER_LEFT);
            FileEntry e = n.item();
            String tip = n.path();
            if (e != null) {
                if (e.change() != null) {
                    Region grow = new Region();
                    HBox.setHgrow(grow, Priority.ALWAYS);
                    Label badge = ChangeBadge.of(e.change());
                    box.getChildren().addAll(grow, badge);
                    tip = tip + "\n" + I18n.t("change." + e.change().jsonName() + ".long")
                            + (e.previousPath() != null ? "\n" + I18n.t("tree.renamedFrom", e.previousPath()) : "");
                    if (e.change() == ChangeType.DELETED) {
                        getStyleClass().add("change-deleted");
                    }
                } else {
                    tip = tip + " — " + ProgressText.bytes(e.size());
                }
            }
            setText(null);
            setGraphic(box);
            setTooltip(new Tooltip(tip));
            setContextMenu(menu(n));
        }

        private ContextMenu menu(PathTree.Node<FileEntry> n) {
            MenuItem history = new MenuItem(I18n.t("tree.menu.history"), new FontIcon("fth-clock"));
            history.setOnAction(a -> actions.showHistory().accept(n.path()));
            MenuItem restore = new MenuItem(I18n.t("tree.menu.restore"), new FontIcon("fth-rotate-ccw"));
            restore.setOnAction(a -> actions.restoreFromVersion().accept(n.path()));
            MenuItem reveal = new MenuItem(I18n.t("tree.menu.reveal"), new FontIcon("fth-external-link"));
            reveal.setOnAction(a -> actions.reveal().accept(vm.absolutePath(n.path())));
            MenuItem remove = new MenuItem(I18n.t("tree.menu.remove"), new FontIcon("fth-trash-2"));
            remove.setOnAction(a -> confirmRemove(n));
            history.setDisable(n.folder());
            restore.setDisable(n.folder());
            boolean deleted = n.item() != null && n.item().change() == ChangeType.DELETED;
            remove.setDisable(deleted);
            reveal.setDisable(deleted);
            return new ContextMenu(history, restore, reveal, remove);
        }

        private void confirmRemove(PathTree.Node<FileEntry> n) {
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, I18n.t("tree.remove.body"), ButtonType.OK, ButtonType.CANCEL);
            a.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
            a.setTitle(I18n.t("tree.menu.remove"));
            a.setHeaderText(I18n.t("tree.remove.header", n.path()));
            a.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.remove(n.path(), n.folder()));
        }
    }

    static String iconFor(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".gif")) {
            return "fth-image";
        }
        if (n.endsWith(".py") || n.endsWith(".java") || n.endsWith(".js") || n.endsWith(".json") || n.endsWith(".yaml")
                || n.endsWith(".yml")) {
            return "fth-code";
        }
        return "fth-file-text";
    }
}
