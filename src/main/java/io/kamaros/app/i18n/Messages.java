package io.kamaros.app.i18n;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import io.kamaros.frontend.ByteSize;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The app's one way to turn a key into a text: a bundle's pattern with {@code {0}}-style arguments in
 * its language, numbers, percentages and sizes in the locale's format. Patterns are ICU MessageFormat,
 * so plurals are written in the bundle ({@code {0, plural, one {# plik} few {# pliki} other {# plików}}})
 * and each language has its own plural forms. {@link I18n} keeps the app-wide one; a feature with its
 * own bundle (the diff viewer) makes its own over that bundle.
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

    /** The language texts are in and numbers and dates are formatted for (English for the base bundle). */
    public Locale locale() {
        return locale;
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
        return format(pattern, locale, args);
    }

    /** An ICU MessageFormat {@code pattern} filled in for {@code locale}. */
    static String format(String pattern, Locale in, Object... args) {
        return new MessageFormat(pattern, ULocale.forLocale(in)).format(args);
    }

    public String number(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    /** A decimal with at most {@code fractionDigits} digits after the locale's decimal separator ("1.5", "1,5"). */
    public String decimal(double value, int fractionDigits) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMaximumFractionDigits(fractionDigits);
        return f.format(value);
    }

    public String percent(double fraction) {
        NumberFormat f = NumberFormat.getPercentInstance(locale);
        f.setMaximumFractionDigits(fraction < 0.001 && fraction > 0 ? 3 : fraction < 0.1 ? 2 : 1);
        return f.format(fraction);
    }

    /** 0 bytes, 512 bytes, 1.5 KB, 2.3 MB (1 KB = 1024 bytes; {@link ByteSize} above 1023). */
    public String size(long bytes) {
        return bytes < 1024 ? get("bytes", bytes) : ByteSize.format(bytes, locale, ByteSize.DESKTOP_UNITS);
    }
}
