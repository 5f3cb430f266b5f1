package io.kamaros.app.diff;

import javafx.scene.image.Image;
import org.jspecify.annotations.Nullable;

/**
 * What a full reader found in one side beyond its header: the facts only it can give (a PDF's pages, title and
 * author; a recording's length from javax.sound; a TIFF's size) and a small picture of it (a PDF's first page, a
 * picture the image pane could not compare), or why not.
 * <p>The readers (PDFBox, ImageIO, javax.sound) are reached only through this class, from the diff viewer's
 * background work, never on the app's start path (AppArchitectureTest).
 *
 * @param facts     the facts, the header's own when the reader added nothing
 * @param thumbnail at most {@link #THUMBNAIL} pixels on its longer edge, or null
 * @param problem   why the file could not be read, or null
 */
public record Preview(FileFacts facts, @Nullable Image thumbnail, @Nullable Problem problem) {
    /** The longer edge of a thumbnail, in pixels. */
    public static final int THUMBNAIL = 240;

    /** Why a reader gave up. */
    public enum Problem { DAMAGED, PASSWORD }

    /**
     * Reads what {@code header} announces. {@code whole} is the file when it is in memory (else it is streamed
     * from {@code source}); {@code size} its size.
     */
    static Preview read(FileFacts header, byte @Nullable [] whole, ContentSource source, long size) {
        return switch (header.kind()) {
            case PDF -> PdfPreview.read(header, whole, source);
            case IMAGE -> PicturePreview.read(header, source);
            case AUDIO -> SoundPreview.read(header, source, size);
        };
    }
}
