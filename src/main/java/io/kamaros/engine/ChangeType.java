package io.kamaros.engine;

/** What happened to a file in a version (or in the working copy since HEAD). */
public enum ChangeType {
    ADDED, MODIFIED, DELETED, RENAMED;

    /** The manifest spelling: "added", "modified", "deleted", "renamed". */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ChangeType fromJson(String value) {
        return value == null ? null : ChangeType.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
