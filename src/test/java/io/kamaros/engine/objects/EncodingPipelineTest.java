package io.kamaros.engine.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.objects.BlobStore.PutResult;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jspecify.annotations.Nullable;

/**
 * Big content stored through the encoding pipeline (chunks hashed, looked up and compressed on other threads,
 * written in order) gives exactly what the one-by-one loop gives: the same blob, the same recipe, the same chunk
 * objects byte for byte, written in the same order and counted the same.
 */
class EncodingPipelineTest {
    private static final int KB = 1024;

    @Property(tries = 25)
    void thePipelineStoresExactlyWhatTheSequentialLoopStores(@ForAll @IntRange(min = 1, max = 40) int segments,
            @ForAll @IntRange(min = 1, max = 9) int inFlight, @ForAll long seed) throws Exception {
        Random rnd = new Random(seed);
        byte[] v1 = mixedContent(rnd, segments);
        byte[] v2 = v1.clone();
        int at = rnd.nextInt(v2.length);
        byte[] patch = mixedContent(rnd, 1);
        System.arraycopy(patch, 0, v2, at, Math.min(patch.length, v2.length - at));

        MemoryAdapter sequentialStore = new MemoryAdapter();
        BlobStore sequential = new BlobStore(sequentialStore, 6, true, 0);
        MemoryAdapter pipelinedStore = new MemoryAdapter();
        BlobStore pipelined = new BlobStore(pipelinedStore, 6, true, inFlight);

        PutResult s1 = put(sequential, v1, null);
        PutResult p1 = put(pipelined, v1, null);
        PutResult s2 = put(sequential, v2, s1.hash());
        PutResult p2 = put(pipelined, v2, p1.hash());

        assertThat(p1).isEqualTo(s1); // hash, size, bytes written, dedup, new objects in the order written
        assertThat(p2).isEqualTo(s2);
        for (String dir : List.of(BlobStore.BLOBS_DIR, BlobStore.CHUNKS_DIR)) {
            List<String> names = sequentialStore.listFiles(dir);
            assertThat(pipelinedStore.listFiles(dir)).containsExactlyInAnyOrderElementsOf(names);
            for (String name : names) {
                assertThat(pipelinedStore.readFile(dir + "/" + name)).as(dir + "/" + name)
                        .isEqualTo(sequentialStore.readFile(dir + "/" + name));
            }
        }
        assertThat(pipelined.read(p2.hash())).isEqualTo(v2);
    }

    @Example
    void aWorkersFailureSurfacesAsThrownAndNothingAfterItReachesTheSink() {
        List<Integer> taken = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");
        EncodingPipeline<Integer> pipeline = new EncodingPipeline<>(taken::add, 2);

        assertThatThrownBy(() -> {
            try (pipeline) {
                for (int i = 0; i < 8; i++) {
                    int n = i;
                    pipeline.add(() -> {
                        if (n == 3) {
                            throw boom;
                        }
                        return n;
                    });
                }
                pipeline.finish();
            }
        }).isSameAs(boom);
        assertThat(taken).containsExactly(0, 1, 2);
    }

    @Example
    void atMostTheBoundIsInFlightAndTheRestReachesTheSinkInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger added = new AtomicInteger();
        List<Integer> taken = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
        EncodingPipeline<Integer> pipeline = new EncodingPipeline<>(taken::add, 3);
        Thread adder = new Thread(() -> {
            try (pipeline) {
                for (int i = 0; i < 10; i++) {
                    int n = i;
                    pipeline.add(() -> {
                        try {
                            release.await(); // every piece of work waits until the test has seen the adder block
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return n;
                    });
                    if (i == 4) {
                        pipeline.addDone(-1); // no work: still taken in its turn
                    }
                    added.incrementAndGet();
                }
                pipeline.finish();
            } catch (IOException | RuntimeException e) {
                failure.set(e);
            }
        });
        adder.start();
        // Until the adder waits with three added (a short wait for a lock inside the pool may come sooner);
        // unbounded, it would add all ten and wait in finish().
        while (adder.isAlive() && (added.get() < 3 || adder.getState() != Thread.State.WAITING)) {
            Thread.onSpinWait();
        }
        assertThat(added).hasValue(3);
        assertThat(taken).isEmpty();

        release.countDown();
        adder.join();
        assertThat(failure.get()).isNull();
        assertThat(taken).containsExactly(0, 1, 2, 3, 4, -1, 5, 6, 7, 8, 9);
    }

    @Example
    void theCodecThreadsAreAFixedSetOfDaemons() throws IOException {
        byte[] data = mixedContent(new Random(5), 30);
        for (int i = 0; i < 3; i++) {
            data[i] ^= 1;
            put(new BlobStore(new MemoryAdapter(), 6, true), data, null);
        }
        List<Thread> encoders = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("kamaros-codec")).toList();
        assertThat(encoders).hasSizeBetween(1, Runtime.getRuntime().availableProcessors());
        assertThat(encoders).allMatch(Thread::isDaemon);
    }

    @Example
    void incompressibleChunksAreStoredRawAndCompressibleOnesCompressed() throws IOException {
        byte[] random = new byte[256 * KB];
        new Random(11).nextBytes(random);
        byte[] text = text(new Random(12), 256 * KB);
        assertThat(ObjectCodec.looksIncompressible(random, 0, random.length)).isTrue();
        assertThat(ObjectCodec.looksIncompressible(text, 0, text.length)).isFalse();

        MemoryAdapter adapter = new MemoryAdapter();
        BlobStore store = new BlobStore(adapter, 6, true);
        byte[] both = new byte[random.length + text.length];
        System.arraycopy(random, 0, both, 0, random.length);
        System.arraycopy(text, 0, both, random.length, text.length);
        PutResult r = put(store, both, null);
        List<Character> encodings = new ArrayList<>();
        for (String chunk : store.chunkHashes(r.hash())) {
            encodings.add((char) adapter.readFile(BlobStore.CHUNKS_DIR + "/" + chunk)[3]);
        }
        assertThat(encodings).contains('R', 'Z');
        assertThat(store.read(r.hash())).isEqualTo(both);
    }

    /** Segments of random bytes, text, zeros and repeats of an earlier segment (repeated chunks), 520 KiB and up. */
    static byte[] mixedContent(Random rnd, int segments) {
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        while (parts.size() < segments || total < BlobStore.CHUNKING_THRESHOLD + 8 * KB) {
            int len = 1 + rnd.nextInt(300 * KB);
            byte[] part = switch (rnd.nextInt(4)) {
                case 0 -> new byte[len];
                case 1 -> text(rnd, len);
                case 2 -> parts.isEmpty() ? new byte[len] : parts.get(rnd.nextInt(parts.size()));
                default -> {
                    byte[] b = new byte[len];
                    rnd.nextBytes(b);
                    yield b;
                }
            };
            parts.add(part);
            total += part.length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] text(Random rnd, int len) {
        StringBuilder s = new StringBuilder(len + 80);
        while (s.length() < len) {
            s.append("line ").append(rnd.nextInt(1000)).append(": the quick brown fox ").append(rnd.nextInt(50))
                    .append('\n');
        }
        return s.substring(0, len).getBytes(StandardCharsets.US_ASCII);
    }

    private static PutResult put(BlobStore store, byte[] data, @Nullable String previous) throws IOException {
        return store.putStream(new ByteArrayInputStream(data), true, CancellationToken.NONE, n -> { }, previous);
    }
}
