package io.kamaros.app.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Facts from headers of pictures, PDFs and recordings; damaged and hostile files give fewer facts, never a hang. */
class FileFactsTest {

    @Test
    void picturesGiveTheirSize() {
        assertThat(FileFacts.of(DiffSamples.solid(120, 80, 0xff336699, -1, -1, 0))).satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FileFacts.Kind.IMAGE);
            assertThat(f.format()).isEqualTo("PNG");
            assertThat(f.width()).isEqualTo(120);
            assertThat(f.height()).isEqualTo(80);
        });
        byte[] gif = ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN).put("GIF89a".getBytes(StandardCharsets.US_ASCII))
                .putShort((short) 640).putShort((short) 480).array();
        assertThat(FileFacts.of(gif)).extracting(FileFacts::width, FileFacts::height).containsExactly(640, 480);
        byte[] photo = DiffSamples.encode(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB), "jpg");
        assertThat(FileFacts.of(photo)).extracting(FileFacts::width, FileFacts::height).containsExactly(300, 200);
        assertThat(FileFacts.of(jpeg(1920, 1080))).extracting(FileFacts::format, FileFacts::width, FileFacts::height)
                .containsExactly("JPEG", 1920, 1080);
    }

    @Test
    void aPdfIsRecognisedAndLeftToPdfBox() {
        // pages, title and author come from PDFBox (PreviewTest); the header only says what it is
        FileFacts f = FileFacts.of("%PDF-1.7\n<< /Type /Pages /Count 12 >>".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(f).extracting(FileFacts::kind, FileFacts::format, FileFacts::pages)
                .containsExactly(FileFacts.Kind.PDF, "PDF", -1);
    }

    @Test
    void recordingsGiveLengthRateAndChannels() {
        // WAV, AIFF and AU are recognised here and read by javax.sound (PreviewTest)
        assertThat(FileFacts.of(wav(44_100, 2, 16, 400))).extracting(FileFacts::kind, FileFacts::format, FileFacts::sampleRate)
                .containsExactly(FileFacts.Kind.AUDIO, "WAV", -1);

        FileFacts flac = FileFacts.of(flac(48_000, 1, 48_000L * 90));
        assertThat(flac).extracting(FileFacts::format, FileFacts::sampleRate, FileFacts::channels)
                .containsExactly("FLAC", 48_000, 1);
        assertThat(flac.seconds()).isCloseTo(90.0, within(0.001));

        FileFacts ogg = FileFacts.of(oggVorbis(22_050, 2, 22_050L * 61));
        assertThat(ogg).extracting(FileFacts::format, FileFacts::sampleRate, FileFacts::channels)
                .containsExactly("Ogg Vorbis", 22_050, 2);
        assertThat(ogg.seconds()).isCloseTo(61.0, within(0.001));

        FileFacts mp3 = FileFacts.of(mp3WithXing(1000));
        assertThat(mp3).extracting(FileFacts::format, FileFacts::sampleRate, FileFacts::channels)
                .containsExactly("MP3", 44_100, 2);
        assertThat(mp3.seconds()).isCloseTo(1000 * 1152 / 44_100.0, within(0.001));
    }

    @Test
    void lengthsThatWouldBeGuessesAreNotGiven() {
        // an MP3 without a Xing/Info frame count: its length from the bit rate is wrong for variable bit rates
        byte[] plain = mp3WithXing(1000);
        System.arraycopy(new byte[4], 0, plain, 10 + 20 + 4 + 32, 4);
        assertThat(FileFacts.of(plain)).extracting(FileFacts::format, FileFacts::sampleRate, FileFacts::channels, FileFacts::seconds)
                .containsExactly("MP3", 44_100, 2, -1.0);
        // an Ogg recording's length is in its last page: the first bytes of a large file do not have it
        byte[] ogg = oggVorbis(22_050, 2, 22_050L * 61);
        FileFacts prefix = FileFacts.of(Arrays.copyOf(ogg, 1000), ogg.length);
        assertThat(prefix).extracting(FileFacts::sampleRate, FileFacts::seconds).containsExactly(22_050, -1.0);
    }

    @Test
    @Timeout(20)
    void truncatedHeadersNeverThrowAndGiveFewerFacts() {
        byte[][] samples = {DiffSamples.solid(10, 10, 0xff336699, -1, -1, 0), jpeg(300, 200), wav(44_100, 2, 16, 1000), flac(48_000, 2, 1000),
            oggVorbis(44_100, 2, 44_100), mp3WithXing(10), "%PDF-1.4 << /Type /Pages /Count 7 >> << /Title (x".getBytes(
                    StandardCharsets.ISO_8859_1)};
        for (byte[] sample : samples) {
            for (int n = 0; n <= sample.length; n++) {
                FileFacts f = FileFacts.of(Arrays.copyOf(sample, n));
                if (f != null) {
                    assertThat(f.width()).isGreaterThanOrEqualTo(-1);
                    assertThat(f.seconds()).isGreaterThanOrEqualTo(-1);
                }
            }
        }
    }

    @Test
    @Timeout(20)
    void hostileHeadersAreSafe() {
        Random random = new Random(14);
        for (String magic : new String[] {"%PDF-", "RIFF\0\0\0\0WAVE", "fLaC", "OggS", "ID3", "\u00ff\u00fb", "\u0089PNG\r\n\u001a\n",
            "\u00ff\u00d8\u00ff", "RIFF\0\0\0\0WEBPVP8X"}) {
            for (int round = 0; round < 200; round++) {
                byte[] b = new byte[random.nextInt(200)];
                random.nextBytes(b);
                byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
                byte[] withMagic = new byte[m.length + b.length];
                System.arraycopy(m, 0, withMagic, 0, m.length);
                System.arraycopy(b, 0, withMagic, m.length, b.length);
                FileFacts.of(withMagic); // must return, not throw or spin
            }
        }
        // and a JPEG of endless fill bytes
        byte[] fill = new byte[5_000_000];
        Arrays.fill(fill, (byte) 0xff);
        fill[1] = (byte) 0xd8;
        assertThat(FileFacts.of(fill)).extracting(FileFacts::format, FileFacts::width).containsExactly("JPEG", -1);
        assertThat(FileFacts.of(new byte[] {1, 2, 3})).isNull();
        assertThat(FileFacts.of(new byte[1000])).isNull();
    }

    // ------------------------------------------------------------------ tiny files built byte by byte

    private static byte[] jpeg(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0}).putShort((short) 16)
                .put("JFIF\0".getBytes(StandardCharsets.US_ASCII)).put(new byte[9])
                .put(new byte[] {(byte) 0xff, (byte) 0xc0}).putShort((short) 17).put((byte) 8)
                .putShort((short) height).putShort((short) width).put((byte) 3);
        return Arrays.copyOf(b.array(), b.position() + 9);
    }

    static byte[] wav(int rate, int channels, int bits, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) channels)
                .putInt(rate).putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        return b.array();
    }

    private static byte[] flac(int rate, int channels, long samples) {
        byte[] b = new byte[8 + 34 + 16];
        System.arraycopy("fLaC".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        b[4] = (byte) 0x80; // last block, STREAMINFO
        b[7] = 34;
        int s = 8;
        b[s + 10] = (byte) (rate >> 12);
        b[s + 11] = (byte) (rate >> 4);
        b[s + 12] = (byte) (((rate & 0xf) << 4) | ((channels - 1) << 1));
        b[s + 13] = (byte) ((15 << 4) | (int) ((samples >> 32) & 0xf)); // 16 bits per sample
        ByteBuffer.wrap(b, s + 14, 4).putInt((int) samples);
        return b;
    }

    private static byte[] oggVorbis(int rate, int channels, long lastGranule) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer first = ByteBuffer.allocate(27 + 1 + 30).order(ByteOrder.LITTLE_ENDIAN);
        first.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 2).putLong(0).putInt(1).putInt(0)
                .putInt(0).put((byte) 1).put((byte) 30).put((byte) 1).put("vorbis".getBytes(StandardCharsets.US_ASCII))
                .putInt(0).put((byte) channels).putInt(rate);
        out.writeBytes(first.array());
        out.writeBytes(new byte[5000]); // audio pages, unparsed
        ByteBuffer last = ByteBuffer.allocate(27 + 1 + 10).order(ByteOrder.LITTLE_ENDIAN);
        last.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 4).putLong(lastGranule).putInt(1)
                .putInt(9).putInt(0).put((byte) 1).put((byte) 10);
        out.writeBytes(last.array());
        return out.toByteArray();
    }

    private static byte[] mp3WithXing(int frames) {
        ByteBuffer b = ByteBuffer.allocate(10 + 20 + 4 + 32 + 16 + 400);
        b.put("ID3".getBytes(StandardCharsets.US_ASCII)).put((byte) 4).put((byte) 0).put((byte) 0).put(new byte[] {0, 0, 0, 20})
                .put(new byte[20]); // a 20-byte tag
        b.put(new byte[] {(byte) 0xff, (byte) 0xfb, (byte) 0x90, (byte) 0x00}); // MPEG 1 layer III, 128 kbps, 44.1 kHz, stereo
        b.put(new byte[32]); // side information
        b.put("Xing".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(frames);
        return b.array();
    }
}
