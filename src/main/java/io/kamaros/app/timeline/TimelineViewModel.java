package io.kamaros.app.timeline;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.engine.model.HistoryFilter;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.Version;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The timeline: every version newest first with its graph row and HEAD marked; search by message,
 * author or file path across all versions (paths through the engine, in the background).
 */
public final class TimelineViewModel {
    private final ProjectSession session;
    private final ObservableList<TimelineRow> rows = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper(this, "emptyText", I18n.t("timeline.empty"));
    private List<TimelineRow> all = List.of();
    private long searchGeneration;

    public TimelineViewModel(ProjectSession session) {
        this.session = session;
        session.refreshCountProperty().addListener((o, a, b) -> rebuild());
        session.projectProperty().addListener((o, a, b) -> {
            all = List.of();
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
        List<Version> versions = new ArrayList<>(session.getVersions());
        List<GraphLayout.Row> graph = GraphLayout.layout(versions);
        String headId = session.getHead() == null ? null : session.getHead().id();
        List<TimelineRow> out = new ArrayList<>(versions.size());
        for (int i = 0; i < versions.size(); i++) {
            out.add(new TimelineRow(versions.get(i), graph.get(i), versions.get(i).id().equals(headId)));
        }
        all = out;
        applySearch();
    }

    /** Filters the rows by the search text (message, author, tag or a changed file's path). */
    public void applySearch() {
        String q = search.get() == null ? "" : search.get().strip();
        long generation = ++searchGeneration;
        if (q.isEmpty()) {
            rows.setAll(all);
            summary.set(I18n.t("timeline.count", all.size()));
            emptyText.set(I18n.t("timeline.empty"));
            return;
        }
        emptyText.set(I18n.t("timeline.search.none", q));
        String needle = q.toLowerCase(Locale.ROOT);
        Set<String> matched = new HashSet<>();
        for (TimelineRow r : all) {
            Version v = r.version();
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
        List<TimelineRow> out = all.stream().filter(r -> ids.contains(r.version().id())).toList();
        rows.setAll(out);
        summary.set(I18n.t("timeline.matches", out.size(), all.size()));
    }

    private static boolean contains(@Nullable String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }

    public void select(TimelineRow row) {
        session.selectedVersionProperty().set(row == null ? null : row.version());
    }

    public ProjectSession session() {
        return session;
    }
}
