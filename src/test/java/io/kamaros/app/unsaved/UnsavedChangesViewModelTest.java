package io.kamaros.app.unsaved;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.TestApp;
import io.kamaros.app.checkpoint.CheckpointViewModel;
import io.kamaros.app.settings.AuthorIdentity;
import io.kamaros.app.settings.SettingsStore;
import io.kamaros.app.diff.DiffInput;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.i18n.VersionText;
import io.kamaros.app.restore.RestorePlan;
import io.kamaros.app.restore.RestoreViewModel;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.timeline.TimelineRow;
import io.kamaros.app.timeline.TimelineViewModel;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.Version;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Unsaved changes" row and panel without a window: listing, choosing, saving part, discarding, undoing. */
class UnsavedChangesViewModelTest {
    @TempDir
    Path dir;
    private TestApp app;
    private ProjectSession session;
    private TimelineViewModel timeline;
    private UnsavedChangesViewModel vm;
    private RestoreViewModel restore;
    private ProjectOpener.OpenProject project;
    private Path work;

    @BeforeEach
    void open() {
        app = new TestApp(dir.resolve("home"));
        session = app.context.session();
        timeline = Fx.call(() -> new TimelineViewModel(session));
        vm = Fx.call(() -> new UnsavedChangesViewModel(session, new CheckpointViewModel(session,
                new AuthorIdentity(SettingsStore.of(app.context.paths()), app.context.opener()))));
        restore = Fx.call(() -> new RestoreViewModel(session));
        project = app.openDemoCopy(dir);
        work = project.location().workTree();
    }

    @AfterEach
    void close() {
        app.run(session::close);
    }

    private void editTwoFiles() throws Exception {
        Files.writeString(work.resolve("README.md"), "edited in another program\n");
        Files.writeString(work.resolve("chapters/05-epilogue.md"), "# Epilogue\n\nThe fox came back.\n");
        app.run(session::refresh);
    }

    private TimelineRow top() {
        return Fx.call(() -> timeline.getRows().get(0));
    }

    private void selectUnsavedRow() {
        app.run(() -> timeline.select(timeline.getRows().get(0)));
    }

    private UnsavedFile file(String path) {
        return Fx.call(() -> vm.getFiles().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow());
    }

    @Test
    void theRowShowsOnTopWithTheNumberOfChangedFilesAndGoesWhenAllIsSaved() throws Exception {
        assertThat(Fx.call(() -> timeline.getRows().size())).isEqualTo(25);
        assertThat(top().isUnsaved()).isFalse();

        editTwoFiles();
        assertThat(Fx.call(() -> timeline.getRows().size())).isEqualTo(26);
        assertThat(top().isUnsaved()).isTrue();
        assertThat(top().unsaved()).isEqualTo(2);
        assertThat(Fx.call(() -> timeline.summaryProperty().get())).isEqualTo("25 versions"); // the row is not a version

        Files.delete(work.resolve("chapters/01-the-gate.md"));
        app.run(session::refresh);
        assertThat(top().unsaved()).isEqualTo(3);

        selectUnsavedRow();
        app.run(() -> {
            vm.authorProperty().set("Ola Nowak"); // the first save asks for a name
            vm.messageProperty().set("Everything");
            vm.save();
        });
        assertThat(app.errors).isEmpty();
        assertThat(Fx.call(() -> timeline.getRows().size())).isEqualTo(26); // 26 versions, no unsaved row
        assertThat(top().isUnsaved()).isFalse();
        assertThat(session.unsavedSelectedProperty().get()).isFalse();
    }

    @Test
    void selectingTheRowListsTheChangesAndShowsTheWorkingCopyAgainstTheCurrentVersion() throws Exception {
        editTwoFiles();
        byte[] headReadme = project.manager().getFileContent("README.md", session.getHead().id());
        selectUnsavedRow();
        assertThat(session.unsavedSelectedProperty().get()).isTrue();
        assertThat(session.selectedVersionProperty().get()).isNull();
        assertThat(Fx.call(() -> List.copyOf(vm.getFiles()))).extracting(UnsavedFile::path, UnsavedFile::type)
                .containsExactly(Tuple.tuple("README.md", ChangeType.MODIFIED),
                        Tuple.tuple("chapters/05-epilogue.md", ChangeType.ADDED));
        assertThat(Fx.call(() -> vm.getFiles().stream().allMatch(UnsavedFile::included))).isTrue();
        assertThat(vm.summaryProperty().get()).isEqualTo("2 changed files · 2 chosen for the next checkpoint");

        // the first file's diff: the current version's bytes against the file on disk
        DiffInput readme = vm.diffProperty().get();
        assertThat(readme).isNotNull();
        assertThat(readme.path()).isEqualTo("README.md");
        assertThat(readme.before()).isEqualTo(headReadme);
        assertThat(new String(readme.after(), StandardCharsets.UTF_8)).isEqualTo("edited in another program\n");
        assertThat(readme.afterLabel()).isEqualTo("Your files (not saved)");

        app.run(() -> vm.selectedProperty().set(file("chapters/05-epilogue.md")));
        DiffInput added = vm.diffProperty().get();
        assertThat(added.before()).isNull();
        assertThat(new String(added.after(), StandardCharsets.UTF_8)).contains("The fox came back.");
    }

