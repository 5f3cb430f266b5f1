package io.kamaros.app.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kamaros.app.Fx;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import javafx.scene.image.Image;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the full readers add to the header facts: PDFBox for PDFs, ImageIO thumbnails, javax.sound lengths. */
class PreviewTest {

    @BeforeAll
    static void toolkit() {
        Fx.start(); // thumbnails are JavaFX images
    }

    private static Preview read(byte[] file) {
        FileFacts header = Objects.requireNonNull(FileFacts.of(file), "a known kind");
        return Preview.read(header, file, ContentSource.of(file), file.length);
    }

    /** As for a file too large to load: streamed from its source, never handed over whole. */
    private static Preview stream(byte[] file) {
        FileFacts header = Objects.requireNonNull(FileFacts.of(Arrays.copyOf(file, Math.min(file.length, 64)), file.length));
        return Preview.read(header, null, ContentSource.of(file), file.length);
    }

    // ------------------------------------------------------------------ PDF

    @Test
    void aPdfWithObjectStreamsGivesPagesTitleAuthorAndItsFirstPage() {
        byte[] pdf = pdf(3, "The Fox (draft) été", "Maja Łęcka", null);
        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        // compressed as PDFBox and most tools write today: no page tree or /Count in plain text
        assertThat(raw).contains("/ObjStm").contains("/XRef").doesNotContain("/Count");

        for (Preview p : new Preview[] {read(pdf), stream(pdf)}) {
            assertThat(p.problem()).isNull();
            assertThat(p.facts()).extracting(FileFacts::kind, FileFacts::pages, FileFacts::title, FileFacts::author)
                    .containsExactly(FileFacts.Kind.PDF, 3, "The Fox (draft) été", "Maja Łęcka");
            Image page = Objects.requireNonNull(p.thumbnail(), "first page");
            // A4 portrait: 240 px tall, about 170 wide
            assertThat(page.getHeight()).isEqualTo(Preview.THUMBNAIL);
            assertThat(page.getWidth()).isCloseTo(170, within(2.0));
            // the page's black bar is drawn at its top, the rest is white paper
            assertThat(page.getPixelReader().getArgb(85, 20) & 0xffffff).isEqualTo(0);
            assertThat(page.getPixelReader().getArgb(85, 200) & 0xffffff).isEqualTo(0xffffff);
        }
    }

    @Test
    void aDamagedOrLockedPdfSaysSo() {
        byte[] pdf = pdf(2, "t", "a", null);
        assertThat(read(Arrays.copyOf(pdf, 200)).problem()).isEqualTo(Preview.Problem.DAMAGED);
        byte[] noise = ("%PDF-1.7\n" + "x".repeat(500)).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(read(noise).problem()).isEqualTo(Preview.Problem.DAMAGED);
        assertThat(stream(noise).problem()).isEqualTo(Preview.Problem.DAMAGED);

        Preview locked = read(pdf(1, "secret", "b", "open sesame"));
        assertThat(locked.problem()).isEqualTo(Preview.Problem.PASSWORD);
        assertThat(locked.facts().format()).isEqualTo("PDF");
        assertThat(locked.thumbnail()).isNull();
    }

    // ------------------------------------------------------------------ pictures

    @Test
    void picturesTheImagePaneCannotShowGetAThumbnail() {
        BufferedImage wide = new BufferedImage(3000, 2000, BufferedImage.TYPE_INT_RGB);
        wide.getGraphics().fillRect(0, 0, 1500, 2000); // white left half, black right half
        byte[] tiff = DiffSamples.encode(wide, "tiff");
        assertThat(FileFacts.of(tiff)).extracting(FileFacts::format, FileFacts::width).containsExactly("TIFF", -1);

        for (Preview p : new Preview[] {read(tiff), stream(tiff)}) {
            assertThat(p.problem()).isNull();
            assertThat(p.facts()).extracting(FileFacts::format, FileFacts::width, FileFacts::height).containsExactly("TIFF", 3000, 2000);
            Image thumb = Objects.requireNonNull(p.thumbnail());
            assertThat(thumb.getWidth()).isEqualTo(240);
            assertThat(thumb.getHeight()).isEqualTo(160);
            assertThat(thumb.getPixelReader().getArgb(20, 80) & 0xffffff).isEqualTo(0xffffff);
            assertThat(thumb.getPixelReader().getArgb(220, 80) & 0xffffff).isEqualTo(0);
        }
    }

