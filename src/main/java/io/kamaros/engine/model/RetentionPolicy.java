package io.kamaros.engine.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which versions a thinning keeps, restic-style: the newest {@code keepLast}; every version made within
 * {@code keepWithin} of now; the newest version of each of the newest {@code keepHourly} hours that have a
 * version, likewise {@code keepDaily} days, {@code keepWeekly} ISO weeks and {@code keepMonthly} months (in
 * the person's time zone). {@link #UNLIMITED} keeps every such bucket, 0 none. A version any rule picks is
 * kept; {@code maxBytes} (0 = no limit) then drops the oldest thinnable versions left until the history's
 * estimated size fits. The newest version, the current one, and every version the caller does not call
 * thinnable are always kept.
 *
 * <p>{@link #timeMachine()} are the defaults, after Time Machine: every version of the last 24 hours, one an
 * hour for 7 days (168 hours that have versions), one a day for 30 days, one a week for ever.
 */
public record RetentionPolicy(int keepLast, Duration keepWithin, int keepHourly, int keepDaily, int keepWeekly,
                              int keepMonthly, long maxBytes) {
    /** Every bucket of that size is kept. */
    public static final int UNLIMITED = -1;

    public RetentionPolicy {
        for (int n : new int[] {keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly}) {
            if (n < UNLIMITED) {
                throw new ValidationException("A retention count must be 0 or more (or unlimited); got " + n + ".",
                        Map.of("field", "retention", "value", n));
            }
        }
        if (keepWithin == null || keepWithin.isNegative()) {
            throw new ValidationException("keepWithin must be a positive duration.", Map.of("field", "keepWithin"));
        }
        if (maxBytes < 0) {
            throw new ValidationException("maxBytes must be 0 (no limit) or more.", Map.of("field", "maxBytes"));
        }
    }

    /** Keeps nothing by any rule (only what is never thinned); start from it with the {@code with…} methods. */
    public static RetentionPolicy none() {
        return new RetentionPolicy(0, Duration.ZERO, 0, 0, 0, 0, 0);
    }

    /** Time Machine's schedule: all for 24 h, hourly for 7 days, daily for 30 days, weekly after. */
    public static RetentionPolicy timeMachine() {
        return new RetentionPolicy(0, Duration.ofHours(24), 7 * 24, 30, UNLIMITED, 0, 0);
    }

    public RetentionPolicy withKeepLast(int n) {
        return new RetentionPolicy(n, keepWithin, keepHourly, keepDaily, keepWeekly, keepMonthly, maxBytes);
    }

    public RetentionPolicy withKeepWithin(Duration d) {
        return new RetentionPolicy(keepLast, d, keepHourly, keepDaily, keepWeekly, keepMonthly, maxBytes);
    }

    public RetentionPolicy withKeepHourly(int n) {
        return new RetentionPolicy(keepLast, keepWithin, n, keepDaily, keepWeekly, keepMonthly, maxBytes);
    }

    public RetentionPolicy withKeepDaily(int n) {
        return new RetentionPolicy(keepLast, keepWithin, keepHourly, n, keepWeekly, keepMonthly, maxBytes);
    }

    public RetentionPolicy withKeepWeekly(int n) {
        return new RetentionPolicy(keepLast, keepWithin, keepHourly, keepDaily, n, keepMonthly, maxBytes);
    }

    public RetentionPolicy withKeepMonthly(int n) {
        return new RetentionPolicy(keepLast, keepWithin, keepHourly, keepDaily, keepWeekly, n, maxBytes);
    }

    public RetentionPolicy withMaxBytes(long bytes) {
        return new RetentionPolicy(keepLast, keepWithin, keepHourly, keepDaily, keepWeekly, keepMonthly, bytes);
    }

    /** The policy as command-line flags ({@code --keep-daily 30 …}): how the journal records who forgot. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        flag(parts, "--keep-last", keepLast);
        if (!keepWithin.isZero()) {
            parts.add("--keep-within " + keepWithin.toString().substring(2).toLowerCase(Locale.ROOT));
        }
        flag(parts, "--keep-hourly", keepHourly);
        flag(parts, "--keep-daily", keepDaily);
        flag(parts, "--keep-weekly", keepWeekly);
        flag(parts, "--keep-monthly", keepMonthly);
        if (maxBytes > 0) {
            parts.add("--max-size " + maxBytes);
        }
        return parts.isEmpty() ? "policy: keep nothing thinnable" : "policy: " + String.join(" ", parts);
    }

    private static void flag(List<String> parts, String name, int n) {
        if (n != 0) {
            parts.add(name + " " + (n == UNLIMITED ? "unlimited" : Integer.toString(n)));
        }
    }

    /** Reads a policy kept in the project's config (see {@link #toConfig}); null when none is kept. */
    public static @Nullable RetentionPolicy fromConfig(@Nullable Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            return null;
        }
        try {
            return new RetentionPolicy(intOf(m.get("keepLast")), Duration.ofSeconds(longOf(m.get("keepWithinSeconds"))),
                    intOf(m.get("keepHourly")), intOf(m.get("keepDaily")), intOf(m.get("keepWeekly")),
                    intOf(m.get("keepMonthly")), longOf(m.get("maxBytes")));
        } catch (ValidationException e) {
            return null;
        }
    }

    /** The policy as a project config value (plain numbers, so older readers keep it as it is). */
    public Map<String, Object> toConfig() {
        return Map.of("keepLast", keepLast, "keepWithinSeconds", keepWithin.toSeconds(), "keepHourly", keepHourly,
                "keepDaily", keepDaily, "keepWeekly", keepWeekly, "keepMonthly", keepMonthly, "maxBytes", maxBytes);
    }

    private static int intOf(@Nullable Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }

    private static long longOf(@Nullable Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
