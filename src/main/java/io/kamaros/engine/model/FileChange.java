package io.kamaros.engine.model;

import org.jspecify.annotations.Nullable;

/**
 * One file that differs between two versions.
 *
 * @param before the file in the older version (null when added)
 * @param after  the file in the newer version (null when deleted)
 */
public record FileChange(ChangeType changeType, String path, @Nullable FileState before, @Nullable FileState after) {
    /** Size after minus size before. */
    public long sizeChange() {
        return (after == null ? 0 : after.size()) - (before == null ? 0 : before.size());
    }
}
