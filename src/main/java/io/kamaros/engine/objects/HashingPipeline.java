package io.kamaros.engine.objects;

import static io.kamaros.engine.objects.BlobFormat.HEX;
import static io.kamaros.engine.objects.BlobFormat.sha256;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The SHA-256 of a whole content, computed on another core while the caller hashes each chunk: on
 * two or more cores the two passes then cost about one (a 1 GB file re-saved after a small edit is
 * otherwise bound by hashing it twice). Bounded: at most {@link #QUEUED} chunks (≤ 256 KiB each)
 * wait. On one core it hashes in line.
 */
final class HashingPipeline implements AutoCloseable {
    private static final int QUEUED = 32;

    /** Bytes handed to the hashing thread: {@code bytes[off, off+len)}, which nobody changes any more. */
    private record Slice(byte[] bytes, int off, int len) {
    }

    private static final Slice END = new Slice(new byte[0], 0, 0);

    /** Threads for the pipelines: daemons, so they never keep an application from exiting. */
    private static final ExecutorService HASHERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kamaros-hash");
        t.setDaemon(true);
        return t;
    });

    private final MessageDigest digest = sha256();
    private final @Nullable BlockingQueue<Slice> queue;
    private final @Nullable Future<byte[]> result;

    HashingPipeline() {
        if (Runtime.getRuntime().availableProcessors() > 1) {
            queue = new ArrayBlockingQueue<>(QUEUED);
            result = HASHERS.submit(() -> {
                for (Slice s = queue.take(); s != END; s = queue.take()) {
                    digest.update(s.bytes(), s.off(), s.len());
                }
                return digest.digest();
            });
        } else {
            queue = null;
            result = null;
        }
    }

    /** Hashes {@code b[off, off+len)}; copied when handed to the other thread (the caller reuses b). */
    void update(byte[] b, int off, int len) throws IOException {
        if (queue == null) {
            digest.update(b, off, len);
        } else {
            hand(new Slice(Arrays.copyOfRange(b, off, off + len), 0, len));
        }
    }

    /** Like {@link #update}, for an array nobody changes any more: handed over without a copy. */
    void updateOwned(byte[] b) throws IOException {
        updateOwned(b, 0, b.length);
    }

    /** Hashes {@code b[off, off+len)} of an array nobody changes any more: handed over without a copy. */
    void updateOwned(byte[] b, int off, int len) throws IOException {
        if (queue == null) {
            digest.update(b, off, len);
        } else if (len > 0) {
            hand(new Slice(b, off, len));
        }
    }

    /** The hex SHA-256 of everything given. */
    String finish() throws IOException {
        if (queue == null) {
            return HEX.formatHex(digest.digest());
        }
        hand(END);
        try {
            return HEX.formatHex(requireNonNull(result, "set together with queue").get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing failed", e.getCause());
        }
    }

    private void hand(Slice b) throws IOException {
        try {
            // Only called with a hashing thread: queue and result are set together.
            while (!requireNonNull(queue).offer(b, 100, TimeUnit.MILLISECONDS)) {
                if (requireNonNull(result).isDone()) {
                    throw new IllegalStateException("the hashing thread stopped early");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
    }

    @Override
    public void close() {
        if (result != null) {
            result.cancel(true); // a no-op after finish(); frees the thread after a failure
        }
    }
}
