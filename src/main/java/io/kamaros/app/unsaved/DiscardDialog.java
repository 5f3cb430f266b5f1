package io.kamaros.app.unsaved;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.DialogButtons;
import io.kamaros.app.toolkit.WindowPlacement;
import io.kamaros.app.task.ProgressText;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The confirmation before discarding a file's changes: what is lost, what it goes back to, that Undo brings it back. */
public final class DiscardDialog {
    private DiscardDialog() {
    }

    /** The question; its Discard button is the one {@link DialogButtons#isOk} accepts. */
    public static Alert confirmation(UnsavedFile f, String headLabel, Window owner) {
        // made per dialog, so it is in the language the app has now (a static one kept the first language used)
        ButtonType discard = new ButtonType(I18n.t("unsaved.discard.confirm.button"), ButtonBar.ButtonData.OK_DONE);
        Alert a = DialogButtons.alert(Alert.AlertType.CONFIRMATION, "", discard, DialogButtons.cancel());
        WindowPlacement.prepare(a, owner);
        a.setTitle(I18n.t("unsaved.discard.confirm.title"));
        a.setHeaderText(I18n.t("unsaved.discard.confirm.header", f.path()));
        Label what = wrap(whatHappens(f, headLabel));
        what.setId("discard-what");
        Label undo = wrap(I18n.t("unsaved.discard.confirm.undo"));
        undo.getStyleClass().add("reassure");
        VBox box = new VBox(8, what, undo);
        box.setPadding(new Insets(10, 14, 4, 14));
        box.setPrefWidth(460);
        a.getDialogPane().setContent(box);
        a.getDialogPane().setId("discard-confirmation");
        Button ok = (Button) a.getDialogPane().lookupButton(discard);
        ok.setId("discard-confirm");
        ok.getStyleClass().add("danger");
        return a;
    }

    /** What discarding does to this kind of change, in the person's words. */
    static String whatHappens(UnsavedFile f, String headLabel) {
        return switch (f.type()) {
            case DELETED -> I18n.t("unsaved.discard.confirm.deleted", headLabel);
            case ADDED -> I18n.t("unsaved.discard.confirm.added", ProgressText.bytes(f.sizeAfter()));
            case RENAMED -> I18n.t("unsaved.discard.confirm.renamed", String.valueOf(f.previousPath()), headLabel);
            default -> I18n.t("unsaved.discard.confirm.modified", ProgressText.bytes(f.sizeAfter()), headLabel);
        };
    }

    private static Label wrap(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }
}
