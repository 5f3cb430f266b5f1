package io.kamaros.engine.objects;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.objects.BlobStore.PutResult;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Storing a big file with its previous version as a hint (the old recipe's cut points are reused
 * where the bytes are unchanged) must give exactly what chunking from scratch gives: the same blob
 * name, the same recipe, the same chunks.
 */
class ChunkReuseTest {
    private static final int KB = 1024;

    enum Edit { OVERWRITE, INSERT, DELETE, APPEND, TRUNCATE, PREPEND, NONE }

    @Property(tries = 40)
    void reusingTheOldRecipeChunksExactlyLikeFromScratch(@ForAll @IntRange(min = 520, max = 3000) int sizeKb,
                                                         @ForAll Edit edit, @ForAll @IntRange(min = 1, max = 3) int edits,
                                                         @ForAll long seed) throws Exception {
        Random rnd = new Random(seed);
        byte[] v1 = new byte[sizeKb * KB];
        rnd.nextBytes(v1);
        byte[] v2 = v1;
        for (int i = 0; i < edits; i++) {
            v2 = apply(edit, v2, rnd);
        }

        MemoryAdapter hinted = new MemoryAdapter();
        BlobStore withHint = new BlobStore(hinted, 6, true);
        PutResult old = put(withHint, v1, null);
        PutResult reused = put(withHint, v2, old.hash());

        MemoryAdapter fresh = new MemoryAdapter();
        BlobStore scratch = new BlobStore(fresh, 6, true);
        put(scratch, v1, null);
        PutResult expected = put(scratch, v2, null);

        assertThat(reused.hash()).isEqualTo(expected.hash());
        assertThat(reused.newObjects()).containsExactlyInAnyOrderElementsOf(expected.newObjects());
        if (v2.length >= BlobStore.CHUNKING_THRESHOLD) {
            String recipe = BlobStore.BLOBS_DIR + "/" + reused.hash();
            assertThat(hinted.readFile(recipe)).isEqualTo(fresh.readFile(recipe));
        }
        assertThat(withHint.read(reused.hash())).isEqualTo(v2);
    }

    @Example
    void takesTheHintsCutPointsWhereTheBytesMatch() throws Exception {
        // A hand-made recipe with 100 KiB chunks, which FastCDC would not produce: taking its cut
        // points shows the reuse path ran (real recipes give the same cuts either way, see above).
        byte[] data = new byte[1000 * KB];
        new Random(9).nextBytes(data);
        MemoryAdapter adapter = new MemoryAdapter();
        int chunk = 100 * KB;
        ByteBuffer recipe = ByteBuffer.allocate(4 + 8 + 4 + 10 * 36);
        recipe.put(new byte[] {'K', 'B', 1, 'C'}).putLong(data.length).putInt(10);
        for (int i = 0; i < 10; i++) {
            recipe.put(MessageDigest.getInstance("SHA-256").digest(
                    Arrays.copyOfRange(data, i * chunk, (i + 1) * chunk))).putInt(chunk);
        }
        String hint = BlobStore.sha256Hex(data);
        adapter.writeFile(BlobStore.BLOBS_DIR + "/" + hint, recipe.array());
        byte[] edited = data.clone();
        edited[550 * KB] ^= 1; // in the sixth chunk: cut points before it are reused, after it FastCDC's

        BlobStore store = new BlobStore(adapter, 6, true);
        PutResult r = put(store, edited, hint);

        ByteBuffer out = ByteBuffer.wrap(adapter.readFile(BlobStore.BLOBS_DIR + "/" + r.hash()));
        int count = out.getInt(12);
        for (int i = 0; i < 5; i++) {
            assertThat(out.getInt(16 + i * 36 + 32)).as("chunk %d", i).isEqualTo(chunk);
        }
        assertThat(count).isGreaterThan(5);
        assertThat(store.read(r.hash())).isEqualTo(edited);
    }

    @Example
    void aHintThatIsNotARecipeOrMissingIsIgnored() throws IOException {
        MemoryAdapter adapter = new MemoryAdapter();
        BlobStore store = new BlobStore(adapter, 6, true);
        byte[] small = "a small whole blob".getBytes();
        PutResult whole = store.put(small);
        byte[] big = new byte[900 * KB];
        new Random(3).nextBytes(big);
        PutResult a = put(store, big, whole.hash());
        PutResult b = put(store, big, "0".repeat(64));
        PutResult c = put(store, big, "not a hash");
        assertThat(b.hash()).isEqualTo(a.hash());
        assertThat(c.hash()).isEqualTo(a.hash());
        assertThat(store.read(a.hash())).isEqualTo(big);
    }

    private static PutResult put(BlobStore store, byte[] data, String previous) throws IOException {
        return store.putStream(new ByteArrayInputStream(data), true, CancellationToken.NONE, n -> { }, previous);
    }

    private static byte[] apply(Edit edit, byte[] data, Random rnd) {
        int at = rnd.nextInt(data.length);
        int len = 1 + rnd.nextInt(200 * KB);
        byte[] noise = new byte[len];
        rnd.nextBytes(noise);
        return switch (edit) {
            case OVERWRITE -> {
                byte[] out = data.clone();
                System.arraycopy(noise, 0, out, at, Math.min(len, out.length - at));
                yield out;
            }
            case INSERT -> concat(Arrays.copyOf(data, at), noise, Arrays.copyOfRange(data, at, data.length));
            case DELETE -> concat(Arrays.copyOf(data, at), Arrays.copyOfRange(data, Math.min(data.length, at + len),
                    data.length));
            case APPEND -> concat(data, noise);
            case TRUNCATE -> Arrays.copyOf(data, Math.max(1, data.length - len));
            case PREPEND -> concat(noise, data);
            case NONE -> data;
        };
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
