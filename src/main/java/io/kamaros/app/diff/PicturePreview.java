package io.kamaros.app.diff;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A thumbnail of a picture the image pane cannot compare (too large, or a kind JavaFX does not decode, like TIFF),
 * streamed through ImageIO and decoded subsampled, so a 20,000-pixel-wide picture never lands in memory whole.
 */
final class PicturePreview {
    private PicturePreview() {
    }

    static Preview read(FileFacts header, ContentSource source) {
        try (InputStream raw = source.open(); ImageInputStream in = ImageIO.createImageInputStream(raw)) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return new Preview(header, null, null); // no reader for this kind (WebP): the header's facts only
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                // every step-th pixel of every step-th row: at most about twice the thumbnail, whatever the size
                int step = Math.max(1, Math.max(width, height) / (2 * Preview.THUMBNAIL));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage picture = reader.read(0, param);
                FileFacts facts = new FileFacts(FileFacts.Kind.IMAGE, header.format(), width, height, -1, null, null, -1, -1, -1);
                return new Preview(facts, thumbnail(picture), null);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return new Preview(header, null, Preview.Problem.DAMAGED);
        }
    }

    /** {@code picture} scaled to fit {@link Preview#THUMBNAIL} (never enlarged), as a JavaFX image. */
    static Image thumbnail(BufferedImage picture) {
        double scale = Math.min(1, (double) Preview.THUMBNAIL / Math.max(picture.getWidth(), picture.getHeight()));
        int w = Math.max(1, (int) Math.round(picture.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(picture.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(picture, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        int[] argb = small.getRGB(0, 0, w, h, null, 0, w);
        WritableImage out = new WritableImage(w, h);
        out.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return out;
    }
}
