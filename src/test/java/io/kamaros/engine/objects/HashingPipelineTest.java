package io.kamaros.engine.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashingPipelineTest {

    @Test
    void hashesWhatItIsGivenInOrderWhetherCopiedOrHandedOver() throws IOException {
        byte[] content = new byte[3 * 256 * 1024 + 17];
        new Random(7).nextBytes(content);
        byte[] reused = new byte[64 * 1024];

        try (HashingPipeline pipeline = new HashingPipeline()) {
            int at = 0;
            // Slices of a reused buffer (copied) and fresh arrays or parts of them (handed over) mixed, as writer and reader do.
            while (at < content.length) {
                int n = Math.min(reused.length, content.length - at);
                if ((at / reused.length) % 2 == 0) {
                    System.arraycopy(content, at, reused, 0, n);
                    pipeline.update(reused, 0, n);
                    reused[0] ^= 1; // the caller may reuse its buffer at once
                } else if ((at / reused.length) % 4 == 1) {
                    byte[] owned = new byte[n];
                    System.arraycopy(content, at, owned, 0, n);
                    pipeline.updateOwned(owned);
                } else {
                    byte[] body = new byte[4 + n]; // a chunk's raw body: handed over, hashed after its header
                    System.arraycopy(content, at, body, 4, n);
                    pipeline.updateOwned(body, 4, n);
                }
                at += n;
            }
            pipeline.updateOwned(new byte[0]);

            assertThat(pipeline.finish()).isEqualTo(BlobFormat.sha256Hex(content));
        }
    }

    @Test
    void theEmptyContentHasTheEmptyHash() throws IOException {
        try (HashingPipeline pipeline = new HashingPipeline()) {
            assertThat(pipeline.finish()).isEqualTo(BlobFormat.sha256Hex(new byte[0]));
        }
    }
}
