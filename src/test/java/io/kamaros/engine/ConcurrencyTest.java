package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.Version;

/** Many threads reading many versions at once while another thread keeps checkpointing. */
class ConcurrencyTest {
    private static final int READERS = 8;
    private static final int READS_PER_THREAD = 60;
    private static final int WRITER_CHECKPOINTS = 15;

    @TempDir
    Path tmp;

    private static byte[] binary(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        b[0] = 0;
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void readersSeeByteExactVersionsWhileAWriterCheckpoints(String kind) throws Exception {
        FileSystemAdapter adapter = kind.equals("memory") ? new MemoryAdapter() : new FileAdapter(tmp.resolve("p"));
        Map<String, Map<String, byte[]>> versions = new ConcurrentHashMap<>();
        List<String> ids = new CopyOnWriteArrayList<>();
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").snapshotInterval(3).build())) {
            jcf.init(adapter);
            Map<String, byte[]> working = new TreeMap<>();
            StringBuilder doc = new StringBuilder();
            for (int v = 0; v < 10; v++) {
                doc.append("line ").append(v).append(v % 2 == 0 ? "\r\n" : "\n");
                working.put("doc.txt", doc.toString().getBytes(StandardCharsets.UTF_8));
                working.put("data/blob" + (v % 3) + ".bin", binary(1000 + 100 * v, v));
                if (v == 4) {
                    working.put("big.bin", binary(650 * 1024, 99));
                }
                if (v == 7) {
                    working.remove("data/blob0.bin");
                }
                for (String p : List.copyOf(jcf.listFiles().stream().map(FileInfo::path).toList())) {
                    if (!working.containsKey(p)) {
                        jcf.removeFile(p);
                    }
                }
                working.forEach(jcf::addFile);
                String id = jcf.saveCheckpoint("v" + v);
                versions.put(id, new TreeMap<>(working));
                ids.add(id);
            }

            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            AtomicInteger reads = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
            try {
                pool.submit(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < WRITER_CHECKPOINTS; i++) {
                            Map<String, byte[]> next = new TreeMap<>(versions.get(ids.get(ids.size() - 1)));
                            byte[] w = ("writer " + i + "\n").repeat(i + 1).getBytes(StandardCharsets.UTF_8);
                            next.put("writer.txt", w);
                            jcf.addFile("writer.txt", w);
                            String id = jcf.saveCheckpoint("writer " + i);
                            versions.put(id, next);
                            ids.add(id);
                        }
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                    return null;
                });
                for (int r = 0; r < READERS; r++) {
                    int seed = r;
                    pool.submit(() -> {
                        Random random = new Random(seed);
                        try {
                            start.await();
                            for (int i = 0; i < READS_PER_THREAD; i++) {
                                String id = ids.get(random.nextInt(ids.size()));
                                Map<String, byte[]> files = versions.get(id);
                                assertThat(jcf.listFiles("", id)).extracting(FileInfo::path)
                                        .containsExactlyElementsOf(files.keySet());
                                List<String> paths = List.copyOf(files.keySet());
                                String path = paths.get(random.nextInt(paths.size()));
                                assertThat(jcf.getFileContent(path, id)).as("%s in %s", path, id)
                                        .isEqualTo(files.get(path));
                                try (InputStream in = jcf.streamFile(path, id)) {
                                    assertThat(in.readAllBytes()).as("stream %s in %s", path, id).isEqualTo(files.get(path));
                                }
                                if (i % 5 == 0) {
                                    assertThat(jcf.getHistory()).extracting(Version::id).contains(id);
                                    assertThat(jcf.getVersion(id).orElseThrow().fileStates()).containsOnlyKeys(files.keySet());
                                }
                                reads.incrementAndGet();
                            }
                        } catch (Throwable t) {
                            errors.add(t);
                        }
                        return null;
                    });
                }
                start.countDown();
                pool.shutdown();
                assertThat(pool.awaitTermination(180, TimeUnit.SECONDS)).as("threads finished").isTrue();
            } finally {
                pool.shutdownNow();
            }
            errors.forEach(Throwable::printStackTrace);
            assertThat(errors).isEmpty();
            assertThat(reads.get()).isEqualTo(READERS * READS_PER_THREAD);
            assertThat(ids).hasSize(10 + WRITER_CHECKPOINTS);
            assertThat(jcf.getHistory()).extracting(Version::id).containsExactlyInAnyOrderElementsOf(ids);
            for (String id : ids) {
                versions.get(id).forEach((path, data) -> assertThat(jcf.getFileContent(path, id)).isEqualTo(data));
            }
        }
    }
}
