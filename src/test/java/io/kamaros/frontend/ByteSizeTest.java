package io.kamaros.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ByteSizeTest {
    @Test
    void wholeBytesBelowOneKilobyte() {
        assertThat(ByteSize.format(0, Locale.ENGLISH, ByteSize.DESKTOP_UNITS)).isEqualTo("0 B");
        assertThat(ByteSize.format(1023, Locale.ENGLISH, ByteSize.DESKTOP_UNITS)).isEqualTo("1023 B");
        assertThat(ByteSize.iec(512)).isEqualTo("512 B");
    }

    @Test
    void oneDecimalInTheLargestBinaryUnit() {
        assertThat(ByteSize.format(1536, Locale.ENGLISH, ByteSize.DESKTOP_UNITS)).isEqualTo("1.5 KB");
        assertThat(ByteSize.format(1L << 20, Locale.ENGLISH, ByteSize.DESKTOP_UNITS)).isEqualTo("1.0 MB");
        assertThat(ByteSize.format(2_300_000, Locale.ENGLISH, ByteSize.DESKTOP_UNITS)).isEqualTo("2.2 MB");
        assertThat(ByteSize.format(3L << 40, Locale.ENGLISH, ByteSize.DESKTOP_UNITS)).isEqualTo("3.0 TB");
        assertThat(ByteSize.format(5L << 50, Locale.ENGLISH, ByteSize.DESKTOP_UNITS)).isEqualTo("5120.0 TB");
        assertThat(ByteSize.iec(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSize.iec(10L << 30)).isEqualTo("10.0 GiB");
    }

    @Test
    void theReadersDecimalMarkButNotTheCliS() {
        Locale polish = Locale.forLanguageTag("pl");
        assertThat(ByteSize.format(1536, polish, ByteSize.DESKTOP_UNITS)).isEqualTo("1,5 KB");
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(polish);
            assertThat(ByteSize.iec(1536)).isEqualTo("1.5 KiB");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void powerIsCappedForAxisUnits() {
        assertThat(ByteSize.power(1023, 3)).isZero();
        assertThat(ByteSize.power(1024, 3)).isEqualTo(1);
        assertThat(ByteSize.power(5L << 40, 3)).isEqualTo(3);
        assertThat(ByteSize.scaled(3L << 20, 2)).isEqualTo(3.0);
    }
}
