package io.kamaros.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link MemoryAdapter#fromBytes} loads exactly what toBytes wrote, or refuses: never an empty project instead. */
class MemoryAdapterBytesTest {
    private static byte[] project() {
        MemoryAdapter adapter = new MemoryAdapter();
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(adapter);
            jcf.addFile("a.txt", "kept\n");
            jcf.saveCheckpoint("one");
        }
        return adapter.toBytes();
    }

    @Test
    void garbageIsACorruptionErrorNotAnEmptyProject() {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        assertThatThrownBy(() -> MemoryAdapter.fromBytes(garbage)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("not a whole MemoryAdapter archive");
        assertThatThrownBy(() -> MemoryAdapter.fromBytes("hello".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CorruptionException.class);
        assertThatThrownBy(() -> MemoryAdapter.fromBytes(new byte[0])).isInstanceOf(CorruptionException.class);
    }

    @Test
    void anArchiveCutShortIsACorruptionError() {
        byte[] whole = project();
        for (int cut : new int[] {10, whole.length / 3, whole.length / 2, whole.length - 30, whole.length - 1}) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> MemoryAdapter.fromBytes(part)).as("cut at " + cut)
                    .isInstanceOf(CorruptionException.class)
                    .extracting(e -> ((CorruptionException) e).code()).isEqualTo(ErrorCodes.CORRUPTION_ERROR);
        }
    }

    @Test
    void aWholeArchiveAndAnEmptyAdapterRoundTrip() throws Exception {
        MemoryAdapter copy = MemoryAdapter.fromBytes(project());
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(copy);
            assertThat(jcf.getHistory()).hasSize(1);
            assertThat(jcf.getFileContent("a.txt")).isEqualTo("kept\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(MemoryAdapter.fromBytes(new MemoryAdapter().toBytes()).listFiles("")).isEmpty();
    }

    @Test
    void nullIsAValidationError() {
        assertThatThrownBy(() -> MemoryAdapter.fromBytes(null)).isInstanceOf(ValidationException.class);
    }
}
