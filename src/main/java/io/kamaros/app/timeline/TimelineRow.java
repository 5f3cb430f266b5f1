package io.kamaros.app.timeline;

import io.kamaros.engine.model.Version;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A row of the timeline: a version with its graph row and whether it is HEAD (the current version);
 * the "Unsaved changes (N)" row on top (no version; {@code unsaved} files differ from HEAD); or a
 * folded run of automatic saves ({@code folded}, newest first; no version of its own).
 */
public record TimelineRow(@Nullable Version version, GraphLayout.Row graph, boolean head, int unsaved,
                          List<Version> folded) {
    public TimelineRow {
        folded = List.copyOf(folded);
    }

    public TimelineRow(@Nullable Version version, GraphLayout.Row graph, boolean head, int unsaved) {
        this(version, graph, head, unsaved, List.of());
    }

    public TimelineRow(Version version, GraphLayout.Row graph, boolean head) {
        this(version, graph, head, 0);
    }

    /** The "Unsaved changes" row for {@code count} changed files; {@code toHead}: HEAD's row is right below it. */
    public static TimelineRow unsavedChanges(int count, int lane, boolean toHead) {
        return new TimelineRow(null, new GraphLayout.Row(lane, new int[0], new int[0], false, toHead, lane + 1), false,
                count);
    }

    /** A run of automatic saves shown as one row, drawn from the first's line to the last's. */
    public static TimelineRow fold(List<TimelineRow> run) {
        GraphLayout.Row first = run.get(0).graph();
        GraphLayout.Row last = run.get(run.size() - 1).graph();
        int width = run.stream().mapToInt(r -> r.graph().width()).max().orElse(first.width());
        GraphLayout.Row g = new GraphLayout.Row(first.lane(), first.through(), first.mergeIn(), first.fromAbove(),
                last.toBelow(), width, first.branchFrom());
        return new TimelineRow(null, g, false, 0, run.stream().map(TimelineRow::version).toList());
    }

    public boolean isUnsaved() {
        return version == null && folded.isEmpty();
    }

    public boolean isFolded() {
        return !folded.isEmpty();
    }
}
