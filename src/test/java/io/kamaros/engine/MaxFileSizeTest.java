package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.store.FileAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.FileTooLargeException;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.Version;

/**
 * {@code JcfConfig.maxFileSize} holds for every way a file gets into a version: addFile and
 * appendToFile, and files that appear in the working copy (saved by a checkpoint).
 */
class MaxFileSizeTest {
    @TempDir
    Path tmp;

    private static long storedObjects(Path root) throws Exception {
        Path store = root.resolve(".store");
        if (!Files.isDirectory(store)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(store)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().contains("blobs")
                    || p.toString().contains("chunks")).count();
        }
    }

    @Test
    void aFileThatAppearsInTheWorkingCopyIsHeldToTheLimitAtCheckpoint() throws Exception {
        JcfConfig config = JcfConfig.builder().author("t").maxFileSize(1_000L).build();
        FileAdapter adapter = new FileAdapter(tmp.resolve("p"));
        try (JcfManager jcf = new JcfManager(config)) {
            jcf.init(adapter);
            jcf.addFile("small.txt", "small\n");
            String v1 = jcf.saveCheckpoint("one");
            long objects = storedObjects(adapter.rootPath());

            Path work = adapter.workingCopyPath();
            Files.write(work.resolve("big.bin"), new byte[50 * 1024]);
            Files.createDirectories(work.resolve("docs"));
            Files.writeString(work.resolve("docs/long.txt"), "x".repeat(1_001));
            Files.writeString(work.resolve("ok.txt"), "fits\n");

            assertThatThrownBy(() -> jcf.saveCheckpoint("too big"))
                    .isInstanceOfSatisfying(FileTooLargeException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCodes.FILE_TOO_LARGE);
                        assertThat(e.getMessage()).contains("big.bin", "docs/long.txt", "1000").doesNotContain("ok.txt");
                        assertThat(e.details()).containsEntry("maxSize", 1_000L);
                        assertThat(e.details().get("paths")).isEqualTo(List.of("big.bin", "docs/long.txt"));
                    });
            assertThat(jcf.getHistory()).extracting(Version::id).containsExactly(v1);
            assertThat(storedObjects(adapter.rootPath())).as("nothing of the refused checkpoint was stored").isEqualTo(objects);

            Files.delete(work.resolve("big.bin"));
            Files.writeString(work.resolve("docs/long.txt"), "short now\n");
            String v2 = jcf.saveCheckpoint("fits");
            assertThat(jcf.listFiles("", v2)).extracting(FileInfo::path).contains("ok.txt", "docs/long.txt");
        }
    }

    @Test
    void aFileSavedBeforeTheLimitWasLoweredDoesNotBlockLaterCheckpoints() throws Exception {
        FileAdapter adapter = new FileAdapter(tmp.resolve("q"));
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(adapter);
            jcf.addFile("old-big.bin", new byte[5_000]);
            jcf.saveCheckpoint("before the limit");
        }
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").maxFileSize(1_000L).build())) {
            jcf.init(new FileAdapter(adapter.rootPath()));
            Files.writeString(adapter.workingCopyPath().resolve("new.txt"), "new\n");
            // touched but unchanged: still the content HEAD already holds
            Files.setLastModifiedTime(adapter.workingCopyPath().resolve("old-big.bin"),
                    FileTime.fromMillis(System.currentTimeMillis() + 5_000));
            jcf.saveCheckpoint("later");
            assertThat(jcf.getHistory()).hasSize(2);
            Files.write(adapter.workingCopyPath().resolve("old-big.bin"), new byte[5_001]);
            assertThatThrownBy(() -> jcf.saveCheckpoint("grown")).isInstanceOf(FileTooLargeException.class)
                    .hasMessageContaining("old-big.bin");
        }
    }
}
