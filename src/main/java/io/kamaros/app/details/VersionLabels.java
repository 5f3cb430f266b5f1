package io.kamaros.app.details;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.i18n.TimeText;
import io.kamaros.app.i18n.VersionText;
import io.kamaros.engine.model.Version;
import java.time.Instant;

/** How a version is named in diff headers and choosers: "3f2a1b9c · Chapter 2 · 3 days ago". */
public final class VersionLabels {
    private VersionLabels() {
    }

    public static String shortLabel(Version v) {
        return v == null ? I18n.t("version.none") : v.shortId() + " · " + TimeText.relative(v.timestamp(), Instant.now());
    }

    public static String longLabel(Version v) {
        if (v == null) {
            return I18n.t("version.parent");
        }
        String message = VersionText.message(v);
        String msg = message.length() > 48 ? message.substring(0, 47) + "…" : message;
        return v.shortId() + " · " + msg + " · " + TimeText.relative(v.timestamp(), Instant.now());
    }
}
