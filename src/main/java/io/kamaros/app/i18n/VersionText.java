package io.kamaros.app.i18n;

import io.kamaros.engine.model.Version;

/** A version's message as the app shows it. */
public final class VersionText {
    private VersionText() {
    }

    /**
     * The person's own message; for the automatic save a restore or a discard makes, what it keeps
     * in the app's language ("Your unsaved changes to 1 file, kept before they were replaced")
     * instead of the English one the engine stores, which names the version restored by its hash.
     */
    public static String message(Version v) {
        if (v.automatic()) { // autosave's: the flag says what it is, in the app's language
            return I18n.t("version.automaticMessage");
        }
        return v.autoSaved() ? I18n.t("version.autoSavedMessage", v.changes().total()) : v.message();
    }
}
