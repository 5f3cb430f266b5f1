package io.kamaros.engine.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.store.FileSystemAdapter.AtomicOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionPoolTest {

    /**
     * Counts how many reads run inside it at once. Each read first meets the others at
     * {@code arrivals} (counts down, then waits for it to open) and then waits at {@code gate}.
     */
    static final class CountingAdapter extends MapBackedUserAdapter {
        final AtomicInteger current = new AtomicInteger();
        final AtomicInteger maxSeen = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger disposals = new AtomicInteger();
        volatile CountDownLatch arrivals = new CountDownLatch(0);
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public byte[] readFile(String path) throws NoSuchFileException {
            int now = current.incrementAndGet();
            maxSeen.accumulateAndGet(now, Math::max);
            reads.incrementAndGet();
            try {
                arrivals.countDown();
                arrivals.await();
                gate.await();
                Thread.sleep(1); // let other callers pile up, so an unbounded pool would show
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                current.decrementAndGet();
            }
            return super.readFile(path);
        }

        @Override
        public void dispose() {
            disposals.incrementAndGet();
        }
    }

    @Test
    void sixteenThreadsNeverHaveMoreThanThreeReadsInFlight() throws Exception {
        CountingAdapter delegate = new CountingAdapter();
        for (int i = 0; i < 20; i++) {
            delegate.writeFile("content/f" + i, ("file " + i).getBytes(UTF_8));
        }
        // The first three reads wait for each other inside the delegate, so the bound is reached.
        delegate.arrivals = new CountDownLatch(3);
        AtomicInteger poolInFlightMax = new AtomicInteger();

        try (ConnectionPool pool = new ConnectionPool(delegate, 3)) {
            FileSystemAdapter pooled = pool.getAdapter();
            ExecutorService threads = Executors.newFixedThreadPool(16);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    int thread = t;
                    results.add(threads.submit(() -> {
                        List<String> wrong = new ArrayList<>();
                        for (int i = 0; i < 25; i++) {
                            int n = (thread + i) % 20;
                            String got = new String(pooled.readFile("content/f" + n), UTF_8);
                            poolInFlightMax.accumulateAndGet(pool.inFlight(), Math::max);
                            if (!got.equals("file " + n)) {
                                wrong.add(n + " -> " + got);
                            }
                        }
                        return wrong;
                    }));
                }
                for (Future<List<String>> result : results) {
                    assertThat(result.get(120, TimeUnit.SECONDS)).isEmpty();
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(delegate.reads).hasValue(16 * 25);
            assertThat(delegate.maxSeen.get()).isEqualTo(3);
            assertThat(poolInFlightMax.get()).isBetween(0, 3);
            assertThat(pool.inFlight()).isZero();
        }
        assertThat(delegate.disposals).hasValue(1);
    }

    @Test
    void anOpenStreamHoldsItsPermitUntilClosed() throws Exception {
        CountingAdapter delegate = new CountingAdapter();
        delegate.writeFile("a", "A".getBytes(UTF_8));
        try (ConnectionPool pool = new ConnectionPool(delegate, 1)) {
            FileSystemAdapter pooled = pool.getAdapter();
            InputStream stream = pooled.openRead("a");
            assertThat(pool.inFlight()).isEqualTo(1);
            int readsSoFar = delegate.reads.get();

            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                AtomicReference<Thread> worker = new AtomicReference<>();
                Future<String> blocked = other.submit(() -> {
                    worker.set(Thread.currentThread());
                    return new String(pooled.readFile("a"), UTF_8);
                });
                awaitUntil(() -> worker.get() != null && worker.get().getState() == Thread.State.WAITING);
                assertThat(delegate.reads).as("the second read waits for the stream").hasValue(readsSoFar);

                assertThat(new String(stream.readAllBytes(), UTF_8)).isEqualTo("A");
                stream.close();
                stream.close(); // closing twice gives the permit back once
                assertThat(blocked.get(120, TimeUnit.SECONDS)).isEqualTo("A");
            } finally {
                other.shutdownNow();
            }
            assertThat(pool.inFlight()).isZero();
        }
    }

    @Test
    void writeStreamsGiveTheirPermitBackOnCloseAndOnAbort() throws IOException {
        MemoryAdapter delegate = new MemoryAdapter();
        try (ConnectionPool pool = new ConnectionPool(delegate, 1)) {
            FileSystemAdapter pooled = pool.getAdapter();
            AtomicOutput aborted = pooled.openWrite("content/a.txt");
            assertThat(pool.inFlight()).isEqualTo(1);
            aborted.write("x".getBytes(UTF_8));
            aborted.abort();
            aborted.close();
            assertThat(pool.inFlight()).isZero();
            assertThat(delegate.fileExists("content/a.txt")).isFalse();

            try (AtomicOutput out = pooled.openWrite("content/a.txt")) {
                out.write("new".getBytes(UTF_8));
                assertThat(pool.inFlight()).isEqualTo(1);
            }
            assertThat(pool.inFlight()).isZero();
            assertThat(delegate.readFile("content/a.txt")).isEqualTo("new".getBytes(UTF_8));
        }
    }

    @Test
    void aFailedOperationGivesItsPermitBack() throws IOException {
        try (ConnectionPool pool = new ConnectionPool(new MemoryAdapter(), 1)) {
            FileSystemAdapter pooled = pool.getAdapter();
            assertThatThrownBy(() -> pooled.readFile("missing")).isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> pooled.openRead("missing")).isInstanceOf(NoSuchFileException.class);
            assertThat(pool.inFlight()).isZero();
            pooled.writeFile("x", new byte[] {1});
            assertThat(pooled.readFile("x")).containsExactly(1);
        }
    }

    @Test
    void everyMethodIsForwardedToTheDelegate(@TempDir Path root) throws Exception {
        FileAdapter delegate = new FileAdapter(root, new FileAdapter.Options().enableCompression(false));
        try (ConnectionPool pool = new ConnectionPool(delegate)) {
            FileSystemAdapter pooled = pool.getAdapter();
            pooled.init();
            pooled.writeFile("content/a.txt", "abcdef".getBytes(UTF_8));
            assertThat(pooled.fileExists("content/a.txt")).isTrue();
            assertThat(pooled.readFile("content/a.txt")).isEqualTo("abcdef".getBytes(UTF_8));
            assertThat(pooled.stat("content/a.txt")).hasValueSatisfying(s -> {
                assertThat(s.size()).isEqualTo(6);
                assertThat(s.hasModifiedTime()).as("FileAdapter's stat, not the default").isTrue();
            });
            pooled.appendFile("content/a.txt", "gh".getBytes(UTF_8));
            pooled.truncateFile("content/a.txt", 7);
            pooled.moveFile("content/a.txt", "content/dir/b.txt");
            assertThat(root.resolve("content/dir/b.txt")).hasContent("abcdefg");
            assertThat(pooled.listFiles("content")).containsExactly("dir/b.txt");
            pooled.deleteFile("content/dir/b.txt");
            assertThat(root.resolve("content/dir")).as("FileAdapter pruned the folder").doesNotExist();

            assertThat(pooled.supportsStreaming()).isTrue();
            assertThat(pooled.compressionEnabled()).isFalse();
            assertThat(pooled.maxFileSize()).isEqualTo(delegate.maxFileSize());
            assertThat(pooled.describe()).isEqualTo(delegate.describe());

            Optional<ProjectLock> lock = pooled.tryLock();
            assertThat(lock).isPresent();
            assertThat(new FileAdapter(root).tryLock()).as("the delegate's on-disk lock").isEmpty();
            lock.get().close();
            assertThat(pool.inFlight()).isZero();
        }
    }

    @Test
    void thePooledAdapterOverridesEveryMethodOfTheInterface() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(new MemoryAdapter(), 2)) {
            Class<?> pooled = pool.getAdapter().getClass();
            List<String> notForwarded = new ArrayList<>();
            for (Method m : FileSystemAdapter.class.getMethods()) {
                if (Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                Method impl = pooled.getMethod(m.getName(), m.getParameterTypes());
                if (impl.getDeclaringClass() == FileSystemAdapter.class) {
                    notForwarded.add(m.getName());
                }
            }
            assertThat(FileSystemAdapter.class.getMethods()).hasSizeGreaterThan(15);
            assertThat(notForwarded).isEmpty();
        }
    }

    @Test
    void customUserAdaptersHintsAreForwarded() throws IOException {
        FileSystemAdapter custom = new MapBackedUserAdapter() {
            @Override
            public long maxFileSize() {
                return 42;
            }

            @Override
            public String describe() {
                return "s3://bucket/project";
            }
        };
        try (ConnectionPool pool = new ConnectionPool(custom, 2)) {
            assertThat(pool.getAdapter().maxFileSize()).isEqualTo(42);
            assertThat(pool.getAdapter().describe()).isEqualTo("s3://bucket/project");
            assertThat(pool.getAdapter().supportsStreaming()).isFalse();
        }
    }

    @Test
    void closeWaitsForRunningOperationsThenDisposesTheDelegateOnce() throws Exception {
        CountingAdapter delegate = new CountingAdapter();
        delegate.writeFile("a", "A".getBytes(UTF_8));
        CountDownLatch gate = new CountDownLatch(1);
        delegate.gate = gate;
        ConnectionPool pool = new ConnectionPool(delegate, 2);
        FileSystemAdapter pooled = pool.getAdapter();

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<byte[]> running = threads.submit(() -> pooled.readFile("a"));
            awaitUntil(() -> delegate.current.get() == 1);

            AtomicReference<Thread> closer = new AtomicReference<>();
            Future<?> closing = threads.submit(() -> {
                closer.set(Thread.currentThread());
                try {
                    pool.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            awaitUntil(() -> closer.get() != null && closer.get().getState() == Thread.State.WAITING);
            assertThat(delegate.disposals).as("not disposed while a read runs").hasValue(0);
            assertThatThrownBy(() -> pooled.readFile("a")).isInstanceOf(IllegalStateException.class);

            gate.countDown();
            assertThat(running.get(120, TimeUnit.SECONDS)).isEqualTo("A".getBytes(UTF_8));
            closing.get(120, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(delegate.disposals).hasValue(1);
        pool.close();
        assertThat(delegate.disposals).as("closing twice disposes once").hasValue(1);
    }

    @Test
    void usingAClosedPoolThrowsIllegalState() throws IOException {
        MemoryAdapter delegate = new MemoryAdapter();
        ConnectionPool pool = new ConnectionPool(delegate, 2);
        FileSystemAdapter pooled = pool.getAdapter();
        pool.close();

        assertThatThrownBy(pool::getAdapter).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pooled.readFile("a")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pooled.writeFile("a", new byte[0])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pooled.openRead("a")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pooled.openWrite("a")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(pooled::tryLock).isInstanceOf(IllegalStateException.class);
        assertThat(pool.inFlight()).isZero();
        assertThat(delegate.fileExists("a")).isFalse();
    }

    @Test
    void disposingThePooledAdapterLeavesTheDelegateToThePool() throws IOException {
        CountingAdapter delegate = new CountingAdapter();
        try (ConnectionPool pool = new ConnectionPool(delegate, 2)) {
            pool.getAdapter().dispose(); // a manager closing; others may still use the pool
            assertThat(delegate.disposals).hasValue(0);
            pool.getAdapter().writeFile("a", new byte[] {7});
            assertThat(pool.getAdapter().readFile("a")).containsExactly(7);
        }
        assertThat(delegate.disposals).hasValue(1);
    }

    @Test
    void sizes() throws IOException {
        try (ConnectionPool byDefault = new ConnectionPool(new MemoryAdapter());
             ConnectionPool three = new ConnectionPool(new MemoryAdapter(), 3)) {
            assertThat(byDefault.maxConcurrent())
                    .isGreaterThanOrEqualTo(4)
                    .isGreaterThanOrEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(three.maxConcurrent()).isEqualTo(3);
        }
        assertThatThrownBy(() -> new ConnectionPool(new MemoryAdapter(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConnectionPool(null, 2)).isInstanceOf(NullPointerException.class);
    }

    /** Polls a condition that another thread will make true; fails only if it never does. */
    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition never became true");
            }
            Thread.sleep(2);
        }
    }
}
