package io.kamaros.app.settings;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.function.Supplier;
import javafx.application.Application;

/** Switches the whole app (every open window) between AtlantaFX Primer light and dark, live. */
public final class Themes {
    private Themes() {
    }

    public static void apply(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** True when the chosen theme means dark; for {@code SYSTEM} the desktop is asked (only then). */
    public static boolean isDark(AppSettings.Theme theme, Supplier<SystemTheme.Detection> system) {
        return switch (theme) {
            case DARK -> true;
            case LIGHT -> false;
            case SYSTEM -> system.get().dark();
        };
    }
}
