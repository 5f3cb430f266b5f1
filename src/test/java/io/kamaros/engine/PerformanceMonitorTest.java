package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kamaros.engine.PerformanceMonitor.OperationStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PerformanceMonitorTest {
    private final PerformanceMonitor monitor = new PerformanceMonitor();

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void summarizesOneToHundredMilliseconds() {
        List<Long> values = new ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            values.add(i);
        }
        Collections.shuffle(values, new Random(42)); // order must not matter
        values.forEach(v -> monitor.record("checkpoint", ms(v)));

        OperationStats stats = monitor.getStats().get("checkpoint");
        assertThat(stats).isEqualTo(new OperationStats("checkpoint", 100, 50.5, 95.0, 100.0, 0));
    }

    @Test
    void p95IsTheNearestRank() {
        // n = 20: rank ceil(19.0) = 19 -> the 19th smallest
        for (long i = 1; i <= 20; i++) {
            monitor.record("twenty", ms(i * 10));
        }
        // n = 10: rank ceil(9.5) = 10 -> the largest
        for (long i = 1; i <= 10; i++) {
            monitor.record("ten", ms(i));
        }
        // n = 21: rank ceil(19.95) = 20
        for (long i = 1; i <= 21; i++) {
            monitor.record("twentyOne", ms(i));
        }
        monitor.record("one", ms(7));

        Map<String, OperationStats> stats = monitor.getStats();
        assertThat(stats.get("twenty").p95Millis()).isEqualTo(190.0);
        assertThat(stats.get("ten").p95Millis()).isEqualTo(10.0);
        assertThat(stats.get("twentyOne").p95Millis()).isEqualTo(20.0);
        assertThat(stats.get("one")).isEqualTo(new OperationStats("one", 1, 7.0, 7.0, 7.0, 0));
    }

    @Test
    void keepsSubMillisecondPrecision() {
        monitor.record("read", Duration.ofNanos(1_500_000));
        monitor.record("read", Duration.ofNanos(250_000));
        OperationStats stats = monitor.getStats().get("read");
        assertThat(stats.averageMillis()).isCloseTo(0.875, within(1e-9));
        assertThat(stats.maxMillis()).isEqualTo(1.5);
        assertThat(stats.p95Millis()).isEqualTo(1.5);
    }

    @Test
    void failuresAreCountedAndTheirTimeRecorded() {
        monitor.record("restore", ms(10));
        monitor.record("restore", ms(20));
        monitor.recordFailure("restore", ms(90));

        assertThat(monitor.getStats().get("restore"))
                .isEqualTo(new OperationStats("restore", 3, 40.0, 90.0, 90.0, 1));
    }

    @Test
    void p95UsesOnlyTheRecentSamplesButTheRestCoversEverything() {
        PerformanceMonitor small = new PerformanceMonitor(10);
        for (int i = 0; i < 10; i++) {
            small.record("op", ms(1000));
        }
        for (long i = 1; i <= 10; i++) {
            small.record("op", ms(i));
        }
        OperationStats stats = small.getStats().get("op");
        assertThat(stats.count()).isEqualTo(20);
        assertThat(stats.p95Millis()).as("only the last 10 samples").isEqualTo(10.0);
        assertThat(stats.maxMillis()).as("since the start").isEqualTo(1000.0);
        assertThat(stats.averageMillis()).isEqualTo((10 * 1000 + 55) / 20.0);
    }

    @Test
    void timedReturnsTheResultAndCounts() {
        String result = monitor.timed("hash", () -> "abc");
        int[] runs = {0};
        monitor.timed("hash", () -> runs[0]++);
        monitor.timed("gc", (Runnable) () -> runs[0]++);

        assertThat(result).isEqualTo("abc");
        assertThat(runs[0]).isEqualTo(2);
        OperationStats hash = monitor.getStats().get("hash");
        assertThat(hash.count()).isEqualTo(2);
        assertThat(hash.failures()).isZero();
        assertThat(hash.maxMillis()).isGreaterThanOrEqualTo(hash.averageMillis()).isGreaterThanOrEqualTo(0.0);
        assertThat(monitor.getStats()).containsOnlyKeys("gc", "hash");
    }

    @Test
    void uncheckedExceptionsAndErrorsPassThroughAsTheyAreAndCountAsFailures() {
        IllegalStateException boom = new IllegalStateException("boom");
        AssertionError error = new AssertionError("bad");

        assertThatThrownBy(() -> monitor.timed("op", (Callable<Object>) () -> {
            throw boom;
        })).isSameAs(boom);
        assertThatThrownBy(() -> monitor.timed("op", (Runnable) () -> {
            throw error;
        })).isSameAs(error);

        assertThat(monitor.getStats().get("op").failures()).isEqualTo(2);
        assertThat(monitor.getStats().get("op").count()).isEqualTo(2);
    }

    @Test
    void checkedExceptionsAreWrappedWithTheOriginalAsCause() {
        IOException io = new IOException("disk");
        Exception other = new Exception("checked");

        assertThatThrownBy(() -> monitor.timed("op", () -> {
            throw io;
        })).isInstanceOf(UncheckedIOException.class).hasCause(io);
        assertThatThrownBy(() -> monitor.timed("op", () -> {
            throw other;
        })).isInstanceOf(CompletionException.class).hasCause(other);

        assertThat(monitor.getStats().get("op").failures()).isEqualTo(2);
    }

    @Test
    void anInterruptedOperationKeepsTheInterruptFlag() {
        InterruptedException interrupted = new InterruptedException();
        try {
            assertThatThrownBy(() -> monitor.timed("wait", () -> {
                throw interrupted;
            })).isInstanceOf(CompletionException.class).hasCause(interrupted);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted(); // clear it for the next test
        }
    }

    @Test
    void resetForgetsEverything() {
        monitor.record("a", ms(1));
        monitor.recordFailure("b", ms(2));
        monitor.reset();
        assertThat(monitor.getStats()).isEmpty();

        monitor.record("a", ms(5));
        assertThat(monitor.getStats().get("a")).isEqualTo(new OperationStats("a", 1, 5.0, 5.0, 5.0, 0));
    }

    @Test
    void statsAreAnImmutableSnapshot() {
        monitor.record("a", ms(1));
        Map<String, OperationStats> snapshot = monitor.getStats();
        monitor.record("a", ms(3));
        monitor.record("b", ms(3));

        assertThat(snapshot).containsOnlyKeys("a");
        assertThat(snapshot.get("a").count()).isEqualTo(1);
        assertThatThrownBy(snapshot::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> monitor.record("a", Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> monitor.record(null, ms(1))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PerformanceMonitor(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(monitor.getStats()).isEmpty();
    }

    @Test
    void concurrentRecordsAreAllCounted() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 1; i <= 1000; i++) {
                        if (i % 100 == 0) {
                            monitor.recordFailure("io", ms(thread));
                        } else {
                            monitor.record("io", ms(thread));
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        OperationStats stats = monitor.getStats().get("io");
        assertThat(stats.count()).isEqualTo(8000);
        assertThat(stats.failures()).isEqualTo(80);
        assertThat(stats.averageMillis()).isCloseTo(3.5, within(1e-9));
        assertThat(stats.maxMillis()).isEqualTo(7.0);
        assertThat(stats.p95Millis()).isEqualTo(7.0);
    }
}
