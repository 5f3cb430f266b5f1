package io.kamaros.app.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.TestApp;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreViewModelTest {
    @TempDir
    Path dir;
    private TestApp app;
    private RestoreViewModel vm;
    private ProjectOpener.OpenProject project;
    private ProjectSession session;

    @BeforeEach
    void open() {
        app = new TestApp(dir.resolve("home"));
        session = app.context.session();
        vm = Fx.call(() -> new RestoreViewModel(session));
        project = app.openDemoCopy(dir);
    }

    @AfterEach
    void close() {
        app.run(session::close);
    }

    private Version version(String messageStart) {
        return session.getVersions().stream().filter(v -> v.message().startsWith(messageStart)).findFirst().orElseThrow();
    }

    private RestorePlan plan(Version v, List<String> paths, Path target) {
        AtomicReference<RestorePlan> plan = new AtomicReference<>();
        app.run(() -> vm.plan(v, paths, target, plan::set));
        return plan.get();
    }

    @Test
    void restoringAnOldVersionSavesUnsavedWorkFirstAndCanBeUndone() throws Exception {
        Path work = project.location().workTree();
        Files.writeString(work.resolve("chapters/01-the-gate.md"), "my unsaved edit");
        app.run(session::refresh);
        Version old = version("Chapter 2: night visitors");
        RestorePlan plan = plan(old, List.of(), null);
        assertThat(plan.unsaved()).isEqualTo(1);
        assertThat(plan.removed()).isGreaterThan(0);  // chapters 3 and 4, the fountain did not exist yet
        assertThat(plan.changed()).isGreaterThan(0);
        assertThat(plan.removedFiles()).contains("chapters/04-dawn.md");
        assertThat(plan.changedFiles()).contains("chapters/01-the-gate.md").doesNotContainAnyElementsOf(plan.broughtBack());

        AtomicReference<RestoreResult> result = new AtomicReference<>();
        app.run(() -> vm.execute(plan, result::set));
        assertThat(app.errors).isEmpty();
        assertThat(result.get().autoSavedVersionId()).isNotNull();
        assertThat(Files.exists(work.resolve("chapters/04-dawn.md"))).isFalse();
        assertThat(session.getHead().id()).isEqualTo(old.id());
        assertThat(vm.canUndoBinding().get()).isTrue();
        assertThat(session.getVersions().stream().filter(Version::autoSaved)).hasSize(1);

        app.run(vm::undo);
        assertThat(app.errors).isEmpty();
        assertThat(Files.readString(work.resolve("chapters/01-the-gate.md"))).isEqualTo("my unsaved edit");
        assertThat(Files.exists(work.resolve("chapters/04-dawn.md"))).isTrue();
        assertThat(vm.canUndoBinding().get()).isFalse();
        assertThat(app.context.runner().statusMessageProperty().get()).isEqualTo("Restore undone");
    }

    @Test
    void restoringOneFileLeavesTheOthersAndHeadAlone() throws Exception {
        Path work = project.location().workTree();
        Version head = session.getHead();
        Version old = version("First draft of chapter 1");
        RestorePlan plan = plan(old, List.of("chapters/01-the-gate.md"), null);
        assertThat(plan.changed()).isEqualTo(1);
        app.run(() -> vm.execute(plan, r -> { }));
        assertThat(Files.readString(work.resolve("chapters/01-the-gate.md"))).contains("The moon came up late that night.");
        assertThat(session.getHead().id()).isEqualTo(head.id());
        assertThat(session.getStatus().modified()).containsExactly("chapters/01-the-gate.md");
        app.run(vm::undo);
        assertThat(Files.readString(work.resolve("chapters/01-the-gate.md"))).contains("as if it did not want to wake anyone");
    }

    @Test
    void restoreToAnotherFolderLeavesTheProjectUntouched() throws Exception {
        Path target = Files.createDirectories(dir.resolve("copy"));
        Version old = version("Chapter 3 and the fountain drawing");
        RestorePlan plan = plan(old, List.of(), target);
        assertThat(plan.inPlace()).isFalse();
        app.run(() -> vm.execute(plan, r -> { }));
        assertThat(Files.exists(target.resolve("chapters/03-the-fountain.md"))).isTrue();
        assertThat(Files.exists(target.resolve("notes/todo.txt"))).isTrue();
        assertThat(vm.canUndoBinding().get()).isFalse();
        assertThat(session.getStatus().isClean()).isTrue();
        assertThat(session.getHead().tags()).contains("v1.0");
    }
}
