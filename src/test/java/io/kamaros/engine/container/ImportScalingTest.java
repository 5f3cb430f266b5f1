package io.kamaros.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.ImportResult;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import work grows linearly with the number of entries: the storage operations of an import of
 * N, 2N and 4N one-byte files are counted (not timed) and must stay proportional; the wall time on
 * disk is measured and printed. Default N = 1,000 ({@code -Dkamaros.importScaling.n}); the issue's
 * profile used N = 10,000 (10k/20k/40k), the nightly size.
 */
class ImportScalingTest {

    /** A storage that counts every call made to it. */
    static FileSystemAdapter counting(FileSystemAdapter base, AtomicLong calls) {
        return (FileSystemAdapter) Proxy.newProxyInstance(FileSystemAdapter.class.getClassLoader(),
                new Class<?>[] {FileSystemAdapter.class}, (proxy, method, args) -> {
                    calls.incrementAndGet();
                    try {
                        return method.invoke(base, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void storageOperationsGrowLinearlyWithEntries(@TempDir Path dir) throws Exception {
        int n = Integer.getInteger("kamaros.importScaling.n", 1_000);
        long[] calls = new long[3];
        long[] millis = new long[3];
        for (int k = 0; k < 3; k++) {
            int entries = n << k;
            Path archive = dir.resolve("many-" + entries + ".jcf");
            ManyEntries.write(archive, entries);
            AtomicLong counter = new AtomicLong();
            try (JcfManager jcf = new JcfManager()) {
                jcf.init(counting(new MemoryAdapter(), counter));
                counter.set(0);
                ImportResult r = jcf.importData(archive);
                assertThat(r.filesImported()).isEqualTo(entries);
            }
            calls[k] = counter.get();
            long start = System.nanoTime();
            try (JcfManager jcf = new JcfManager()) {
                jcf.init(new FileAdapter(dir.resolve("disk-" + entries)));
                assertThat(jcf.importData(archive).filesImported()).isEqualTo(entries);
            }
            millis[k] = (System.nanoTime() - start) / 1_000_000;
        }
        System.out.printf("[import scaling] entries %d/%d/%d: storage calls %d/%d/%d, on disk %d/%d/%d ms%n",
                n, 2 * n, 4 * n, calls[0], calls[1], calls[2], millis[0], millis[1], millis[2]);
        // linear: doubling the entries at most doubles the calls (10% slack for the fixed part)
        assertThat(calls[1]).isLessThanOrEqualTo(calls[0] * 22 / 10);
        assertThat(calls[2]).isLessThanOrEqualTo(calls[1] * 22 / 10);
    }
}
