package io.kamaros.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.TestApp;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileHistoryEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHistoryViewModelTest {
    @TempDir
    Path dir;
    private TestApp app;
    private FileHistoryViewModel vm;

    @BeforeEach
    void open() {
        app = new TestApp(dir.resolve("home"));
        vm = Fx.call(() -> new FileHistoryViewModel(app.context.session()));
        app.openDemoCopy(dir);
    }

    @AfterEach
    void close() {
        app.run(() -> app.context.session().close());
    }

    @Test
    void listsEveryVersionOfAFileNewestFirstFollowingRenames() {
        app.run(() -> app.context.session().selectedFileProperty().set("illustrations/fox.png"));
        assertThat(vm.pathProperty().get()).isEqualTo("illustrations/fox.png");
        assertThat(vm.getEntries()).extracting(FileHistoryEntry::changeType).containsExactly(ChangeType.MODIFIED,
                ChangeType.MODIFIED, ChangeType.RENAMED, ChangeType.ADDED);
        assertThat(vm.getEntries().get(3).path()).isEqualTo("illustrations/sketch-fox.png");
        assertThat(vm.summaryProperty().get()).isEqualTo("4 versions of this file");
    }

    @Test
    void oneEntryIsComparedWithTheOneBeforeItAndTwoWithEachOther() {
        app.run(() -> app.context.session().selectedFileProperty().set("chapters/04-dawn.md"));
        List<FileHistoryEntry> e = List.copyOf(vm.getEntries());
        assertThat(e).hasSizeGreaterThanOrEqualTo(4); // added, editor's notes, two alternative endings
        FileHistoryEntry newest = e.get(0);
        app.run(() -> vm.compare(List.of(newest)));
        assertThat(vm.diffProperty().get().after()).isNotNull();
        assertThat(vm.diffProperty().get().before()).isNotNull();

        FileHistoryEntry oldest = e.get(e.size() - 1);
        app.run(() -> vm.compare(List.of(oldest, newest)));
        assertThat(new String(vm.diffProperty().get().before(), StandardCharsets.UTF_8)).contains("The fox went home.");
        app.run(() -> vm.compare(List.of(oldest)));
        assertThat(vm.diffProperty().get().before()).isNull(); // nothing before the first version
    }

    @Test
    void aFileWithoutHistorySaysSo() {
        app.run(() -> app.context.session().selectedFileProperty().set("never/saved.txt"));
        assertThat(vm.getEntries()).isEmpty();
        assertThat(vm.summaryProperty().get()).contains("no saved versions");
        assertThat(app.errors).isEmpty();
    }

    @Test
    void versionsSavedAfterTheListWasBuiltAreNeverInTheFuture() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        FileHistoryViewModel live = Fx.call(() -> new FileHistoryViewModel(app.context.session(), now::get));
        Path file = app.context.session().location().orElseThrow().projectFolder().resolve("notes.txt");
        Files.writeString(file, "written after the app started");
        app.run(() -> app.context.session().manager().saveCheckpoint("A note"));
        app.run(() -> app.context.session().selectedFileProperty().set("notes.txt"));
        FileHistoryEntry saved = live.getEntries().get(0);
        assertThat(saved.timestamp()).isAfter(now.get().minusMillis(1));

        now.set(saved.timestamp().plusSeconds(5));
        assertThat(live.describe(saved)).contains("just now").doesNotContain("future");
        now.set(saved.timestamp().plusSeconds(5 * 60));
        assertThat(live.describe(saved)).contains("5 minutes ago");
    }

    @Test
    void restoreNeedsExactlyOnePickedVersionThatHasTheFile() {
        app.run(() -> app.context.session().selectedFileProperty().set("illustrations/fox.png"));
        List<FileHistoryEntry> e = List.copyOf(vm.getEntries());
        assertThat(vm.restoreBlockedReason(List.of())).isNotNull();
        assertThat(vm.restoreBlockedReason(List.of(e.get(0)))).isNull();
        assertThat(vm.restoreBlockedReason(List.of(e.get(0), e.get(1))))
                .isEqualTo("Two versions are picked to compare them: pick just one to restore it.");
        FileHistoryEntry n = e.get(0);
        FileHistoryEntry deleted = new FileHistoryEntry(n.versionId(), n.path(), n.timestamp(), ChangeType.DELETED, 0,
                null, n.author(), n.message(), null);
        assertThat(vm.restoreBlockedReason(List.of(deleted))).contains("deleted");
    }
}
