package io.kamaros.engine.objects;

import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.myers.MyersDiffWithLinearSpace;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line-based unified patches in the JCF delta format (spec §1.4, "Rec = Code"): {@code @@ -a[,b] +c[,d] @@}
 * hunks without {@code ---}/{@code +++} file headers, lines prefixed {@code ' '}, {@code '-'},
 * {@code '+'}, the {@code \ No newline at end of file} marker, 3 context lines. The engine stores
 * reverse patches: {@code create(newer, older)} turns the newer text back into the older one.
 *
 * <p>Lines are split after each {@code '\n'} and keep any {@code '\r'}, so CRLF, mixed and
 * unterminated files round-trip byte-exact. Nothing is ever normalised: texts are handled as
 * ISO-8859-1 strings, a 1:1 mapping of bytes to chars, so UTF-8 (even invalid UTF-8) passes through
 * the patch unchanged and the patch file itself is the UTF-8 the peer writes.
 *
 * <p>Application is strict: every context and removed line must match exactly where the hunk says,
 * and the hunk headers must agree with the lines; there is no fuzz and no offset search, because a
 * restore must give the exact old bytes or fail ({@link PatchException}).
 */
public final class ReversePatch {
    private static final int CONTEXT = 3;
    private static final String NO_NEWLINE = "\\ No newline at end of file\n";
    private static final Pattern HUNK = Pattern.compile("@@ -(\\d{1,9})(?:,(\\d{1,9}))? \\+(\\d{1,9})(?:,(\\d{1,9}))? @@[^\\n]*\\n?");

    private ReversePatch() {
    }