    @Test
    void anImageAndADeletedFileShowTheirSides() throws Exception {
        byte[] cover = Files.readAllBytes(work.resolve("illustrations/cover.png"));
        byte[] fox = Files.readAllBytes(work.resolve("illustrations/fox.png"));
        Files.write(work.resolve("illustrations/cover.png"), fox);
        Files.delete(work.resolve("README.md"));
        app.run(session::refresh);
        selectUnsavedRow();
        app.run(() -> vm.selectedProperty().set(file("illustrations/cover.png")));
        assertThat(vm.diffProperty().get().before()).isEqualTo(cover);
        assertThat(vm.diffProperty().get().after()).isEqualTo(fox);
        app.run(() -> vm.selectedProperty().set(file("README.md")));
        assertThat(file("README.md").type()).isEqualTo(ChangeType.DELETED);
        assertThat(vm.diffProperty().get().before()).isNotNull();
        assertThat(vm.diffProperty().get().after()).isNull();
    }

    /**
     * Walk of issue 14: the first save from this panel, before any name was given, recorded the demo's first
     * (fictional) author. It asks for the person's name as the Save checkpoint dialog does, records it, and
     * remembers it for the next save.
     */
    @Test
    void theFirstSaveAsksForTheNameAndRecordsItNotTheProjectsFirstAuthor() throws Exception {
        editTwoFiles();
        selectUnsavedRow();
        assertThat(vm.askAuthorProperty().get()).as("nobody has given a name yet").isTrue();
        app.run(() -> vm.messageProperty().set("Epilogue, my own"));
        assertThat(Fx.call(() -> vm.canSaveBinding().get())).as("no name yet").isFalse();

        app.run(() -> {
            vm.authorProperty().set("Ola Nowak");
            vm.save();
        });
        assertThat(app.errors).isEmpty();
        assertThat(session.getHead().message()).isEqualTo("Epilogue, my own");
        assertThat(session.getHead().author()).isEqualTo("Ola Nowak");
        assertThat(vm.askAuthorProperty().get()).as("asked once").isFalse();

        Files.writeString(work.resolve("README.md"), "edited again\n");
        app.run(session::refresh);
        selectUnsavedRow();
        app.run(() -> {
            vm.messageProperty().set("README again");
            vm.save();
        });
        assertThat(session.getHead().author()).as("remembered").isEqualTo("Ola Nowak");
    }

    @Test
    void theCheckedFilesAreExactlyThePathsOfThePartialCheckpointAndTheOthersStayUnsaved() throws Exception {
        editTwoFiles();
        selectUnsavedRow();
        assertThat(Fx.call(vm::checkpointPaths)).isEmpty(); // all checked: a whole checkpoint
        app.run(() -> file("chapters/05-epilogue.md").includedProperty().set(false));
        assertThat(Fx.call(vm::checkpointPaths)).containsExactly("README.md");
        assertThat(Fx.call(() -> vm.includedCountBinding().get())).isEqualTo(1);
        app.run(() -> vm.includeAll(false));
        assertThat(Fx.call(() -> vm.canSaveBinding().get())).isFalse();
        app.run(() -> vm.includeAll(true));
        app.run(() -> file("README.md").includedProperty().set(false));
        assertThat(Fx.call(vm::checkpointPaths)).containsExactly("chapters/05-epilogue.md");
        assertThat(Fx.call(() -> vm.canSaveBinding().get())).isFalse(); // no message yet

        app.run(() -> {
            vm.authorProperty().set("Ola Nowak"); // the first save asks for a name
            vm.messageProperty().set("Epilogue only");
            vm.save();
        });
        assertThat(app.errors).isEmpty();
        Version head = session.getHead();
        assertThat(head.message()).isEqualTo("Epilogue only");
        assertThat(project.manager().listFiles("", head.id())).extracting(f -> f.path()).contains("chapters/05-epilogue.md");
        assertThat(session.getStatus().modified()).containsExactly("README.md");
        assertThat(session.getStatus().added()).isEmpty();
        // the row stays, with the one left, still selected; the unchecked file is still unchecked
        assertThat(top().unsaved()).isEqualTo(1);
        assertThat(session.unsavedSelectedProperty().get()).isTrue();
        assertThat(Fx.call(() -> List.copyOf(vm.getFiles()))).extracting(UnsavedFile::path, UnsavedFile::included)
                .containsExactly(Tuple.tuple("README.md", false));
        assertThat(vm.messageProperty().get()).isEmpty();
    }

