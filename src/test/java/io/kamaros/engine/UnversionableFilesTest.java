package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.model.PathRules;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.UnversionableFile;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.WorkingCopyStatus;
import io.kamaros.engine.model.JcfEvent;

/**
 * Issue 12 item 5: nothing in the working copy is skipped silently, and one file that cannot be
 * read does not block the others. Unreadability is simulated with {@link UnreadableAdapter} (a
 * decorator whose reads of chosen paths fail with {@code AccessDeniedException}), because the
 * tests run as root, for whom {@code chmod 000} does not stop reading.
 */
class UnversionableFilesTest {
    @TempDir
    Path dir;

    private static JcfManager open(FileSystemAdapter adapter) {
        JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build());
        jcf.init(adapter);
        return jcf;
    }

    private Path content() {
        return dir.resolve("content");
    }

    private void write(String rel, String text) throws IOException {
        Path p = content().resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void aBackslashInANameIsVersionedWhereTheSystemAllowsIt() throws IOException {
        write("plain.txt", "plain");
        write("a\\b.txt", "with a backslash");
        try (JcfManager jcf = open(new FileAdapter(dir))) {
            String v = jcf.saveCheckpoint("first");
            assertThat(jcf.getVersion(v).orElseThrow().fileStates()).containsKeys("plain.txt", "a\\b.txt");
            Files.delete(content().resolve("a\\b.txt"));
            jcf.restoreVersion(v);
            assertThat(Files.readString(content().resolve("a\\b.txt"))).isEqualTo("with a backslash");
        }
    }

    @Test
    void oneUnreadableFileDoesNotBlockTheOthers() throws IOException {
        write("a.txt", "a");
        write("secret.bin", "cannot be read");
        UnreadableAdapter adapter = new UnreadableAdapter(new FileAdapter(dir), "content/secret.bin");
        try (JcfManager jcf = open(adapter)) {
            String v = jcf.saveCheckpoint("first");
            assertThat(jcf.getVersion(v).orElseThrow().fileStates()).containsOnlyKeys("a.txt");
        }
    }

    @Test
    void aSymbolicLinkIsNotSkippedWithoutAWord() throws IOException {
        write("a.txt", "a");
        Files.createSymbolicLink(content().resolve("link"), Path.of("/etc"));
        List<String> warnings = new ArrayList<>();
        List<JcfEvent.CheckpointCompleted> done = new ArrayList<>();
        try (JcfManager jcf = open(new FileAdapter(dir))) {
            jcf.on(JcfEvent.Warning.class, w -> warnings.add(w.message()));
            jcf.on(JcfEvent.CheckpointCompleted.class, done::add);
            assertThat(jcf.getStatus().unversionable())
                    .containsExactly(new UnversionableFile("link", UnversionableFile.Reason.SYMLINK,
                            jcf.getStatus().unversionable().get(0).detail()));
            assertThat(jcf.getStatus().unversionable().get(0).detail()).contains("/etc");
            String v = jcf.saveCheckpoint("first");
            // Stored as nothing: the link is reported, never followed out of the tree.
            assertThat(jcf.getVersion(v).orElseThrow().fileStates()).containsOnlyKeys("a.txt");
        }
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("link"));
        assertThat(done.get(0).unversionable()).extracting(UnversionableFile::reason)
                .containsExactly(UnversionableFile.Reason.SYMLINK);
    }

    @Test
    void aLinkToAFolderIsNotFollowed() throws IOException {
        write("a.txt", "a");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("private.txt"), "not part of the project");
        Files.createSymbolicLink(content().resolve("shortcut"), outside);
        try (JcfManager jcf = open(new FileAdapter(dir))) {
            String v = jcf.saveCheckpoint("first");
            assertThat(jcf.getVersion(v).orElseThrow().fileStates()).containsOnlyKeys("a.txt");
            assertThat(jcf.getStatus().unversionable()).extracting(UnversionableFile::path).containsExactly("shortcut");
        }
    }

    @Test
    void aFifoIsReportedAndNeverOpened() throws Exception {
        write("a.txt", "a");
        Process mk = new ProcessBuilder("mkfifo", content().resolve("pipe").toString()).start();
        assertThat(mk.waitFor()).isZero();
        try (JcfManager jcf = open(new FileAdapter(dir))) {
            String v = jcf.saveCheckpoint("first"); // would hang if the FIFO were read
            assertThat(jcf.getVersion(v).orElseThrow().fileStates()).containsOnlyKeys("a.txt");
            assertThat(jcf.getStatus().unversionable()).extracting(UnversionableFile::path, UnversionableFile::reason)
                    .containsExactly(Tuple.tuple("pipe", UnversionableFile.Reason.SPECIAL_FILE));
        }
    }

    @Test
    void anUnreadableFileIsReportedByStatusAndCheckpoint() throws IOException {
        write("a.txt", "a");
        write("secret.bin", "cannot be read");
        UnreadableAdapter adapter = new UnreadableAdapter(new FileAdapter(dir), "content/secret.bin");
        List<JcfEvent.CheckpointCompleted> done = new ArrayList<>();
        try (JcfManager jcf = open(adapter)) {
            jcf.on(JcfEvent.CheckpointCompleted.class, done::add);
            WorkingCopyStatus st = jcf.getStatus();
            assertThat(st.added()).containsExactly("a.txt");
            assertThat(st.notSaved()).extracting(UnversionableFile::path, UnversionableFile::reason)
                    .containsExactly(Tuple.tuple("secret.bin", UnversionableFile.Reason.UNREADABLE));
            assertThat(st.notSaved().get(0).detail()).contains("permission denied");
            jcf.saveCheckpoint("first");
        }
        assertThat(done.get(0).unversionable()).extracting(UnversionableFile::path).containsExactly("secret.bin");
        assertThat(done.get(0).hasWarnings()).isTrue();
    }

    @Test
    void aTrackedFileThatBecomesUnreadableKeepsItsLastContentAndIsNotDeleted() throws IOException {
        write("a.txt", "a");
        write("secret.txt", "saved once");
        String v1;
        try (JcfManager jcf = open(new FileAdapter(dir))) {
            v1 = jcf.saveCheckpoint("first");
        }
        write("secret.txt", "changed, then unreadable");
        write("a.txt", "a2");
        UnreadableAdapter adapter = new UnreadableAdapter(new FileAdapter(dir), "content/secret.txt");
        try (JcfManager jcf = open(adapter)) {
            WorkingCopyStatus st = jcf.getStatus();
            assertThat(st.deleted()).isEmpty();
            assertThat(st.modified()).containsExactly("a.txt");
            String v2 = jcf.saveCheckpoint("second");
            Version v = jcf.getVersion(v2).orElseThrow();
            assertThat(v.fileStates()).containsKeys("a.txt", "secret.txt");
            assertThat(new String(jcf.getFileContent("secret.txt", v2), StandardCharsets.UTF_8)).isEqualTo("saved once");
            assertThat(v.changes().deleted()).isZero();
        }
        // Readable again: the change is seen and saved (no stale scan cache hides it).
        try (JcfManager jcf = open(new FileAdapter(dir))) {
            assertThat(jcf.getStatus().modified()).containsExactly("secret.txt");
            String v3 = jcf.saveCheckpoint("third");
            assertThat(new String(jcf.getFileContent("secret.txt", v3), StandardCharsets.UTF_8))
                    .isEqualTo("changed, then unreadable");
            assertThat(v1).isNotNull();
        }
    }

    @Test
    void strictRefusesAndWritesNothing() throws IOException {
        write("a.txt", "a");
        write("secret.bin", "cannot be read");
        UnreadableAdapter adapter = new UnreadableAdapter(new FileAdapter(dir), "content/secret.bin");
        try (JcfManager jcf = open(adapter)) {
            assertThatThrownBy(() -> jcf.saveCheckpoint("first", CheckpointOptions.builder().strict(true).build()))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("secret.bin").hasMessageContaining("strict");
            assertThat(jcf.getHistory()).isEmpty();
            assertThat(jcf.verifyIntegrity().valid()).isTrue();
        }
    }

    @Test
    void namesWindowsCannotHoldAreSavedWithAWarning() throws IOException {
        for (String name : List.of("CON", "nul.txt", "aux.c", "dot.", "space ", "q?.txt", "a<b>.txt", "at 10:30.txt",
                "Readme.md", "README.md", "ok.txt", "lpt1/inside.txt")) {
            write(name, name);
        }
        List<JcfEvent.CheckpointCompleted> done = new ArrayList<>();
        try (JcfManager jcf = open(new FileAdapter(dir))) {
            jcf.on(JcfEvent.CheckpointCompleted.class, done::add);
            String v = jcf.saveCheckpoint("first");
            assertThat(jcf.getVersion(v).orElseThrow().fileStates()).hasSize(12);
            List<String> warned = List.of("CON", "README.md", "Readme.md", "a<b>.txt", "at 10:30.txt", "aux.c", "dot.", "lpt1/inside.txt",
                    "nul.txt", "q?.txt", "space ");
            assertThat(done.get(0).unversionable()).extracting(UnversionableFile::path).containsExactlyElementsOf(warned);
            assertThat(done.get(0).unversionable()).allSatisfy(u -> {
                assertThat(u.reason()).isEqualTo(UnversionableFile.Reason.WINDOWS_NAME);
                assertThat(u.saved()).isTrue();
            });
            // Status keeps telling; a later checkpoint warns only about the names it saves again.
            assertThat(jcf.getStatus().unversionable()).hasSize(11);
            assertThat(jcf.getStatus().notSaved()).isEmpty();
            write("ok.txt", "changed");
            jcf.saveCheckpoint("second");
            assertThat(done.get(1).unversionable()).isEmpty();
        }
    }

    @Test
    void windowsNameRules() {
        for (String bad : List.of("CON", "con", "nul.txt", "Aux.c", "COM1.log", "lpt9", "con .txt", "docs/PRN/x.txt",
                "dot.", "dir./x", "space ", "a<b", "a>b", "a:b", "a\"b", "a|b", "a?b", "a*b", "a\\b")) {
            assertThat(PathRules.windowsProblemOf(bad)).as(bad).isNotNull();
        }
        for (String ok : List.of("CONSOLE.txt", "console", "nullable.c", "auxiliary", "COM10", "LPT0.txt", "a.b.c",
                "docs/notes.txt", ".hidden", "x", "ab", "comma,ok")) {
            assertThat(PathRules.windowsProblemOf(ok)).as(ok).isNull();
        }
    }

    @Test
    void aNameWithAControlCharacterIsReportedNotSilentlyDropped() throws IOException {
        write("a.txt", "a");
        write("line\nbreak.txt", "newline in the name");
        try (JcfManager jcf = open(new FileAdapter(dir))) {
            assertThat(jcf.getStatus().unversionable()).extracting(UnversionableFile::path, UnversionableFile::reason)
                    .containsExactly(Tuple.tuple("line\nbreak.txt",
                            UnversionableFile.Reason.INVALID_NAME));
        }
    }

    @Test
    void aBackslashNameSurvivesExportAndImport() throws IOException {
        write("plain.txt", "plain");
        write("a\\b.txt", "with a backslash");
        Path archive = dir.resolveSibling(dir.getFileName() + ".jcf");
        List<String> warnings = new ArrayList<>();
        try (JcfManager jcf = open(new FileAdapter(dir))) {
            jcf.saveCheckpoint("first");
            jcf.on(JcfEvent.Warning.class, w -> warnings.add(w.message()));
            jcf.export(archive);
        }
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("a\\b.txt").contains("backslash"));
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName)).noneMatch(n -> n.contains("\\"));
        }
        Path copy = dir.resolve("imported");
        try (JcfManager jcf = open(new FileAdapter(copy))) {
            jcf.importData(archive);
            assertThat(Files.readString(copy.resolve("content").resolve("a\\b.txt"))).isEqualTo("with a backslash");
            assertThat(jcf.getStatus().isClean()).isTrue();
        } finally {
            Files.deleteIfExists(archive);
        }
    }
}
