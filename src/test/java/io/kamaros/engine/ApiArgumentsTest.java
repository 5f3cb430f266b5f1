package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.ExportOptions;
import io.kamaros.engine.model.HistoryFilter;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.ListOptions;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.model.JcfEvent;

/**
 * Every caller mistake on the public API (JcfManager, JcfOperations, AsyncJcfManager, the option
 * builders and the config) is a {@link ValidationException} with the stable code
 * {@code VALIDATION_ERROR}, a message naming what is wrong and {@code details.field} — never a raw
 * NullPointerException, a "file not found" or a storage error — and leaves the project unchanged.
 */
class ApiArgumentsTest {
    @TempDir
    static Path tmp;

    private JcfManager jcf;
    private String v1;

    /** One call a careless caller might make; {@code field} is the argument the error must name. */
    @FunctionalInterface
    interface Call {
        Object run(JcfManager jcf, String v1) throws Exception;
    }

    @BeforeEach
    void open() {
        jcf = new JcfManager(JcfConfig.builder().author("t").build());
        jcf.init(new MemoryAdapter());
        jcf.addFile("a.txt", "a\n");
        v1 = jcf.saveCheckpoint("one");
    }

    @AfterEach
    void close() {
        jcf.close();
    }

    private static Arguments call(String name, String field, Call call) {
        return Arguments.of(name, field, call);
    }

