package io.kamaros.app.diff;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * What a person can tell about a file Kamaros cannot show: a picture's size, a PDF's pages and title, a
 * recording's length, sample rate and channels. Read from the file's header only (and, for PDF and Ogg,
 * a bounded scan), so a damaged, truncated or hostile file gives fewer facts, never a hang: every read is
 * bounds-checked and every loop moves forward a bounded number of times.
 * <p>Written by hand on purpose: the libraries that read these headers (PDFBox, Tika, jaudiotagger) are tens of
 * megabytes and parse whole files; a viewer that only needs a few numbers from the first bytes does not need them.
 *
 * @param kind       what sort of file it is
 * @param format     the format's usual name ("PNG", "PDF", "WAV", "MP3", …)
 * @param width      pixels, or -1
 * @param height     pixels, or -1
 * @param pages      a PDF's page count, or -1
 * @param title      a PDF's title, or null
 * @param seconds    a recording's length, or -1
 * @param sampleRate samples per second, or -1
 * @param channels   1 mono, 2 stereo, …, or -1
 */
public record FileFacts(Kind kind, String format, int width, int height, int pages, @Nullable String title,
                        double seconds, int sampleRate, int channels) {
    /** The sorts of files with facts worth showing. */
    public enum Kind { IMAGE, PDF, AUDIO }

    /** How far into a PDF's dictionaries to look for a /Count or a /Title's text. */
    private static final int PDF_DICT_REACH = 512;
    private static final int PDF_TITLE_MAX = 300;
    /** An Ogg page is at most 65,307 bytes, so the last page header is within this many bytes of the end. */
    private static final int OGG_TAIL = 65_536 + 282;
    /** How far after an ID3 tag an MP3's first frame may start. */
    private static final int MP3_SYNC_REACH = 64 * 1024;
    private static final int MAX_CHUNKS = 1_000;

    /** The facts found in {@code b}, or null when it is none of the known kinds (or too damaged to tell). */
    public static @Nullable FileFacts of(byte @Nullable [] b) {
        if (b == null || b.length < 4) {
            return null;
        }
        if (startsWith(b, 0, "%PDF-")) {
            return pdf(b);
        }
        String image = ContentSniffer.imageFormat(b);
        if (image != null) {
            return image(b, image);
        }
        if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WEBP")) {
            return webp(b);
        }
        if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WAVE")) {
            return wav(b);
        }
        if (startsWith(b, 0, "fLaC")) {
            return flac(b);
        }
        if (startsWith(b, 0, "OggS")) {
            return ogg(b);
        }
        return mp3(b);
    }

    private static FileFacts picture(String format, long width, long height) {
        boolean known = width > 0 && height > 0 && width <= Integer.MAX_VALUE && height <= Integer.MAX_VALUE;
        return new FileFacts(Kind.IMAGE, format, known ? (int) width : -1, known ? (int) height : -1, -1, null, -1, -1, -1);
    }

    private static FileFacts sound(String format, double seconds, long sampleRate, long channels) {
        boolean rateKnown = sampleRate > 0 && sampleRate <= 10_000_000;
        boolean channelsKnown = channels > 0 && channels <= 255;
        boolean lengthKnown = seconds >= 0 && Double.isFinite(seconds);
        return new FileFacts(Kind.AUDIO, format, -1, -1, -1, null, lengthKnown ? seconds : -1,
                rateKnown ? (int) sampleRate : -1, channelsKnown ? (int) channels : -1);
    }

    // ------------------------------------------------------------------ pictures

    private static FileFacts image(byte[] b, String format) {
        return switch (format) {
            case "PNG" -> startsWith(b, 12, "IHDR") ? picture(format, be32(b, 16), be32(b, 20)) : picture(format, -1, -1);
            case "GIF" -> picture(format, le16(b, 6), le16(b, 8));
            case "BMP" -> picture(format, le32(b, 18), Math.abs((long) (int) le32(b, 22)));
            case "JPEG" -> jpeg(b);
            default -> picture(format, -1, -1);
        };
    }

    /** Walks the JPEG's segments to the frame header (SOFn) that holds the size. */
    private static FileFacts jpeg(byte[] b) {
        int i = 2;
        for (int steps = 0; steps < MAX_CHUNKS * 10 && i + 9 < b.length; steps++) {
            if ((b[i] & 0xff) != 0xff) {
                break;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++; // fill byte
                continue;
            }
            boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (frame) {
                return picture("JPEG", be16(b, i + 7), be16(b, i + 5));
            }
            if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                i += 2;
                continue;
            }
            long length = be16(b, i + 2);
            if (length < 2) {
                break;
            }
            i += 2 + (int) length;
        }
        return picture("JPEG", -1, -1);
    }

    private static FileFacts webp(byte[] b) {
        if (startsWith(b, 12, "VP8X")) {
            return picture("WebP", le24(b, 24) + 1, le24(b, 27) + 1);
        }
        if (startsWith(b, 12, "VP8L") && u8(b, 20) == 0x2f) {
            long bits = le32(b, 21);
            return bits < 0 ? picture("WebP", -1, -1) : picture("WebP", (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
        }
        if (startsWith(b, 12, "VP8 ")) {
            long w = le16(b, 26);
            long h = le16(b, 28);
            return picture("WebP", w < 0 ? -1 : w & 0x3fff, h < 0 ? -1 : h & 0x3fff);
        }
        return picture("WebP", -1, -1);
    }

    // ------------------------------------------------------------------ PDF

    /**
     * The page count is the largest {@code /Count} of a {@code /Type /Pages} dictionary (the root one
     * counts every page); PDFs that keep their dictionaries compressed (object streams) give none.
     */
    private static FileFacts pdf(byte[] b) {
        long pages = -1;
        byte[] type = "/Type".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = indexOf(b, type, 0); i >= 0; i = indexOf(b, type, i + type.length)) {
            int j = skipSpace(b, i + type.length);
            if (!startsWith(b, j, "/Pages")) {
                continue;
            }
            int dictStart = Math.max(0, i - PDF_DICT_REACH);
            int count = indexOf(b, "/Count".getBytes(StandardCharsets.ISO_8859_1), dictStart, Math.min(b.length, i + PDF_DICT_REACH));
            if (count >= 0) {
                pages = Math.max(pages, number(b, skipSpace(b, count + 6)));
            }
        }
        int t = indexOf(b, "/Title".getBytes(StandardCharsets.ISO_8859_1), 0);
        String title = t < 0 ? null : pdfString(b, skipSpace(b, t + 6));
        return new FileFacts(Kind.PDF, "PDF", -1, -1, pages > 0 && pages < Integer.MAX_VALUE ? (int) pages : -1,
                title == null || title.isBlank() ? null : title.strip(), -1, -1, -1);
    }

    /** A literal {@code (…)} or hex {@code <…>} string: PDFDocEncoding (read as Latin-1) or UTF-16 with a BOM. */
    private static @Nullable String pdfString(byte[] b, int i) {
        if (i >= b.length) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (b[i] == '(') {
            int depth = 1;
            for (int k = i + 1; k < b.length && out.size() < PDF_TITLE_MAX * 2; k++) {
                int c = b[k] & 0xff;
                if (c == '\\' && k + 1 < b.length) {
                    k++;
                    int e = b[k] & 0xff;
                    switch (e) {
                        case 'n' -> out.write('\n');
                        case 'r' -> out.write('\r');
                        case 't' -> out.write('\t');
                        case 'b', 'f' -> { }
                        default -> {
                            if (e >= '0' && e <= '7') {
                                int v = e - '0';
                                for (int d = 0; d < 2 && k + 1 < b.length && b[k + 1] >= '0' && b[k + 1] <= '7'; d++) {
                                    v = v * 8 + (b[++k] - '0');
                                }
                                out.write(v & 0xff);
                            } else if (e != '\n' && e != '\r') {
                                out.write(e);
                            }
                        }
                    }
                    continue;
                }
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    break;
                }
                out.write(c);
            }
        } else if (b[i] == '<' && (i + 1 >= b.length || b[i + 1] != '<')) {
            int high = -1;
            for (int k = i + 1; k < b.length && b[k] != '>' && out.size() < PDF_TITLE_MAX * 2; k++) {
                int v = Character.digit(b[k] & 0xff, 16);
                if (v < 0) {
                    continue;
                }
                if (high < 0) {
                    high = v;
                } else {
                    out.write(high * 16 + v);
                    high = -1;
                }
            }
        } else {
            return null;
        }
        byte[] raw = out.toByteArray();
        String text = raw.length >= 2 && (raw[0] & 0xff) == 0xfe && (raw[1] & 0xff) == 0xff
                ? new String(raw, 2, raw.length - 2, StandardCharsets.UTF_16BE)
                : new String(raw, StandardCharsets.ISO_8859_1);
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > PDF_TITLE_MAX ? clean.substring(0, PDF_TITLE_MAX) + "…" : clean;
    }

    // ------------------------------------------------------------------ audio

    private static FileFacts wav(byte[] b) {
        long channels = -1;
        long rate = -1;
        long byteRate = -1;
        double seconds = -1;
        int i = 12;
        for (int n = 0; n < MAX_CHUNKS && i + 8 <= b.length; n++) {
            long size = le32(b, i + 4);
            if (size < 0) {
                break;
            }
            if (startsWith(b, i, "fmt ") && size >= 16) {
                channels = le16(b, i + 10);
                rate = le32(b, i + 12);
                byteRate = le32(b, i + 16);
            } else if (startsWith(b, i, "data")) {
                long present = Math.min(size, b.length - (i + 8L)); // a cut-off file holds less than it says
                if (byteRate > 0) {
                    seconds = (double) present / byteRate;
                }
                break;
            }
            long next = i + 8L + size + (size & 1);
            if (next > b.length) {
                break;
            }
            i = (int) next;
        }
        return sound("WAV", seconds, rate, channels);
    }

    private static FileFacts flac(byte[] b) {
        if ((u8(b, 4) & 0x7f) != 0 || b.length < 8 + 18) {
            return sound("FLAC", -1, -1, -1);
        }
        int s = 8; // STREAMINFO: rate 20 bits, channels-1 3 bits, bits-1 5 bits, samples 36 bits
        long rate = ((long) u8(b, s + 10) << 12) | (u8(b, s + 11) << 4) | (u8(b, s + 12) >> 4);
        long channels = ((u8(b, s + 12) >> 1) & 0x7) + 1;
        long samples = ((long) (u8(b, s + 13) & 0x0f) << 32) | be32(b, s + 14);
        return sound("FLAC", rate > 0 && samples > 0 ? (double) samples / rate : -1, rate, channels);
    }

    private static FileFacts ogg(byte[] b) {
        int segments = u8(b, 26);
        int p = 27 + Math.max(0, segments);
        long channels = -1;
        long rate = -1;
        long preSkip = 0;
        long granuleRate;
        String format;
        if (u8(b, p) == 0x01 && startsWith(b, p + 1, "vorbis")) {
            format = "Ogg Vorbis";
            channels = u8(b, p + 11);
            rate = le32(b, p + 12);
            granuleRate = rate;
        } else if (startsWith(b, p, "OpusHead")) {
            format = "Ogg Opus";
            channels = u8(b, p + 9);
            preSkip = Math.max(0, le16(b, p + 10));
            rate = le32(b, p + 12);
            granuleRate = 48_000; // Opus always counts at 48 kHz
        } else {
            return sound("Ogg", -1, -1, -1);
        }
        long granule = -1;
        for (int i = b.length - 4; i >= Math.max(0, b.length - OGG_TAIL); i--) {
            if (startsWith(b, i, "OggS") && i + 14 <= b.length) {
                granule = le64(b, i + 6);
                break;
            }
        }
        double seconds = granule > preSkip && granuleRate > 0 ? (double) (granule - preSkip) / granuleRate : -1;
        return sound(format, seconds, rate, channels);
    }

    private static final int[] MP3_V1_BITRATES = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    private static final int[] MP3_V2_BITRATES = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};

    /**
     * MPEG audio layer III: the first frame header (right at the start, or after an ID3v2 tag), then the
     * Xing/Info frame count when there is one, else the length from the bit rate.
     */
    private static @Nullable FileFacts mp3(byte[] b) {
        int start = 0;
        boolean tagged = startsWith(b, 0, "ID3") && b.length >= 10;
        if (tagged) {
            long size = (u8(b, 6) & 0x7fL) << 21 | (u8(b, 7) & 0x7fL) << 14 | (u8(b, 8) & 0x7fL) << 7 | (u8(b, 9) & 0x7fL);
            long after = 10 + size + ((u8(b, 5) & 0x10) != 0 ? 10 : 0);
            if (after >= b.length) {
                return sound("MP3", -1, -1, -1);
            }
            start = (int) after;
        }
        int reach = tagged ? Math.min(b.length - 4, start + MP3_SYNC_REACH) : start;
        for (int i = start; i <= reach && i + 4 <= b.length; i++) {
            FileFacts f = mp3Frame(b, i);
            if (f != null) {
                return f;
            }
        }
        return tagged ? sound("MP3", -1, -1, -1) : null;
    }

    private static @Nullable FileFacts mp3Frame(byte[] b, int i) {
        int b1 = u8(b, i + 1);
        if (u8(b, i) != 0xff || (b1 & 0xe0) != 0xe0) {
            return null;
        }
        int version = (b1 >> 3) & 3; // 0: MPEG 2.5, 2: MPEG 2, 3: MPEG 1
        int layer = (b1 >> 1) & 3; // 1: layer III
        int bitrateIndex = u8(b, i + 2) >> 4;
        int rateIndex = (u8(b, i + 2) >> 2) & 3;
        if (version == 1 || layer != 1 || bitrateIndex == 15 || rateIndex == 3) {
            return null;
        }
        int rate = new int[] {44_100, 48_000, 32_000}[rateIndex] / (version == 3 ? 1 : version == 2 ? 2 : 4);
        int kbps = (version == 3 ? MP3_V1_BITRATES : MP3_V2_BITRATES)[bitrateIndex];
        boolean mono = (u8(b, i + 3) >> 6) == 3;
        int samplesPerFrame = version == 3 ? 1152 : 576;
        int sideInfo = version == 3 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        int xing = i + 4 + sideInfo;
        double seconds = -1;
        if ((startsWith(b, xing, "Xing") || startsWith(b, xing, "Info")) && (be32(b, xing + 4) & 1) != 0) {
            long frames = be32(b, xing + 8);
            if (frames > 0) {
                seconds = (double) frames * samplesPerFrame / rate;
            }
        } else if (kbps > 0) {
            seconds = (b.length - i) * 8.0 / (kbps * 1000.0);
        }
        return sound("MP3", seconds, rate, mono ? 1 : 2);
    }

    // ------------------------------------------------------------------ bounds-checked reads (-1 past the end)

    private static int u8(byte[] b, int i) {
        return i >= 0 && i < b.length ? b[i] & 0xff : -1;
    }

    private static long be16(byte[] b, int i) {
        return i >= 0 && i + 2 <= b.length ? (u8(b, i) << 8) | u8(b, i + 1) : -1;
    }

    private static long le16(byte[] b, int i) {
        return i >= 0 && i + 2 <= b.length ? u8(b, i) | (u8(b, i + 1) << 8) : -1;
    }

    private static long le24(byte[] b, int i) {
        return i >= 0 && i + 3 <= b.length ? u8(b, i) | (u8(b, i + 1) << 8) | (u8(b, i + 2) << 16) : -1;
    }

    private static long be32(byte[] b, int i) {
        return i >= 0 && i + 4 <= b.length
                ? ((long) u8(b, i) << 24) | ((long) u8(b, i + 1) << 16) | ((long) u8(b, i + 2) << 8) | u8(b, i + 3) : -1;
    }

    private static long le32(byte[] b, int i) {
        return i >= 0 && i + 4 <= b.length
                ? ((long) u8(b, i + 3) << 24) | ((long) u8(b, i + 2) << 16) | ((long) u8(b, i + 1) << 8) | u8(b, i) : -1;
    }

    /** Little-endian 64 bits; -1 past the end or when the top bit is set (Ogg's "no position"). */
    private static long le64(byte[] b, int i) {
        if (i < 0 || i + 8 > b.length) {
            return -1;
        }
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = (v << 8) | u8(b, i + k);
        }
        return v;
    }

    private static boolean startsWith(byte[] b, int at, String ascii) {
        if (at < 0 || at + ascii.length() > b.length) {
            return false;
        }
        for (int k = 0; k < ascii.length(); k++) {
            if (b[at + k] != (byte) ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte[] what, int from) {
        return indexOf(b, what, from, b.length);
    }

    private static int indexOf(byte[] b, byte[] what, int from, int to) {
        outer:
        for (int i = Math.max(0, from); i + what.length <= to; i++) {
            for (int k = 0; k < what.length; k++) {
                if (b[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int skipSpace(byte[] b, int i) {
        int k = i;
        while (k < b.length && (b[k] == ' ' || b[k] == '\n' || b[k] == '\r' || b[k] == '\t' || b[k] == 0 || b[k] == '\f')) {
            k++;
        }
        return k;
    }

    /** A non-negative decimal number of at most 9 digits at {@code i}, or -1. */
    private static long number(byte[] b, int i) {
        long v = -1;
        for (int k = i; k < b.length && k < i + 9 && b[k] >= '0' && b[k] <= '9'; k++) {
            v = (v < 0 ? 0 : v * 10) + (b[k] - '0');
        }
        return v;
    }
}
