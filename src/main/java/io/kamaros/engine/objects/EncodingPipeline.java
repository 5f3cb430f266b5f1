package io.kamaros.engine.objects;

import io.kamaros.engine.objects.BlobWriter.Encoded;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Compresses a big file's new chunks on other cores while the caller reads, cuts and hashes the
 * next ones, and writes them in the order they were given, on the caller's thread: the store sees
 * exactly the calls the sequential loop made (same objects, same bodies, same order), only sooner.
 * zstd is the slowest step of storing compressible content (≈ 110 MB/s a core at level 3 against
 * SHA-256's ≈ 1.5 GB/s), so on n cores up to n chunks are compressed at once.
 *
 * <p>Bounded: at most {@code maxInFlight} chunks (≤ 256 KiB plain each, plus their encoded bodies)
 * wait; {@link #add} blocks on the oldest when that many are queued. Nothing is written by the
 * workers: a failure or a cancel on the caller's side ({@link #close}) leaves only objects the caller
 * has been told of through {@code created}. A worker's exception is rethrown as it was thrown.
 * With {@code maxInFlight == 0} (one core) every chunk is encoded and written at once, in line.
 */
final class EncodingPipeline implements AutoCloseable {
    /** The default bound: every {@link CodecThreads} thread busy plus as many finished, waiting to be written. */
    static final int DEFAULT_IN_FLIGHT = CodecThreads.IN_FLIGHT;

    /** Writes one encoded object; returns the bytes written. */
    interface ObjectSink {
        long write(String path, Encoded body) throws IOException;
    }

    private record Pending(String path, Future<Encoded> body) {
    }

    private final Function<byte[], Encoded> encoder;
    private final ObjectSink sink;
    private final List<String> created;
    private final int maxInFlight;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private long written;

    /**
     * @param encoder pure CPU, called on the workers
     * @param sink    called on the caller's thread, in the order of {@link #add}
     * @param created gets each object's path just before it is written (the caller rolls them back on failure)
     */
    EncodingPipeline(Function<byte[], Encoded> encoder, ObjectSink sink, List<String> created, int maxInFlight) {
        this.encoder = encoder;
        this.sink = sink;
        this.created = created;
        this.maxInFlight = maxInFlight;
    }

    /** Queues {@code plain} (nobody changes it any more) to be stored as the chunk object {@code path}. */
    void add(String path, byte[] plain) throws IOException {
        if (maxInFlight == 0) {
            write(path, encoder.apply(plain));
            return;
        }
        while (queue.size() >= maxInFlight || (!queue.isEmpty() && queue.peekFirst().body().isDone())) {
            writeOldest();
        }
        queue.addLast(new Pending(path, CodecThreads.POOL.submit(() -> encoder.apply(plain))));
    }

    /** Writes everything queued, in order; returns the bytes this pipeline wrote in all. */
    long finish() throws IOException {
        while (!queue.isEmpty()) {
            writeOldest();
        }
        return written;
    }

    private void writeOldest() throws IOException {
        Pending oldest = queue.removeFirst();
        write(oldest.path(), CodecThreads.await(oldest.body(), "compressing"));
    }

    private void write(String path, Encoded body) throws IOException {
        created.add(path);
        written += sink.write(path, body);
    }

    /** Drops whatever is still queued (after a failure or a cancel): nothing more is written. */
    @Override
    public void close() {
        for (Pending p : queue) {
            p.body().cancel(false); // a queued one never runs; a running one ends on its own (pure CPU)
        }
        queue.clear();
    }
}
