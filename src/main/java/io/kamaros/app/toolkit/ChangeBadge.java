package io.kamaros.app.toolkit;

import io.kamaros.app.i18n.I18n;
import io.kamaros.engine.model.ChangeType;
import javafx.scene.control.Label;

/** The small "added / changed / deleted / renamed" tag beside a path, the same in every list. */
public final class ChangeBadge {
    private ChangeBadge() {
    }

    public static String text(ChangeType change) {
        return I18n.t("change." + change.jsonName() + ".badge");
    }

    public static Label of(ChangeType change) {
        Label badge = new Label(text(change));
        badge.getStyleClass().addAll("change-badge", "change-" + change.jsonName());
        return badge;
    }
}