    @Test
    void discardPutsTheFileBackAsInTheCurrentVersionAndUndoBringsItBackByteExact() throws Exception {
        editTwoFiles();
        byte[] edited = Files.readAllBytes(work.resolve("README.md"));
        String headId = session.getHead().id();
        byte[] atHead = project.manager().getFileContent("README.md", headId);
        selectUnsavedRow();
        UnsavedFile readme = file("README.md");
        assertThat(vm.canDiscard(readme)).isTrue();
        assertThat(vm.canDiscard(file("chapters/05-epilogue.md"))).as("an added file can go").isTrue();

        app.run(() -> vm.discard(readme));
        assertThat(app.errors).isEmpty();
        assertThat(Files.readAllBytes(work.resolve("README.md"))).isEqualTo(atHead);
        assertThat(session.getHead().id()).isEqualTo(headId); // the current version stays
        assertThat(Files.readString(work.resolve("chapters/05-epilogue.md"))).contains("The fox came back."); // untouched
        assertThat(session.getStatus().modified()).isEmpty();
        assertThat(session.getStatus().added()).containsExactly("chapters/05-epilogue.md");
        assertThat(top().unsaved()).isEqualTo(1);
        assertThat(restore.canUndoBinding().get()).isTrue();
        assertThat(app.context.runner().statusMessageProperty().get())
                .isEqualTo("Discarded your changes to README.md. Undo brings them back.");
        assertThat(restore.undoText(session.lastRestoreProperty().get())).as("the undo bar says what was discarded")
                .isEqualTo("Discarded your changes to README.md. Undo brings them back.");

        app.run(restore::undo);
        assertThat(app.errors).isEmpty();
        assertThat(Files.readAllBytes(work.resolve("README.md"))).isEqualTo(edited);
        assertThat(session.getHead().id()).isEqualTo(headId);
        assertThat(session.getStatus().modified()).containsExactly("README.md");
        assertThat(session.getStatus().added()).containsExactly("chapters/05-epilogue.md");
        assertThat(restore.canUndoBinding().get()).isFalse();
    }

    @Test
    void discardingADeletionBringsTheFileBackAndUndoDeletesItAgain() throws Exception {
        Files.delete(work.resolve("README.md"));
        app.run(session::refresh);
        selectUnsavedRow();
        app.run(() -> vm.discard(file("README.md")));
        assertThat(app.errors).isEmpty();
        assertThat(work.resolve("README.md")).exists();
        assertThat(session.getStatus().isClean()).isTrue();
        app.run(restore::undo);
        assertThat(app.errors).isEmpty();
        assertThat(work.resolve("README.md")).doesNotExist();
        assertThat(session.getStatus().deleted()).containsExactly("README.md");
    }

    @Test
    void pickingAChangedFileElsewhereShowsItsWorkingCopyDiffNotAStaleOne() throws Exception {
        editTwoFiles();
        Version old = session.getVersions().get(10);
        app.run(() -> session.selectedVersionProperty().set(old)); // a version is on screen
        assertThat(session.unsavedSelectedProperty().get()).isFalse();

        app.run(() -> session.selectedFileProperty().set("chapters/05-epilogue.md")); // what the file tree does
        assertThat(session.unsavedSelectedProperty().get()).isTrue();
        assertThat(session.selectedVersionProperty().get()).isNull();
        assertThat(vm.selectedProperty().get().path()).isEqualTo("chapters/05-epilogue.md");
        assertThat(new String(vm.diffProperty().get().after(), StandardCharsets.UTF_8)).contains("The fox came back.");
        assertThat(Fx.call(() -> timeline.getRows().get(0).isUnsaved())).isTrue();

        // an unchanged file is not a working-copy change
        assertThat(Fx.call(() -> vm.showFile("chapters/02-night-visitors.md"))).isFalse();
    }

