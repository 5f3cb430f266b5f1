package io.kamaros.engine.model;

import org.jspecify.annotations.Nullable;
import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import io.kamaros.engine.project.ContentStore;

/**
 * Tells text from binary and names the text's encoding. Text is only ever read to decide this:
 * the bytes are stored, patched and restored exactly as they are, whatever the encoding.
 *
 * <ol>
 *   <li>A UTF-16 byte order mark: UTF-16LE / UTF-16BE, if the rest decodes strictly and holds no
 *       NUL and next to no control characters.</li>
 *   <li>A NUL in the first 8 KiB: binary (as git decides).</li>
 *   <li>Strict UTF-8 (with or without its BOM): {@code utf-8}.</li>
 *   <li>Otherwise, if the bytes have no NUL and next to no control characters, ICU4J's
 *       {@link CharsetDetector} names a legacy encoding (windows-1250, ISO-8859-1, windows-1252, ...);
 *       it is accepted only when the bytes decode strictly in it to text without control
 *       characters. Short text the detector cannot place (a few accented words) is taken as
 *       windows-1252 when most of it is ASCII.</li>
 * </ol>
 * Anything else is binary. Compressed, encrypted, image and executable data fail the NUL or
 * control-character tests, so binary is not labelled text.
 */
public final class TextEncoding {
    public static final String UTF_8 = "utf-8";
    /**
     * The detector's minimum confidence (0-100) for mostly-ASCII text (which is text anyway: the
     * detector only picks the best 8-bit encoding), and for mostly non-ASCII or multi-byte text.
     */
    private static final int MIN_CONFIDENCE = 10;
    private static final int MIN_CONFIDENCE_MULTIBYTE = 50;
    private static final int PROBE = 8192;
    private static final int DETECTOR_SAMPLE = 64 * 1024;
    private static final Set<String> MULTIBYTE = Set.of("Shift_JIS", "EUC-JP", "EUC-KR", "GB18030", "Big5", "ISO-2022-JP",
            "ISO-2022-KR", "ISO-2022-CN");

    private TextEncoding() {
    }

    /** The encoding of {@code data[0, length)} as a lowercase Java charset name, or null for binary. */
    public static @Nullable String detect(byte[] data, int length) {
        if (length > ContentStore.MAX_DIFF_BYTES) {
            return null;
        }
        if (length >= 2 && (data[0] & 0xff) == 0xFF && (data[1] & 0xff) == 0xFE) {
            return utf16(data, length, StandardCharsets.UTF_16LE);
        }
        if (length >= 2 && (data[0] & 0xff) == 0xFE && (data[1] & 0xff) == 0xFF) {
            return utf16(data, length, StandardCharsets.UTF_16BE);
        }
        int probe = Math.min(length, PROBE);
        for (int i = 0; i < probe; i++) {
            if (data[i] == 0) {
                return null;
            }
        }
        if (decodes(data, 0, length, StandardCharsets.UTF_8) != null) {
            return UTF_8;
        }
        return legacy(data, length);
    }

    /** {@code data} decoded as the text it is (a byte order mark left out), or null for binary. */
    public static @Nullable String decode(byte[] data) {
        String encoding = detect(data, data.length);
        if (encoding == null) {
            return null;
        }
        int bom = encoding.startsWith("utf-16") ? 2
                : encoding.equals(UTF_8) && data.length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB
                && (data[2] & 0xff) == 0xBF ? 3 : 0;
        return new String(data, bom, data.length - bom, Charset.forName(encoding));
    }

    private static @Nullable String utf16(byte[] data, int length, Charset cs) {
        if (length % 2 != 0) {
            return null;
        }
        String text = decodes(data, 2, length - 2, cs);
        return text != null && text.indexOf('\0') < 0 && fewControls(text) ? cs.name().toLowerCase(Locale.ROOT) : null;
    }

    private static @Nullable String legacy(byte[] data, int length) {
        // Real text has next to no control characters; compressed or encoded data has many.
        int maxControls = length / 200;
        int controls = 0;
        int high = 0;
        for (int i = 0; i < length; i++) {
            int b = data[i] & 0xff;
            if (b == 0) {
                return null;
            }
            if ((b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1b) || b == 0x7f) {
                if (++controls > maxControls) {
                    return null;
                }
            } else if (b >= 0x80) {
                high++;
            }
        }
        // Mostly non-ASCII bytes (Cyrillic, Greek ... or random data): only a confident guess is text.
        boolean mostlyHigh = high * 10 > length * 3;
        byte[] whole = length == data.length ? data : Arrays.copyOf(data, length);
        // The detector reads a 64 KiB sample (it runs some 30 recognisers over what it is given); the
        // encoding it names must then decode the whole file.
        CharsetDetector detector = new CharsetDetector();
        detector.setText(whole.length <= DETECTOR_SAMPLE ? whole : Arrays.copyOf(whole, DETECTOR_SAMPLE));
        for (CharsetMatch m : detector.detectAll()) {
            boolean multibyte = MULTIBYTE.contains(m.getName());
            if (m.getConfidence() < (multibyte || mostlyHigh ? MIN_CONFIDENCE_MULTIBYTE : MIN_CONFIDENCE)) {
                break; // matches come best first
            }
            if (m.getName().startsWith("UTF-") || m.getName().startsWith("IBM")) {
                continue; // UTF-8 failed above; UTF-16/32 without a BOM and EBCDIC are not taken from a guess
            }
            String name = withC1(m.getName(), whole);
            if (Charset.isSupported(name) && acceptable(whole, Charset.forName(name))) {
                return Charset.forName(name).name().toLowerCase(Locale.ROOT);
            }
        }
        // Short text the detector cannot place: mostly ASCII with a few accented letters.
        if (!mostlyHigh && acceptable(whole, Charset.forName("windows-1252"))) {
            return "windows-1252";
        }
        return null;
    }

    /** ISO-8859-1/-2 text using bytes 0x80-0x9F is the Windows variant (those are control codes in ISO). */
    private static String withC1(String name, byte[] data) {
        if (!name.equals("ISO-8859-1") && !name.equals("ISO-8859-2")) {
            return name;
        }
        for (byte b : data) {
            int v = b & 0xff;
            if (v >= 0x80 && v <= 0x9f) {
                return name.equals("ISO-8859-1") ? "windows-1252" : "windows-1250";
            }
        }
        return name;
    }

    private static boolean acceptable(byte[] data, Charset cs) {
        String text = decodes(data, 0, data.length, cs);
        if (text == null || !fewControls(text)) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 0x80 && c <= 0x9f) || c == '\uFFFD') {
                return false;
            }
        }
        return true;
    }

    private static boolean fewControls(CharSequence text) {
        int controls = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b) {
                controls++;
            }
        }
        return controls <= Math.max(2, text.length() / 100);
    }

    private static @Nullable String decodes(byte[] data, int offset, int length, Charset cs) {
        try {
            CharBuffer chars = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, offset, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
