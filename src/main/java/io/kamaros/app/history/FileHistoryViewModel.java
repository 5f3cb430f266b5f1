package io.kamaros.app.history;

import io.kamaros.app.details.VersionLabels;
import io.kamaros.app.details.DiffReader;
import io.kamaros.app.diff.DiffInput;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.i18n.TimeText;
import io.kamaros.app.i18n.VersionText;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.ProgressText;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileHistoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * File-first history: every version of one file (following renames), newest first; pick one to see
 * what changed in it, or two to compare them; restore any of them.
 */
public final class FileHistoryViewModel {
    private final ProjectSession session;
    private final ObservableList<FileHistoryEntry> entries = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper path = new ReadOnlyStringWrapper(this, "path");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", I18n.t("history.pickFile"));
    private final ReadOnlyObjectWrapper<DiffInput> diff = new ReadOnlyObjectWrapper<>(this, "diff");
    private final Supplier<Instant> clock;
    private long generation;

    public FileHistoryViewModel(ProjectSession session) {
        this(session, Instant::now);
    }

    /** @param clock "now" for "5 minutes ago": read every time a row is shown, so new versions are never "in the future" */
    public FileHistoryViewModel(ProjectSession session, Supplier<Instant> clock) {
        this.session = session;
        this.clock = clock;
        session.selectedFileProperty().addListener((o, a, p) -> load(p));
        session.refreshCountProperty().addListener((o, a, b) -> load(session.selectedFileProperty().get()));
    }

    public ObservableList<FileHistoryEntry> getEntries() {
        return entries;
    }

    public ReadOnlyStringProperty pathProperty() {
        return path.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DiffInput> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    public ProjectSession session() {
        return session;
    }

    /** A row's first line: the version's message as the timeline words it (an automatic save in the app's language). */
    public String message(FileHistoryEntry e) {
        return session.findVersion(e.versionId()).map(VersionText::message).orElse(e.message());
    }

    /** A row's second line: who, when (relative to now), how big, and where it was renamed from. */
    public String describe(FileHistoryEntry e) {
        String renamed = e.previousPath() != null ? " · " + I18n.t("tree.renamedFrom", e.previousPath()) : "";
        return e.author() + " · " + TimeText.relative(e.timestamp(), clock.get()) + " · "
                + ProgressText.bytes(e.size()) + renamed;
    }

    /**
     * Why the picked entries cannot be restored, or null when they can: exactly one version of the file,
     * and one in which the file exists.
     */
    public @Nullable String restoreBlockedReason(List<FileHistoryEntry> picked) {
        if (picked.isEmpty()) {
            return I18n.t("history.restore.pickOne");
        }
        if (picked.size() > 1) {
            return I18n.t("history.restore.onlyOne");
        }
        if (picked.get(0).changeType() == ChangeType.DELETED) {
            return I18n.t("history.restore.deleted");
        }
        return null;
    }

    public void load(String file) {
        long gen = ++generation;
        path.set(file);
        if (file == null || !session.isOpen()) {
            entries.clear();
            summary.set(I18n.t("history.pickFile"));
            return;
        }
        JcfManager jcf = session.manager();
        session.runner().task(I18n.t("task.fileHistory", file), ctx -> {
            List<FileHistoryEntry> list = new ArrayList<>(jcf.getFileHistory(file));
            Collections.reverse(list);
            return list;
        }).onSuccess(list -> {
            if (gen != generation) {
                return;
            }
            entries.setAll(list);
            summary.set(I18n.t("history.count", list.size()));
        }).onFailure(e -> {
            if (gen == generation) {
                entries.clear();
                summary.set(I18n.t("history.none", file));
            }
        }).start();
    }

    /**
     * Shows the diff for the picked entries: one entry against the one before it, or two against
     * each other (older on the left).
     */
    public void compare(List<FileHistoryEntry> picked) {
        if (picked.isEmpty()) {
            return;
        }
        FileHistoryEntry newer;
        FileHistoryEntry older;
        if (picked.size() >= 2) {
            List<FileHistoryEntry> two = new ArrayList<>(picked.subList(0, 2));
            two.sort(Comparator.comparingInt(entries::indexOf));
            newer = two.get(0);
            older = two.get(1);
        } else {
            newer = picked.get(0);
            int i = entries.indexOf(newer);
            older = i >= 0 && i + 1 < entries.size() ? entries.get(i + 1) : null;
        }
        JcfManager jcf = session.manager();
        long gen = generation;
        FileHistoryEntry o = older;
        DiffReader.Side before = o == null || o.changeType() == ChangeType.DELETED ? null
                : new DiffReader.Side(o.path(), o.versionId(), o.size());
        DiffReader.Side after = newer.changeType() == ChangeType.DELETED ? null
                : new DiffReader.Side(newer.path(), newer.versionId(), newer.size());
        String beforeLabel = label(o);
        String afterLabel = label(newer);
        // null: deleted on both sides picked, nothing to compare
        session.runner().task(I18n.t("task.loadDiff", newer.path()),
                ctx -> DiffReader.read(jcf, newer.path(), before, after, beforeLabel, afterLabel)).onSuccess(d -> {
            if (gen == generation) {
                diff.set(d);
            }
        }).start();
    }

    private String label(@Nullable FileHistoryEntry e) {
        if (e == null) {
            return I18n.t("version.none");
        }
        return session.findVersion(e.versionId()).map(VersionLabels::shortLabel)
                .orElse(e.versionId().substring(0, Math.min(8, e.versionId().length())));
    }
}
