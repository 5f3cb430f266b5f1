package io.kamaros.app.diff;

import org.jspecify.annotations.Nullable;

/**
 * What a person can tell about a file Kamaros cannot show as text: a picture's size, a PDF's pages, title and
 * author, a recording's length, sample rate and channels. {@link #of} reads only the first bytes (a header
 * prefix of a file too large to load) and gives what those bytes tell reliably; {@link Preview#read} adds what
 * needs a full reader (PDFBox for PDFs, javax.sound for WAV/AIFF/AU, ImageIO for picture sizes) in the background.
 * Every read here is bounds-checked and every loop moves forward a bounded number of times, so a damaged,
 * truncated or hostile header gives fewer facts, never a hang or a half-right number.
 * <p>The few picture, FLAC, Ogg and MP3 header fields are read by hand: no library reads them from a byte
 * prefix without the whole file, and they are fixed-layout fields at known offsets.
 *
 * @param kind       what sort of file it is
 * @param format     the format's usual name ("PNG", "PDF", "WAV", "MP3", …)
 * @param width      pixels, or -1
 * @param height     pixels, or -1
 * @param pages      a PDF's page count, or -1
 * @param title      a PDF's title, or null
 * @param author     a PDF's author, or null
 * @param seconds    a recording's length, or -1
 * @param sampleRate samples per second, or -1
 * @param channels   1 mono, 2 stereo, …, or -1
 */
public record FileFacts(Kind kind, String format, int width, int height, int pages, @Nullable String title,
                        @Nullable String author, double seconds, int sampleRate, int channels) {
    /** The sorts of files with facts worth showing. */
    public enum Kind { IMAGE, PDF, AUDIO }

    /** An Ogg page is at most 65,307 bytes, so the last page header is within this many bytes of the end. */
    private static final int OGG_TAIL = 65_536 + 282;
    /** How far after an ID3 tag an MP3's first frame may start. */
    private static final int MP3_SYNC_REACH = 64 * 1024;
    private static final int MAX_CHUNKS = 1_000;

    /** The facts found in the whole file {@code b}, or null when it is none of the known kinds (or too damaged to tell). */
    public static @Nullable FileFacts of(byte @Nullable [] b) {
        return b == null ? null : of(b, b.length);
    }

    /**
     * The facts the first bytes {@code head} of a file of {@code size} bytes tell, or null when it is none of the
     * known kinds. Facts that need the file's end (an Ogg recording's length) are given only when head is all of it.
     */
    public static @Nullable FileFacts of(byte[] head, long size) {
        byte[] b = head;
        if (b.length < 4) {
            return null;
        }
        if (startsWith(b, 0, "%PDF-")) {
            return new FileFacts(Kind.PDF, "PDF", -1, -1, -1, null, null, -1, -1, -1); // PDFBox reads the rest
        }
        String image = ContentSniffer.imageFormat(b);
        if (image != null) {
            return image(b, image);
        }
        if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WEBP")) {
            return webp(b);
        }
        if (startsWith(b, 0, "II*\0") || startsWith(b, 0, "MM\0*")) {
            return picture("TIFF", -1, -1); // its size sits anywhere in the file: ImageIO reads it
        }
        // javax.sound reads these three (Preview): their numbers depend on chunks a header check cannot trust
        if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WAVE")) {
            return sound("WAV", -1, -1, -1);
        }
        if (startsWith(b, 0, "FORM") && (startsWith(b, 8, "AIFF") || startsWith(b, 8, "AIFC"))) {
            return sound("AIFF", -1, -1, -1);
        }
        if (startsWith(b, 0, ".snd")) {
            return sound("AU", -1, -1, -1);
        }
        if (startsWith(b, 0, "fLaC")) {
            return flac(b);
        }
        if (startsWith(b, 0, "OggS")) {
            return ogg(b, b.length == size);
        }
        return mp3(b);
    }

    private static FileFacts picture(String format, long width, long height) {
        boolean known = width > 0 && height > 0 && width <= Integer.MAX_VALUE && height <= Integer.MAX_VALUE;
        return new FileFacts(Kind.IMAGE, format, known ? (int) width : -1, known ? (int) height : -1, -1, null, null, -1, -1, -1);
    }

    private static FileFacts sound(String format, double seconds, long sampleRate, long channels) {
        boolean rateKnown = sampleRate > 0 && sampleRate <= 10_000_000;
        boolean channelsKnown = channels > 0 && channels <= 255;
        boolean lengthKnown = seconds >= 0 && Double.isFinite(seconds);
        return new FileFacts(Kind.AUDIO, format, -1, -1, -1, null, null, lengthKnown ? seconds : -1,
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

    // ------------------------------------------------------------------ audio

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

    private static FileFacts ogg(byte[] b, boolean whole) {
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
        for (int i = whole ? b.length - 4 : -1; i >= Math.max(0, b.length - OGG_TAIL); i--) {
            if (startsWith(b, i, "OggS") && i + 14 <= b.length) {
                granule = le64(b, i + 6);
                break;
            }
        }
        double seconds = granule > preSkip && granuleRate > 0 ? (double) (granule - preSkip) / granuleRate : -1;
        return sound(format, seconds, rate, channels);
    }

    /**
     * MPEG audio layer III: the first frame header (right at the start, or after an ID3v2 tag), then the
     * Xing/Info frame count when there is one. Without it the length is not given: a length from the first
     * frame's bit rate is wrong for every variable-bit-rate file.
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
}
