package io.kamaros.app.timeline;

import io.kamaros.engine.model.Version;
import org.jspecify.annotations.Nullable;

/**
 * A row of the timeline: a version with its graph row and whether it is HEAD (the current version), or
 * the "Unsaved changes (N)" row on top (no version; {@code unsaved} files differ from HEAD).
 */
public record TimelineRow(@Nullable Version version, GraphLayout.Row graph, boolean head, int unsaved) {
    public TimelineRow(Version version, GraphLayout.Row graph, boolean head) {
        this(version, graph, head, 0);
    }

    /** The "Unsaved changes" row for {@code count} changed files; {@code toHead}: HEAD's row is right below it. */
    public static TimelineRow unsavedChanges(int count, int lane, boolean toHead) {
        return new TimelineRow(null, new GraphLayout.Row(lane, new int[0], new int[0], false, toHead, lane + 1), false,
                count);
    }

    public boolean isUnsaved() {
        return version == null;
    }
}
