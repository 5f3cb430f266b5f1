package io.kamaros.app.details;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.TestApp;
import io.kamaros.app.diff.DiffInput;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.Version;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionDetailsViewModelTest {
    @TempDir
    Path dir;
    private TestApp app;
    private VersionDetailsViewModel vm;

    @BeforeEach
    void open() {
        app = new TestApp(dir.resolve("home"));
        vm = Fx.call(() -> new VersionDetailsViewModel(app.context.session()));
        app.openDemoCopy(dir);
    }

    @AfterEach
    void close() {
        app.run(() -> app.context.session().close());
    }

    private Version version(String messageStart) {
        return app.context.session().getVersions().stream().filter(v -> v.message().startsWith(messageStart))
                .findFirst().orElseThrow();
    }

    @Test
    void showsTheChangesAgainstTheParentAndTheirDiff() {
        app.run(() -> app.context.session().selectedVersionProperty().set(version("Editor's notes")));
        assertThat(vm.getChanges()).extracting(ChangeRow::path, ChangeRow::type).containsExactly(
                Tuple.tuple("chapters/01-the-gate.md", ChangeType.MODIFIED),
                Tuple.tuple("chapters/04-dawn.md", ChangeType.MODIFIED));
        assertThat(vm.changesSummaryProperty().get()).isEqualTo("2 files changed since the previous version");
        assertThat(vm.getFiles()).extracting(f -> f.path()).contains("illustrations/fox.png", "book.json");

        app.run(() -> vm.selectChange(vm.getChanges().get(1)));
        DiffInput d = vm.diffProperty().get();
        assertThat(d.path()).isEqualTo("chapters/04-dawn.md");
        assertThat(new String(d.before(), StandardCharsets.UTF_8)).contains("The fox went home.");
        assertThat(new String(d.after(), StandardCharsets.UTF_8)).contains("tail high, humming");
        assertThat(d.beforeLabel()).isNotEqualTo(d.afterLabel());
    }

    @Test
    void renamesDeletionsAndTheFirstVersion() {
        app.run(() -> app.context.session().selectedVersionProperty().set(version("Rename chapter 3")));
        ChangeRow rename = vm.getChanges().stream().filter(r -> r.type() == ChangeType.RENAMED).findFirst().orElseThrow();
        assertThat(rename.previousPath()).isEqualTo("chapters/03-the-fountain.md");
        assertThat(rename.path()).isEqualTo("chapters/03-the-silver-fountain.md");
        app.run(() -> vm.selectChange(rename));
        assertThat(vm.diffProperty().get().before()).isEqualTo(vm.diffProperty().get().after()); // moved, not edited

        app.run(() -> app.context.session().selectedVersionProperty().set(version("Remove the old to-do")));
        assertThat(vm.getChanges()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(ChangeType.DELETED);
            assertThat(r.path()).isEqualTo("notes/todo.txt");
        });
        app.run(() -> vm.selectChange(vm.getChanges().get(0)));
        assertThat(vm.diffProperty().get().after()).isNull();
        assertThat(vm.diffProperty().get().before()).isNotNull();

        app.run(() -> app.context.session().selectedVersionProperty().set(version("Start the picture book")));
        assertThat(vm.getChanges()).extracting(ChangeRow::type).containsOnly(ChangeType.ADDED);
        assertThat(vm.changesSummaryProperty().get()).isEqualTo("3 files in the first version");
    }

    @Test
    void comparesAgainstAnyOtherVersion() {
        Version newest = app.context.session().getVersions().get(0);
        Version first = version("Start the picture book");
        app.run(() -> {
            app.context.session().selectedVersionProperty().set(newest);
            vm.compareWithProperty().set(first);
        });
        assertThat(vm.changesSummaryProperty().get()).contains("differ from");
        assertThat(vm.getChanges()).extracting(ChangeRow::path).contains("notes/todo.txt", "illustrations/fox.png",
                "chapters/04-dawn.md");
        app.run(() -> vm.selectFile("README.md"));
        DiffInput d = vm.diffProperty().get();
        assertThat(new String(d.before(), StandardCharsets.UTF_8)).contains("Outline");
        assertThat(new String(d.after(), StandardCharsets.UTF_8)).contains("Ready to print");
    }

    @Test
    void aVersionIsNeverOfferedForComparisonWithItself() {
        Version notes = version("Editor's notes");
        app.run(() -> app.context.session().selectedVersionProperty().set(notes));
        assertThat(vm.getCompareChoices()).hasSize(app.context.session().getVersions().size()) // all others + "the one before"
                .startsWith((Version) null).doesNotContain(notes);

        Version other = version("First draft");
        app.run(() -> vm.compareWithProperty().set(other));
        app.run(() -> app.context.session().selectedVersionProperty().set(other));
        assertThat(vm.getCompareChoices()).doesNotContain(other).contains(notes);
        assertThat(vm.compareWithProperty().get()).isNull(); // was the version itself: back to the one before it
    }

    @Test
    void aLargeBinaryIsLoadedSoTheViewerCanDescribeIt() throws Exception {
        // 20 MB: past the old 16 MB cut-off that showed only "too large"; the viewer shows size, SHA-256 and header facts
        // (how few bytes that reads: LargeFileDetailsTest)
        Path work = app.context.session().location().orElseThrow().workTree();
        byte[] big = new byte[20 << 20];
        new Random(3).nextBytes(big);
        Files.write(work.resolve("take.bin"), big);
        app.run(() -> app.context.session().manager().saveCheckpoint("A big take"));
        app.run(() -> app.context.session().refresh());
        app.run(() -> app.context.session().selectedVersionProperty().set(app.context.session().getHead()));
        ChangeRow row = vm.getChanges().stream().filter(r -> r.path().equals("take.bin")).findFirst().orElseThrow();
        app.run(() -> vm.selectChange(row));
        DiffInput input = vm.diffProperty().get();
        assertThat(input).as(vm.diffMessageProperty().get()).isNotNull();
        // described from its first bytes and the size and SHA-256 the history records, never read whole
        assertThat(input.isLarge()).isTrue();
        assertThat(input.after()).isNull();
        assertThat(input.largeAfter().size()).isEqualTo(20 << 20);
    }
}
