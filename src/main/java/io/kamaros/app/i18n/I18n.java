package io.kamaros.app.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every string the app shows comes from {@code io/kamaros/app/i18n/messages*.properties}
 * (English and Polish). The language follows {@code -Dkamaros.lang=pl}, else the system locale;
 * settings can switch it with {@link #setLocale(Locale)} (the window is rebuilt).
 */
public final class I18n {
    private static final String BUNDLE = "io.kamaros.app.i18n.messages";
    private static volatile ResourceBundle bundle = load(initialLocale());

    private I18n() {
    }

    private static Locale initialLocale() {
        String lang = System.getProperty("kamaros.lang");
        return lang == null || lang.isBlank() ? Locale.getDefault() : Locale.forLanguageTag(lang);
    }

    private static ResourceBundle load(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static void setLocale(Locale locale) {
        bundle = load(locale);
    }

    public static Locale locale() {
        return bundle.getLocale();
    }

    public static ResourceBundle bundle() {
        return bundle;
    }

    /** The text of {@code key}, with {@code {0}}-style arguments filled in. */
    public static String t(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
    }

    /** True when the bundle has this key (for optional texts such as engine phase names). */
    public static boolean has(String key) {
        return bundle.containsKey(key);
    }
}