    @Test
    void theAutoSaveOfADiscardIsListedBelowTheCurrentVersionInThePersonsWords() throws Exception {
        editTwoFiles();
        String headId = session.getHead().id();
        selectUnsavedRow();
        app.run(() -> vm.discard(file("README.md")));
        assertThat(app.errors).isEmpty();

        List<TimelineRow> rows = Fx.call(() -> List.copyOf(timeline.getRows()));
        assertThat(rows).hasSize(27); // the unsaved row, 25 versions and the auto-save
        assertThat(rows.get(0).isUnsaved()).isTrue();
        assertThat(rows.get(1).head()).as("the current version right under the unsaved row").isTrue();
        assertThat(rows.get(1).version().id()).isEqualTo(headId);
        assertThat(rows.get(0).graph().toBelow()).as("the unsaved work's line runs into the current version").isTrue();
        Version auto = rows.get(2).version();
        assertThat(auto.autoSaved()).isTrue();
        assertThat(auto.parentId()).isEqualTo(headId);
        assertThat(rows.get(2).graph().branchFrom()).as("drawn off the current version's line")
                .isEqualTo(rows.get(1).graph().lane());
        assertThat(rows.get(2).graph().lane()).isNotEqualTo(rows.get(1).graph().lane());
        assertThat(rows.get(2).graph().toBelow()).isFalse();
        // the engine's English words name the file, not a hash; the app words it in the person's language
        assertThat(auto.message()).isEqualTo("Auto-save of README.md before discarding its changes");
        assertThat(VersionText.message(auto)).isEqualTo(
                "Your unsaved changes to 1 file, kept before they were replaced");
        I18n.setLocale(Locale.forLanguageTag("pl-PL"));
        try {
            assertThat(VersionText.message(auto)).isEqualTo(
                    "Twoje niezapisane zmiany (1 plik) zachowane przed zastąpieniem");
        } finally {
            I18n.setLocale(Locale.ENGLISH);
        }

        // once the next checkpoint moves the current version on, the auto-save is an old side branch
        app.run(() -> {
            vm.authorProperty().set("Ola Nowak"); // the first save asks for a name
            vm.messageProperty().set("Epilogue");
            vm.save();
        });
        assertThat(app.errors).isEmpty();
        List<TimelineRow> after = Fx.call(() -> List.copyOf(timeline.getRows()));
        assertThat(after.get(0).head()).isTrue();
        assertThat(after.get(1).version().id()).isEqualTo(auto.id());
        assertThat(after.get(1).graph().branchFrom()).isEqualTo(-1);
        assertThat(after.get(2).version().id()).isEqualTo(headId);
    }

    @Test
    void discardingAnAddedFileRemovesItAndUndoBringsItBack() throws Exception {
        byte[] added = "a note that was never saved\n".getBytes(StandardCharsets.UTF_8);
        Files.write(work.resolve("chapters/notes.txt"), added);
        app.run(session::refresh);
        selectUnsavedRow();
        UnsavedFile notes = file("chapters/notes.txt");
        assertThat(notes.type()).isEqualTo(ChangeType.ADDED);
        assertThat(vm.canDiscard(notes)).isTrue();
        assertThat(DiscardDialog.whatHappens(notes, "v1")).startsWith("The new file (").endsWith(
                ") is removed from your folder: the current version does not have it.");

        app.run(() -> vm.discard(notes));
        assertThat(app.errors).isEmpty();
        assertThat(work.resolve("chapters/notes.txt")).doesNotExist();
        assertThat(session.getStatus().isClean()).isTrue();

        app.run(restore::undo);
        assertThat(app.errors).isEmpty();
        assertThat(Files.readAllBytes(work.resolve("chapters/notes.txt"))).isEqualTo(added);
        assertThat(session.getStatus().added()).containsExactly("chapters/notes.txt");
    }

    @Test
    void discardingARenamePutsTheFileBackUnderItsOldNameAndUndoRenamesItAgain() throws Exception {
        Path old = work.resolve("chapters/01-the-gate.md");
        byte[] content = Files.readAllBytes(old);
        Files.move(old, work.resolve("chapters/01-gate.md"));
        app.run(session::refresh);
        selectUnsavedRow();
        UnsavedFile renamed = file("chapters/01-gate.md");
        assertThat(renamed.type()).isEqualTo(ChangeType.RENAMED);
        assertThat(renamed.previousPath()).isEqualTo("chapters/01-the-gate.md");
        assertThat(vm.canDiscard(renamed)).isTrue();
        assertThat(DiscardDialog.whatHappens(renamed, "v1")).startsWith(
                "The file gets its old name, chapters/01-the-gate.md, back, with its content from the current version (v1)");

        app.run(() -> vm.discard(renamed));
        assertThat(app.errors).isEmpty();
        assertThat(Files.readAllBytes(old)).isEqualTo(content);
        assertThat(work.resolve("chapters/01-gate.md")).doesNotExist();
        assertThat(session.getStatus().isClean()).isTrue();

        app.run(restore::undo);
        assertThat(app.errors).isEmpty();
        assertThat(old).doesNotExist();
        assertThat(Files.readAllBytes(work.resolve("chapters/01-gate.md"))).isEqualTo(content);
        assertThat(session.getStatus().renamed()).singleElement().satisfies(r -> {
            assertThat(r.fromPath()).isEqualTo("chapters/01-the-gate.md");
            assertThat(r.toPath()).isEqualTo("chapters/01-gate.md");
        });
    }

