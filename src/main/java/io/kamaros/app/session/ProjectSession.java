package io.kamaros.app.session;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.Remotes;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionOrigin;
import io.kamaros.engine.model.WorkingCopyStatus;
import io.kamaros.frontend.ProjectLocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The state every feature shares: the open project, its history, HEAD and working-copy status, the
 * selected version and file, the last restore (for Undo) and a refresh signal. View-models observe
 * it; views never talk to each other.
 */
public final class ProjectSession {
    private final TaskRunner runner;
    private final ReadOnlyObjectWrapper<ProjectOpener.OpenProject> project = new ReadOnlyObjectWrapper<>(this, "project");
    private final ObservableList<Version> versions = FXCollections.observableArrayList();
    private final ObservableList<Version> versionsView = FXCollections.unmodifiableObservableList(versions);
    private final ReadOnlyObjectWrapper<Version> head = new ReadOnlyObjectWrapper<>(this, "head");
    private final ReadOnlyObjectWrapper<Map<String, VersionOrigin>> origins =
            new ReadOnlyObjectWrapper<>(this, "origins", Map.of());
    private final ReadOnlyObjectWrapper<WorkingCopyStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ObjectProperty<Version> selectedVersion = new SimpleObjectProperty<>(this, "selectedVersion");
    private final ObjectProperty<String> selectedFile = new SimpleObjectProperty<>(this, "selectedFile");
    private final BooleanProperty unsavedSelected = new SimpleBooleanProperty(this, "unsavedSelected");
    private final ReadOnlyObjectWrapper<RestoreResult> lastRestore = new ReadOnlyObjectWrapper<>(this, "lastRestore");
    private final ReadOnlyLongWrapper refreshCount = new ReadOnlyLongWrapper(this, "refreshCount");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyObjectWrapper<PasswordRequest> passwordRequest =
            new ReadOnlyObjectWrapper<>(this, "passwordRequest");

    public ProjectSession(TaskRunner runner) {
        this.runner = runner;
    }

    public TaskRunner runner() {
        return runner;
    }

    /** What a refresh reads in one background call. */
    record Snapshot(List<Version> history, @Nullable Version head, @Nullable WorkingCopyStatus status,
                    Map<String, VersionOrigin> origins) {
    }

    /** Makes {@code opened} the open project (closing the previous one) and loads its history. */
    public void open(ProjectOpener.OpenProject opened) {
        ProjectOpener.OpenProject previous = project.get();
        clearState();
        project.set(opened);
        if (previous != null) {
            closeInBackground(previous);
        }
        refresh();
    }

    /** Closes the open project (its bookkeeping is written in the background). */
    public void close() {
        ProjectOpener.OpenProject previous = project.get();
        clearState();
        project.set(null);
        if (previous != null) {
            closeInBackground(previous);
        }
    }

    private void closeInBackground(ProjectOpener.OpenProject p) {
        runner.task(I18n.t("task.close"), ctx -> {
            p.manager().close();
            return null;
        }).start();
    }

    private void clearState() {
        versions.clear();
        origins.set(Map.of());
        head.set(null);
        status.set(null);
        selectedVersion.set(null);
        selectedFile.set(null);
        unsavedSelected.set(false);
        lastRestore.set(null);
    }

