package io.kamaros.app.details;

/**
 * What the diff viewer shows: one file's bytes before and after (null when the file did not exist
 * on that side) with labels such as "v 3f2a1b9c · 2 days ago".
 */
public record DiffInput(String path, byte[] before, byte[] after, String beforeLabel, String afterLabel) {
}
