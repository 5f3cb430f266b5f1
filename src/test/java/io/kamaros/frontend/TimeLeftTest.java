package io.kamaros.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeLeftTest {
    @Test
    void theRestGoesAsFastAsWhatIsDone() {
        assertThat(TimeLeft.estimate(0.25, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(9));
        assertThat(TimeLeft.estimate(0.5, Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void noGuessTooEarlyOrWhenDone() {
        assertThat(TimeLeft.estimate(0.01, Duration.ofSeconds(10))).isNull();
        assertThat(TimeLeft.estimate(0.5, Duration.ofMillis(499))).isNull();
        assertThat(TimeLeft.estimate(1.0, Duration.ofSeconds(10))).isNull();
        assertThat(new TimeLeft().next(1.0, Duration.ofSeconds(10))).isNull();
    }

    /** A 60-second operation at a steady rate, reported every 100 ms with the jitter of real events. */
    @Test
    void aSteadyOperationsEstimateNeverGrows() {
        TimeLeft timeLeft = new TimeLeft();
        Random jitter = new Random(14);
        List<Duration> shown = new ArrayList<>();
        for (int ms = 100; ms < 60_000; ms += 100) {
            double fraction = Math.min(0.999, ms / 60_000.0 * (1 + (jitter.nextDouble() - 0.5) * 0.02));
            Duration left = timeLeft.next(fraction, Duration.ofMillis(ms));
            if (left != null) {
                shown.add(left);
            }
        }
        assertThat(shown).hasSizeGreaterThan(500);
        for (int i = 1; i < shown.size(); i++) {
            assertThat(shown.get(i)).as("estimate %d of %d", i, shown.size()).isLessThanOrEqualTo(shown.get(i - 1));
        }
        assertThat(shown.get(0)).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(70));
        assertThat(shown.get(shown.size() - 1)).isLessThan(Duration.ofSeconds(3));
    }

    /**
     * A restore's shape: 70 % of the bar (reading the history) takes 5 s, the rest (writing the
     * files) 30 s. The estimate does not jump at the change, goes towards the truth and then down
     * with it.
     */
    @Test
    void aRealSlowdownIsTakenInGraduallyAndThenFollowed() {
        TimeLeft timeLeft = new TimeLeft();
        Duration previous = null;
        Duration atTheEnd = null;
        for (int ms = 100; ms < 35_000; ms += 100) {
            double fraction = ms <= 5_000 ? 0.7 * ms / 5_000 : 0.7 + 0.3 * (ms - 5_000) / 30_000.0;
            Duration left = timeLeft.next(fraction, Duration.ofMillis(ms));
            if (left != null && previous != null) {
                assertThat(left.minus(previous)).as("no jump at %d ms", ms).isLessThan(Duration.ofSeconds(2));
            }
            if (ms == 20_000) {
                // truth: 15 s left; the average since the start (20 s for 85 %) would say 3.5 s
                assertThat(left).isBetween(Duration.ofSeconds(12), Duration.ofSeconds(18));
            }
            if (ms > 22_000) {
                assertThat(left).as("steady again at %d ms", ms).isLessThanOrEqualTo(previous);
            }
            previous = left;
            atTheEnd = left;
        }
        assertThat(atTheEnd).isLessThan(Duration.ofSeconds(2));
    }
}
