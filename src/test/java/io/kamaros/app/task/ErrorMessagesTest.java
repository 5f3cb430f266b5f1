package io.kamaros.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.task.ErrorMessages.Described;
import io.kamaros.app.task.ErrorMessages.Kind;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each failure a person can meet, put into words: the headline and the one thing to do, in both languages. */
class ErrorMessagesTest {
    @AfterEach
    void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    /** How the engine wraps an I/O failure ({@code OperationRunner.storage}): the Java exception inside its message. */
    private static StorageException engineStorage(IOException cause) {
        return new StorageException("Could not save the checkpoint in /projects/book: " + cause
                + ". Nothing already stored was changed; check the disk (space, permissions) and try again.",
                Map.of("originalError", String.valueOf(cause)), cause);
    }

    private static Described en(Throwable e) {
        I18n.setLocale(Locale.ENGLISH);
        return ErrorMessages.describe(e);
    }

    private static Described pl(Throwable e) {
        I18n.setLocale(Locale.forLanguageTag("pl"));
        return ErrorMessages.describe(e);
    }

    @Test
    void aFileThatIsNotAnArchiveSaysSoAndThatNothingChanged() {
        CorruptionException e = new CorruptionException("This file is not a Kamaros archive (.jcf): it is not a ZIP file. "
                + "Nothing was imported.", Map.of(CorruptionException.KIND, CorruptionException.NOT_AN_ARCHIVE)).inArchive();
        assertThat(ErrorMessages.kindOf(e)).isEqualTo(Kind.NOT_AN_ARCHIVE);
        assertThat(en(e).headline()).isEqualTo("this file is not a Kamaros archive");
        assertThat(en(e).whatToDo()).startsWith("Nothing was changed.").contains(".jcf").doesNotContain("project folder");
        assertThat(pl(e).headline()).isEqualTo("ten plik nie jest archiwum Kamaros");
        assertThat(pl(e).whatToDo()).startsWith("Niczego nie zmieniono.");
    }

    @Test
    void aDamagedArchiveSaysNothingChangedAndToGetAFreshCopy() {
        CorruptionException e = new CorruptionException("The archive cannot be imported: it ends early. Nothing was imported.",
                Map.of("corruptedItem", "archive")).inArchive();
        assertThat(ErrorMessages.kindOf(e)).isEqualTo(Kind.DAMAGED_ARCHIVE);
        assertThat(en(e).headline()).isEqualTo("the archive is damaged");
        assertThat(en(e).whatToDo()).contains("Nothing was changed").contains("fresh copy").doesNotContain("project folder");
        assertThat(pl(e).headline()).isEqualTo("archiwum jest uszkodzone");
        assertThat(pl(e).whatToDo()).contains("świeżą kopię");
    }

    @Test
    void damageInTheProjectsOwnHistoryAsksForACopyOfTheFolderAndVerify() {
        CorruptionException e = new CorruptionException("Stored blob 3f2a is damaged: bad checksum.", Map.of("corruptedItem", "blob:3f2a"));
        assertThat(ErrorMessages.kindOf(e)).isEqualTo(Kind.CORRUPTION);
        assertThat(en(e).headline()).isEqualTo("part of the stored history is damaged");
        assertThat(en(e).whatToDo()).contains("copy of the project folder").contains("Verify");
        assertThat(pl(e).whatToDo()).contains("kopię folderu projektu");
    }

    @Test
    void aReadOnlyFolderSaysItCannotBeWrittenWithoutAClassName() {
        StorageException e = engineStorage(new FileSystemException("/projects/book/.kamaros/tmp-1", null, "Read-only file system"));
        Described d = en(e);
        assertThat(ErrorMessages.kindOf(e)).isEqualTo(Kind.READ_ONLY);
        assertThat(d.headline()).isEqualTo("the folder cannot be written: the disk or folder is read-only");
        assertThat(d.whatToDo()).contains("writable").contains("copy the project");
        assertThat(d.detail()).contains("Read-only file system").doesNotContain("java.").doesNotContain("Exception");
        assertThat(pl(e).headline()).isEqualTo("nie można zapisać w folderze: dysk lub folder jest tylko do odczytu");
    }

