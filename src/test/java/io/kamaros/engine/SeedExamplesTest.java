package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.store.ConnectionPool;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.ListOptions;
import io.kamaros.engine.model.NoChangesException;
import io.kamaros.engine.model.ProjectStats;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionNotFoundException;
import io.kamaros.engine.model.JcfEvent;

/**
 * The examples of the seed's API document ({@code shared/seed/python-bindings.md}), translated into
 * Java one to one and run as written: same calls, same order, same expectations. Where the document
 * leaves something implicit (a folder, what to print) the test asserts what the example prints.
 * The document's Python-only parts (asyncio, pydantic, pip) and the S3 adapter (a network service)
 * are not translated; middleware, custom adapters and the performance monitor are covered by
 * {@code UserAdapterAndMiddlewareTest} and {@code PerformanceMonitorTest}.
 */
class SeedExamplesTest {
    @TempDir
    Path tmp;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** "Inicjalizacja": a manager on a FileAdapter of a new folder. */
    @Test
    void initialization() {
        try (JcfManager manager = new JcfManager()) {
            FileAdapter adapter = new FileAdapter(tmp.resolve("my-project"));
            manager.init(adapter);
            assertThat(manager.getHistory()).isEmpty();
            assertThat(manager.listFiles()).isEmpty();
        }
    }

    /** "Operacje na plikach": bytes, a string with encoding detection, listing and reading back. */
    @Test
    void fileOperations() {
        try (JcfManager manager = new JcfManager()) {
            manager.init(new FileAdapter(tmp.resolve("project")));
            manager.addFile("README.md", utf8("# My Project"));
            manager.addFile("src/main.py", utf8("print(\"Hello World\")"));
            manager.addFile("config.json", "{\"debug\": true}");
            List<FileInfo> files = manager.listFiles("", ListOptions.builder().recursive(true).build());
            assertThat(files).extracting(FileInfo::path).containsExactly("README.md", "config.json", "src/main.py");
            assertThat(files).allSatisfy(f -> {
                assertThat(f.fileType()).isEqualTo(FileType.TEXT);
                assertThat(f.encoding()).isEqualTo("utf-8");
            });
            byte[] content = manager.getFileContent("README.md");
            assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("# My Project");
        }
    }

    /** "Konfiguracja": every field of the document's JCFConfig. */
    @Test
    void configuration() {
        JcfConfig config = JcfConfig.builder().author("Jan Kowalski").email("jan@example.com").compressionLevel(9)
                .autoGc(true).maxFileSize(500L * 1024 * 1024).snapshotInterval(50).build();
        try (JcfManager manager = new JcfManager(config)) {
            manager.init(new MemoryAdapter());
            manager.addFile("a.txt", "a");
            String v = manager.saveCheckpoint("configured");
            Version version = manager.getVersion(v).orElseThrow();
            assertThat(version.author()).isEqualTo("Jan Kowalski");
            assertThat(version.email()).isEqualTo("jan@example.com");
            assertThat(manager.getConfig().maxFileSize()).isEqualTo(500L * 1024 * 1024);
        }
    }

    /**
     * "Operacje na wersjach", as written: the first checkpoint of a new (empty) project is taken
     * before anything was added, then a file is added, then the first version is restored.
     */
    @Test
    void versionManagement() {
        try (JcfManager manager = new JcfManager()) {
            manager.init(new FileAdapter(tmp.resolve("project")));
            String v1 = manager.saveCheckpoint("Initial setup");
            manager.addFile("feature.py", utf8("def new_feature(): pass"));
            String v2 = manager.saveCheckpoint("Add new feature");
            List<Version> history = manager.getHistory();
            assertThat(history).extracting(Version::id).containsExactly(v2, v1);
            assertThat(history).extracting(Version::message).containsExactly("Add new feature", "Initial setup");
            assertThat(history).allSatisfy(v -> assertThat(v.author()).isNotBlank());
            manager.restoreVersion(v1);
            assertThat(manager.listFiles()).isEmpty();
            assertThat(manager.getFileContent("feature.py", v2)).isEqualTo(utf8("def new_feature(): pass"));
        }
    }

