package io.kamaros.app.forget;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.i18n.TimeText;
import io.kamaros.app.i18n.VersionText;
import io.kamaros.app.toolkit.DialogButtons;
import io.kamaros.app.toolkit.WindowPlacement;
import io.kamaros.engine.model.Version;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The confirmation before forgetting a version: which one, what happens to the versions after it (they
 * stay exactly as they are), that what only it held is deleted, that its tags go too, that it leaves the
 * project's remotes at the next sync, and that there is no undo.
 */
public final class ForgetDialog {
    private ForgetDialog() {
    }

    /** The question; its Forget button is the one {@link DialogButtons#isOk} accepts. */
    public static Alert confirmation(Version v, Window owner) {
        ButtonType forget = new ButtonType(I18n.t("forget.confirm.button"), ButtonBar.ButtonData.OK_DONE);
        Alert a = DialogButtons.alert(Alert.AlertType.CONFIRMATION, "", forget, DialogButtons.cancel());
        WindowPlacement.prepare(a, owner);
        a.setTitle(I18n.t("forget.confirm.title"));
        a.setHeaderText(I18n.t("forget.confirm.header", VersionText.message(v)));
        Label what = wrap(I18n.t("forget.confirm.text", TimeText.absolute(v.timestamp()), v.author()));
        what.setId("forget-what");
        VBox box = new VBox(8, what);
        if (!v.tags().isEmpty()) {
            Label tags = wrap(I18n.t("forget.confirm.tags", String.join(", ", v.tags())));
            tags.setId("forget-tags");
            box.getChildren().add(tags);
        }
        Label remotes = wrap(I18n.t("forget.confirm.remotes"));
        remotes.setId("forget-remotes");
        box.getChildren().add(remotes);
        Label noUndo = wrap(I18n.t("forget.confirm.noUndo"));
        noUndo.getStyleClass().add("no-undo");
        box.getChildren().add(noUndo);
        box.setPadding(new Insets(10, 14, 4, 14));
        box.setPrefWidth(480);
        a.getDialogPane().setContent(box);
        a.getDialogPane().setId("forget-confirmation");
        Button ok = (Button) a.getDialogPane().lookupButton(forget);
        ok.setId("forget-confirm");
        ok.getStyleClass().add("danger");
        return a;
    }

    private static Label wrap(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }
}
