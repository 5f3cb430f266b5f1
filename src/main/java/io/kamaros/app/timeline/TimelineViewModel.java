package io.kamaros.app.timeline;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.engine.model.HistoryFilter;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.Version;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The timeline: every version newest first with its graph row and HEAD marked, under an "Unsaved
 * changes (N)" row while the working copy differs from HEAD; search by message, author or file path
 * across all versions (paths through the engine, in the background). Runs of two or more automatic
 * saves in a line are folded into one row ("14 automatic saves, 09:10–12:40") until it is selected,
 * so the person's own checkpoints and tags stand out.
 */
public final class TimelineViewModel {
    private final ProjectSession session;
    private final ObservableList<TimelineRow> rows = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper(this, "emptyText", I18n.t("timeline.empty"));
    private List<TimelineRow> all = List.of();
    /** Folded runs the person opened, by the id of the run's newest version. */
    private final Set<String> expanded = new HashSet<>();
    private @Nullable TimelineRow unsavedRow;
    private long searchGeneration;
    /** Keeps the empty list's text following the running save's progress (see {@link #showEmptyText}). */
    private final ChangeListener<String> followProgress = (o, a, b) -> showEmptyText();

    public TimelineViewModel(ProjectSession session) {
        this.session = session;
        session.refreshCountProperty().addListener((o, a, b) -> rebuild());
        session.runner().writingTaskProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.messageProperty().removeListener(followProgress);
            }
            if (now != null) {
                now.messageProperty().addListener(followProgress);
            }
            showEmptyText();
        });
        session.projectProperty().addListener((o, a, b) -> {
            all = List.of();
            expanded.clear();
            unsavedRow = null;
            rows.clear();
            search.set("");
        });
    }

    public ObservableList<TimelineRow> getRows() {
        return rows;
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** "25 versions" or "3 of 25 versions match". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What the empty list says: no checkpoints yet, or that none matches the search. */
    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }

    /** Empties the search box and shows every version again. */
    public void clearSearch() {
        search.set("");
        applySearch();
    }

    private void rebuild() {
        String headId = session.getHead() == null ? null : session.getHead().id();
        List<Version> versions = besideHeadBelowIt(session.getVersions(), headId);
        List<GraphLayout.Row> graph = GraphLayout.layout(versions);
        int unsaved = session.unsavedCount();
        List<TimelineRow> out = new ArrayList<>(versions.size());
        unsavedRow = null;
        for (int i = 0; i < versions.size(); i++) {
            boolean head = versions.get(i).id().equals(headId);
            GraphLayout.Row g = graph.get(i);
            if (head && i == 0 && unsaved > 0) { // the unsaved work's line comes down into HEAD's dot
                g = new GraphLayout.Row(g.lane(), g.through(), g.mergeIn(), true, g.toBelow(), g.width(), g.branchFrom());
            }
            out.add(new TimelineRow(versions.get(i), g, head));
        }
        if (unsaved > 0) {
            boolean headOnTop = !out.isEmpty() && out.get(0).head();
            unsavedRow = headOnTop ? TimelineRow.unsavedChanges(unsaved, out.get(0).graph().lane(), true)
                    : TimelineRow.unsavedChanges(unsaved, 0, false);
        }
        all = out;
        applySearch();
    }

    /**
     * The versions newest first, except the automatic saves kept beside HEAD (a discard or a restore
     * of chosen files saves the replaced work there, HEAD stays): they are newer than HEAD, yet
     * HEAD is still the current version, so they are listed right below it, branching off it.
     */
    static List<Version> besideHeadBelowIt(List<Version> newestFirst, @Nullable String headId) {
        List<Version> beside = new ArrayList<>();
        List<Version> out = new ArrayList<>(newestFirst.size());
        boolean headSeen = false;
        for (Version v : newestFirst) {
            if (!headSeen && v.autoSaved() && headId != null && headId.equals(v.parentId())) {
                beside.add(v);
                continue;
            }
            out.add(v);
            if (v.id().equals(headId)) {
                headSeen = true;
                out.addAll(beside);
                beside.clear();
            }
        }
        out.addAll(beside); // HEAD not listed: nothing to put them under
        return out;
    }

    /** The "Unsaved changes" row on top (when there is one), then the versions shown. */
    private void setRows(List<TimelineRow> versions) {
        List<TimelineRow> out = new ArrayList<>(versions.size() + 1);
        if (unsavedRow != null) {
            out.add(unsavedRow);
        }
        out.addAll(versions);
        rows.setAll(out);
    }

    /**
     * What the list says with no checkpoints and no search: while a save runs (the first checkpoint of
     * a folder just tracked), the save and its progress ("Saving the first checkpoint of Photos" /
     * "Saving — 120 of 3,000 files — …"), else how to make the first one.
     */
    private void showEmptyText() {
        if (search.get() != null && !search.get().isBlank()) {
            return; // the search's own "no match" stays
        }
        TaskRunner.EngineTask<?> saving = session.runner().writingTaskProperty().get();
        emptyText.set(saving == null ? I18n.t("timeline.empty")
                : saving.getTitle() + "\n" + (saving.getMessage() == null ? "" : saving.getMessage()));
    }

    /** Filters the rows by the search text (message, author, tag or a changed file's path). */
    public void applySearch() {
        String q = search.get() == null ? "" : search.get().strip();
        long generation = ++searchGeneration;
        if (q.isEmpty()) {
            setRows(fold(all, expanded));
            summary.set(I18n.t("timeline.count", all.size()));
            showEmptyText();
            return;
        }
        emptyText.set(I18n.t("timeline.search.none", q));
        String needle = q.toLowerCase(Locale.ROOT);
        Set<String> matched = new HashSet<>();
        for (TimelineRow r : all) {
            Version v = Objects.requireNonNull(r.version(), "every row of all is a version");
            if (contains(v.message(), needle) || contains(v.author(), needle) || contains(v.email(), needle)
                    || v.tags().stream().anyMatch(t -> contains(t, needle)) || v.id().startsWith(needle)) {
                matched.add(v.id());
            }
        }
        show(matched, generation);
        if (!session.isOpen()) {
            return;
        }
        JcfManager jcf = session.manager();
        session.runner().task(I18n.t("task.search"), ctx -> jcf.getHistory(HistoryFilter.builder().path(q).build()))
                .onSuccess(found -> {
                    if (generation != searchGeneration) {
                        return; // the person typed on
                    }
                    Set<String> withPaths = new HashSet<>(matched);
                    found.forEach(v -> withPaths.add(v.id()));
                    show(withPaths, generation);
                })
                .start();
    }

    private void show(Set<String> ids, long generation) {
        if (generation != searchGeneration) {
            return;
        }
        List<TimelineRow> out = all.stream()
                .filter(r -> ids.contains(Objects.requireNonNull(r.version(), "every row of all is a version").id()))
                .toList();
        setRows(out);
        summary.set(I18n.t("timeline.matches", out.size(), all.size()));
    }

    /**
     * The rows with each run of two or more automatic saves folded into one row, unless the run was
     * opened. A run is a line of versions, each the parent of the one above it, none HEAD or tagged.
     */
    static List<TimelineRow> fold(List<TimelineRow> rows, Set<String> expanded) {
        List<TimelineRow> out = new ArrayList<>(rows.size());
        int i = 0;
        while (i < rows.size()) {
            int end = i;
            if (foldable(rows.get(i))) {
                while (end + 1 < rows.size() && foldable(rows.get(end + 1))
                        && Objects.equals(version(rows.get(end)).parentId(), version(rows.get(end + 1)).id())
                        && rows.get(end).graph().lane() == rows.get(end + 1).graph().lane()) {
                    end++;
                }
            }
            List<TimelineRow> run = rows.subList(i, end + 1);
            if (run.size() >= 2 && !expanded.contains(version(run.get(0)).id())) {
                out.add(TimelineRow.fold(run));
            } else {
                out.addAll(run);
            }
            i = end + 1;
        }
        return out;
    }

    private static boolean foldable(TimelineRow r) {
        Version v = r.version();
        return v != null && v.automatic() && !r.head() && v.tags().isEmpty();
    }

    private static Version version(TimelineRow r) {
        return Objects.requireNonNull(r.version(), "a row of the history is a version");
    }

    /** Shows each automatic save of a folded run (selecting the folded row does this). */
    public void expand(TimelineRow folded) {
        if (folded.isFolded()) {
            expanded.add(folded.folded().get(0).id());
            applySearch();
        }
    }

    private static boolean contains(@Nullable String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }

    public void select(@Nullable TimelineRow row) {
        if (row != null && row.isFolded()) {
            expand(row);
            session.selectedVersionProperty().set(row.folded().get(0)); // the run's newest, now a row of its own
            return;
        }
        boolean unsaved = row != null && row.isUnsaved();
        session.unsavedSelectedProperty().set(unsaved); // first: a null version then means "the unsaved row"
        session.selectedVersionProperty().set(row == null ? null : row.version());
    }

    /** Selects the "Unsaved changes" row (when the working copy has changes). */
    public void selectUnsaved() {
        if (session.unsavedCount() > 0) {
            session.unsavedSelectedProperty().set(true);
            session.selectedVersionProperty().set(null);
        }
    }

    public ProjectSession session() {
        return session;
    }
}
