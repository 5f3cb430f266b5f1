package io.kamaros.app.diff;

/** What we know about one side of an image diff. */
public record ImageInfo(int width, int height, long bytes, String format) {
}
