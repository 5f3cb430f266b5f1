package io.kamaros.app.checkpoint;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.ChangeBadge;
import io.kamaros.app.toolkit.DialogButtons;
import io.kamaros.app.tree.FileEntry;
import java.util.Objects;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/** Ctrl+S: what to call the checkpoint, optional tags, and the changes it will keep. */
public final class CheckpointDialog extends Dialog<ButtonType> {

    public CheckpointDialog(CheckpointViewModel vm, Window owner) {
        initOwner(owner);
        setTitle(I18n.t("checkpoint.title"));
        setHeaderText(I18n.t("checkpoint.header"));
        getDialogPane().getStyleClass().add("checkpoint-dialog");
        getDialogPane().setId("checkpoint-dialog");

        TextArea message = new TextArea();
        message.setId("checkpoint-message");
        message.setPromptText(I18n.t("checkpoint.message.prompt"));
        message.setPrefRowCount(3);
        message.setWrapText(true);
        message.textProperty().bindBidirectional(vm.messageProperty());
        TextField tags = new TextField();
        tags.setId("checkpoint-tags");
        tags.setPromptText(I18n.t("checkpoint.tags.prompt"));
        tags.textProperty().bindBidirectional(vm.tagsProperty());

        ListView<FileEntry> changes = new ListView<>(vm.getChanges());
        changes.setId("checkpoint-changes");
        changes.setPrefHeight(200);
        changes.setFocusTraversable(false);
        Label none = new Label();
        none.textProperty().bind(Bindings.when(vm.loadedProperty()).then(I18n.t("checkpoint.nothing"))
                .otherwise(I18n.t("details.loading")));
        none.getStyleClass().add("empty-hint");
        changes.setPlaceholder(none);
        changes.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(FileEntry e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null) {
                    setGraphic(null);
                    return;
                }
                Label badge = ChangeBadge.of(Objects.requireNonNull(e.change(), "every pending change has a kind"));
                Label p = new Label(e.previousPath() != null ? e.previousPath() + " → " + e.path() : e.path());
                HBox row = new HBox(8, badge, p);
                row.setAlignment(Pos.CENTER_LEFT);
                setGraphic(row);
            }
        });
        Label changesTitle = new Label();
        changesTitle.textProperty().bind(Bindings.createStringBinding(() -> I18n.t("checkpoint.changes",
                vm.getChanges().size()), vm.getChanges()));
        changesTitle.getStyleClass().add("section-title");

        VBox box = new VBox(8, new Label(I18n.t("checkpoint.message")), message, new Label(I18n.t("checkpoint.tags")),
                tags, changesTitle, changes);
        VBox.setVgrow(changes, Priority.ALWAYS);
        box.setPadding(new Insets(10, 14, 4, 14));
        box.setPrefWidth(520);
        getDialogPane().setContent(box);
        // made per dialog, so it is in the language the app has now
        ButtonType saveType = new ButtonType(I18n.t("checkpoint.save"), ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(saveType, DialogButtons.cancel());
        Button save = (Button) getDialogPane().lookupButton(saveType);
        save.setId("checkpoint-save");
        save.getStyleClass().add("accent");
        save.disableProperty().bind(vm.canSaveBinding().not());
        setOnShown(e -> Platform.runLater(message::requestFocus));
    }
}