    @Test
    void aPictureWithoutAReaderKeepsItsHeaderAndADamagedOneSaysSo() {
        byte[] webp = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN).put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(32).put("WEBPVP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).putInt(0)
                .put(new byte[] {(byte) 199, 0, 0, 99, 0, 0}).array();
        Preview p = read(webp);
        assertThat(p.problem()).isNull();
        assertThat(p.thumbnail()).isNull();
        assertThat(p.facts()).extracting(FileFacts::format, FileFacts::width, FileFacts::height).containsExactly("WebP", 200, 100);

        byte[] png = DiffSamples.solid(400, 300, 0xff336699, -1, -1, 0);
        Preview cut = read(Arrays.copyOf(png, 60));
        assertThat(cut.problem()).isEqualTo(Preview.Problem.DAMAGED);
        assertThat(cut.facts()).extracting(FileFacts::width, FileFacts::height).containsExactly(400, 300); // the header's
    }

    // ------------------------------------------------------------------ recordings

    @Test
    void wavAiffAndAuRecordingsGiveLengthRateAndChannels() {
        for (AudioFileFormat.Type type : new AudioFileFormat.Type[] {AudioFileFormat.Type.WAVE, AudioFileFormat.Type.AIFF,
            AudioFileFormat.Type.AU}) {
            byte[] file = recording(type, 22_050, 2, 3.0);
            for (Preview p : new Preview[] {read(file), stream(file)}) {
                assertThat(p.problem()).as(type.toString()).isNull();
                assertThat(p.facts()).extracting(FileFacts::kind, FileFacts::sampleRate, FileFacts::channels)
                        .containsExactly(FileFacts.Kind.AUDIO, 22_050, 2);
                assertThat(p.facts().seconds()).as(type.toString()).isCloseTo(3.0, within(0.001));
            }
        }
        assertThat(read(recording(AudioFileFormat.Type.WAVE, 8_000, 1, 1)).facts().format()).isEqualTo("WAV");
        assertThat(read(recording(AudioFileFormat.Type.AIFF, 8_000, 1, 1)).facts().format()).isEqualTo("AIFF");
        assertThat(read(recording(AudioFileFormat.Type.AU, 8_000, 1, 1)).facts().format()).isEqualTo("AU");
    }

    @Test
    void aCutOffRecordingGivesNoLengthRatherThanAWrongOne() {
        byte[] full = recording(AudioFileFormat.Type.WAVE, 8_000, 1, 10); // says 10 s
        byte[] cut = Arrays.copyOf(full, 44 + 8_000 * 2 * 2); // holds 2 s
        Preview p = read(cut);
        assertThat(p.facts()).extracting(FileFacts::sampleRate, FileFacts::channels, FileFacts::seconds)
                .containsExactly(8_000, 1, -1.0);

        // a format chunk that claims 2 GB: an answer, not a hang or an exception
        byte[] liar = recording(AudioFileFormat.Type.WAVE, 8_000, 1, 0.1);
        ByteBuffer.wrap(liar).order(ByteOrder.LITTLE_ENDIAN).putInt(16, Integer.MAX_VALUE);
        assertThat(read(liar).facts().format()).isEqualTo("WAV");
    }

    // ------------------------------------------------------------------ samples

    /** A PDF of {@code pages} A4 pages (a black bar at the top of each), saved with object and xref streams. */
    static byte[] pdf(int pages, String title, String author, String password) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.addRect(0, PDRectangle.A4.getHeight() - 100, PDRectangle.A4.getWidth(), 100);
                    content.fill();
                }
            }
            doc.getDocumentInformation().setTitle(title);
            doc.getDocumentInformation().setAuthor(author);
            if (password != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", password, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Silence of the given length, 16-bit, written by javax.sound in the given file type. */
    static byte[] recording(AudioFileFormat.Type type, int rate, int channels, double seconds) {
        AudioFormat format = new AudioFormat(rate, 16, channels, true, type != AudioFileFormat.Type.WAVE);
        long frames = Math.round(rate * seconds);
        byte[] pcm = new byte[(int) frames * format.getFrameSize()];
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, frames);
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            AudioSystem.write(in, type, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
