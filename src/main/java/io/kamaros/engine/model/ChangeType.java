package io.kamaros.engine.model;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What happened to a file in a version (or in the working copy since HEAD). */
public enum ChangeType {
    ADDED, MODIFIED, DELETED, RENAMED;

    /** The manifest spelling: "added", "modified", "deleted", "renamed". */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static @Nullable ChangeType fromJson(@Nullable String value) {
        return value == null ? null : ChangeType.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
