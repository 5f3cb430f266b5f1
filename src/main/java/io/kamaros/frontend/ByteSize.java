package io.kamaros.frontend;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

/**
 * The one formatter of byte counts for people: binary units (1 KB = 1024 bytes), one decimal,
 * numbers in the reader's locale ("1.5 KB", "1,5 KB"). The app says KB, the CLI KiB.
 */
public final class ByteSize {
    /** Unit names from bytes up, one per power of 1024. */
    public static final List<String> DESKTOP_UNITS = List.of("B", "KB", "MB", "GB", "TB");
    public static final List<String> IEC_UNITS = List.of("B", "KiB", "MiB", "GiB", "TiB");

    private ByteSize() {
    }

    /** The power of 1024 to show {@code bytes} in: 0 below 1024, 1 for kilobytes, ... at most {@code maxPower}. */
    public static int power(long bytes, int maxPower) {
        int p = 0;
        for (long v = Math.abs(bytes); v >= 1024 && p < maxPower; v /= 1024) {
            p++;
        }
        return p;
    }

    /** {@code bytes} divided by 1024 to the {@code power}. */
    public static double scaled(long bytes, int power) {
        return bytes / Math.pow(1024, power);
    }

    /** "512 B", "1.5 KB", "2.3 MB": whole bytes below 1024, else one decimal in the largest unit that fits. */
    public static String format(long bytes, Locale locale, List<String> units) {
        int p = power(bytes, units.size() - 1);
        if (p == 0) {
            return bytes + " " + units.get(0);
        }
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setGroupingUsed(false); // at most 1023.9 in a unit
        f.setMinimumFractionDigits(1);
        f.setMaximumFractionDigits(1);
        return f.format(scaled(bytes, p)) + " " + units.get(p);
    }

    /** The CLI's form: KiB, MiB, ... with a decimal point whatever the locale ("1.5 KiB"). */
    public static String iec(long bytes) {
        return format(bytes, Locale.ROOT, IEC_UNITS);
    }
}
