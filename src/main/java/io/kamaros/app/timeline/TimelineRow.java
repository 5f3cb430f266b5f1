package io.kamaros.app.timeline;

import io.kamaros.engine.model.Version;

/** A version as the timeline shows it: with its graph row and whether it is HEAD (the current version). */
public record TimelineRow(Version version, GraphLayout.Row graph, boolean head) {
}