    /** Re-reads history, HEAD and the working-copy status, then signals every view-model to reload. */
    public void refresh() {
        ProjectOpener.OpenProject p = project.get();
        if (p == null) {
            return;
        }
        JcfManager jcf = p.manager();
        loading.set(true);
        // While a save (or another change) runs, the history is read beside it but the working copy's
        // status is kept as it was: a status would read every changed file again, beside the save that
        // is reading them (the first checkpoint of a big folder: twice the wait). The refresh at its end brings it.
        boolean writing = runner.writingProperty().get();
        WorkingCopyStatus kept = status.get();
        runner.task(I18n.t("task.loadHistory"), ctx -> new Snapshot(jcf.getHistory(),
                        jcf.getCurrentVersion().orElse(null), writing ? kept : jcf.getStatus(),
                        new Remotes(jcf.getAdapter(), Map.of()).origins()))
                .onSuccess(s -> {
                    if (project.get() != p) {
                        return; // another project was opened meanwhile
                    }
                    String selectedId = selectedVersion.get() == null ? null : selectedVersion.get().id();
                    origins.set(s.origins()); // before the versions: their rows show where fetched ones came from
                    versions.setAll(s.history());
                    head.set(s.head());
                    status.set(s.status());
                    if (unsavedCount() == 0) {
                        unsavedSelected.set(false); // nothing left to show: the timeline selects a version again
                    }
                    if (selectedId != null) {
                        selectedVersion.set(s.history().stream().filter(v -> v.id().equals(selectedId)).findFirst()
                                .orElse(null));
                    }
                    refreshCount.set(refreshCount.get() + 1);
                })
                .onDone(() -> loading.set(false))
                .start();
    }

    /** Where versions received from a remote were made (machine, user), by version id; read with the history. */
    public ReadOnlyObjectProperty<Map<String, VersionOrigin>> originsProperty() {
        return origins.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ProjectOpener.OpenProject> projectProperty() {
        return project.getReadOnlyProperty();
    }

    public ProjectOpener.OpenProject getProject() {
        return project.get();
    }

    public boolean isOpen() {
        return project.get() != null;
    }

    /** The engine of the open project; only view-models use it, inside TaskRunner work. */
    public JcfManager manager() {
        ProjectOpener.OpenProject p = project.get();
        if (p == null) {
            throw new IllegalStateException("No project is open");
        }
        return p.manager();
    }

    public Optional<ProjectLocation> location() {
        return Optional.ofNullable(project.get()).map(ProjectOpener.OpenProject::location);
    }

    public ObservableList<Version> getVersions() {
        return versionsView;
    }

    public Optional<Version> findVersion(String id) {
        return versions.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    public ReadOnlyObjectProperty<Version> headProperty() {
        return head.getReadOnlyProperty();
    }

    public Version getHead() {
        return head.get();
    }

    public ReadOnlyObjectProperty<WorkingCopyStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public WorkingCopyStatus getStatus() {
        return status.get();
    }

    public ObjectProperty<Version> selectedVersionProperty() {
        return selectedVersion;
    }

    /**
     * True while the timeline's "Unsaved changes" row is selected: the working copy against HEAD is shown
     * instead of a version (the selected version is then null).
     */
    public BooleanProperty unsavedSelectedProperty() {
        return unsavedSelected;
    }

    /** Files the working copy adds, changes, deletes or renames since HEAD (from the last status). */
    public int unsavedCount() {
        WorkingCopyStatus s = status.get();
        return s == null ? 0 : s.added().size() + s.modified().size() + s.deleted().size() + s.renamed().size();
    }

    public ObjectProperty<String> selectedFileProperty() {
        return selectedFile;
    }

    public ReadOnlyObjectProperty<RestoreResult> lastRestoreProperty() {
        return lastRestore.getReadOnlyProperty();
    }

    /** Remembers a restore so Undo can take it back; null after the undo (or another change). */
    public void setLastRestore(@Nullable RestoreResult result) {
        lastRestore.set(result);
    }

    public ReadOnlyLongProperty refreshCountProperty() {
        return refreshCount.getReadOnlyProperty();
    }

    /** Asks for a password: the window shows {@code request} until it is finished. */
    public void askPassword(PasswordRequest request) {
        request.finishedProperty().addListener((o, was, done) -> {
            if (done && passwordRequest.get() == request) {
                passwordRequest.set(null);
            }
        });
        passwordRequest.set(request);
    }

    /** The open question for a password, or null. */
    public ReadOnlyObjectProperty<PasswordRequest> passwordRequestProperty() {
        return passwordRequest.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
