package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CancelledException;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.store.ForwardingAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14, item 3: Stop takes effect inside a big file being stored, not after it. Measured in
 * bytes, not seconds: once Stop is pressed the save reads at most one more buffer of the file; the
 * project is then exactly as before (history, verify, no object left for GC to find).
 */
class StopInsideBigFileTest {
    private static final int BIG = 24 * 1024 * 1024;
    /** One read of the chunker's buffer (2 × 256 KiB) plus a read of slack. */
    private static final long AT_MOST_AFTER_STOP = 1024 * 1024;

    /** Cancels the token once {@code big.bin} has been read up to {@code stopAt}; counts what is read after. */
    private static final class StoppingAdapter extends ForwardingAdapter {
        final AtomicLong readAfterStop = new AtomicLong();
        private final CancellationToken cancel;
        private final long stopAt;

        StoppingAdapter(CancellationToken cancel, long stopAt) {
            super(new MemoryAdapter());
            this.cancel = cancel;
            this.stopAt = stopAt;
        }

        @Override
        public InputStream openRead(String path) throws IOException {
            InputStream in = super.openRead(path);
            if (!path.equals("content/big.bin")) {
                return in;
            }
            return new FilterInputStream(in) {
                private long read;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        if (cancel.isCancelled()) {
                            readAfterStop.addAndGet(n);
                        }
                        read += n;
                        if (read >= stopAt) {
                            cancel.cancel(); // the person presses Stop while this part of the file is stored
                        }
                    }
                    return n;
                }
            };
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 12, 20})
    void stopInsideABigFileEndsTheSaveWithinOneReadAndLeavesNothing(int stopAtMiB) throws Exception {
        CancellationToken cancel = new CancellationToken();
        StoppingAdapter adapter = new StoppingAdapter(cancel, stopAtMiB * 1024L * 1024);
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(adapter);
            jcf.addFile("a.txt", "kept\n");
            String first = jcf.saveCheckpoint("first");
            List<String> objectsBefore = adapter.listFiles(".store");
            byte[] big = new byte[BIG];
            new Random(stopAtMiB).nextBytes(big);
            adapter.writeFile("content/big.bin", big); // as another program puts it there: the scan reads it

            assertThatThrownBy(() -> jcf.saveCheckpoint("with big", CheckpointOptions.builder().cancel(cancel).build()))
                    .isInstanceOf(CancelledException.class);

            assertThat(adapter.readAfterStop.get()).as("bytes of big.bin read after Stop").isLessThanOrEqualTo(AT_MOST_AFTER_STOP);
            assertThat(jcf.getHistory()).hasSize(1);
            assertThat(jcf.getCurrentVersion().orElseThrow().id()).isEqualTo(first);
            assertThat(adapter.listFiles(".store")).as("no object of the stopped save is left")
                    .containsExactlyInAnyOrderElementsOf(objectsBefore);
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).valid()).isTrue();
            assertThat(jcf.runGc().blobsRemoved()).isZero();
            assertThat(jcf.getStatus().added()).containsExactly("big.bin");
        }
    }
}
