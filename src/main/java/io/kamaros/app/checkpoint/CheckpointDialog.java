package io.kamaros.app.checkpoint;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.ChangeBadge;
import io.kamaros.app.tree.FileEntry;
import java.util.Objects;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
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
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Window;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import org.jspecify.annotations.Nullable;

/** Ctrl+S: who saves (asked once), what to call the checkpoint, optional tags, and the changes it will keep. */
public final class CheckpointDialog extends Dialog<ButtonType> {
    public static final ButtonType SAVE = new ButtonType(I18n.t("checkpoint.save"), ButtonBar.ButtonData.OK_DONE);

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

        TextField author = new TextField();
        author.setId("checkpoint-author");
        author.setPromptText(I18n.t("checkpoint.author.prompt"));
        author.textProperty().bindBidirectional(vm.authorProperty());
        TextField email = new TextField();
        email.setId("checkpoint-email");
        email.setPromptText(I18n.t("checkpoint.email.prompt"));
        email.textProperty().bindBidirectional(vm.emailProperty());
        HBox.setHgrow(author, Priority.ALWAYS);
        HBox.setHgrow(email, Priority.ALWAYS);
        Label authorHint = new Label(I18n.t("checkpoint.author.hint"));
        authorHint.setWrapText(true);
        authorHint.setMinHeight(Region.USE_PREF_SIZE);
        authorHint.getStyleClass().add("version-meta");
        VBox authorBox = new VBox(6, new Label(I18n.t("checkpoint.author")), new HBox(8, author, email), authorHint);
        authorBox.setId("checkpoint-author-box");
        authorBox.visibleProperty().bind(vm.askAuthorProperty());
        authorBox.managedProperty().bind(vm.askAuthorProperty());

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

        VBox box = new VBox(8, authorBox, new Label(I18n.t("checkpoint.message")), message,
                new Label(I18n.t("checkpoint.tags")), tags, changesTitle, changes);
        VBox.setVgrow(changes, Priority.ALWAYS);
        box.setPadding(new Insets(10, 14, 4, 14));
        box.setPrefWidth(520);
        getDialogPane().setContent(box);
        getDialogPane().getButtonTypes().addAll(SAVE, ButtonType.CANCEL);
        Button save = (Button) getDialogPane().lookupButton(SAVE);
        save.setId("checkpoint-save");
        save.getStyleClass().add("accent");
        save.disableProperty().bind(vm.canSaveBinding().not());
        Button cancel = (Button) getDialogPane().lookupButton(ButtonType.CANCEL);
        // a message needs no tab characters: Tab moves on, as in every other field; Ctrl+Enter saves from anywhere
        message.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isShortcutDown() && !e.isAltDown()) {
                e.consume();
                if (!e.isShiftDown()) {
                    tags.requestFocus();
                } else if (vm.askAuthorProperty().get()) {
                    email.requestFocus();
                } else {
                    cancel.requestFocus();
                }
            }
        });
        getDialogPane().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                e.consume();
                if (!save.isDisabled()) {
                    save.fire();
                }
            }
        });
        ValidationSupport validation = new ValidationSupport();
        validation.setErrorDecorationEnabled(true);
        validation.registerValidator(message, false, problem(vm.messageProblemBinding()));
        validation.registerValidator(author, false, problem(vm.authorProblemBinding()));
        validation.registerValidator(email, false, problem(vm.emailProblemBinding()));
        setOnShown(e -> Platform.runLater((vm.askAuthorProperty().get() ? author : message)::requestFocus));
    }

    /**
     * A ControlsFX validator that shows the view-model's reason (an empty reason: valid), once the field has
     * held something: an empty form does not open covered in errors.
     */
    static Validator<String> problem(StringBinding reason) {
        boolean[] touched = {false};
        return (control, value) -> {
            touched[0] |= value != null && !value.isEmpty();
            return ValidationResult.fromErrorIf(control, reason.get(), touched[0] && !reason.get().isEmpty());
        };
    }
}
