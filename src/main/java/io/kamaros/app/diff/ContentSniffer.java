package io.kamaros.app.diff;

import io.kamaros.engine.model.TextEncoding;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Tells text from images from other binaries, and decodes text. Pure Java, no JavaFX. */
final class ContentSniffer {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private ContentSniffer() {
    }

    /** Decoded text plus how it was stored, so "only the line endings changed" can be told apart. */
    record DecodedText(String text, String encoding, boolean bom, String lineEnding, boolean finalNewline) {
        List<String> lines() {
            return splitLines(text);
        }
    }

    /** PNG, JPEG, GIF or BMP by magic number (what javafx.scene.image.Image can decode), else null. */
    static @Nullable String imageFormat(byte @Nullable [] b) {
        if (b == null) {
            return null;
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "PNG";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "JPEG";
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return "GIF";
        }
        // "BM" alone is too weak (a text file may start with it): also require the header size field.
        if (b.length >= 26 && b[0] == 'B' && b[1] == 'M' && b[14] >= 12 && b[15] == 0 && b[16] == 0 && b[17] == 0) {
            return "BMP";
        }
        return null;
    }

    /** An image-looking name, used when the bytes are empty or damaged so we still say "image". */
    static boolean hasImageExtension(@Nullable String path) {
        if (path == null) {
            return false;
        }
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith(".png") || p.endsWith(".jpg") || p.endsWith(".jpeg") || p.endsWith(".gif") || p.endsWith(".bmp");
    }

    /**
     * Whether a file's first bytes (possibly cut inside a character) are text: a byte-order mark says so, else
     * {@link #decodeText} decides (its last resort, Windows-1252, decodes a cut UTF-8 character too).
     */
    static boolean looksLikeText(byte[] head) {
        boolean bom = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF
                || head.length >= 2 && ((head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF
                        || (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE);
        return bom || decodeText(head) != null;
    }

    /**
     * Decodes {@code b} as text, or returns null for binary content. A BOM decides the charset;
     * without one, any NUL byte means binary (as git does), then strict UTF-8; bytes that are not UTF-8
     * but have almost no control characters are old 8-bit text (decoded as Windows-1252).
     */
    static @Nullable DecodedText decodeText(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return strict(b, 3, StandardCharsets.UTF_8, "UTF-8", true);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return strict(b, 2, StandardCharsets.UTF_16BE, "UTF-16BE", true);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return strict(b, 2, StandardCharsets.UTF_16LE, "UTF-16LE", true);
        }
        int controls = 0;
        for (byte x : b) {
            if (x == 0) {
                return null;
            }
            if (x > 0 && x < 0x20 && x != '\n' && x != '\r' && x != '\t' && x != '\f' && x != 0x1b) {
                controls++;
            }
        }
        // Real text has next to no control characters; compressed or encoded data has many.
        if (controls > Math.max(2, b.length / 100)) {
            return null;
        }
        DecodedText utf8 = strict(b, 0, StandardCharsets.UTF_8, "UTF-8", false);
        if (utf8 != null) {
            return utf8;
        }
        // Which 8-bit encoding: the engine's detector (windows-1250, ISO-8859-1, ...), as it saved the file.
        String engine = TextEncoding.detect(b, b.length);
        if (engine != null && !engine.startsWith("utf")) {
            String label = engine.startsWith("windows-") ? "W" + engine.substring(1) : engine.toUpperCase(Locale.ROOT);
            DecodedText t = strict(b, 0, Charset.forName(engine), label, false);
            if (t != null) {
                return t;
            }
        }
        return strict(b, 0, WINDOWS_1252, "Windows-1252", false);
    }

    private static @Nullable DecodedText strict(byte[] b, int offset, Charset cs, String name, boolean bom) {
        CharsetDecoder decoder = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(b, offset, b.length - offset));
            String text = chars.toString();
            if (bom && text.indexOf('\0') >= 0 && cs == StandardCharsets.UTF_8) {
                return null;
            }
            return new DecodedText(text, name, bom, lineEnding(text), text.endsWith("\n") || text.endsWith("\r"));
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** "LF", "CRLF", "CR", "mixed" or "" (no line breaks). */
    static String lineEnding(String text) {
        boolean lf = false;
        boolean crlf = false;
        boolean cr = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    crlf = true;
                    i++;
                } else {
                    cr = true;
                }
            } else if (c == '\n') {
                lf = true;
            }
        }
        int kinds = (lf ? 1 : 0) + (crlf ? 1 : 0) + (cr ? 1 : 0);
        if (kinds > 1) {
            return "mixed";
        }
        return lf ? "LF" : crlf ? "CRLF" : cr ? "CR" : "";
    }

    /** Lines without their terminators; a final line break does not add an empty last line. */
    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < n) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
