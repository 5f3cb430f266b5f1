package io.kamaros.engine.model;

/**
 * Options of {@link JcfManager#listFiles(String, ListOptions)}: {@code recursive} (default true:
 * every file below the folder), {@code versionId} (list a version instead of the working copy),
 * {@code type} (only text or binary) and {@code pattern} (a glob on the path, e.g. {@code *.png}).
 */
public final class ListOptions {
    private boolean recursive = true;
    private String versionId;
    private FileType type;
    private String pattern;

    public static ListOptions defaults() {
        return new ListOptions();
    }

    public ListOptions recursive(boolean value) {
        recursive = value;
        return this;
    }

    public ListOptions versionId(String value) {
        versionId = value;
        return this;
    }

    public ListOptions type(FileType value) {
        type = value;
        return this;
    }

    public ListOptions pattern(String glob) {
        pattern = glob;
        return this;
    }

    public boolean recursive() {
        return recursive;
    }

    public String versionId() {
        return versionId;
    }

    public FileType type() {
        return type;
    }

    public String pattern() {
        return pattern;
    }
}