    /** The first checkpoint of a new project is allowed; only a later one with nothing new is refused. */
    @Test
    void firstCheckpointOfAnEmptyProjectIsAllowedAndOnlyLaterOnesNeedChanges() {
        try (JcfManager manager = new JcfManager()) {
            manager.init(new MemoryAdapter());
            String v1 = manager.saveCheckpoint("Initial");
            assertThat(manager.getCurrentVersion()).map(Version::id).contains(v1);
            assertThatThrownBy(() -> manager.saveCheckpoint("again")).isInstanceOf(NoChangesException.class)
                    .hasMessageContaining("last checkpoint");
        }
    }

    /** "Streaming i duże pliki": append in chunks, stream back, export to a file. */
    @Test
    void streamingAndLargeFiles() throws Exception {
        try (JcfManager manager = new JcfManager()) {
            manager.init(new FileAdapter(tmp.resolve("project")));
            byte[] chunk = new byte[64 * 1024];
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (int i = 0; i < 8; i++) {
                Arrays.fill(chunk, (byte) (i * 31 + 7));
                manager.appendToFile("large-file.dat", chunk);
                expected.write(chunk);
            }
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            try (InputStream in = manager.streamFile("large-file.dat")) {
                in.transferTo(read);
            }
            assertThat(read.toByteArray()).isEqualTo(expected.toByteArray());
            manager.saveCheckpoint("large");
            Path backup = tmp.resolve("backup.jcf");
            manager.export(backup);
            assertThat(Files.size(backup)).isPositive();
        }
    }

    /** "Event handling": progress and file-change listeners, then a checkpoint. */
    @Test
    void eventHandling() {
        try (JcfManager manager = new JcfManager()) {
            List<Double> percents = new ArrayList<>();
            List<String> changes = new ArrayList<>();
            manager.on("checkpoint:progress", e -> percents.add(((JcfEvent.Progress) e).percent()));
            manager.on("file:change", e -> {
                JcfEvent.FileChanged fc = (JcfEvent.FileChanged) e;
                changes.add(fc.changeType() + " " + fc.path());
            });
            manager.init(new MemoryAdapter());
            manager.addFile("a.txt", "a");
            manager.saveCheckpoint("Big operation");
            assertThat(percents).isNotEmpty().last().isEqualTo(100.0);
            assertThat(changes).containsExactly("ADDED a.txt");
        }
    }

    /** "Obsługa wyjątków": a missing version is a VersionNotFoundException naming it. */
    @Test
    void robustOperations() {
        try (JcfManager manager = new JcfManager()) {
            manager.init(new FileAdapter(tmp.resolve("project")));
            assertThatThrownBy(() -> manager.restoreVersion("nonexistent-version"))
                    .isInstanceOfSatisfying(VersionNotFoundException.class, e -> {
                        assertThat(e.details()).containsEntry("versionId", "nonexistent-version");
                        assertThat(e.code()).isEqualTo(ErrorCodes.VERSION_NOT_FOUND);
                    });
            assertThat(manager.verifyIntegrity(VerifyOptions.builder().repair(true).build()).valid()).isTrue();
        }
    }

