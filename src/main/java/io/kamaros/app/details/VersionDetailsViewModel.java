package io.kamaros.app.details;

import io.kamaros.app.diff.DiffInput;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * Details of the selected version: its changes against its parent (or any version picked for
 * comparison), its file tree, and the diff of the change or file picked.
 */
public final class VersionDetailsViewModel {
    private final ProjectSession session;
    private final ObjectProperty<Version> compareWith = new SimpleObjectProperty<>(this, "compareWith");
    private final ObservableList<@Nullable Version> compareChoices = FXCollections.observableArrayList();
    private final ObservableList<ChangeRow> changes = FXCollections.observableArrayList();
    private final ObservableList<FileInfo> files = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper changesSummary = new ReadOnlyStringWrapper(this, "changesSummary", "");
    private final DiffLoader diff;
    private long generation;

    public VersionDetailsViewModel(ProjectSession session) {
        this.session = session;
        diff = new DiffLoader(session, I18n.t("diff.pickChange"));
        session.selectedVersionProperty().addListener((o, a, v) -> {
            updateCompareChoices();
            if (compareWith.get() != null && v != null && compareWith.get().id().equals(v.id())) {
                compareWith.set(null); // compared with itself: back to "with the version before" (loads)
            } else if (a == null || v == null || !a.id().equals(v.id())) {
                load();
            }
        });
        session.getVersions().addListener((ListChangeListener<Version>) c -> updateCompareChoices());
        compareWith.addListener((o, a, b) -> load());
        session.projectProperty().addListener((o, a, b) -> compareWith.set(null));
    }

    public ProjectSession session() {
        return session;
    }

    /** The version to compare against; null means the selected version's parent. */
    public ObjectProperty<Version> compareWithProperty() {
        return compareWith;
    }

    /**
     * What the selected version can be compared with: null (the version before it) and every other
     * version, never the version itself.
     */
    public ObservableList<@Nullable Version> getCompareChoices() {
        return compareChoices;
    }

    private void updateCompareChoices() {
        Version selected = session.selectedVersionProperty().get();
        List<@Nullable Version> out = new ArrayList<>();
        out.add(null);
        for (Version v : session.getVersions()) {
            if (selected == null || !v.id().equals(selected.id())) {
                out.add(v);
            }
        }
        compareChoices.setAll(out);
    }

    public ObservableList<ChangeRow> getChanges() {
        return changes;
    }

    public ObservableList<FileInfo> getFiles() {
        return files;
    }

    public ReadOnlyStringProperty changesSummaryProperty() {
        return changesSummary.getReadOnlyProperty();
    }

    /** The diff to show, or null while {@link #diffMessageProperty()} says why not. */
    public ReadOnlyObjectProperty<@Nullable DiffInput> diffProperty() {
        return diff.diffProperty();
    }

    public ReadOnlyStringProperty diffMessageProperty() {
        return diff.messageProperty();
    }

    /** Reloads changes and files of the selected version. */
    public void load() {
        long gen = ++generation;
        Version v = session.selectedVersionProperty().get();
        changes.clear();
        files.clear();
        diff.showMessage(I18n.t("diff.pickChange"));
        if (v == null || !session.isOpen()) {
            changesSummary.set(I18n.t("details.noSelection"));
            return;
        }
        Version other = compareWith.get() != null && !compareWith.get().id().equals(v.id()) ? compareWith.get() : null;
        String from = other != null ? other.id() : v.parentId();
        JcfManager jcf = session.manager();
        changesSummary.set(I18n.t("details.loading"));
        session.runner().task(I18n.t("task.loadVersion", v.shortId()), ctx -> {
            List<FileInfo> list = jcf.listFiles("", v.id());
            List<ChangeRow> rows = from == null ? allAdded(list, v.id()) : rows(jcf.getVersionDiff(from, v.id()));
            return new Loaded(rows, list);
        }).onSuccess(loaded -> {
            if (gen != generation) {
                return;
            }
            changes.setAll(loaded.rows());
            files.setAll(loaded.files());
            changesSummary.set(other != null
                    ? I18n.t("details.summary.compare", loaded.rows().size(), VersionLabels.shortLabel(other))
                    : from == null ? I18n.t("details.summary.first", loaded.rows().size())
                    : I18n.t("details.summary.parent", loaded.rows().size()));
        }).start();
    }

    private record Loaded(List<ChangeRow> rows, List<FileInfo> files) {
    }

    private static List<ChangeRow> allAdded(List<FileInfo> files, String to) {
        return files.stream().map(f -> new ChangeRow(ChangeType.ADDED, f.path(), null, true, 0, f.size(), null, to)).toList();
    }

    static List<ChangeRow> rows(VersionDiff d) {
        // a diff of two versions (getVersionDiff): only a working-copy diff has no toVersion
        String to = Objects.requireNonNull(d.toVersion(), "a diff between two versions");
        return DiffRows.of(d, (type, path, previousPath, sizeBefore, sizeAfter) -> new ChangeRow(type, path,
                previousPath, sizeBefore >= 0, sizeBefore, sizeAfter, d.fromVersion(), to), ChangeRow::path);
    }

    /** Loads both sides of a change and shows its diff. */
    public void selectChange(@Nullable ChangeRow row) {
        if (row == null) {
            return;
        }
        String beforePath = row.previousPath() != null ? row.previousPath() : row.path();
        DiffReader.Side before = row.type() == ChangeType.ADDED || row.fromVersion() == null ? null
                : new DiffReader.Side(beforePath, row.fromVersion(), row.sizeBefore());
        DiffReader.Side after = row.type() == ChangeType.DELETED ? null
                : new DiffReader.Side(row.path(), row.toVersion(), row.sizeAfter());
        diff.load(row.path(), before, after, label(row.fromVersion()), label(row.toVersion()), I18n.t("diff.pickChange"));
    }

    /** Shows one file of the selected version (compared with the same file in the version compared against). */
    public void selectFile(@Nullable String path) {
        Version v = session.selectedVersionProperty().get();
        if (v == null || path == null) {
            return;
        }
        Version other = compareWith.get() != null ? compareWith.get() : session.findVersion(
                v.parentId() == null ? "" : v.parentId()).orElse(null);
        diff.load(path, other == null ? null : new DiffReader.Side(path, other.id(), -1), new DiffReader.Side(path, v.id(), -1),
                label(other == null ? null : other.id()), label(v.id()), I18n.t("diff.pickChange"));
    }

    private String label(@Nullable String versionId) {
        return versionId == null ? I18n.t("version.none") : session.findVersion(versionId)
                .map(VersionLabels::shortLabel).orElse(versionId.substring(0, Math.min(8, versionId.length())));
    }

}
