package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.store.MapBackedUserAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import io.kamaros.engine.model.ChangeSummary;
import io.kamaros.engine.model.ConcurrentModificationException;
import io.kamaros.engine.model.FileHistoryEntry;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.NoChangesException;
import io.kamaros.engine.model.NotInitializedException;
import io.kamaros.engine.model.RenameInfo;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.Version;

/** Extending the engine from outside: an own adapter, a middleware, a performance monitor. */
class UserAdapterAndMiddlewareTest {

    /** The seed's LoggingMiddleware, written against our types. */
    static final class LoggingMiddleware extends ForwardingJcfOperations {
        final List<String> log = new CopyOnWriteArrayList<>();

        LoggingMiddleware(JcfOperations next) {
            super(next);
        }

        @Override
        public void addFile(String path, byte[] content) {
            log.add("Adding file: " + path);
            super.addFile(path, content);
        }

        @Override
        public void addFile(String path, String content) {
            log.add("Adding file: " + path);
            super.addFile(path, content);
        }

        @Override
        public String saveCheckpoint(String message) {
            log.add("Checkpoint: " + message);
            String id = super.saveCheckpoint(message);
            log.add("Saved " + id);
            return id;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aUserAdapterWithOnlyTheFiveMethodsRunsTheWholeCycle() throws Exception {
        MapBackedUserAdapter adapter = new MapBackedUserAdapter();
        String v1;
        String v2;
        String v3;
        byte[] big = new byte[700 * 1024];
        new Random(5).nextBytes(big);
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("user").build())) {
            jcf.init(adapter);
            jcf.addFile("README.md", "# Custom\n");
            jcf.addFile("src/app.py", "print('hi')\r\n");
            jcf.addFile("assets/big.bin", big);
            v1 = jcf.saveCheckpoint("first");
            jcf.addFile("README.md", "# Custom\nmore\n");
            jcf.moveFile("src/app.py", "src/main.py");
            jcf.appendToFile("src/main.py", utf8("print('again')\r\n"));
            v2 = jcf.saveCheckpoint("second");
            jcf.removeFile("assets/big.bin");
            v3 = jcf.saveCheckpoint("third");

            assertThat(jcf.getHistory()).extracting(Version::id).containsExactly(v3, v2, v1);
            assertThat(jcf.getVersion(v2).orElseThrow().changes()).isEqualTo(new ChangeSummary(0, 1, 0, 1));
            assertThat(jcf.getFileHistory("src/main.py")).extracting(FileHistoryEntry::versionId)
                    .containsExactly(v1, v2);
            assertThat(jcf.getVersionDiff(v1, v3).renamed()).extracting(RenameInfo::toPath)
                    .containsExactly("src/main.py");
            assertThat(jcf.getFileContent("assets/big.bin", v1)).isEqualTo(big);
            try (InputStream in = jcf.streamFile("src/main.py", v2)) {
                assertThat(in.readAllBytes()).isEqualTo(utf8("print('hi')\r\nprint('again')\r\n"));
            }

            RestoreResult r = jcf.restoreVersion(v1);
            assertThat(r.autoSavedVersionId()).isNull();
            assertThat(jcf.listFiles()).extracting(FileInfo::path)
                    .containsExactlyInAnyOrder("README.md", "assets/big.bin", "src/app.py");
            assertThat(jcf.getFileContent("assets/big.bin")).isEqualTo(big);
            assertThat(jcf.getFileContent("README.md")).isEqualTo(utf8("# Custom\n"));
            assertThat(jcf.getCurrentVersion()).map(Version::id).contains(v1);
            assertThat(adapter.fileExists("manifest.json")).isTrue();
            assertThat(adapter.fileExists("content/README.md")).isTrue();
        }
        // the same map reopened by a new manager: same history
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("user").build())) {
            jcf.init(adapter);
            assertThat(jcf.getHistory()).extracting(Version::id).containsExactly(v3, v2, v1);
            assertThat(jcf.getFileContent("README.md", v3)).isEqualTo(utf8("# Custom\nmore\n"));
            assertThat(jcf.getStatus().isClean()).isTrue();
        }
    }

    @Test
    void theDefaultLockOfAUserAdapterRefusesASecondWriterOfTheSameAdapter() throws Exception {
        MapBackedUserAdapter adapter = new MapBackedUserAdapter();
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("user").build())) {
            jcf.init(adapter);
            jcf.addFile("a.txt", "a");
            var held = adapter.tryLock();
            assertThat(held).isPresent();
            try {
                assertThatThrownBy(() -> jcf.saveCheckpoint("blocked")).isInstanceOf(ConcurrentModificationException.class);
            } finally {
                held.get().close();
            }
            assertThat(jcf.saveCheckpoint("now")).isNotBlank();
        }
    }

    @Test
    void loggingMiddlewareSeesAddsAndCheckpointsAndForwardsEverything() {
        JcfManager manager = new JcfManager(JcfConfig.builder().author("mw").build());
        LoggingMiddleware jcf = new LoggingMiddleware(manager);
        try {
            jcf.init(new MemoryAdapter());
            jcf.addFile("a.txt", utf8("alpha"));
            jcf.addFile("b.txt", "beta");
            String v1 = jcf.saveCheckpoint("first");
            jcf.moveFile("b.txt", "c.txt");
            String v2 = jcf.saveCheckpoint("second");

            assertThat(jcf.log).containsExactly("Adding file: a.txt", "Adding file: b.txt", "Checkpoint: first",
                    "Saved " + v1, "Checkpoint: second", "Saved " + v2);
            // the calls not overridden reach the manager unchanged
            assertThat(jcf.getHistory()).extracting(Version::id).containsExactly(v2, v1);
            assertThat(manager.getHistory()).extracting(Version::id).containsExactly(v2, v1);
            assertThat(jcf.listFiles("", v2)).extracting(FileInfo::path).containsExactly("a.txt", "c.txt");
            assertThat(jcf.getFileContent("c.txt", v2)).isEqualTo(utf8("beta"));
            jcf.restoreVersion(v1);
            assertThat(manager.getFileContent("b.txt")).isEqualTo(utf8("beta"));
        } finally {
            jcf.close();
        }
        assertThatThrownBy(manager::getHistory).isInstanceOf(NotInitializedException.class);
    }

    @Test
    void performanceMonitorTimesCheckpointsThroughAMiddleware() {
        PerformanceMonitor monitor = new PerformanceMonitor();
        JcfManager manager = new JcfManager(JcfConfig.builder().author("pm").build());
        JcfOperations timed = new ForwardingJcfOperations(manager) {
            @Override
            public String saveCheckpoint(String message) {
                return monitor.timed("checkpoint", () -> super.saveCheckpoint(message));
            }
        };
        try {
            timed.init(new MemoryAdapter());
            for (int i = 0; i < 5; i++) {
                timed.addFile("f.txt", "version " + i);
                timed.saveCheckpoint("v" + i);
            }
            assertThatThrownBy(() -> timed.saveCheckpoint("nothing changed")).isInstanceOf(NoChangesException.class);
        } finally {
            timed.close();
        }
        PerformanceMonitor.OperationStats stats = monitor.getStats().get("checkpoint");
        assertThat(stats.count()).isEqualTo(6);
        assertThat(stats.failures()).isEqualTo(1);
        assertThat(stats.averageMillis()).isPositive();
        assertThat(stats.maxMillis()).isGreaterThanOrEqualTo(stats.p95Millis());
        assertThat(monitor.getStats()).containsOnlyKeys("checkpoint");
    }
}
