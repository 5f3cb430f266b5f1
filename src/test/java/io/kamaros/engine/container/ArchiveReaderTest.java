package io.kamaros.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.history.Operation;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader alone: one budget for everything an import inflates, and the directory checks before it. */
class ArchiveReaderTest {
    @TempDir
    Path dir;

    private static final String MANIFEST = "{\"formatVersion\":\"1.0.0\",\"metadata\":{},\"versionHistory\":[]}";

    private Path zip(String entry, byte[] data) throws IOException {
        Path file = dir.resolve("a.jcf");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new ZipEntry("manifest.json"));
            out.write(MANIFEST.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry(entry));
            out.write(data);
            out.closeEntry();
        }
        return file;
    }

    private static ArchiveReader reader(ImportOptions options) {
        return new ArchiveReader(new MemoryAdapter(), options,
                new Operation("import", CancellationToken.NONE, null, e -> { }));
    }

    @Test
    void countsWhatItInflatesAcrossEntries() throws IOException {
        byte[] text = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        Path file = zip("content/a.txt", text);
        ArchiveReader reader = reader(ImportOptions.defaults());
        reader.setBudget(Files.size(file));
        reader.checkDirectory(ZipDirectory.read(file, 10));

        JcfManifestCodec.Manifest m = reader.readManifest(file);
        try (ZipFile zip = ArchiveReader.open(file)) {
            assertThat(reader.readAll(zip, zip.getEntry("content/a.txt"), 20_000)).isEqualTo(text);
        }

        assertThat(m.versions()).isEmpty();
        assertThat(reader.inflated()).isEqualTo(MANIFEST.length() + text.length);
    }

    @Test
    void refusesADirectoryThatDeclaresMoreThanTheBudget() throws IOException {
        Path file = zip("content/a.txt", new byte[5_000]);
        ArchiveReader reader = reader(ImportOptions.defaults().maxTotalUncompressed(1_000));
        reader.setBudget(Files.size(file));

        assertThatThrownBy(() -> reader.checkDirectory(ZipDirectory.read(file, 10)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("declares more than 1000 bytes");
    }

    @Test
    void stopsInflatingAtTheBudgetEvenWhenTheDirectoryWasNotChecked() throws IOException {
        Path file = zip("content/a.txt", new byte[5_000]);
        ArchiveReader reader = reader(ImportOptions.defaults().maxTotalUncompressed(1_000));
        reader.setBudget(Files.size(file));

        try (ZipFile zip = ArchiveReader.open(file)) {
            assertThatThrownBy(() -> reader.readAll(zip, zip.getEntry("content/a.txt"), Long.MAX_VALUE))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("zip bomb");
        }
    }

    @Test
    void anEntryOverItsOwnLimitIsRefused() throws IOException {
        Path file = zip("mimetype", new byte[300]);
        ArchiveReader reader = reader(ImportOptions.defaults());
        reader.setBudget(Files.size(file));

        try (ZipFile zip = ArchiveReader.open(file)) {
            assertThatThrownBy(() -> reader.readAll(zip, zip.getEntry("mimetype"), 256))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("expands to more than 256 bytes");
        }
    }

    @Test
    void entryNamesThatEscapeTheProjectAreProblems() {
        assertThat(ArchiveReader.nameProblem("content/a.txt")).isNull();
        assertThat(ArchiveReader.nameProblem("content/")).isNull();
        for (String bad : List.of("../x", "/etc/passwd", "content/../../x")) {
            assertThat(ArchiveReader.nameProblem(bad)).as(bad).isNotNull();
        }
    }
}
