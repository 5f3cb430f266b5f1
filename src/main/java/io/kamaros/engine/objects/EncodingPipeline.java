package io.kamaros.engine.objects;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Prepares a big file's chunks on other cores (each chunk's SHA-256, whether it is stored already, its
 * compression: see {@code ChunkingWriter}) while the caller reads and cuts the next ones, and hands the results
 * back <em>in the order they were given, on the caller's thread</em>, which writes them: the store sees exactly the
 * calls the sequential loop made (same objects, same bodies, same order), only sooner. SHA-256 (≈ 1.2 GB/s a core)
 * and zstd (≈ 110 MB/s a core at level 3 on compressible content) are the costly steps of storing a chunk, so on
 * n cores up to n chunks are prepared at once.
 *
 * <p>Bounded: at most {@code maxInFlight} chunks (≤ 256 KiB each, plus their encoded bodies) wait; {@link #add}
 * hands out the oldest results first when that many are queued. Workers only compute: a failure or a cancel on
 * the caller's side ({@link #close}) leaves only what the caller's sink wrote. A worker's exception is rethrown as
 * it was thrown, and no later result reaches the sink. With {@code maxInFlight == 0} (one core) every piece of work
 * runs at once, in line.
 *
 * @param <R> what the work gives for one chunk
 */
final class EncodingPipeline<R> implements AutoCloseable {
    /** The default bound: every {@link CodecThreads} thread busy plus as many finished, waiting to be taken. */
    static final int DEFAULT_IN_FLIGHT = CodecThreads.IN_FLIGHT;

    /** Pure CPU work for one chunk, run on a worker (it may look up, never write, the store). */
    interface Work<R> {
        R run() throws IOException;
    }

    /** Takes each result on the caller's thread, in the order of {@link #add}. */
    interface Sink<R> {
        void accept(R result) throws IOException;
    }

    private final Sink<R> sink;
    private final int maxInFlight;
    private final ArrayDeque<Future<R>> queue = new ArrayDeque<>();

    EncodingPipeline(Sink<R> sink, int maxInFlight) {
        this.sink = sink;
        this.maxInFlight = maxInFlight;
    }

    /** Queues {@code work} (what it reads nobody changes any more). */
    void add(Work<R> work) throws IOException {
        if (maxInFlight == 0) {
            sink.accept(work.run());
            return;
        }
        makeRoom();
        Callable<R> task = work::run;
        queue.addLast(CodecThreads.POOL.submit(task));
    }

    /** Queues a result that needs no work (it still reaches the sink in its turn). */
    void addDone(R result) throws IOException {
        if (maxInFlight == 0) {
            sink.accept(result);
            return;
        }
        makeRoom();
        queue.addLast(CompletableFuture.completedFuture(result));
    }

    /** Hands every queued result to the sink, in order. */
    void finish() throws IOException {
        while (!queue.isEmpty()) {
            takeOldest();
        }
    }

    private void makeRoom() throws IOException {
        while (queue.size() >= maxInFlight || (!queue.isEmpty() && queue.peekFirst().isDone())) {
            takeOldest();
        }
    }

    private void takeOldest() throws IOException {
        Future<R> oldest = queue.removeFirst();
        sink.accept(CodecThreads.await(oldest, "preparing a chunk"));
    }

    /** Drops whatever is still queued (after a failure or a cancel): nothing more reaches the sink. */
    @Override
    public void close() {
        for (Future<R> f : queue) {
            f.cancel(false); // a queued one never runs; a running one ends on its own (pure CPU)
        }
        queue.clear();
    }
}
