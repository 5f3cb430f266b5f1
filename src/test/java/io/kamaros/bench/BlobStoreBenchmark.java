package io.kamaros.bench;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Throughput of {@link BlobStore} on 64 MiB of chunked data (half random, half text). Each
 * operation moves 64 MiB, so MB/s = 64 / (reported seconds per op). Not a test (surefire skips it);
 * run with {@code mvn -o test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.kamaros.bench.BlobStoreBenchmark}, or {@code org.openjdk.jmh.Main
 * BlobStoreBenchmark} on the test class path for JMH's own options.
 *
 * <p>A short run on the shared 2-core dev box (noisy): put ~180 MB/s in memory, ~65 MB/s on disk
 * (one fsync per new chunk), deduplicated put ~370 MB/s, verified streaming read ~330 MB/s.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class BlobStoreBenchmark {
    private static final int SIZE = 64 * 1024 * 1024;

    /** The 64 MiB input: half random (stored raw), half text (compressed). */
    static byte[] input() {
        byte[] data = new byte[SIZE];
        new Random(42).nextBytes(data);
        byte[] line = "a line of fairly ordinary project text, repeated with numbers 0123456789\n"
                .getBytes(StandardCharsets.UTF_8);
        for (int pos = SIZE / 2; pos < SIZE; pos += line.length) {
            System.arraycopy(line, 0, data, pos, Math.min(line.length, SIZE - pos));
        }
        return data;
    }

    /** A store on a memory or a disk adapter. */
    @State(Scope.Benchmark)
    public abstract static class StoreState {
        @Param({"memory", "file"})
        public String adapterKind;

        byte[] data;
        Path dir;
        BlobStore store;

        void open() throws IOException {
            FileSystemAdapter adapter;
            if (adapterKind.equals("file")) {
                dir = Files.createTempDirectory("kamaros-bench");
                adapter = new FileAdapter(dir);
            } else {
                adapter = new MemoryAdapter();
            }
            adapter.init();
            store = new BlobStore(adapter, 6, true);
        }

        void close() throws IOException {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
                dir = null;
            }
        }

        String put() throws IOException {
            return store.putStream(new ByteArrayInputStream(data), true, CancellationToken.NONE, n -> { }).hash();
        }
    }

    /** Empty before every shot, so everything is written. */
    public static class EmptyStore extends StoreState {
        @Setup(Level.Trial)
        public void load() {
            data = input();
        }

        @Setup(Level.Iteration)
        public void setUp() throws IOException {
            open();
        }

        @TearDown(Level.Iteration)
        public void tearDown() throws IOException {
            close();
        }
    }

    /** Holds the input already. */
    public static class FilledStore extends StoreState {
        String hash;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            data = input();
            open();
            hash = put();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            close();
        }
    }

    /** Hash, chunk, compress and write everything. */
    @Benchmark
    public String putChunked(EmptyStore s) throws IOException {
        return s.put();
    }

    /** Hash and chunk only: every chunk already exists. */
    @Benchmark
    public String putDeduplicated(FilledStore s) throws IOException {
        return s.put();
    }

    /** Read back as a verified stream, chunk by chunk. */
    @Benchmark
    public long readStream(FilledStore s) throws IOException {
        try (InputStream in = s.store.openStream(s.hash)) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(BlobStoreBenchmark.class.getSimpleName()).build()).run();
    }
}
