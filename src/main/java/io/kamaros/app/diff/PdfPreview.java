package io.kamaros.app.diff;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.scene.image.Image;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.jspecify.annotations.Nullable;

/**
 * A PDF's page count, title and author and a thumbnail of its first page, read by PDFBox (which follows
 * compressed object streams and cross-reference streams, as most PDFs written today have them). A PDF not in
 * memory is copied to a temporary file first, as PDFBox needs to seek; its own buffers are kept within
 * {@link #MEMORY_LIMIT} (the rest goes to a temporary file).
 */
final class PdfPreview {
    private static final long MEMORY_LIMIT = 16L << 20;
    private static final int TEXT_MAX = 300;

    private PdfPreview() {
    }

    static Preview read(FileFacts header, byte @Nullable [] whole, ContentSource source) {
        Path copy = null;
        try {
            if (whole == null) {
                copy = Files.createTempFile("kamaros-preview-", ".pdf");
                try (InputStream in = source.open()) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            try (RandomAccessRead in = whole != null ? new RandomAccessReadBuffer(whole) : new RandomAccessReadBufferedFile(copy);
                 PDDocument doc = Loader.loadPDF(in, "", null, null, MemoryUsageSetting.setupMixed(MEMORY_LIMIT).streamCache)) {
                PDDocumentInformation info = doc.getDocumentInformation();
                int pages = doc.getNumberOfPages();
                FileFacts facts = new FileFacts(FileFacts.Kind.PDF, header.format(), -1, -1, pages, text(info.getTitle()),
                        text(info.getAuthor()), -1, -1, -1);
                return new Preview(facts, pages > 0 ? firstPage(doc) : null, null);
            }
        } catch (InvalidPasswordException e) {
            return new Preview(header, null, Preview.Problem.PASSWORD);
        } catch (IOException | RuntimeException e) {
            return new Preview(header, null, Preview.Problem.DAMAGED);
        } finally {
            deleteQuietly(copy);
        }
    }

    /** Page 1 at the scale that fits the thumbnail; null when only it is damaged (the facts still count). */
    private static @Nullable Image firstPage(PDDocument doc) {
        try {
            PDRectangle box = doc.getPage(0).getCropBox();
            float longer = Math.max(box.getWidth(), box.getHeight());
            if (!(longer > 0)) {
                return null;
            }
            float scale = Preview.THUMBNAIL / longer; // points to pixels: 240 px for the longer edge
            BufferedImage page = new PDFRenderer(doc).renderImage(0, scale, ImageType.RGB);
            return PicturePreview.thumbnail(page);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static @Nullable String text(@Nullable String s) {
        if (s == null) {
            return null;
        }
        String clean = s.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.isEmpty() ? null : clean.length() > TEXT_MAX ? clean.substring(0, TEXT_MAX) + "…" : clean;
    }

    private static void deleteQuietly(@Nullable Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                p.toFile().deleteOnExit(); // still open on some systems: gone when the app ends
            }
        }
    }
}