    static Stream<Arguments> mistakes() {
        Path missing = tmp.resolve("no-such.jcf");
        Consumer<JcfEvent> listener = e -> { };
        return Stream.of(
                call("init(null)", "adapter", (j, v) -> { new JcfManager().init(null); return null; }),
                call("new FileAdapter(null)", "root", (j, v) -> new FileAdapter(null)),
                call("init(null, password)", "adapter", (j, v) -> { new JcfManager().init(null, "pw".toCharArray()); return null; }),
                call("changePassword(null, ...)", "oldPassword", (j, v) -> { j.changePassword(null, "x".toCharArray()); return null; }),
                call("changePassword(..., null)", "newPassword", (j, v) -> { j.changePassword("x".toCharArray(), null); return null; }),
                call("saveCheckpoint(null)", "message", (j, v) -> j.saveCheckpoint(null)),
                call("restoreVersion(null)", "versionId", (j, v) -> j.restoreVersion(null)),
                call("restoreVersion(\"\")", "versionId", (j, v) -> j.restoreVersion(" ")),
                call("restoreVersion into a file", "target", (j, v) -> {
                    Path file = Files.writeString(Files.createTempFile(tmp, "target", ".txt"), "x");
                    return j.restoreVersion(v, RestoreOptions.builder().target(file).build());
                }),
                call("addFile(path, (byte[]) null)", "content", (j, v) -> { j.addFile("b.txt", (byte[]) null); return null; }),
                call("addFile(path, (String) null)", "content", (j, v) -> { j.addFile("b.txt", (String) null); return null; }),
                call("addFile(path, (InputStream) null)", "content", (j, v) -> { j.addFile("b.txt", (InputStream) null); return null; }),
                call("addFile(null, bytes)", "path", (j, v) -> { j.addFile(null, new byte[1]); return null; }),
                call("appendToFile(path, null)", "chunk", (j, v) -> { j.appendToFile("a.txt", null); return null; }),
                call("removeFile(null)", "path", (j, v) -> { j.removeFile(null); return null; }),
                call("removeFile(\"\")", "path", (j, v) -> { j.removeFile(""); return null; }),
                call("removeFile(null, true)", "path", (j, v) -> { j.removeFile(null, true); return null; }),
                call("moveFile(null, to)", "path", (j, v) -> { j.moveFile(null, "b.txt"); return null; }),
                call("moveFile(from, null)", "path", (j, v) -> { j.moveFile("a.txt", null); return null; }),
                call("getFileContent(null)", "path", (j, v) -> j.getFileContent(null)),
                call("streamFile(null)", "path", (j, v) -> j.streamFile(null)),
                call("getVersion(null)", "idOrTag", (j, v) -> j.getVersion(null)),
                call("tagVersion(null, tag)", "versionId", (j, v) -> j.tagVersion(null, "t")),
                call("tagVersion(v, null)", "tag", (j, v) -> j.tagVersion(v, null)),
                call("getVersionDiff(null, v)", "fromVersion", (j, v) -> j.getVersionDiff(null, v)),
                call("getVersionDiff(v, null)", "toVersion", (j, v) -> j.getVersionDiff(v, null)),
                call("getFileHistory(null)", "path", (j, v) -> j.getFileHistory(null)),
                call("listFiles with a bad glob", "pattern", (j, v) -> j.listFiles("", ListOptions.builder().pattern("[a-").build())),
                call("export((OutputStream) null)", "out", (j, v) -> j.export((OutputStream) null)),
                call("export((Path) null)", "file", (j, v) -> j.export((Path) null)),
                call("export below a file", "file", (j, v) -> {
                    Path file = Files.writeString(Files.createTempFile(tmp, "plain", ".txt"), "x");
                    return j.export(file.resolve("out.jcf"));
                }),
                call("export onto a folder", "file", (j, v) -> j.export(tmp)),
                call("importData((InputStream) null)", "in", (j, v) -> j.importData((InputStream) null)),
                call("importData((Path) null)", "file", (j, v) -> j.importData((Path) null)),
                call("importData(missing file)", "file", (j, v) -> j.importData(missing)),
                call("on(null, listener)", "event", (j, v) -> { j.on((String) null, listener); return null; }),
                call("on(unknown event)", "event", (j, v) -> { j.on("checkpoint:progres", listener); return null; }),
                call("on(unknown namespace)", "event", (j, v) -> { j.on("commit:*", listener); return null; }),
                call("on(event, null)", "listener", (j, v) -> { j.on("file:change", null); return null; }),
                call("on(null class, listener)", "type", (j, v) -> j.on((Class<JcfEvent>) null, e -> { })),
                call("CheckpointOptions.tags(null)", "tags", (j, v) -> CheckpointOptions.builder().tags((List<String>) null).build()),
                call("CheckpointOptions.tags(\"a\", null)", "tags", (j, v) -> CheckpointOptions.builder().tags("a", null).build()),
                call("RestoreOptions.paths(null)", "paths", (j, v) -> RestoreOptions.builder().paths((List<String>) null).build()),
                call("RestoreOptions.paths(bad path)", "path", (j, v) -> RestoreOptions.builder().paths("../x").build()),
                call("HistoryFilter.tags(null)", "tags", (j, v) -> HistoryFilter.builder().tags((String[]) null).build()),
                call("HistoryFilter.limit(-1)", "limit", (j, v) -> HistoryFilter.builder().limit(-1).build()),
                call("ExportOptions.compressionLevel(10)", "compressionLevel", (j, v) -> ExportOptions.builder().compressionLevel(10).build()),
                call("ImportOptions.maxEntries(0)", "maxEntries", (j, v) -> ImportOptions.builder().maxEntries(0).build()),
                call("JcfConfig.compressionLevel(12)", "compressionLevel", (j, v) -> JcfConfig.builder().compressionLevel(12).build()),
                call("JcfConfig.maxFileSize(0)", "maxFileSize", (j, v) -> JcfConfig.builder().maxFileSize(0L).build()),
                call("async().addFile(path, null)", "content", (j, v) -> j.async().addFile("b.txt", (byte[]) null).join()),
                call("async().restoreVersion(null)", "versionId", (j, v) -> j.async().restoreVersion(null).join()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void everyCallerMistakeIsAValidationErrorNamingTheArgument(String name, String field, Call call) {
        int versions = jcf.getHistory().size();
        Throwable thrown = catchThrowable(() -> call.run(jcf, v1));
        if (thrown instanceof CompletionException ce) {
            thrown = ce.getCause();
        }
        assertThat(thrown).as(name).isInstanceOf(ValidationException.class);
        ValidationException e = (ValidationException) thrown;
        assertThat(e.code()).as(name).isEqualTo(ErrorCodes.VALIDATION_ERROR);
        assertThat(e.details()).as(name + " names the argument").containsEntry("field", field);
        assertThat(e.getMessage()).as(name).isNotBlank().doesNotContain("check the disk").doesNotContain("NullPointer");
        assertThat(jcf.getHistory()).as(name + " changed nothing").hasSize(versions);
        assertThat(jcf.getFileContent("a.txt")).isEqualTo("a\n".getBytes());
    }

    /** Paths that collide with what is on disk are the caller's mistake, not a disk problem. */
    @Test
    void pathsThatCollideWithFilesOrFoldersOnDiskAreValidationErrors() throws Exception {
        try (JcfManager disk = new JcfManager(JcfConfig.builder().author("t").build())) {
            disk.init(new FileAdapter(tmp.resolve("collide-" + System.nanoTime())));
            disk.addFile("a.txt", "a\n");
            disk.addFile("docs/b.txt", "b\n");
            for (Call call : List.<Call>of(
                    (j, v) -> { j.addFile("a.txt/c.txt", "below a file"); return null; },
                    (j, v) -> { j.addFile("docs", "onto a folder"); return null; },
                    (j, v) -> { j.appendToFile("docs", new byte[] {1}); return null; },
                    (j, v) -> { j.moveFile("a.txt", "docs"); return null; },
                    (j, v) -> { j.moveFile("docs/b.txt", "a.txt/b.txt"); return null; })) {
                Throwable t = catchThrowable(() -> call.run(disk, null));
                assertThat(t).isInstanceOf(ValidationException.class);
                assertThat(t.getMessage()).doesNotContain("check the disk");
            }
            assertThat(disk.getFileContent("a.txt")).isEqualTo("a\n".getBytes());
            assertThat(disk.getFileContent("docs/b.txt")).isEqualTo("b\n".getBytes());
        }
    }

    @Test
    void unknownEventNamesAreRefusedListingTheValidOnes() {
        ValidationException e = (ValidationException) catchThrowable(() -> jcf.on("checkpoint:progres", x -> { }));
        assertThat(e.getMessage()).contains("checkpoint:progress", "file:change", "*");
    }

    @Test
    void everyEventTheEngineEmitsCanBeListenedToByName() throws Exception {
        List<String> seen = new ArrayList<>();
        jcf.on("*", ev -> seen.add(ev.type()));
        jcf.addFile("b.txt", "b\n");
        jcf.moveFile("b.txt", "c.txt");
        jcf.addFile("a.txt", "a\nb\n");
        jcf.saveCheckpoint("two");
        jcf.restoreVersion(v1);
        jcf.removeFile("a.txt");
        jcf.runGc();
        jcf.verifyIntegrity();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        jcf.export(out);
        try (JcfManager other = new JcfManager()) {
            other.on("*", ev -> seen.add(ev.type()));
            other.init(new MemoryAdapter());
            other.importData(new ByteArrayInputStream(out.toByteArray()));
        }
        jcf.getStatus();
        assertThat(seen).isNotEmpty();
        for (String type : seen.stream().distinct().toList()) {
            Consumer<JcfEvent> l = x -> { };
            jcf.on(type, l); // must not throw
            assertThat(jcf.off(type, l)).isTrue();
        }
    }

    @Test
    void aMistakeOnAnAsyncCallFailsTheFutureNotTheCaller() {
        CompletableFuture<Void> f = jcf.async().addFile("b.txt", (String) null);
        Throwable t = catchThrowable(f::join);
        assertThat(t).isInstanceOf(CompletionException.class).hasCauseInstanceOf(ValidationException.class);
    }
}
