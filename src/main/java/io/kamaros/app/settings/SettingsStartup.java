package io.kamaros.app.settings;

import io.kamaros.app.home.AppPaths;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectOpener;
import java.util.List;
import java.util.Locale;

/**
 * Applies the saved settings when the app starts: the language (before any text is built), the
 * theme, and the name, e-mail and compression level of the engine. Command-line choices win:
 * {@code --theme=dark|light} and {@code -Dkamaros.lang=pl}.
 */
public final class SettingsStartup {
    private SettingsStartup() {
    }

    /** Language and theme; call before the window is built. Returns the settings for {@link #configure}. */
    public static AppSettings beforeWindow(AppPaths paths, List<String> args) {
        AppSettings s = SettingsStore.of(paths).load();
        String langProperty = System.getProperty("kamaros.lang");
        if ((langProperty == null || langProperty.isBlank()) && s.language.tag() != null) {
            I18n.setLocale(Locale.forLanguageTag(s.language.tag()));
        }
        boolean dark;
        if (args.contains("--theme=dark")) {
            dark = true;
        } else if (args.contains("--theme=light")) {
            dark = false;
        } else {
            dark = Themes.isDark(s.theme, () -> SystemTheme.ofThisMachine().detect());
        }
        Themes.apply(dark);
        return s;
    }

    /** Projects opened from now on record this name and e-mail and use this compression level. */
    public static void configure(ProjectOpener opener, AppSettings settings) {
        opener.useConfig(settings.applyTo(opener.config()));
    }
}
