package io.kamaros.app.i18n;

import io.kamaros.frontend.ByteSize;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The app's one way to turn a key into a text: a bundle's pattern with {@code {0}}-style arguments in
 * its language, plural forms, numbers and sizes. {@link I18n} keeps the app-wide one; a feature with
 * its own bundle (the diff viewer) makes its own over that bundle.
 */
public final class Messages {
    private final ResourceBundle bundle;
    private final Locale locale;

    public Messages(ResourceBundle bundle) {
        this.bundle = bundle;
        // An English base bundle loaded for Locale.ROOT still formats numbers the English way.
        Locale l = bundle.getLocale();
        this.locale = l == null || l.getLanguage().isEmpty() ? Locale.ENGLISH : l;
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    /** The text of {@code key} (the key itself when missing), with {@code {0}}-style arguments filled in. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        if (args.length == 0) {
            return pattern;
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    /**
     * "{n} line(s)" in the right plural form: keys {@code key.one}, {@code key.few}, {@code key.many}.
     * Polish needs three forms (1 linia, 2 linie, 5 linii); English uses one and many.
     */
    public String plural(String key, long n) {
        String form;
        if (n == 1) {
            form = "one";
        } else if ("pl".equals(locale.getLanguage()) && n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14)) {
            form = "few";
        } else {
            form = "many";
        }
        return get(key + "." + form, number(n));
    }

    public String number(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    public String percent(double fraction) {
        NumberFormat f = NumberFormat.getPercentInstance(locale);
        f.setMaximumFractionDigits(fraction < 0.001 && fraction > 0 ? 3 : fraction < 0.1 ? 2 : 1);
        return f.format(fraction);
    }

    /** 0 bytes, 512 bytes, 1.5 KB, 2.3 MB (1 KB = 1024 bytes; {@link ByteSize} above 1023). */
    public String size(long bytes) {
        return bytes < 1024 ? plural("bytes", bytes) : ByteSize.format(bytes, locale, ByteSize.DESKTOP_UNITS);
    }
}
