package io.kamaros.engine.model;

/** How many files a version added, modified, deleted and renamed against its parent. */
public record ChangeSummary(int added, int modified, int deleted, int renamed) {
    public static final ChangeSummary NONE = new ChangeSummary(0, 0, 0, 0);

    public int total() {
        return added + modified + deleted + renamed;
    }
}
