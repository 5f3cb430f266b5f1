package io.kamaros.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class JsonTimeTest {

    @Property(tries = 2000)
    void theHandReadFormMatchesJavaTime(@ForAll @LongRange(min = 0, max = 253_402_300_799_999L) long epochMillis) {
        Instant t = Instant.ofEpochMilli(epochMillis);
        String text = Json.formatTime(t);
        assertThat(Json.parseOwnFormat(text)).isEqualTo(Instant.parse(text)).isEqualTo(t);
        assertThat(Json.parseTime(text)).isEqualTo(t);
    }

    @Test
    void otherFormsAndImpossibleDatesTakeTheGeneralPath() {
        assertThat(Json.parseOwnFormat("2026-02-30T10:00:00.000Z")).isNull();
        assertThat(Json.parseOwnFormat("2026-13-01T10:00:00.000Z")).isNull();
        assertThat(Json.parseOwnFormat("2026-11-25T24:00:00.000Z")).isNull();
        assertThat(Json.parseOwnFormat("2026-11-2xT10:00:00.000Z")).isNull();
        assertThat(Json.parseOwnFormat("2026-11-25T13:18:28.156+00:00")).isNull();
        assertThat(Json.parseTime("2026-11-25T13:18:28.156123+00:00")).isEqualTo(Instant.parse("2026-11-25T13:18:28.156123Z"));
        assertThat(Json.parseTime("2024-02-29T23:59:59.999Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.999Z"));
        assertThat(Json.parseTime("2026-11-25T13:18:28")).isEqualTo(Instant.parse("2026-11-25T13:18:28Z"));
    }
}
