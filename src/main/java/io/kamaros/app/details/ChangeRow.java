package io.kamaros.app.details;

import io.kamaros.engine.model.ChangeType;
import org.jspecify.annotations.Nullable;

/**
 * One changed file between two versions.
 *
 * @param previousPath the path in {@code fromVersion} when renamed, else null
 * @param contentChanged false for a pure rename
 * @param fromVersion  the older side (null: nothing before, the first version)
 */
public record ChangeRow(ChangeType type, String path, @Nullable String previousPath, boolean contentChanged,
                        long sizeBefore, long sizeAfter, @Nullable String fromVersion, String toVersion) {
}
