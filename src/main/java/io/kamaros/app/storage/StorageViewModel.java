package io.kamaros.app.storage;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.TaskProgress;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.ProjectStats;
import io.kamaros.engine.model.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The storage dashboard: where the disk space goes (your files, stored contents, stored changes,
 * the history index), how much contents are shared between versions (deduplication), and how the
 * project grew over its versions.
 * <p>The engine reports stored sizes for the whole project only, not per version, so the growth
 * charts show what each version itself says: how many files it has, and how many bytes of new or
 * changed files it brought (as they are on disk, before compression and deduplication).
 */
public final class StorageViewModel {
    /** How many of the newest versions get the per-version size figures (each needs its file list). */
    public static final int MAX_DETAILED_VERSIONS = 400;

    /** One part of the space used. */
    public enum Part { WORKING_COPY, BLOBS, DELTAS, INDEX }

    /** A slice of the space chart. */
    public record Slice(Part part, long bytes) {
    }

    /**
     * One version on the growth charts, oldest first.
     *
     * @param number         1 for the first version
     * @param files          files in the version
     * @param newBytes       bytes of the files added or changed in it (uncompressed, before deduplication)
     * @param cumulativeNewBytes running total of {@code newBytes} over the charted versions
     */
    public record GrowthPoint(int number, String versionId, String message, int files, long newBytes,
                              long cumulativeNewBytes) {
    }

    /** What one background load reads. */
    record Snapshot(ProjectStats stats, List<GrowthPoint> growth, int chartedFrom) {
    }

    private final ProjectSession session;
    private final ReadOnlyObjectWrapper<ProjectStats> stats = new ReadOnlyObjectWrapper<>(this, "stats");
    private final ObservableList<Slice> slices = FXCollections.observableArrayList();
    private final ObservableList<GrowthPoint> growth = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper chartedFrom = new ReadOnlyIntegerWrapper(this, "chartedFrom", 1);
    private final TaskProgress task = new TaskProgress();

    public StorageViewModel(ProjectSession session) {
        this.session = session;
    }

    /** Reads the figures in the background. */
    public TaskRunner.EngineTask<?> load() {
        JcfManager jcf = session.manager();
        TaskRunner.EngineTask<Snapshot> t = session.runner().task(I18n.t("storage.task"), ctx -> {
            ProjectStats s = jcf.getStats();
            List<Version> newestFirst = jcf.getHistory();
            List<Version> chronological = new ArrayList<>(newestFirst.size());
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                chronological.add(newestFirst.get(i));
            }
            List<GrowthPoint> points = growthOf(chronological,
                    () -> ctx.cancellation().throwIfCancelled("storage"));
            return new Snapshot(s, points, points.isEmpty() ? 1 : points.get(0).number());
        }).onSuccess(snap -> {
            stats.set(snap.stats());
            slices.setAll(new Slice(Part.WORKING_COPY, snap.stats().contentSize()),
                    new Slice(Part.BLOBS, snap.stats().blobsSize()), new Slice(Part.DELTAS, snap.stats().deltasSize()),
                    new Slice(Part.INDEX, snap.stats().manifestSize()));
            growth.setAll(snap.growth());
            chartedFrom.set(snap.chartedFrom());
        }).onDone(task::done).start();
        return task.follow(t);
    }

    /**
     * Files per version from each version's change counts (parent's files + added − deleted), and the
     * bytes of new or changed files for the newest {@link #MAX_DETAILED_VERSIONS} versions.
     */
    static List<GrowthPoint> growthOf(List<Version> chronological, Runnable checkCancel) {
        Map<String, Integer> files = new HashMap<>();
        int first = Math.max(0, chronological.size() - MAX_DETAILED_VERSIONS);
        List<GrowthPoint> out = new ArrayList<>();
        long cumulative = 0;
        for (int i = 0; i < chronological.size(); i++) {
            Version v = chronological.get(i);
            int n = (v.parentId() == null ? 0 : files.getOrDefault(v.parentId(), 0))
                    + v.changes().added() - v.changes().deleted();
            files.put(v.id(), n);
            if (i < first) {
                continue;
            }
            checkCancel.run();
            long bytes = 0;
            for (FileState f : v.fileStates().values()) {
                if (brought(f)) {
                    bytes += f.size();
                }
            }
            cumulative += bytes;
            out.add(new GrowthPoint(i + 1, v.id(), v.message(), n, bytes, cumulative));
        }
        return out;
    }

    /** True for a file whose bytes are new in this version: added, modified, or renamed with new content. */
    static boolean brought(FileState f) {
        ChangeType c = f.changeType();
        return c == ChangeType.ADDED || c == ChangeType.MODIFIED
                || (c == ChangeType.RENAMED && f.previousHash() != null && !f.previousHash().equals(f.hash()));
    }

    public ReadOnlyObjectProperty<ProjectStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    public ObservableList<Slice> getSlices() {
        return slices;
    }

    public ObservableList<GrowthPoint> getGrowth() {
        return growth;
    }

    /** The number of the first charted version (1 unless the history is longer than the charts show). */
    public ReadOnlyIntegerProperty chartedFromProperty() {
        return chartedFrom.getReadOnlyProperty();
    }

    /** The total kept for history: stored contents, stored changes and the index. */
    public long historyBytes() {
        ProjectStats s = stats.get();
        return s == null ? 0 : s.blobsSize() + s.deltasSize() + s.manifestSize();
    }

    public TaskProgress task() {
        return task;
    }
}
