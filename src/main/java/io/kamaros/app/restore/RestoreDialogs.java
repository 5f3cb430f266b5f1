package io.kamaros.app.restore;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.i18n.TimeText;
import java.time.Instant;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/** The confirmation before a restore: what will change, that unsaved work is kept, that it can be undone. */
public final class RestoreDialogs {
    /** Lists this long or shorter open by themselves. */
    private static final int SHORT_LIST = 5;
    public static final ButtonType RESTORE = new ButtonType(I18n.t("restore.confirm.button"), ButtonBar.ButtonData.OK_DONE);

    private RestoreDialogs() {
    }

    public static Alert confirmation(RestorePlan plan, Window owner) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", RESTORE, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle(I18n.t("restore.confirm.title"));
        String when = TimeText.relative(plan.version().timestamp(), Instant.now());
        String what = plan.paths().isEmpty() ? I18n.t("restore.confirm.whole", plan.version().message(), when)
                : plan.paths().size() == 1 ? I18n.t("restore.confirm.file", plan.paths().get(0), when)
                : I18n.t("restore.confirm.files", plan.paths().size(), when);
        a.setHeaderText(what);
        VBox box = new VBox(8);
        box.setPadding(new Insets(10, 14, 4, 14));
        box.setPrefWidth(480);
        if (plan.inPlace()) {
            box.getChildren().add(wrap(plan.total() == 0 ? I18n.t("restore.confirm.noChange")
                    : I18n.t("restore.confirm.counts", plan.changed(), plan.added(), plan.removed())));
            box.getChildren().add(fileLists(a,
                    fileList("restore-changed", I18n.t("restore.confirm.list.changed", plan.changed()), plan.changedFiles()),
                    fileList("restore-brought-back", I18n.t("restore.confirm.list.added", plan.added()), plan.broughtBack()),
                    fileList("restore-removed", I18n.t("restore.confirm.list.removed", plan.removed()), plan.removedFiles())));
            box.getChildren().add(wrap(plan.unsaved() > 0 ? I18n.t("restore.confirm.unsaved", plan.unsaved())
                    : I18n.t("restore.confirm.clean")));
            Label undo = wrap(I18n.t("restore.confirm.undo"));
            undo.getStyleClass().add("reassure");
            box.getChildren().add(undo);
        } else {
            box.getChildren().add(wrap(I18n.t("restore.confirm.target", plan.added(), plan.target())));
            box.getChildren().add(fileLists(a, fileList("restore-written", I18n.t("restore.confirm.list.written",
                    plan.added()), plan.broughtBack())));
            Label safe = wrap(I18n.t("restore.confirm.targetSafe"));
            safe.getStyleClass().add("reassure");
            box.getChildren().add(safe);
        }
        a.getDialogPane().setContent(box);
        a.getDialogPane().setId("restore-confirmation");
        Button ok = (Button) a.getDialogPane().lookupButton(RESTORE);
        ok.setId("restore-confirm");
        ok.getStyleClass().add("accent");
        return a;
    }

    /** The lists, one under the other; a short list starts open, a long one closed; the dialog grows to fit. */
    private static Node fileLists(Alert dialog, @Nullable TitledPane... panes) {
        VBox lists = new VBox(4);
        for (TitledPane p : panes) {
            if (p != null) {
                lists.getChildren().add(p);
                p.expandedProperty().addListener((o, was, open) -> Platform.runLater(() -> {
                    if (dialog.getDialogPane().getScene() != null) {
                        dialog.getDialogPane().getScene().getWindow().sizeToScene();
                    }
                }));
            }
        }
        lists.setId("restore-file-lists");
        return lists;
    }

    /** A collapsible list of paths, or null when there are none. */
    private static @Nullable TitledPane fileList(String id, String title, List<String> files) {
        if (files.isEmpty()) {
            return null;
        }
        ListView<String> list = new ListView<>(FXCollections.observableArrayList(files));
        list.setFixedCellSize(24);
        list.setPrefHeight(Math.min(files.size(), 8) * 24 + 4);
        list.setMinHeight(Region.USE_PREF_SIZE);
        list.setFocusTraversable(false);
        TitledPane pane = new TitledPane(title, list);
        pane.setId(id);
        pane.setExpanded(files.size() <= SHORT_LIST);
        pane.setAnimated(false);
        return pane;
    }

    private static Label wrap(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE); // wrapped, never cut with "…"
        return l;
    }
}
