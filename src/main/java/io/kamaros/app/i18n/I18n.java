package io.kamaros.app.i18n;

import java.util.Locale;
import java.util.ResourceBundle;
import org.jspecify.annotations.Nullable;

/**
 * Every string the app shows comes from {@code io/kamaros/app/i18n/messages*.properties}
 * (English and Polish). The language follows {@code -Dkamaros.lang=pl}, else the system locale;
 * settings can switch it with {@link #setLocale(Locale)} (the window is rebuilt).
 */
public final class I18n {
    private static final String BUNDLE = "io.kamaros.app.i18n.messages";
    private static volatile Messages messages = new Messages(load(BUNDLE, initialLocale()));

    private I18n() {
    }

    private static Locale initialLocale() {
        String lang = System.getProperty("kamaros.lang");
        return lang == null || lang.isBlank() ? Locale.getDefault() : Locale.forLanguageTag(lang);
    }

    private static ResourceBundle load(String name, Locale locale) {
        return ResourceBundle.getBundle(name, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static void setLocale(Locale locale) {
        messages = new Messages(load(BUNDLE, locale));
    }

    /** The app's language; English (not the root locale) when the base bundle is in use, so formats are English. */
    public static Locale locale() {
        return messages.locale();
    }

    /** The app-wide texts, for numbers, sizes and percentages in the app's language. */
    public static Messages messages() {
        return messages;
    }

    public static ResourceBundle bundle() {
        return messages.bundle();
    }

    /** A feature's own bundle ({@code name} as for ResourceBundle) in the app's current language. */
    public static Messages messages(String name) {
        return new Messages(load(name, locale()));
    }

    /** The text of {@code key}, with {@code {0}}-style arguments filled in. */
    public static String t(String key, @Nullable Object... args) {
        return messages.get(key, args);
    }

    /** Formats one plural message in {@code locale}, so that ICU's classes and data are loaded (start-up, any thread). */
    public static void prepareFormats(Locale locale) {
        Messages.format("{0, plural, one {# file} other {# files}}", locale, 2);
    }

    /** True when the bundle has this key (for optional texts such as engine phase names). */
    public static boolean has(String key) {
        return messages.bundle().containsKey(key);
    }
}
