package io.kamaros.frontend;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * The time a long operation has left, as both front ends estimate it for their progress displays.
 * <p>An instance follows one operation: it goes by the rate of the last few seconds (an operation's
 * later phase, such as writing the files of a restore, may go slower than its first), follows the
 * estimate down, stays put through small ups and downs of the rate (a steady operation's estimate
 * never grows), and moves up only gradually when the work has really slowed down.
 */
public final class TimeLeft {
    /** A rise of the raw estimate smaller than this share of what is shown, or than {@link #NOISE_MILLIS}, is noise. */
    private static final double NOISE = 0.15;
    private static final long NOISE_MILLIS = 2_000;
    /** A real slowdown is taken in over about this long, so the number does not jump. */
    private static final Duration SETTLE = Duration.ofSeconds(4);
    /** The rate is measured over about this much of the recent past. */
    private static final long WINDOW_MILLIS = 8_000;

    private record Sample(long millis, double fraction) {
    }

    private final Deque<Sample> recent = new ArrayDeque<>();

    /** A rise that lasts this long is a slowdown; a shorter one is noise. */
    private static final Duration PERSISTS = Duration.ofMillis(1_500);

    private @Nullable Duration shown;
    /** Since when the raw estimate has been above the noise band, or null. */
    private @Nullable Duration risingSince;
    private Duration lastCall = Duration.ZERO;

    /**
     * From the fraction done so far (0 to 1) and the time that took, assuming the rest goes as fast;
     * null while it is too early to say (under 2 % or half a second) and once done.
     */
    public static @Nullable Duration estimate(double fractionDone, Duration elapsed) {
        if (fractionDone < 0.02 || fractionDone >= 1 || elapsed.toMillis() < 500) {
            return null;
        }
        long leftMillis = (long) (elapsed.toMillis() * (1 - fractionDone) / fractionDone);
        return Duration.ofMillis(leftMillis);
    }

    /** The next estimate to show for this operation (null: too early to say, or done). */
    public synchronized @Nullable Duration next(double fractionDone, Duration elapsed) {
        Duration raw = recentEstimate(fractionDone, elapsed);
        Duration before = shown;
        Duration sinceLastCall = elapsed.minus(lastCall);
        lastCall = elapsed;
        if (raw == null || before == null || sinceLastCall.isNegative()) {
            return remember(raw);
        }
        if (raw.compareTo(before) <= 0) {
            risingSince = null;
            return remember(raw); // as fast or faster: follow it down
        }
        if (raw.toMillis() <= before.toMillis() * (1 + NOISE) || raw.toMillis() - before.toMillis() < NOISE_MILLIS) {
            risingSince = null;
            return before; // noise around a steady rate: hold (time catches up with it)
        }
        Duration since = risingSince;
        if (since == null || elapsed.minus(since).compareTo(PERSISTS) < 0) {
            risingSince = since == null ? elapsed : since;
            return before; // maybe a slow moment: wait until it lasts
        }
        double weight = Math.min(1.0, (double) sinceLastCall.toMillis() / SETTLE.toMillis());
        long towards = before.toMillis() + Math.round((raw.toMillis() - before.toMillis()) * weight);
        return remember(Duration.ofMillis(towards));
    }

    /** Like {@link #estimate}, at the rate of the last {@link #WINDOW_MILLIS} (since the start until then). */
    private @Nullable Duration recentEstimate(double fractionDone, Duration elapsed) {
        long now = elapsed.toMillis();
        recent.addLast(new Sample(now, fractionDone));
        while (recent.size() > 2 && now - recent.getFirst().millis() > WINDOW_MILLIS) {
            recent.removeFirst();
        }
        Duration whole = estimate(fractionDone, elapsed);
        Sample from = recent.getFirst();
        if (whole == null || now - from.millis() < WINDOW_MILLIS / 2
                || fractionDone <= from.fraction()) {
            return whole;
        }
        double perMilli = (fractionDone - from.fraction()) / (now - from.millis());
        return Duration.ofMillis((long) ((1 - fractionDone) / perMilli));
    }

    private @Nullable Duration remember(@Nullable Duration value) {
        shown = value;
        return value;
    }
}
