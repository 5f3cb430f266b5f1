package io.kamaros.engine.objects;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The threads that hash and compress chunks being stored ({@link EncodingPipeline}) and read ahead chunks
 * being streamed out ({@link BlobReader}): one per core, daemons (they never keep an application from
 * exiting), kept for the process's life so each keeps its zstd contexts ({@link ObjectCodec}'s are per
 * thread). Their tasks never wait for one another, so a shared fixed pool cannot deadlock.
 */
final class CodecThreads {
    static final int COUNT = Runtime.getRuntime().availableProcessors();
    static final ExecutorService POOL = Executors.newFixedThreadPool(COUNT, r -> {
        Thread t = new Thread(r, "kamaros-codec");
        t.setDaemon(true);
        return t;
    });
    /** Tasks a stream keeps queued: every thread busy plus as many finished, waiting to be taken (0 on one core: in line). */
    static final int IN_FLIGHT = COUNT > 1 ? 2 * COUNT : 0;

    private CodecThreads() {
    }

    /**
     * The result of a task, its failure thrown as it was thrown (an {@link IOException}, a
     * {@link RuntimeException} or an {@link Error}).
     */
    static <T> T await(Future<T> task, String what) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(what + " failed", cause == null ? e : cause);
        }
    }
}
