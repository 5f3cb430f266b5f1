package io.kamaros.app.unsaved;

import io.kamaros.app.checkpoint.CheckpointViewModel;
import io.kamaros.app.details.DiffLoader;
import io.kamaros.app.details.DiffReader;
import io.kamaros.app.details.DiffRows;
import io.kamaros.app.details.VersionLabels;
import io.kamaros.app.diff.DiffInput;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionDiff;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The "Unsaved changes" row's details: the working copy's changes against HEAD (the engine's
 * working-copy diff), a check box per file choosing what the next checkpoint saves, the diff of the
 * file picked (HEAD against the working copy), and discarding one file's changes (an undoable restore
 * of that file from HEAD).
 */
public final class UnsavedChangesViewModel {
    private final ProjectSession session;
    private final CheckpointViewModel checkpoint;
    /** Every change, included or not, in path order; extractor: the list reports check box changes too. */
    private final ObservableList<UnsavedFile> files = FXCollections.observableArrayList(
            f -> new Observable[] {f.includedProperty()});
    private final ObjectProperty<@Nullable UnsavedFile> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final DiffLoader diff;
    private final IntegerBinding includedCount;
    private final BooleanBinding canSave;
    /** A file to select once the list has loaded (a changed file clicked elsewhere). */
    private @Nullable String pendingSelection;
    private long generation;

    public UnsavedChangesViewModel(ProjectSession session, CheckpointViewModel checkpoint) {
        this.session = session;
        this.checkpoint = checkpoint;
        diff = new DiffLoader(session, "");
        includedCount = Bindings.createIntegerBinding(() -> (int) files.stream().filter(UnsavedFile::included).count(),
                files);
        // the first save asks for the person's name here too: without it the engine recorded the project's first
        // author (in the demo a fictional one)
        canSave = Bindings.createBooleanBinding(() -> includedCount.get() > 0 && !message.get().isBlank()
                        && checkpoint.authorProblemBinding().get().isEmpty() && !checkpoint.savingProperty().get(),
                includedCount, message, checkpoint.authorProblemBinding(), checkpoint.savingProperty());
        summary.bind(Bindings.createStringBinding(() -> files.isEmpty() ? I18n.t("unsaved.none")
                : I18n.t("unsaved.summary", files.size(), includedCount.get()), files, includedCount));
        selected.addListener((o, a, f) -> showDiff(f));
        session.unsavedSelectedProperty().addListener((o, a, on) -> {
            if (on) {
                load();
            }
        });
        session.refreshCountProperty().addListener((o, a, b) -> {
            if (session.unsavedSelectedProperty().get()) {
                load();
            }
        });
        // a changed file picked anywhere (the file tree) shows its working-copy diff, never a stale one
        session.selectedFileProperty().addListener((o, a, path) -> {
            if (path != null) {
                showFile(path);
            }
        });
        session.projectProperty().addListener((o, a, b) -> {
            files.clear();
            message.set("");
        });
    }

    public ProjectSession session() {
        return session;
    }

    /** The changed files, sorted by path. */
    public ObservableList<UnsavedFile> getFiles() {
        return files;
    }

    /** The file whose diff shows. */
    public ObjectProperty<@Nullable UnsavedFile> selectedProperty() {
        return selected;
    }

    /** The next checkpoint's message. */
    public StringProperty messageProperty() {
        return message;
    }

    /** True while nobody has given a name yet: the panel asks for one, as the Save checkpoint dialog does. */
    public ReadOnlyBooleanProperty askAuthorProperty() {
        return checkpoint.askAuthorProperty();
    }

    /** The name typed at the first save (remembered for the next ones). */
    public StringProperty authorProperty() {
        return checkpoint.authorProperty();
    }

    /** "3 changed files · 2 chosen". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public IntegerBinding includedCountBinding() {
        return includedCount;
    }

    public BooleanBinding canSaveBinding() {
        return canSave;
    }

    /** The diff of the selected file, or null while {@link #diffMessageProperty()} says why not. */
    public ReadOnlyObjectProperty<@Nullable DiffInput> diffProperty() {
        return diff.diffProperty();
    }

    public ReadOnlyStringProperty diffMessageProperty() {
        return diff.messageProperty();
    }

    /** Checks or unchecks every file. */
    public void includeAll(boolean include) {
        files.forEach(f -> f.includedProperty().set(include));
    }

    /** The paths a checkpoint of the checked files names; empty when every file is checked (a whole checkpoint). */
    public List<String> checkpointPaths() {
        if (files.stream().allMatch(UnsavedFile::included)) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        files.stream().filter(UnsavedFile::included).forEach(f -> out.addAll(f.checkpointPaths()));
        return List.copyOf(out);
    }

    /** Shows this file's working-copy diff (when it is changed): selects the "Unsaved changes" row and the file. */
    public boolean showFile(String path) {
        if (!isChanged(path)) {
            return false;
        }
        pendingSelection = path;
        if (session.unsavedSelectedProperty().get()) {
            load();
        } else {
            session.unsavedSelectedProperty().set(true); // loads, then selects it
            session.selectedVersionProperty().set(null);
        }
        return true;
    }

