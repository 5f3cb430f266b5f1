package io.kamaros.app.i18n;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** "5 minutes ago", "3 days ago" and absolute dates in the app's language. */
public final class TimeText {
    private TimeText() {
    }

    public static String relative(Instant when, Instant now) {
        Duration d = Duration.between(when, now);
        long s = d.getSeconds();
        if (s < 0) {
            return I18n.t("time.future");
        }
        if (s < 60) {
            return I18n.t("time.justNow");
        }
        if (s < 3600) {
            return I18n.t("time.minutesAgo", s / 60);
        }
        if (s < 86400) {
            return I18n.t("time.hoursAgo", s / 3600);
        }
        if (s < 86400 * 14) {
            return I18n.t("time.daysAgo", s / 86400);
        }
        if (s < 86400L * 60) {
            return I18n.t("time.weeksAgo", s / (86400 * 7));
        }
        if (s < 86400L * 365 * 2) {
            return I18n.t("time.monthsAgo", s / (86400L * 30));
        }
        return I18n.t("time.yearsAgo", s / (86400L * 365));
    }

    /** "09:10–12:40" within one day, else both moments in full: the span of a folded run of automatic saves. */
    public static String span(Instant from, Instant to) {
        ZoneId zone = ZoneId.systemDefault();
        if (from.atZone(zone).toLocalDate().equals(to.atZone(zone).toLocalDate())) {
            DateTimeFormatter time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(I18n.locale()).withZone(zone);
            return time.format(from) + "\u2013" + time.format(to);
        }
        return absolute(from) + " \u2013 " + absolute(to);
    }

    /** The day only ("7 Dec 2026"). */
    public static String date(Instant when) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(I18n.locale())
                .withZone(ZoneId.systemDefault()).format(when);
    }

    public static String absolute(Instant when) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(I18n.locale()).withZone(ZoneId.systemDefault()).format(when);
    }
}
