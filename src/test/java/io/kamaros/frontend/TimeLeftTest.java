package io.kamaros.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
    }
}
