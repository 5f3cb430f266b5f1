package io.kamaros.app.restore;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.i18n.TimeText;
import io.kamaros.app.i18n.VersionText;
import io.kamaros.app.toolkit.DialogButtons;
import java.time.Instant;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The confirmation before a restore: what will change, that unsaved work is kept, that it can be undone. */
public final class RestoreDialogs {

    private RestoreDialogs() {
    }

    public static Alert confirmation(RestorePlan plan, Window owner) {
        // made per dialog, so it is in the language the app has now
        ButtonType restore = new ButtonType(I18n.t("restore.confirm.button"), ButtonBar.ButtonData.OK_DONE);
        Alert a = DialogButtons.alert(Alert.AlertType.CONFIRMATION, "", restore, DialogButtons.cancel());
        a.initOwner(owner);
        a.setTitle(I18n.t("restore.confirm.title"));
        String when = TimeText.relative(plan.version().timestamp(), Instant.now());
        String what = plan.paths().isEmpty() ? I18n.t("restore.confirm.whole", VersionText.message(plan.version()), when)
                : plan.paths().size() == 1 ? I18n.t("restore.confirm.file", plan.paths().get(0), when)
                : I18n.t("restore.confirm.files", plan.paths().size(), when);
        a.setHeaderText(what);
        VBox box = new VBox(8);
        box.setPadding(new Insets(10, 14, 4, 14));
        box.setPrefWidth(480);
        if (plan.inPlace()) {
            box.getChildren().add(wrap(plan.total() == 0 ? I18n.t("restore.confirm.noChange")
                    : I18n.t("restore.confirm.counts", plan.changed(), plan.added(), plan.removed())));
            if (!plan.examples().isEmpty()) {
                Label ex = wrap("• " + String.join("\n• ", plan.examples()) + (plan.total() > plan.examples().size()
                        ? "\n• …" : ""));
                ex.getStyleClass().add("version-meta");
                box.getChildren().add(ex);
            }
            box.getChildren().add(wrap(plan.unsaved() > 0 ? I18n.t("restore.confirm.unsaved", plan.unsaved())
                    : I18n.t("restore.confirm.clean")));
            Label undo = wrap(I18n.t("restore.confirm.undo"));
            undo.getStyleClass().add("reassure");
            box.getChildren().add(undo);
        } else {
            box.getChildren().add(wrap(I18n.t("restore.confirm.target", plan.added(), plan.target())));
            Label safe = wrap(I18n.t("restore.confirm.targetSafe"));
            safe.getStyleClass().add("reassure");
            box.getChildren().add(safe);
        }
        a.getDialogPane().setContent(box);
        a.getDialogPane().setId("restore-confirmation");
        Button ok = (Button) a.getDialogPane().lookupButton(restore);
        ok.setId("restore-confirm");
        ok.getStyleClass().add("accent");
        return a;
    }

    private static Label wrap(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }
}
