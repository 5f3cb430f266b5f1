package io.kamaros.engine.objects;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The check every object name passes before it becomes a path (spec §1.3): 64 lowercase hex digits, nothing else. */
class BlobFormatTest {
    @Test
    void onlySixtyFourLowercaseHexDigitsAreAHash() {
        String hash = BlobFormat.sha256Hex(new byte[]{1, 2, 3});
        assertThat(BlobFormat.isHash(hash)).isTrue();
        assertThat(BlobFormat.isHash("0123456789abcdef".repeat(4))).isTrue();
        assertThat(BlobFormat.isHash(null)).isFalse();
        assertThat(BlobFormat.isHash("")).isFalse();
        assertThat(BlobFormat.isHash(hash.substring(1))).as("63 digits").isFalse();
        assertThat(BlobFormat.isHash(hash + "0")).as("65 digits").isFalse();
        assertThat(BlobFormat.isHash(hash.toUpperCase())).as("uppercase").isFalse();
        for (char bad : new char[]{'g', '/', '.', ':', '`', '@', 'G', ' ', '\n', 'ą'}) {
            assertThat(BlobFormat.isHash(bad + hash.substring(1))).as("with %s", bad).isFalse();
            assertThat(BlobFormat.isHash(hash.substring(1) + bad)).as("ending with %s", bad).isFalse();
        }
        assertThat(BlobFormat.isHash("../" + hash.substring(3))).isFalse();
    }
}
