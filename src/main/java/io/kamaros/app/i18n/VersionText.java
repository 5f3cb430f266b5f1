package io.kamaros.app.i18n;

import io.kamaros.engine.model.Version;

/** A version's message as the app shows it. */
public final class VersionText {
    private VersionText() {
    }

    /**
     * The person's own message; for the automatic checkpoint a restore makes, a text in the app's
     * language instead of the English one the engine stores.
     */
    public static String message(Version v) {
        return v.autoSaved() ? I18n.t("version.autoSavedMessage") : v.message();
    }
}
