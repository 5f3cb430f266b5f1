package io.kamaros.engine.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A time as people write it in settings and options: "30s", "10m", "1h", "90" (seconds), or ISO-8601 ("PT30S").
 * In the engine because the project's settings it reads (how often history thins itself) are written this way too.
 */
public final class DurationSetting {
    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})([smh]?)");

    private DurationSetting() {
    }

    /** The time, or null when the text is none of the forms above or negative. */
    public static @Nullable Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
            return d.isNegative() ? null : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** "1h", "10m" or "30s": the shortest exact form {@link #parse} reads back. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 && s > 0 ? s / 3600 + "h" : s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }
}
