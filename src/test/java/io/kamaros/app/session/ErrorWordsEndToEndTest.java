package io.kamaros.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.task.ErrorMessages;
import io.kamaros.app.task.ErrorMessages.Described;
import io.kamaros.app.task.ErrorMessages.Kind;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.ForwardingAdapter;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failures a person met in the app, through the real engine: what ErrorMessages makes of the
 * exception the engine really throws. The read-only disk is an adapter that fails as a read-only
 * file system does, because chmod does not stop root (CI runs as root).
 */
class ErrorWordsEndToEndTest {
    @TempDir
    Path dir;
    private final ProjectOpener opener = new ProjectOpener(JcfConfig.builder().author("Tester").build());

    @AfterEach
    void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    private List<Path> folderContents() throws IOException {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aTextFileRenamedJcfIsNotAKamarosArchive() throws Exception {
        Path letter = Files.writeString(dir.resolve("letter.jcf"), "Dear Maja,\nthe fox drawings are lovely.\n");

        Throwable thrown = catchThrowable(() -> opener.importJcf(letter, dir));

        assertThat(ErrorMessages.kindOf(thrown)).isEqualTo(Kind.NOT_AN_ARCHIVE);
        Described d = ErrorMessages.describe(thrown);
        assertThat(d.headline()).isEqualTo("this file is not a Kamaros archive");
        assertThat(d.whatToDo()).startsWith("Nothing was changed.").doesNotContain("project folder");
        assertThat(d.detail()).doesNotContain("Exception");
        assertThat(folderContents()).containsExactly(letter); // no half-made project beside it
        I18n.setLocale(Locale.forLanguageTag("pl"));
        assertThat(ErrorMessages.describe(thrown).headline()).isEqualTo("ten plik nie jest archiwum Kamaros");
    }

    @Test
    void aTruncatedArchiveIsDamagedAndNothingChanged() throws Exception {
        ProjectOpener.OpenProject p = opener.createEmpty(dir, "Book");
        Path archive = dir.resolve("book.jcf");
        try (JcfManager jcf = p.manager()) {
            jcf.addFile("chapter1.md", "Once upon a time, a fox.\n".repeat(200));
            jcf.saveCheckpoint("First");
            jcf.export(archive);
        }
        byte[] whole = Files.readAllBytes(archive);
        Path cut = Files.write(dir.resolve("cut.jcf"), Arrays.copyOf(whole, whole.length / 2));
        List<Path> before = folderContents();

        Throwable thrown = catchThrowable(() -> opener.importJcf(cut, dir));

        assertThat(ErrorMessages.kindOf(thrown)).isEqualTo(Kind.DAMAGED_ARCHIVE);
        Described d = ErrorMessages.describe(thrown);
        assertThat(d.headline()).isEqualTo("the archive is damaged");
        assertThat(d.whatToDo()).contains("Nothing was changed").contains("fresh copy").doesNotContain("project folder");
        assertThat(folderContents()).isEqualTo(before);
    }

    @Test
    void savingOnAReadOnlyDiskSaysTheFolderCannotBeWritten() throws Exception {
        ProjectOpener.OpenProject p = opener.createEmpty(dir, "Book");
        p.manager().addFile("chapter1.md", "Once upon a time.\n");
        p.manager().saveCheckpoint("First");
        p.manager().close();
        Files.writeString(p.location().workTree().resolve("chapter1.md"), "Once upon a time, a fox.\n");

        Throwable thrown = catchThrowable(() -> {
            try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("Tester").build())) {
                jcf.init(new ReadOnlyDisk(p.location().adapter()));
                jcf.saveCheckpoint("Second");
            }
        });

        assertThat(thrown).isNotNull();
        assertThat(ErrorMessages.kindOf(thrown)).isEqualTo(Kind.READ_ONLY);
        Described d = ErrorMessages.describe(thrown);
        assertThat(d.headline()).isEqualTo("the folder cannot be written: the disk or folder is read-only");
        assertThat(d.whatToDo()).contains("writable");
        assertThat(d.detail()).doesNotContain("java.").doesNotContain("FileSystemException");
    }

    /** Reads as the disk does; every write fails as on a read-only file system (EROFS). */
    private static final class ReadOnlyDisk extends ForwardingAdapter {
        ReadOnlyDisk(FileSystemAdapter disk) {
            super(disk);
        }

        private static FileSystemException readOnly(String path) {
            return new FileSystemException(path, null, "Read-only file system");
        }

        @Override
        public void writeFile(String path, byte[] data) throws IOException {
            throw readOnly(path);
        }

        @Override
        public AtomicOutput openWrite(String path) throws IOException {
            throw readOnly(path);
        }

        @Override
        public void createFolder(String path) throws IOException {
            throw readOnly(path);
        }

        @Override
        public void moveFile(String from, String to) throws IOException {
            throw readOnly(to);
        }

        @Override
        public void appendFile(String path, byte[] data) throws IOException {
            throw readOnly(path);
        }

        @Override
        public void deleteFile(String path) throws IOException {
            throw readOnly(path);
        }
    }
}
