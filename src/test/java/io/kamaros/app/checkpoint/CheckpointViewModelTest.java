package io.kamaros.app.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.TestApp;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.tree.FileEntry;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointViewModelTest {
    @TempDir
    Path dir;
    private TestApp app;
    private CheckpointViewModel vm;
    private ProjectOpener.OpenProject project;

    @BeforeEach
    void open() {
        app = new TestApp(dir.resolve("home"));
        vm = Fx.call(() -> new CheckpointViewModel(app.context.session()));
        project = app.openDemoCopy(dir);
    }

    @AfterEach
    void close() {
        app.run(() -> app.context.session().close());
    }

    @Test
    void listsTheChangesAndSavesThemWithMessageAndTagsShowingProgress() throws Exception {
        Path work = project.location().workTree();
        Files.writeString(work.resolve("chapters/05-epilogue.md"), "# Epilogue\n");
        Files.writeString(work.resolve("README.md"), "edited\n");
        app.run(vm::prepare);
        assertThat(vm.getChanges()).extracting(FileEntry::path, FileEntry::change).containsExactly(
                Tuple.tuple("README.md", ChangeType.MODIFIED),
                Tuple.tuple("chapters/05-epilogue.md", ChangeType.ADDED));
        assertThat(Fx.call(() -> vm.canSaveBinding().get())).isFalse(); // no message yet
        List<JcfEvent.Progress> progress = new ArrayList<>();
        project.manager().on(JcfEvent.Progress.class, progress::add);
        AtomicReference<String> saved = new AtomicReference<>();
        AtomicReference<Double> taskProgress = new AtomicReference<>();
        List<String> notified = new ArrayList<>();
        app.context.runner().showFinishedWith(notified::add);
        app.run(() -> {
            vm.messageProperty().set("  Epilogue  ");
            vm.tagsProperty().set("draft-2, review review");
            assertThat(vm.canSaveBinding().get()).isTrue();
            var task = vm.save(saved::set);
            taskProgress.set(task.getProgress());
        });
        assertThat(app.errors).isEmpty();
        assertThat(saved.get()).isNotNull();
        assertThat(progress).isNotEmpty();
        assertThat(taskProgress.get()).isGreaterThan(0.0);
        Version head = app.context.session().getHead();
        assertThat(head.id()).isEqualTo(saved.get());
        assertThat(head.message()).isEqualTo("Epilogue");
        assertThat(head.tags()).containsExactly("draft-2", "review");
        assertThat(app.context.session().getVersions()).hasSize(26);
        assertThat(app.context.session().getStatus().isClean()).isTrue();
        // announced in the status line and as a notification: what was saved, how many files, how much stored
        assertThat(app.context.runner().statusMessageProperty().get())
                .startsWith("Checkpoint saved: Epilogue — 2 files, ").endsWith(" stored");
        assertThat(notified).containsExactly(app.context.runner().statusMessageProperty().get());
        assertThat(vm.savingProperty().get()).isFalse();
    }

    @Test
    void nothingToSaveMeansTheSaveButtonStaysDisabled() {
        app.run(vm::prepare);
        assertThat(vm.loadedProperty().get()).isTrue();
        assertThat(vm.getChanges()).isEmpty();
        app.run(() -> vm.messageProperty().set("anything"));
        assertThat(Fx.call(() -> vm.canSaveBinding().get())).isFalse();
    }
}
