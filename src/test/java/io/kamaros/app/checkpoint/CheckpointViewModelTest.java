package io.kamaros.app.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.TestApp;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.settings.AuthorIdentity;
import io.kamaros.app.settings.SettingsStore;
import io.kamaros.app.tree.FileEntry;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.JcfConfig;
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
    private SettingsStore settings;

    @BeforeEach
    void open() throws Exception {
        app = new TestApp(dir.resolve("home"));
        settings = SettingsStore.of(app.context.paths());
        AuthorIdentity identity = new AuthorIdentity(settings, app.context.opener());
        identity.remember("Ola Nowak", ""); // the first save's question has been answered
        vm = Fx.call(() -> new CheckpointViewModel(app.context.session(), identity));
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
        assertThat(head.author()).as("the person's name, not the demo's author").isEqualTo("Ola Nowak");
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

    @Test
    void theFirstSaveAsksForAName() throws Exception {
        TestApp fresh = new TestApp(dir.resolve("fresh-home"));
        fresh.context.opener().useConfig(JcfConfig.defaults()); // no JCF_AUTHOR in this test's world
        SettingsStore store = SettingsStore.of(fresh.context.paths());
        CheckpointViewModel first = Fx.call(() -> new CheckpointViewModel(fresh.context.session(),
                new AuthorIdentity(store, fresh.context.opener())));
        ProjectOpener.OpenProject demo = fresh.openDemoCopy(dir.resolve("fresh"));
        Files.writeString(demo.location().workTree().resolve("README.md"), "mine\n");
        fresh.run(first::prepare);
        assertThat(first.askAuthorProperty().get()).isTrue();
        fresh.run(() -> first.messageProperty().set("My change"));
        assertThat(Fx.call(() -> first.canSaveBinding().get())).as("no name yet").isFalse();
        assertThat(Fx.call(() -> first.authorProblemBinding().get())).isEqualTo("Type your name: it is saved with the checkpoint.");
        fresh.run(() -> {
            first.authorProperty().set("Jan Kowalczyk");
            first.emailProperty().set("not an address");
        });
        assertThat(Fx.call(() -> first.canSaveBinding().get())).as("e-mail is checked").isFalse();
        fresh.run(() -> first.emailProperty().set("jan@example.com"));
        assertThat(Fx.call(() -> first.canSaveBinding().get())).isTrue();
        fresh.run(() -> first.save(id -> { }));
        assertThat(fresh.errors).isEmpty();

        Version head = fresh.context.session().getHead();
        assertThat(head.author()).isEqualTo("Jan Kowalczyk"); // not the demo's Maja Kowalska, not the OS account
        assertThat(head.email()).isEqualTo("jan@example.com");
        assertThat(store.load().author).as("remembered in the settings").isEqualTo("Jan Kowalczyk");
        assertThat(store.load().email).isEqualTo("jan@example.com");

        Files.writeString(demo.location().workTree().resolve("README.md"), "mine again\n");
        fresh.run(first::prepare);
        assertThat(first.askAuthorProperty().get()).as("asked once").isFalse();
        assertThat(first.authorProperty().get()).isEqualTo("Jan Kowalczyk");
        fresh.run(() -> fresh.context.session().close());
    }
}
