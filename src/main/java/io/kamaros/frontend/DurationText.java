package io.kamaros.frontend;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A time as people write it in settings and options: "30s", "10m", "1h", "90" (seconds), or ISO-8601 ("PT30S"). */
public final class DurationText {
    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})([smh]?)");

    private DurationText() {
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
}
