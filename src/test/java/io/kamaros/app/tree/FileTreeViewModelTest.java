package io.kamaros.app.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.TestApp;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.engine.model.ChangeType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreeViewModelTest {
    @TempDir
    Path dir;
    private TestApp app;
    private FileTreeViewModel vm;
    private ProjectOpener.OpenProject project;

    @BeforeEach
    void open() {
        app = new TestApp(dir.resolve("home"));
        vm = Fx.call(() -> new FileTreeViewModel(app.context.session()));
        project = app.openDemoCopy(dir);
    }

    @AfterEach
    void close() {
        app.run(() -> app.context.session().close());
    }

    private Map<String, ChangeType> badges() {
        return vm.getVisibleFiles().stream().filter(e -> e.change() != null)
                .collect(Collectors.toMap(FileEntry::path, FileEntry::change));
    }

    @Test
    void showsTheWorkingCopyWithBadgesForChangesSinceTheLastCheckpoint() throws Exception {
        assertThat(vm.getVisibleFiles()).extracting(FileEntry::path).contains("README.md", "illustrations/fox.png");
        assertThat(badges()).isEmpty();
        Path work = project.location().workTree();
        Files.writeString(work.resolve("chapters/05-epilogue.md"), "# Epilogue\n");
        Files.writeString(work.resolve("README.md"), "# Moonlit Garden\nedited\n");
        Files.delete(work.resolve("style.yaml"));
        Files.createDirectories(work.resolve("art"));
        Files.move(work.resolve("illustrations/cover.png"), work.resolve("art/cover.png"));
        app.run(() -> app.context.session().refresh());
        assertThat(badges()).containsEntry("chapters/05-epilogue.md", ChangeType.ADDED)
                .containsEntry("README.md", ChangeType.MODIFIED)
                .containsEntry("style.yaml", ChangeType.DELETED)
                .containsEntry("art/cover.png", ChangeType.RENAMED);
        assertThat(vm.getVisibleFiles()).filteredOn(e -> e.path().equals("art/cover.png"))
                .singleElement().extracting(FileEntry::previousPath).isEqualTo("illustrations/cover.png");
    }

    @Test
    void filtersByPath() {
        app.run(() -> vm.filterProperty().set("CHAPTERS/"));
        assertThat(vm.getVisibleFiles()).extracting(FileEntry::path).containsExactly("chapters/01-the-gate.md",
                "chapters/02-night-visitors.md", "chapters/03-the-silver-fountain.md", "chapters/04-dawn.md");
    }

    @Test
    void droppedFilesAndFoldersAreCopiedInAndRemovedFilesDisappear() throws Exception {
        Path desktop = Files.createDirectories(dir.resolve("desktop"));
        Files.writeString(desktop.resolve("letter.txt"), "Dear editor");
        Path refs = Files.createDirectories(desktop.resolve("references/birds"));
        Files.write(refs.resolve("owl.jpg"), new byte[] {1, 2, 3});
        app.run(() -> vm.addDropped(List.of(desktop.resolve("letter.txt"), desktop.resolve("references")), "notes"));
        assertThat(app.errors).isEmpty();
        assertThat(badges()).containsEntry("notes/letter.txt", ChangeType.ADDED)
                .containsEntry("notes/references/birds/owl.jpg", ChangeType.ADDED);
        assertThat(Files.readString(project.location().workTree().resolve("notes/letter.txt"))).isEqualTo("Dear editor");
        assertThat(app.context.runner().statusMessageProperty().get()).contains("2 files added");

        app.run(() -> vm.remove("scripts", true));
        assertThat(badges()).containsEntry("scripts/build_book.py", ChangeType.DELETED);
        assertThat(Files.exists(project.location().workTree().resolve("scripts/build_book.py"))).isFalse();
        assertThat(vm.absolutePath("README.md")).isEqualTo(project.location().workTree().resolve("README.md"));
    }

    @Test
    void pickingAFileSelectsItForItsHistory() {
        app.run(() -> vm.showHistory("chapters/04-dawn.md"));
        assertThat(app.context.session().selectedFileProperty().get()).isEqualTo("chapters/04-dawn.md");
    }
}