    /**
     * The patch turning {@code from} into {@code to}; an empty array when they are equal.
     *
     * <p>java-diff-utils computes the line diff (Myers, linear-space variant so large texts do not
     * need quadratic memory), but its own unified-diff writer is not used: it always writes file
     * headers and works on lines with their terminators stripped, which would lose CR/LF differences
     * and the missing final newline. So the hunks are written here, byte-exact, in the peer's format.
     */
    public static byte[] create(byte[] from, byte[] to) {
        if (Arrays.equals(from, to)) {
            return new byte[0];
        }
        List<String> a = lines(from);
        List<String> b = lines(to);
        List<AbstractDelta<String>> deltas = new ArrayList<>(
                DiffUtils.diff(a, b, new MyersDiffWithLinearSpace<String>()).getDeltas());
        deltas.sort(Comparator.<AbstractDelta<String>>comparingInt(d -> d.getSource().getPosition())
                .thenComparingInt(d -> d.getTarget().getPosition()));

        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < deltas.size()) {
            // One hunk holds every change whose unchanged gap to the previous one is at most
            // 2 * CONTEXT lines (their contexts would touch), as GNU diff and the peer do.
            int j = i;
            while (j + 1 < deltas.size()
                    && deltas.get(j + 1).getSource().getPosition() - end(deltas.get(j).getSource()) <= 2 * CONTEXT) {
                j++;
            }
            Chunk<String> firstSrc = deltas.get(i).getSource();
            Chunk<String> firstTgt = deltas.get(i).getTarget();
            Chunk<String> lastSrc = deltas.get(j).getSource();
            Chunk<String> lastTgt = deltas.get(j).getTarget();
            int aStart = Math.max(0, firstSrc.getPosition() - CONTEXT);
            int aEnd = Math.min(a.size(), end(lastSrc) + CONTEXT);
            int bStart = aStart + (firstTgt.getPosition() - firstSrc.getPosition());
            int bEnd = aEnd + (end(lastTgt) - end(lastSrc));
            out.append("@@ -").append(range(aStart, aEnd - aStart))
                    .append(" +").append(range(bStart, bEnd - bStart)).append(" @@\n");

            int pos = aStart;
            int k = i;
            while (k <= j) {
                // Touching deltas (the linear-space Myers may split a change into an insert and a
                // delete) form one block: all removed lines first, then all added ones.
                int last = k;
                while (last < j && deltas.get(last + 1).getSource().getPosition() == end(deltas.get(last).getSource())) {
                    last++;
                }
                while (pos < deltas.get(k).getSource().getPosition()) {
                    emit(out, ' ', a.get(pos++));
                }
                for (int x = k; x <= last; x++) {
                    for (String line : deltas.get(x).getSource().getLines()) {
                        emit(out, '-', line);
                    }
                }
                for (int x = k; x <= last; x++) {
                    for (String line : deltas.get(x).getTarget().getLines()) {
                        emit(out, '+', line);
                    }
                }
                pos = end(deltas.get(last).getSource());
                k = last + 1;
            }
            while (pos < aEnd) {
                emit(out, ' ', a.get(pos++));
            }
            i = j + 1;
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Applies {@code patch} to {@code base} strictly.
     *
     * @throws PatchException when the patch cannot be parsed or does not match {@code base} exactly
     */
    public static byte[] apply(byte[] base, byte[] patch) {
        if (patch.length == 0) {
            return base.clone();
        }
        List<String> src = lines(base);
        List<String> p = lines(patch);
        Output out = new Output((int) Math.min(Integer.MAX_VALUE - 16, (long) base.length + patch.length));
        int pi = 0;
        // Tolerated for robustness: file headers some tools add before the first hunk.
        while (pi < p.size() && (p.get(pi).startsWith("--- ") || p.get(pi).startsWith("+++ "))) {
            pi++;
        }
        if (pi == p.size()) {
            throw new PatchException("The patch holds no hunk.", Map.of("hunk", 0));
        }
        int cursor = 0;
        int hunkNo = 0;
        while (pi < p.size()) {
            hunkNo++;
            String header = p.get(pi++);
            Matcher m = HUNK.matcher(header);
            if (!m.matches()) {
                throw fail(hunkNo, header, "expected an '@@ -a,b +c,d @@' header but found \"" + show(header) + "\"");
            }
            int a = Integer.parseInt(m.group(1));
            int b = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int c = Integer.parseInt(m.group(3));
            int d = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            if ((b > 0 && a == 0) || (d > 0 && c == 0)) {
                throw fail(hunkNo, header, "line numbers start at 1");
            }
            // A range of length 0 names the line before it (GNU convention).
            int at = b == 0 ? a : a - 1;
            int outAt = d == 0 ? c : c - 1;
            if (at < cursor) {
                throw fail(hunkNo, header, "hunks overlap or are out of order");
            }
            if ((long) at + b > src.size()) {
                throw fail(hunkNo, header, "the hunk needs lines " + (at + 1) + "-" + (at + b)
                        + " but the base has only " + src.size() + " lines");
            }
            while (cursor < at) {
                out.append(src.get(cursor++), hunkNo, header);
            }
            if (out.lines != outAt) {
                throw fail(hunkNo, header, "the hunk starts at new line " + c + " but the result is at line "
                        + (out.lines + 1));
            }
            int oldSeen = 0;
            int newSeen = 0;
            while (oldSeen < b || newSeen < d) {
                if (pi >= p.size()) {
                    throw fail(hunkNo, header, "the patch ends inside the hunk");
                }
                String line = p.get(pi++);
                if (!line.endsWith("\n")) {
                    throw fail(hunkNo, header, "the patch's last line is not terminated");
                }
                char op = line.equals("\n") ? ' ' : line.charAt(0); // a bare newline is a blank context line
                String content = line.equals("\n") ? "\n" : line.substring(1);
                if (pi < p.size() && p.get(pi).startsWith("\\")) {
                    content = content.substring(0, content.length() - 1); // "\ No newline at end of file"
                    pi++;
                }
                switch (op) {
                    case ' ' -> {
                        expect(src, cursor++, content, hunkNo, header);
                        out.append(content, hunkNo, header);
                        oldSeen++;
                        newSeen++;
                    }
                    case '-' -> {
                        expect(src, cursor++, content, hunkNo, header);
                        oldSeen++;
                    }
                    case '+' -> {
                        out.append(content, hunkNo, header);
                        newSeen++;
                    }
                    default -> throw fail(hunkNo, header, "unexpected line \"" + show(line) + "\" in the hunk");
                }
                if (oldSeen > b || newSeen > d) {
                    throw fail(hunkNo, header, "the hunk has more lines than its header says");
                }
            }
        }
        while (cursor < src.size()) {
            out.append(src.get(cursor++), hunkNo, "end");
        }
        return out.text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Splits after each '\n'; the last line may lack one. An empty text has no lines. */
    static List<String> lines(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }

    private static int end(Chunk<String> chunk) {
        return chunk.getPosition() + chunk.size();
    }

    private static String range(int start0, int len) {
        if (len == 1) {
            return Integer.toString(start0 + 1);
        }
        return (len == 0 ? start0 : start0 + 1) + "," + len;
    }

    private static void emit(StringBuilder out, char op, String line) {
        out.append(op).append(line);
        if (!line.endsWith("\n")) {
            out.append('\n').append(NO_NEWLINE);
        }
    }

    private static void expect(List<String> src, int index, String content, int hunkNo, String header) {
        if (index >= src.size()) {
            throw fail(hunkNo, header, "the base ends before line " + (index + 1));
        }
        if (!src.get(index).equals(content)) {
            throw fail(hunkNo, header, "line " + (index + 1) + " of the base is \"" + show(src.get(index))
                    + "\" but the patch expects \"" + show(content) + "\"");
        }
    }

    private static PatchException fail(int hunkNo, String header, String why) {
        String h = show(header);
        return new PatchException("The patch does not apply: hunk " + hunkNo + " (" + h + "): " + why + ".",
                Map.of("hunk", hunkNo, "header", h, "reason", why));
    }

    /** A line for a message: decoded as UTF-8, terminators made visible, cut to 60 chars. */
    private static String show(String line) {
        String s = new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)
                .replace("\r", "\\r").replace("\n", "\\n");
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** The rebuilt text; refuses to continue after a line without '\n' (that must be the last). */
    private static final class Output {
        final StringBuilder text;
        int lines;
        boolean unterminated;

        Output(int capacity) {
            text = new StringBuilder(capacity);
        }

        void append(String line, int hunkNo, String header) {
            if (unterminated) {
                throw fail(hunkNo, header, "a line without final newline is not the last line");
            }
            text.append(line);
            lines++;
            unterminated = !line.endsWith("\n");
        }
    }
}