    /** "Async/Await": every file read in parallel. */
    @Test
    void parallelOperations() {
        try (JcfManager manager = new JcfManager()) {
            manager.init(new FileAdapter(tmp.resolve("project")));
            for (int i = 0; i < 10; i++) {
                manager.addFile("f" + i + ".txt", "file " + i);
            }
            AsyncJcfManager async = manager.async();
            List<FileInfo> files = async.listFiles().join();
            List<CompletableFuture<byte[]>> tasks = new ArrayList<>();
            for (FileInfo f : files) {
                tasks.add(async.getFileContent(f.path()));
            }
            CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).join();
            for (int i = 0; i < files.size(); i++) {
                assertThat(new String(tasks.get(i).join(), StandardCharsets.UTF_8))
                        .isEqualTo("file " + files.get(i).path().replaceAll("\\D", ""));
            }
        }
    }

    /** "Connection Pooling": a manager on the pool's adapter. */
    @Test
    void connectionPooling() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(new FileAdapter(tmp.resolve("project")));
             JcfManager manager = new JcfManager()) {
            manager.init(pool.getAdapter());
            manager.addFile("a.txt", "pooled");
            manager.saveCheckpoint("pooled");
            assertThat(manager.getHistory()).hasSize(1);
        }
    }

    /** "Unit Tests": test_file_operations on a MemoryAdapter. */
    @Test
    void unitTestFileOperations() {
        try (JcfManager manager = new JcfManager()) {
            manager.init(new MemoryAdapter());
            manager.addFile("test.txt", utf8("Hello World"));
            assertThat(manager.getFileContent("test.txt")).isEqualTo(utf8("Hello World"));
        }
    }

    /** "Unit Tests": test_versioning exactly as written (its first checkpoint is of an empty project). */
    @Test
    void unitTestVersioning() {
        try (JcfManager manager = new JcfManager()) {
            manager.init(new MemoryAdapter());
            String v1 = manager.saveCheckpoint("Initial");
            manager.addFile("file.txt", utf8("content"));
            String v2 = manager.saveCheckpoint("Added file");
            List<Version> history = manager.getHistory();
            assertThat(history).hasSize(2);
            assertThat(history.get(0).id()).isEqualTo(v2);
            assertThat(history.get(1).id()).isEqualTo(v1);
        }
    }

    /** "Integration Tests": test_persistence, a new manager on the same folder. */
    @Test
    void integrationTestPersistence() {
        FileAdapter adapter = new FileAdapter(tmp.resolve("p"));
        try (JcfManager manager = new JcfManager()) {
            manager.init(adapter);
            manager.addFile("data.txt", utf8("persistent data"));
            manager.saveCheckpoint("Save data");
        }
        try (JcfManager newManager = new JcfManager()) {
            newManager.init(new FileAdapter(adapter.rootPath()));
            assertThat(newManager.getFileContent("data.txt")).isEqualTo(utf8("persistent data"));
        }
    }

    /** MemoryAdapter's to_bytes / from_bytes: a project survives the round trip. */
    @Test
    void memoryAdapterRoundTrip() throws Exception {
        MemoryAdapter adapter = new MemoryAdapter();
        try (JcfManager manager = new JcfManager()) {
            manager.init(adapter);
            manager.addFile("a.txt", "kept");
            manager.saveCheckpoint("one");
            byte[] bytes = adapter.toBytes();
            try (JcfManager copy = new JcfManager()) {
                copy.init(MemoryAdapter.fromBytes(bytes));
                assertThat(copy.getHistory()).hasSize(1);
                assertThat(copy.getFileContent("a.txt")).isEqualTo(utf8("kept"));
            }
        }
    }

    /** Stats, GC, verify and export / import through a stream, as the class listing names them. */
    @Test
    void statsGcVerifyExportAndImport() {
        try (JcfManager manager = new JcfManager()) {
            manager.init(new MemoryAdapter());
            manager.addFile("a.txt", "one\n");
            manager.saveCheckpoint("one");
            manager.addFile("a.txt", "one\ntwo\n");
            manager.saveCheckpoint("two");
            ProjectStats stats = manager.getStats();
            assertThat(stats.totalVersions()).isEqualTo(2);
            assertThat(stats.totalFiles()).isEqualTo(1);
            assertThat(manager.runGc()).isNotNull();
            assertThat(manager.verifyIntegrity().valid()).isTrue();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            manager.export(out);
            try (JcfManager imported = new JcfManager()) {
                imported.init(new MemoryAdapter());
                imported.importData(new ByteArrayInputStream(out.toByteArray()));
                assertThat(imported.getHistory()).hasSize(2);
                assertThat(imported.getFileContent("a.txt")).isEqualTo(utf8("one\ntwo\n"));
            }
        }
    }
}