    /** True when the last status lists the file as added, changed, deleted or renamed. */
    public boolean isChanged(String path) {
        var s = session.getStatus();
        return s != null && (s.added().contains(path) || s.modified().contains(path) || s.deleted().contains(path)
                || s.renamed().stream().anyMatch(r -> r.toPath().equals(path) || r.fromPath().equals(path)));
    }

    /** Reads the working copy's changes against HEAD; keeps the check boxes and the selection of files still changed. */
    public void load() {
        long gen = ++generation;
        checkpoint.refreshAuthor();
        if (!session.isOpen()) {
            files.clear();
            return;
        }
        JcfManager jcf = session.manager();
        Version head = session.getHead();
        String headId = head == null ? null : head.id();
        UnsavedFile was = selected.get();
        String keep = pendingSelection != null ? pendingSelection : was == null ? null : was.path();
        pendingSelection = null;
        session.runner().task(I18n.t("task.unsaved"), ctx -> rows(jcf.getWorkingCopyDiff(headId)))
                .onSuccess(list -> {
                    if (gen != generation) {
                        return;
                    }
                    // the ticks as they are now: one made while the list was being read is kept
                    Map<String, Boolean> wasIncluded = new HashMap<>();
                    files.forEach(f -> wasIncluded.put(f.path(), f.included()));
                    list.forEach(f -> f.includedProperty().set(wasIncluded.getOrDefault(f.path(), true)));
                    files.setAll(list);
                    UnsavedFile pick = list.stream().filter(f -> f.path().equals(keep)).findFirst()
                            .orElse(list.isEmpty() ? null : list.get(0));
                    selected.set(pick); // a new object even for the same file: its diff is read again
                    if (pick == null) {
                        diff.showMessage(I18n.t("unsaved.none"));
                    }
                })
                .start();
    }

    static List<UnsavedFile> rows(VersionDiff d) {
        return DiffRows.of(d, UnsavedFile::new, UnsavedFile::path);
    }

    /** HEAD's side of the file against the working copy's. */
    private void showDiff(@Nullable UnsavedFile f) {
        Version head = session.getHead();
        if (f == null || !session.isOpen()) {
            diff.showMessage(I18n.t("diff.pickChange"));
            return;
        }
        String beforePath = f.previousPath() != null ? f.previousPath() : f.path();
        DiffReader.Side before = head == null || f.type() == ChangeType.ADDED ? null
                : new DiffReader.Side(beforePath, head.id(), f.sizeBefore());
        DiffReader.Side after = f.type() == ChangeType.DELETED ? null : new DiffReader.Side(f.path(), null, f.sizeAfter());
        diff.load(f.path(), before, after, head == null ? I18n.t("version.none") : VersionLabels.shortLabel(head),
                I18n.t("unsaved.workingCopy"), I18n.t("unsaved.gone", f.path()));
    }

    /** Saves a checkpoint of the checked files with the message typed; the others stay unsaved. */
    public TaskRunner.@Nullable EngineTask<String> save() {
        if (!canSave.get()) {
            return null;
        }
        return checkpoint.save(message.get(), List.of(), checkpointPaths(), id -> message.set(""));
    }

    /**
     * Whether a file's changes can be discarded: there is a current version to put it back as (a
     * changed or deleted file comes back, an added one goes, a renamed one returns to its old name).
     */
    public boolean canDiscard(@Nullable UnsavedFile f) {
        return f != null && session.getHead() != null;
    }

    /**
     * Puts the file back as it is in HEAD: a changed or deleted file as it was, an added file removed,
     * a renamed file under its old name. The engine first keeps what it replaces in an automatic
     * save, so Undo ({@code RestoreViewModel.undo}) brings it back.
     */
    public void discard(UnsavedFile f) {
        discard(f, session.getHead());
    }

    /**
     * {@link #discard(UnsavedFile)} against {@code asked}, the current version the person's question named. While
     * the question shows, autosave may save this very edit and so move the current version to it; the file still
     * goes back as the question said (the edit stays in that automatic save), instead of being "discarded" against
     * the automatic save that now holds it, which changed nothing and left the edit as the current version.
     */
    public void discard(UnsavedFile f, @Nullable Version asked) {
        Version head = asked;
        if (head == null || !canDiscard(f)) {
            return;
        }
        JcfManager jcf = session.manager();
        List<String> paths = f.checkpointPaths(); // a rename: both names, the old one comes back, the new one goes
        session.runner().task(I18n.t("task.discard", f.path()), ctx -> jcf.restoreVersion(head.id(),
                        RestoreOptions.builder().paths(paths).cancel(ctx.cancellation()).build()))
                .progressFrom(jcf).visible()
                .onSuccess(result -> {
                    session.setLastRestore(result);
                    session.runner().announce(I18n.t("status.discarded", f.path()));
                })
                .onDone(session::refresh)
                .start();
    }
}
