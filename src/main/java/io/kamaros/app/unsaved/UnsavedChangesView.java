package io.kamaros.app.unsaved;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.ChangeCells;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBoxTreeItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.cell.CheckBoxTreeCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.CheckTreeView;
import org.jspecify.annotations.Nullable;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The "Unsaved changes" panel (GitHub Desktop style): the changed files as a folder tree with a check box
 * each, All / None, Discard for the file picked, and a message with "Save checkpoint" for the checked files.
 */
public final class UnsavedChangesView {
    private static final KeyCombination SAVE_KEYS = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    private final BorderPane root = new BorderPane();
    private final CheckTreeView<Entry> tree = new CheckTreeView<>();
    private final UnsavedChangesViewModel vm;
    private final Map<UnsavedFile, CheckBoxTreeItem<Entry>> items = new HashMap<>();
    private boolean syncing;

    /** A tree node: a folder (no file) or a changed file. */
    record Entry(String name, @Nullable UnsavedFile file) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * @param discard asks the person to confirm, then discards (the shell shows the confirmation)
     */
    public UnsavedChangesView(UnsavedChangesViewModel vm, Consumer<UnsavedFile> discard) {
        this.vm = vm;
        root.getStyleClass().add("unsaved-changes");
        root.setId("unsaved-changes");

        Label summary = new Label();
        summary.setId("unsaved-summary");
        summary.getStyleClass().add("version-meta");
        summary.setWrapText(true);
        summary.setMinWidth(0);
        summary.textProperty().bind(vm.summaryProperty());
        HBox.setHgrow(summary, Priority.ALWAYS);
        Button all = new Button(I18n.t("unsaved.all"));
        all.setId("unsaved-all");
        all.setTooltip(new Tooltip(I18n.t("unsaved.all.tooltip")));
        all.setOnAction(e -> vm.includeAll(true));
        Button none = new Button(I18n.t("unsaved.noneChosen"));
        none.setId("unsaved-none");
        none.setTooltip(new Tooltip(I18n.t("unsaved.noneChosen.tooltip")));
        none.setOnAction(e -> vm.includeAll(false));
        Button discardButton = new Button(I18n.t("unsaved.discard"), new FontIcon("fth-trash-2"));
        discardButton.setId("unsaved-discard");
        discardButton.setTooltip(new Tooltip(I18n.t("unsaved.discard.tooltip")));
        discardButton.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.canDiscard(vm.selectedProperty().get()),
                vm.selectedProperty()));
        discardButton.setOnAction(e -> discardSelected(discard));
        for (Button b : List.of(all, none, discardButton)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        // one line (the tab already names the panel): the height goes to the list of files
        HBox header = new HBox(6, summary, all, none, discardButton);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(6, 10, 6, 10));
        header.getStyleClass().add("pane-header");

        tree.setId("unsaved-files");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new FileCell(vm, discard));
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            if (!syncing && item != null && item.getValue().file() != null) {
                vm.selectedProperty().set(item.getValue().file());
            }
        });
        // keyboard: Space ticks or unticks the file or folder picked, Delete discards the file's changes
        tree.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE && tree.getSelectionModel().getSelectedItem() instanceof CheckBoxTreeItem<Entry> item) {
                item.setSelected(!item.isSelected());
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE) {
                discardSelected(discard);
                e.consume();
            }
        });
        vm.getFiles().addListener((ListChangeListener<UnsavedFile>) c -> {
            boolean structural = false;
            while (c.next()) {
                structural |= c.wasAdded() || c.wasRemoved() || c.wasPermutated();
            }
            if (structural) {
                rebuild();
            }
        });
        vm.selectedProperty().addListener((o, a, f) -> selectInTree(f));

        TextArea message = new TextArea();
        message.setId("unsaved-message");
        message.setPromptText(I18n.t("checkpoint.message.prompt"));
        message.setPrefRowCount(2);
        message.setWrapText(true);
        message.textProperty().bindBidirectional(vm.messageProperty());
        message.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (SAVE_KEYS.match(e)) {
                vm.save();
                e.consume();
            }
        });
        Button save = new Button();
        save.setId("unsaved-save");
        save.getStyleClass().add("accent");
        save.setGraphic(new FontIcon("fth-save"));
        save.textProperty().bind(Bindings.createStringBinding(() -> I18n.t("unsaved.save",
                vm.includedCountBinding().get()), vm.includedCountBinding()));
        save.setTooltip(new Tooltip(I18n.t("unsaved.save.tooltip")));
        save.disableProperty().bind(vm.canSaveBinding().not());
        save.setOnAction(e -> vm.save());
        save.setMaxWidth(Double.MAX_VALUE);
        Label messageLabel = new Label(I18n.t("checkpoint.message"));
        messageLabel.setLabelFor(message);
        // the first save asks for the name, as the Save checkpoint dialog does
        TextField author = new TextField();
        author.setId("unsaved-author");
        author.setPromptText(I18n.t("checkpoint.author.prompt"));
        author.textProperty().bindBidirectional(vm.authorProperty());
        Label authorLabel = new Label(I18n.t("checkpoint.author"));
        authorLabel.setLabelFor(author);
        authorLabel.setWrapText(true);
        authorLabel.setMinHeight(Region.USE_PREF_SIZE);
        VBox authorBox = new VBox(6, authorLabel, author);
        authorBox.visibleProperty().bind(vm.askAuthorProperty());
        authorBox.managedProperty().bind(vm.askAuthorProperty());
        VBox footer = new VBox(6, authorBox, messageLabel, message, save);
        footer.setPadding(new Insets(8, 10, 10, 10));
        footer.getStyleClass().add("unsaved-footer");

        root.setTop(header);
        root.setCenter(tree);
        root.setBottom(footer);
        rebuild();
    }

    private void discardSelected(Consumer<UnsavedFile> discard) {
        UnsavedFile f = vm.selectedProperty().get();
        if (vm.canDiscard(f)) {
            discard.accept(f);
        }
    }

    /** Builds the folder tree; each file's check box is bound to whether it is included. */
    private void rebuild() {
        syncing = true;
        try {
            items.clear();
            CheckBoxTreeItem<Entry> top = new CheckBoxTreeItem<>(new Entry("", null));
            top.setExpanded(true);
            Map<String, CheckBoxTreeItem<Entry>> folders = new HashMap<>();
            for (UnsavedFile f : vm.getFiles()) {
                String[] parts = f.path().split("/");
                CheckBoxTreeItem<Entry> parent = top;
                String prefix = "";
                for (int i = 0; i < parts.length - 1; i++) {
                    prefix = prefix.isEmpty() ? parts[i] : prefix + "/" + parts[i];
                    CheckBoxTreeItem<Entry> folder = folders.get(prefix);
                    if (folder == null) {
                        folder = new CheckBoxTreeItem<>(new Entry(parts[i], null));
                        folder.setExpanded(true);
                        folders.put(prefix, folder);
                        parent.getChildren().add(folder);
                    }
                    parent = folder;
                }
                CheckBoxTreeItem<Entry> leaf = new CheckBoxTreeItem<>(new Entry(parts[parts.length - 1], f));
                parent.getChildren().add(leaf);
                items.put(f, leaf);
            }
            sort(top);
            tree.setRoot(top);
            // bound after the tree is whole: a folder's box then follows its files (checked, unchecked or mixed)
            items.forEach((f, leaf) -> {
                leaf.setSelected(f.included());
                leaf.selectedProperty().addListener((o, a, on) -> f.includedProperty().set(on));
                f.includedProperty().addListener((o, a, on) -> leaf.setSelected(on));
            });
            selectInTree(vm.selectedProperty().get());
        } finally {
            syncing = false;
        }
    }

    private static void sort(TreeItem<Entry> item) {
        item.getChildren().sort((x, y) -> {
            boolean xf = x.getValue().file() == null;
            boolean yf = y.getValue().file() == null;
            return xf != yf ? (xf ? -1 : 1) : x.getValue().name().compareToIgnoreCase(y.getValue().name());
        });
        item.getChildren().forEach(UnsavedChangesView::sort);
    }

    private void selectInTree(@Nullable UnsavedFile f) {
        CheckBoxTreeItem<Entry> item = f == null ? null : items.get(f);
        if (item == null || tree.getSelectionModel().getSelectedItem() == item) {
            return;
        }
        boolean was = syncing;
        syncing = true;
        try {
            tree.getSelectionModel().select(item);
            int row = tree.getRow(item);
            if (row >= 0) {
                tree.scrollTo(Math.max(0, row - 2));
            }
        } finally {
            syncing = was;
        }
    }

    public Node node() {
        return root;
    }

    public CheckTreeView<?> tree() {
        return tree;
    }

    /** A row: the check box CheckTreeView gives, then for a file its badge, name and size, and a context menu. */
    private static final class FileCell extends CheckBoxTreeCell<Entry> {
        private final UnsavedChangesViewModel vm;
        private final Consumer<UnsavedFile> discard;

        FileCell(UnsavedChangesViewModel vm, Consumer<UnsavedFile> discard) {
            this.vm = vm;
            this.discard = discard;
            setPrefWidth(0); // long paths are cut with "…", never a sideways scroll bar
        }

        @Override
        public void updateItem(Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setContextMenu(null);
                return;
            }
            Node box = getGraphic();
            Label name = new Label(entry.name(), new FontIcon(entry.file() == null ? "fth-folder" : "fth-file"));
            name.setMinWidth(0);
            setText(null);
            UnsavedFile f = entry.file();
            if (f == null) {
                HBox row = new HBox(6, box, name);
                row.setAlignment(Pos.CENTER_LEFT);
                setGraphic(row);
                setContextMenu(null);
                return;
            }
            if (f.previousPath() != null) {
                name.setText(entry.name() + "  ←  " + f.previousPath());
            }
            HBox row = ChangeCells.row(f.type(), name, ChangeCells.sizes(f.type(), f.sizeBefore(), f.sizeAfter()));
            row.getChildren().add(0, box);
            row.setSpacing(6);
            row.setPadding(new Insets(0, 8, 0, 0)); // the size stays clear of the list's edge
            setGraphic(row);
            MenuItem discardItem = new MenuItem(I18n.t("unsaved.discard.menu"), new FontIcon("fth-trash-2"));
            discardItem.setDisable(!vm.canDiscard(f));
            discardItem.setOnAction(e -> discard.accept(f));
            setContextMenu(new ContextMenu(discardItem));
        }
    }
}
