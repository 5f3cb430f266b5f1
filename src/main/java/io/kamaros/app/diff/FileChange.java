package io.kamaros.app.diff;

/** How the file changed between the two versions, as the input says it. */
public enum FileChange { ADDED, DELETED, MODIFIED }
