package io.kamaros.engine.model;

import java.util.Locale;

/** What happened to a file in a version (or in the working copy since HEAD). */
public enum ChangeType {
    ADDED, MODIFIED, DELETED, RENAMED;

    /** The manifest spelling: "added", "modified", "deleted", "renamed". */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChangeType fromJson(String value) {
        return value == null ? null : ChangeType.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
