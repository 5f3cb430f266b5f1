package io.kamaros.frontend;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The time a long operation has left, as both front ends estimate it for their progress displays. */
public final class TimeLeft {
    private TimeLeft() {
    }

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
}
