package io.kamaros.app.toolkit;

import io.kamaros.app.i18n.I18n;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ToolBar;

/**
 * The app's dialog buttons, alerts and the few JavaFX built-in texts in the app's language. JavaFX's own {@link ButtonType#OK},
 * {@link ButtonType#CANCEL}, ... and an Alert's default title and header are English in the Polish
 * app (JavaFX has no Polish texts), so dialogs use these instead. A button's meaning is its
 * {@link ButtonData}, so callers test {@link #isOk} rather than comparing with a constant.
 */
public final class DialogButtons {
    private DialogButtons() {
    }

    public static ButtonType ok() {
        return new ButtonType(I18n.t("button.ok"), ButtonData.OK_DONE);
    }

    public static ButtonType cancel() {
        return new ButtonType(I18n.t("action.cancel"), ButtonData.CANCEL_CLOSE);
    }

    public static ButtonType yes() {
        return new ButtonType(I18n.t("button.yes"), ButtonData.YES);
    }

    public static ButtonType no() {
        return new ButtonType(I18n.t("button.no"), ButtonData.NO);
    }

    public static ButtonType close() {
        return new ButtonType(I18n.t("button.close"), ButtonData.CANCEL_CLOSE);
    }

    /** True for the button that confirms (OK, Yes, or a dialog's own default such as "Restore"). */
    public static boolean isOk(ButtonType b) {
        ButtonData d = b.getButtonData();
        return d == ButtonData.OK_DONE || d == ButtonData.YES || d == ButtonData.APPLY || d == ButtonData.FINISH;
    }

    /** True for Cancel and Close (and the window's ×, which a dialog maps to its cancel button). */
    public static boolean isCancel(ButtonType b) {
        return b.getButtonData() == ButtonData.CANCEL_CLOSE;
    }

    /**
     * Gives a toolbar's "more buttons" (shown when the window is narrow) a name in the app's language;
     * JavaFX names it "Overflow button" for screen readers in every language.
     */
    public static void translateOverflowButton(ToolBar bar) {
        bar.skinProperty().addListener((obs, old, skin) -> {
            Node more = bar.lookup(".tool-bar-overflow-button");
            if (more != null) {
                more.setAccessibleText(I18n.t("toolbar.more"));
            }
        });
    }

    /**
     * An alert with the given buttons (OK when none) and no English default title or header: the
     * caller sets both from the bundle.
     */
    public static Alert alert(Alert.AlertType type, String content, ButtonType... buttons) {
        Alert a = new Alert(type, content, buttons.length == 0 ? new ButtonType[] {ok()} : buttons);
        a.setTitle("");
        a.setHeaderText(null);
        return a;
    }
}