    @Test
    void aFolderThePersonMayNotWriteSaysSo() {
        StorageException e = engineStorage(new AccessDeniedException("/projects/book/.kamaros/manifest.json"));
        assertThat(ErrorMessages.kindOf(e)).isEqualTo(Kind.ACCESS);
        assertThat(en(e).headline()).isEqualTo("Kamaros may not write to this folder");
        assertThat(en(e).whatToDo()).contains("permission");
        assertThat(en(e).detail()).doesNotContain("AccessDeniedException").doesNotContain("java.");
        assertThat(pl(e).headline()).isEqualTo("Kamaros nie ma prawa zapisu w tym folderze");
        // the same told by the OS only in words
        assertThat(ErrorMessages.kindOf(engineStorage(new FileSystemException("/x", null, "Permission denied"))))
                .isEqualTo(Kind.ACCESS);
    }

    @Test
    void aFullDiskSaysToFreeSpace() {
        for (IOException full : List.of(new IOException("No space left on device"),
                new FileSystemException("D:\\book", null, "There is not enough space on the disk"))) {
            StorageException e = engineStorage(full);
            assertThat(ErrorMessages.kindOf(e)).as(full.getMessage()).isEqualTo(Kind.DISK_FULL);
            assertThat(en(e).headline()).isEqualTo("the disk is full");
            assertThat(en(e).whatToDo()).contains("Free some space");
            assertThat(pl(e).headline()).isEqualTo("dysk jest pełny");
        }
    }

    @Test
    void aMissingFileAndAPlainDiskErrorFromTheAppItself() {
        assertThat(ErrorMessages.kindOf(new UncheckedIOException(new NoSuchFileException("/book/a.txt"))))
                .isEqualTo(Kind.FILE_NOT_FOUND);
        assertThat(en(new NoSuchFileException("/book/a.txt")).detail()).isEqualTo("/book/a.txt");
        assertThat(ErrorMessages.kindOf(new CompletionException(new IOException("Input/output error"))))
                .isEqualTo(Kind.STORAGE);
        assertThat(en(new IOException("Input/output error")).whatToDo()).contains("disk is connected");
    }

    @Test
    void anUnexpectedErrorNeverShowsAJavaClassName() {
        Described d = en(new IllegalStateException());
        assertThat(d.headline()).isEqualTo("an unexpected problem");
        assertThat(d.detail()).isEmpty();
        assertThat(en(new IllegalStateException("java.util.zip.ZipException: invalid LOC header")).detail())
                .isEqualTo("invalid LOC header");
        assertThat(en(new OutOfMemoryError("Java heap space")).detail()).isEmpty();
    }

    @Test
    void everyCodeTheEngineRaisesHasItsOwnWordsInBothLanguages() throws IllegalAccessException {
        List<String> codes = new ArrayList<>();
        for (Field f : ErrorCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                codes.add((String) f.get(null));
            }
        }
        assertThat(codes).hasSizeGreaterThanOrEqualTo(15);
        for (String code : codes) {
            JcfException e = new JcfException("The engine's own explanation.", code, null);
            Kind kind = ErrorMessages.kindOf(e);
            assertThat(kind).as(code).isNotEqualTo(Kind.GENERIC);
            for (Locale locale : List.of(Locale.ENGLISH, Locale.forLanguageTag("pl"))) {
                I18n.setLocale(locale);
                assertThat(I18n.has(kind.headlineKey())).as(code + " " + locale).isTrue();
                assertThat(I18n.has(kind.todoKey())).as(code + " " + locale).isTrue();
                Described d = ErrorMessages.describe(e);
                assertThat(d.detail()).isEqualTo("The engine's own explanation.");
            }
        }
        // every kind's words differ between the languages (none left in English)
        for (Kind kind : Kind.values()) {
            I18n.setLocale(Locale.ENGLISH);
            String english = I18n.t(kind.headlineKey()) + I18n.t(kind.todoKey());
            I18n.setLocale(Locale.forLanguageTag("pl"));
            assertThat(I18n.t(kind.headlineKey()) + I18n.t(kind.todoKey())).as(kind.name()).isNotEqualTo(english)
                    .doesNotContain("error.");
        }
    }
}
