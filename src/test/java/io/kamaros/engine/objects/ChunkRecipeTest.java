package io.kamaros.engine.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.model.CorruptionException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChunkRecipeTest {
    private static final String BLOB = "a".repeat(64);

    private static byte[] recipe(long size, int[] lengths, byte fill) {
        ByteBuffer b = ByteBuffer.allocate(ChunkRecipe.FIXED + lengths.length * ChunkRecipe.ENTRY);
        b.put(new byte[]{'K', 'B', 1, 'C'}).putLong(size).putInt(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            byte[] hash = new byte[32];
            Arrays.fill(hash, (byte) (fill + i));
            b.put(hash).putInt(lengths[i]);
        }
        return b.array();
    }

    @Test
    void readsEntries() {
        ChunkRecipe r = ChunkRecipe.parse(BLOB, recipe(300, new int[]{100, 200}, (byte) 0x11));

        assertThat(r.count()).isEqualTo(2);
        assertThat(r.size()).isEqualTo(300);
        assertThat(r.chunkHash(1)).isEqualTo("12".repeat(32));
        assertThat(r.chunkLength(0)).isEqualTo(100);
        byte[] digest = new byte[32];
        Arrays.fill(digest, (byte) 0x11);
        assertThat(r.chunkHashEquals(0, digest)).isTrue();
        assertThat(r.chunkHashEquals(1, digest)).isFalse();
    }

    @Test
    void rejectsDamagedRecipes() {
        assertThatThrownBy(() -> ChunkRecipe.parse(BLOB, new byte[5])).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("truncated");
        byte[] cut = recipe(300, new int[]{100, 200}, (byte) 1);
        assertThatThrownBy(() -> ChunkRecipe.parse(BLOB, Arrays.copyOf(cut, cut.length - 1)))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("wrong length");
        assertThatThrownBy(() -> ChunkRecipe.parse(BLOB, recipe(301, new int[]{100, 200}, (byte) 1)))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("do not add up");
        assertThatThrownBy(() -> ChunkRecipe.parse(BLOB, recipe(0, new int[]{0}, (byte) 1)))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("impossible chunk length");
    }
}
