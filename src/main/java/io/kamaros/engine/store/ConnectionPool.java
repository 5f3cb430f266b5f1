package io.kamaros.engine.store;

import io.kamaros.engine.model.UnversionableFile;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Bounds how many storage operations run at once against one adapter.
 *
 * <p>Why: a project on remote or rate-limited storage (an S3 bucket, a database, a network share)
 * must not be hit by every reader thread at once. A GUI that loads previews, a history view and a
 * background verify all read the same project in parallel; with a pool they share a fixed number
 * of "connections" and the rest wait their turn instead of being throttled or refused by the
 * service. For a local {@link FileAdapter} a pool is rarely needed.
 *
 * <pre>{@code
 * try (ConnectionPool pool = new ConnectionPool(new S3Adapter(bucket), 8)) {
 *     manager.init(pool.getAdapter());
 *     ...
 * } // waits for running operations, then disposes the S3 adapter
 * }</pre>
 *
 * <p>{@link #getAdapter()} forwards every {@link FileSystemAdapter} method to the delegate, and each
 * call holds one permit of a fair {@link Semaphore} while it runs. A stream from {@code openRead} or
 * {@code openWrite} holds its permit until it is closed (or aborted), so forgetting to close one
 * starves the pool. The hints {@code supportsStreaming}, {@code maxFileSize},
 * {@code compressionEnabled} and {@code describe} ask the delegate without taking a permit and keep
 * answering after close (error messages use {@code describe}). A {@link ProjectLock} from
 * {@code tryLock} takes a permit while it is acquired, not while it is held.
 *
 * <p>The pool owns the delegate: {@link #close()} disposes it, and {@code dispose()} on the pooled
 * adapter does nothing, so several managers may share one pool. Thread-safe.
 */
public final class ConnectionPool implements AutoCloseable {
    private final FileSystemAdapter delegate;
    private final int maxConcurrent;
    private final Semaphore permits;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final FileSystemAdapter adapter;

    /** A pool allowing as many operations at once as there are cores, but at least 4. */
    public ConnectionPool(FileSystemAdapter delegate) {
        this(delegate, Math.max(4, Runtime.getRuntime().availableProcessors()));
    }

    /** A pool allowing at most {@code maxConcurrent} operations on {@code delegate} at once. */
    public ConnectionPool(FileSystemAdapter delegate, int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, was " + maxConcurrent);
        }
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.maxConcurrent = maxConcurrent;
        this.permits = new Semaphore(maxConcurrent, true);
        this.adapter = new PooledAdapter(); // after delegate: it wraps it
    }

    /**
     * The adapter to hand to the engine.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public FileSystemAdapter getAdapter() {
        ensureOpen();
        return adapter;
    }

    /** Operations (and open streams) running right now. */
    public int inFlight() {
        return inFlight.get();
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    /**
     * Refuses new operations, waits for the running ones (including open streams) to finish, then
     * disposes the delegate. Operations still waiting for a permit fail with
     * {@link IllegalStateException}. Closing again does nothing.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        permits.acquireUninterruptibly(maxConcurrent);
        try {
            delegate.dispose();
        } finally {
            // Wake callers that queued before close; they see the pool closed and give the permit back.
            permits.release(maxConcurrent);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The connection pool for " + delegate.describe() + " is closed.");
        }
    }

    private void acquire() throws IOException {
        ensureOpen();
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a storage connection");
        }
        if (closed.get()) {
            permits.release();
            ensureOpen();
        }
        inFlight.incrementAndGet();
    }

    private void release() {
        inFlight.decrementAndGet();
        permits.release();
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T call() throws IOException;
    }

    @FunctionalInterface
    private interface IoRun {
        void run() throws IOException;
    }

    private <T> T callWithPermit(IoCall<T> call) throws IOException {
        acquire();
        try {
            return call.call();
        } finally {
            release();
        }
    }

    private void runWithPermit(IoRun run) throws IOException {
        acquire();
        try {
            run.run();
        } finally {
            release();
        }
    }

    /**
     * Takes a permit around every call that touches the storage; {@link ForwardingAdapter} passes on the
     * rest (hints, the history guard), so no method falls back to the interface's default (a test checks this).
     */
    private final class PooledAdapter extends ForwardingAdapter {
        PooledAdapter() {
            super(delegate);
        }

        @Override
        public byte[] readFile(String path) throws IOException {
            return callWithPermit(() -> delegate.readFile(path));
        }

        @Override
        public void writeFile(String path, byte[] data) throws IOException {
            runWithPermit(() -> delegate.writeFile(path, data));
        }

        @Override
        public boolean fileExists(String path) throws IOException {
            return callWithPermit(() -> delegate.fileExists(path));
        }

        @Override
        public void deleteFile(String path) throws IOException {
            runWithPermit(() -> delegate.deleteFile(path));
        }

        @Override
        public List<String> listFiles(String directory) throws IOException {
            return callWithPermit(() -> delegate.listFiles(directory));
        }

        @Override
        public void init() throws IOException {
            runWithPermit(delegate::init);
        }

        /** Does nothing: the pool owns the delegate and disposes it in {@link ConnectionPool#close()}. */
        @Override
        public void dispose() {
        }

        @Override
        public InputStream openRead(String path) throws IOException {
            acquire();
            InputStream in;
            try {
                in = delegate.openRead(path);
            } catch (IOException | RuntimeException | Error e) {
                release();
                throw e;
            }
            AtomicBoolean done = new AtomicBoolean();
            return new FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        if (done.compareAndSet(false, true)) {
                            release();
                        }
                    }
                }
            };
        }

        @Override
        public AtomicOutput openWrite(String path) throws IOException {
            acquire();
            AtomicOutput out;
            try {
                out = delegate.openWrite(path);
            } catch (IOException | RuntimeException | Error e) {
                release();
                throw e;
            }
            AtomicBoolean done = new AtomicBoolean();
            return new AtomicOutput() {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    try {
                        out.close();
                    } finally {
                        if (done.compareAndSet(false, true)) {
                            release();
                        }
                    }
                }

                @Override
                public void abort() throws IOException {
                    try {
                        out.abort();
                    } finally {
                        if (done.compareAndSet(false, true)) {
                            release();
                        }
                    }
                }
            };
        }

        @Override
        public List<String> listStaleTemporaryFiles() throws IOException {
            return callWithPermit(delegate::listStaleTemporaryFiles);
        }

        @Override
        public void sync() throws IOException {
            runWithPermit(delegate::sync);
        }

        @Override
        public SortedMap<String, FileStat> listFilesWithStats(String directory) throws IOException {
            return callWithPermit(() -> delegate.listFilesWithStats(directory));
        }

        @Override
        public SortedMap<String, FileStat> listFilesWithStats(String directory,
                List<UnversionableFile> notListed) throws IOException {
            return callWithPermit(() -> delegate.listFilesWithStats(directory, notListed));
        }

        @Override
        public SortedMap<String, FileStat> listFilesWithStats(String directory,
                List<UnversionableFile> notListed, @Nullable Collection<String> folders)
                throws IOException {
            return callWithPermit(() -> delegate.listFilesWithStats(directory, notListed, folders));
        }

        @Override
        public void createFolder(String path) throws IOException {
            runWithPermit(() -> delegate.createFolder(path));
        }

        @Override
        public void deleteEmptyFolder(String path) throws IOException {
            runWithPermit(() -> delegate.deleteEmptyFolder(path));
        }

        @Override
        public Optional<FileStat> stat(String path) throws IOException {
            return callWithPermit(() -> delegate.stat(path));
        }

        @Override
        public void moveFile(String from, String to) throws IOException {
            runWithPermit(() -> delegate.moveFile(from, to));
        }

        @Override
        public void appendFile(String path, byte[] data) throws IOException {
            runWithPermit(() -> delegate.appendFile(path, data));
        }

        @Override
        public void truncateFile(String path, long length) throws IOException {
            runWithPermit(() -> delegate.truncateFile(path, length));
        }

        @Override
        public Optional<ProjectLock> tryLock() throws IOException {
            return callWithPermit(delegate::tryLock);
        }

    }
}