    /** The first version row (under the unsaved row, if any) is the current version: no auto-save above it. */
    private void assertCurrentVersionOnTop(String headId, String when) {
        List<TimelineRow> rows = Fx.call(() -> List.copyOf(timeline.getRows()));
        TimelineRow first = rows.get(rows.get(0).isUnsaved() ? 1 : 0);
        assertThat(first.head()).as("the current version is the top version row %s", when).isTrue();
        assertThat(first.version().id()).as(when).isEqualTo(headId);
        assertThat(session.getHead().id()).as("the current version stays %s", when).isEqualTo(headId);
    }

    @Test
    void undoingADiscardOrAOneFileRestoreNeverListsItsAutoSaveAboveTheCurrentVersion() throws Exception {
        String headId = session.getHead().id();
        Version old = session.getVersions().stream().filter(v -> v.message().startsWith("First draft of chapter 1"))
                .findFirst().orElseThrow();
        // a single file brought back from an old version, then undone (undo puts the file back as in HEAD)
        AtomicReference<RestorePlan> plan =
                new AtomicReference<>();
        app.run(() -> restore.plan(old, List.of("chapters/01-the-gate.md"), null, plan::set));
        app.run(() -> restore.execute(plan.get(), r -> { }));
        assertThat(app.errors).isEmpty();
        assertCurrentVersionOnTop(headId, "after restoring one file");
        app.run(restore::undo);
        assertThat(app.errors).isEmpty();
        assertCurrentVersionOnTop(headId, "after undoing the one-file restore");
        assertThat(app.context.runner().statusMessageProperty().get()).isEqualTo("Restore undone");

        // a discard, then undone
        editTwoFiles();
        selectUnsavedRow();
        app.run(() -> vm.discard(file("README.md")));
        assertThat(app.errors).isEmpty();
        assertCurrentVersionOnTop(headId, "after a discard");
        app.run(restore::undo);
        assertThat(app.errors).isEmpty();
        assertCurrentVersionOnTop(headId, "after undoing the discard");
        assertThat(app.context.runner().statusMessageProperty().get()).as("a discard taken back is not called a restore")
                .isEqualTo("Your changes to README.md are back");
        assertThat(session.getVersions().stream().filter(Version::autoSaved).count()).isGreaterThanOrEqualTo(2);
    }

    /**
     * Autosave (on for a folder tracked in place) may save the very edit a person is being asked about while the
     * discard question shows: the current version moves to that automatic save. Confirming still puts the file
     * back as in the version the question named, and the edit stays in the automatic save (nothing is lost).
     */
    @Test
    void aDiscardConfirmedAfterAnAutomaticSaveTookTheEditStillPutsTheFileBackAsTheQuestionSaid() throws Exception {
        editTwoFiles();
        byte[] edited = Files.readAllBytes(work.resolve("README.md"));
        Version asked = session.getHead();
        byte[] atAsked = project.manager().getFileContent("README.md", asked.id());
        selectUnsavedRow();
        UnsavedFile readme = file("README.md");

        // the question shows; meanwhile autosave saves both edits and the app refreshes
        String automatic = project.manager().saveCheckpoint("Automatic save",
                CheckpointOptions.builder().automatic(true).build());
        app.run(session::refresh);
        assertThat(session.getHead().id()).isEqualTo(automatic);

        app.run(() -> vm.discard(readme, asked));
        assertThat(app.errors).isEmpty();
        assertThat(Files.readAllBytes(work.resolve("README.md"))).as("put back as in the version the question named")
                .isEqualTo(atAsked);
        assertThat(project.manager().getFileContent("README.md", automatic)).as("the edit is kept").isEqualTo(edited);
        assertCurrentVersionOnTop(automatic, "after the discard");
    }
}
