package io.kamaros.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Times named operations and summarizes them: how often, how long on average, the 95th
 * percentile, the slowest, and how many failed.
 *
 * <pre>{@code
 * PerformanceMonitor monitor = new PerformanceMonitor();
 * String id = monitor.timed("checkpoint", () -> manager.saveCheckpoint("msg"));
 * monitor.getStats().get("checkpoint").averageMillis();
 * }</pre>
 *
 * <p>Count, average, maximum and failures cover everything recorded since creation or the last
 * {@link #reset()}. The 95th percentile is taken over a bounded reservoir of the most recent
 * samples per operation (10,000 unless given), by the nearest-rank method: with the {@code n}
 * samples sorted ascending, p95 is the one at 1-based rank {@code ceil(0.95 * n)} (so it is always
 * an actually recorded duration). A failed operation counts as a call and a failure, and its time
 * is recorded like any other.
 *
 * <p>Thread-safe. Records racing with {@link #reset()} may land before or after it.
 */
public final class PerformanceMonitor {
    /** Default number of recent samples kept per operation for the percentile. */
    public static final int DEFAULT_SAMPLES_PER_OPERATION = 10_000;

    /** A summary of one operation; durations in milliseconds. */
    public record OperationStats(String operation, long count, double averageMillis, double p95Millis,
                                 double maxMillis, long failures) {
    }

    private final int samplesPerOperation;
    private final ConcurrentMap<String, Operation> operations = new ConcurrentHashMap<>();

    public PerformanceMonitor() {
        this(DEFAULT_SAMPLES_PER_OPERATION);
    }

    /** A monitor keeping the last {@code samplesPerOperation} durations of each operation for p95. */
    public PerformanceMonitor(int samplesPerOperation) {
        if (samplesPerOperation < 1) {
            throw new IllegalArgumentException("samplesPerOperation must be at least 1, was " + samplesPerOperation);
        }
        this.samplesPerOperation = samplesPerOperation;
    }

    /**
     * Runs {@code work}, records how long it took (as a failure if it threw) and returns its result.
     * Unchecked exceptions and errors are rethrown as they are. Checked exceptions are wrapped: an
     * {@link IOException} in an {@link UncheckedIOException}, any other in a
     * {@link CompletionException}, with the original as the cause. If the work was interrupted
     * ({@link InterruptedException}) the thread's interrupt flag is set again before wrapping.
     */
    public <T> T timed(String operation, Callable<T> work) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(work, "work");
        long start = System.nanoTime();
        boolean failed = true;
        try {
            T result = work.call();
            failed = false;
            return result;
        } catch (RuntimeException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } catch (Exception e) {
            throw new CompletionException(e);
        } finally {
            operation(operation).add(System.nanoTime() - start, failed);
        }
    }

    /** Runs {@code work} and records how long it took (as a failure if it threw, rethrowing as is). */
    public void timed(String operation, Runnable work) {
        Objects.requireNonNull(work, "work");
        timed(operation, () -> {
            work.run();
            return null;
        });
    }

    /** Records a successful run of {@code operation} that took {@code duration}. */
    public void record(String operation, Duration duration) {
        operation(operation).add(toNanos(duration), false);
    }

    /** Records a failed run of {@code operation} that took {@code duration}. */
    public void recordFailure(String operation, Duration duration) {
        operation(operation).add(toNanos(duration), true);
    }

    /** A snapshot of every operation recorded so far, sorted by name; later records do not change it. */
    public Map<String, OperationStats> getStats() {
        Map<String, OperationStats> out = new TreeMap<>();
        operations.forEach((name, op) -> {
            OperationStats stats = op.stats(name);
            if (stats.count() > 0) {
                out.put(name, stats);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** Forgets everything recorded. */
    public void reset() {
        operations.clear();
    }

    private Operation operation(String name) {
        Objects.requireNonNull(name, "operation");
        return operations.computeIfAbsent(name, n -> new Operation(samplesPerOperation));
    }

    private static long toNanos(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a duration cannot be negative: " + duration);
        }
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** One operation's counters and its ring buffer of recent samples. */
    private static final class Operation {
        private final long[] recent;
        private int next;
        private int size;
        private long count;
        private long failures;
        private double totalNanos;
        private long maxNanos;

        Operation(int capacity) {
            recent = new long[capacity];
        }

        synchronized void add(long nanos, boolean failed) {
            count++;
            if (failed) {
                failures++;
            }
            totalNanos += nanos;
            maxNanos = Math.max(maxNanos, nanos);
            recent[next] = nanos;
            next = (next + 1) % recent.length;
            size = Math.min(size + 1, recent.length);
        }

        OperationStats stats(String name) {
            long[] samples;
            long n;
            long failed;
            double total;
            long max;
            synchronized (this) {
                samples = Arrays.copyOf(recent, size);
                n = count;
                failed = failures;
                total = totalNanos;
                max = maxNanos;
            }
            if (n == 0) {
                return new OperationStats(name, 0, 0, 0, 0, 0);
            }
            Arrays.sort(samples);
            // Nearest rank, 1-based: ceil(0.95 * size), in integers so 0.95 * 100 cannot become 96.
            int rank = (int) ((95L * samples.length + 99) / 100);
            long p95 = samples[rank - 1];
            return new OperationStats(name, n, total / n / 1_000_000.0, millis(p95), millis(max), failed);
        }
    }
}
