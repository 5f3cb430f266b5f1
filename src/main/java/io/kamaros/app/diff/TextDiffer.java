package io.kamaros.app.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.DiffAlgorithmListener;
import com.github.difflib.algorithm.myers.MyersDiff;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Line diff (java-diff-utils Myers) turned into aligned side-by-side rows, plus word-level highlights
 * inside changed lines and the folding of long unchanged stretches.
 *
 * <p>Word highlights use our own tokenisation on top of {@link DiffUtils#diff} rather than
 * {@code DiffRowGenerator.inlineDiffByWord}: the generator returns lines with markup tags inserted
 * (and HTML-escaped), which we would have to parse back into character ranges to style the cells; we
 * need the ranges themselves, and our tokeniser treats any Unicode letter (Polish "zażółć") as a word.
 */
final class TextDiffer {
    /** Lines of unchanged context kept around a change when the rest is folded. */
    static final int CONTEXT = 3;
    /** Shorter unchanged stretches are not worth a "show N hidden lines" row. */
    static final int MIN_FOLD = 4;
    /** Myers costs O(D^2) in the number of differences D; beyond this the files are "completely different". */
    static final int MAX_EDIT_DISTANCE = 6_000;
    /** Word highlights are skipped on very long lines (minified files) and after this many line pairs. */
    static final int INLINE_MAX_LINE = 2_000;
    static final int INLINE_MAX_PAIRS = 20_000;
    /** If more than this share of both lines changed, word highlights would be noise: mark the line only. */
    static final double INLINE_MAX_CHANGED = 0.6;

    private TextDiffer() {
    }

    /** Full side-by-side rows (no folds), counts, and whether limits were hit. */
    record Result(List<DiffLine> rows, int added, int removed, int hunks, boolean aligned, boolean inlineCapped) {
    }

    /** Rows as displayed in one layout, and where each change starts in them. */
    record Display(List<DiffLine> lines, int[] hunkRows) {
    }

    private static final class TooDifferent extends RuntimeException {
        TooDifferent() {
            super(null, null, false, false);
        }
    }

    static Result compute(List<String> a, List<String> b, BooleanSupplier cancelled) {
        int prefix = 0;
        int max = Math.min(a.size(), b.size());
        while (prefix < max && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<String> midA = a.subList(prefix, a.size() - suffix);
        List<String> midB = b.subList(prefix, b.size() - suffix);

        // Each delta: [sourcePos, sourceSize, targetPos, targetSize] in whole-file coordinates.
        List<int[]> deltas = new ArrayList<>();
        boolean aligned = true;
        if (!midA.isEmpty() || !midB.isEmpty()) {
            try {
                Patch<String> patch = DiffUtils.diff(midA, midB, new MyersDiff<>(), new DiffAlgorithmListener() {
                    @Override
                    public void diffStart() {
                    }

                    @Override
                    public void diffStep(int value, int max) {
                        if (cancelled.getAsBoolean()) {
                            throw new CancellationException();
                        }
                        if (value > MAX_EDIT_DISTANCE) {
                            throw new TooDifferent();
                        }
                    }

                    @Override
                    public void diffEnd() {
                    }
                });
                for (AbstractDelta<String> d : patch.getDeltas()) {
                    deltas.add(new int[] {prefix + d.getSource().getPosition(), d.getSource().size(),
                        prefix + d.getTarget().getPosition(), d.getTarget().size()});
                }
            } catch (TooDifferent e) {
                // Almost nothing in common: show the middle as one change, lines paired in order.
                aligned = false;
                deltas.add(new int[] {prefix, midA.size(), prefix, midB.size()});
            }
        }

        List<DiffLine> rows = new ArrayList<>(Math.max(a.size(), b.size()) + 16);
        int ia = 0;
        int ib = 0;
        int added = 0;
        int removed = 0;
        int pairs = 0;
        boolean inlineCapped = false;
        int hunk = 0;
        for (int[] d : deltas) {
            while (ia < d[0]) {
                rows.add(DiffLine.same(line(ia, a.get(ia)), line(ib, b.get(ib))));
                ia++;
                ib++;
            }
            int paired = Math.min(d[1], d[3]);
            for (int i = 0; i < Math.max(d[1], d[3]); i++) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException();
                }
                if (i < paired) {
                    String oldText = a.get(ia);
                    String newText = b.get(ib);
                    List<List<Span>> spans = List.of(List.of(), List.of());
                    if (oldText.length() <= INLINE_MAX_LINE && newText.length() <= INLINE_MAX_LINE) {
                        if (pairs++ < INLINE_MAX_PAIRS) {
                            spans = wordChanges(oldText, newText);
                        } else {
                            inlineCapped = true;
                        }
                    } else {
                        inlineCapped = true;
                    }
                    rows.add(new DiffLine(LineKind.CHANGED, new LineText(ia + 1, oldText, spans.get(0)),
                            new LineText(ib + 1, newText, spans.get(1)), hunk, 0, -1));
                    ia++;
                    ib++;
                    added++;
                    removed++;
                } else if (i < d[1]) {
                    rows.add(new DiffLine(LineKind.REMOVED, line(ia, a.get(ia)), null, hunk, 0, -1));
                    ia++;
                    removed++;
                } else {
                    rows.add(new DiffLine(LineKind.ADDED, null, line(ib, b.get(ib)), hunk, 0, -1));
                    ib++;
                    added++;
                }
            }
            hunk++;
        }
        while (ia < a.size()) {
            rows.add(DiffLine.same(line(ia, a.get(ia)), line(ib, b.get(ib))));
            ia++;
            ib++;
        }
        return new Result(Collections.unmodifiableList(rows), added, removed, hunk, aligned, inlineCapped);
    }

    private static LineText line(int index, String text) {
        return new LineText(index + 1, text, List.of());
    }

    /**
     * Character ranges that differ between two versions of a line, by word: [old ranges, new ranges].
     * Both empty when the lines are too different for word highlights to help.
     */
    static List<List<Span>> wordChanges(String oldText, String newText) {
        List<int[]> oldTokens = tokenize(oldText);
        List<int[]> newTokens = tokenize(newText);
        List<String> oldWords = words(oldText, oldTokens);
        List<String> newWords = words(newText, newTokens);
        Patch<String> patch = DiffUtils.diff(oldWords, newWords);
        List<Span> oldSpans = new ArrayList<>();
        List<Span> newSpans = new ArrayList<>();
        int oldChanged = 0;
        int newChanged = 0;
        for (AbstractDelta<String> d : patch.getDeltas()) {
            oldChanged += addSpan(oldSpans, oldTokens, d.getSource().getPosition(), d.getSource().size(), oldText);
            newChanged += addSpan(newSpans, newTokens, d.getTarget().getPosition(), d.getTarget().size(), newText);
        }
        boolean oldMostly = oldText.isBlank() || oldChanged > INLINE_MAX_CHANGED * oldText.length();
        boolean newMostly = newText.isBlank() || newChanged > INLINE_MAX_CHANGED * newText.length();
        if (oldMostly && newMostly) {
            return List.of(List.of(), List.of());
        }
        return List.of(List.copyOf(oldSpans), List.copyOf(newSpans));
    }

    private static int addSpan(List<Span> spans, List<int[]> tokens, int pos, int size, String text) {
        if (size == 0) {
            return 0;
        }
        int start = tokens.get(pos)[0];
        int end = tokens.get(pos + size - 1)[1];
        // Leading/trailing whitespace inside a changed run is not the interesting part.
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            // A pure whitespace change still deserves a mark.
            start = tokens.get(pos)[0];
            end = tokens.get(pos + size - 1)[1];
        }
        if (!spans.isEmpty() && spans.get(spans.size() - 1).end() >= start) {
            Span last = spans.remove(spans.size() - 1);
            spans.add(new Span(last.start(), Math.max(end, last.end())));
        } else {
            spans.add(new Span(start, end));
        }
        return end - start;
    }

    /** Words (letters, digits, underscore), runs of white space, and single other characters. */
    static List<int[]> tokenize(String s) {
        List<int[]> tokens = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            int start = i;
            int cp = s.codePointAt(i);
            if (Character.isLetterOrDigit(cp) || cp == '_') {
                while (i < n && (Character.isLetterOrDigit(s.codePointAt(i)) || s.codePointAt(i) == '_')) {
                    i += Character.charCount(s.codePointAt(i));
                }
            } else if (Character.isWhitespace(cp)) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
            } else {
                i += Character.charCount(cp);
            }
            tokens.add(new int[] {start, i});
        }
        return tokens;
    }

    private static List<String> words(String s, List<int[]> tokens) {
        List<String> words = new ArrayList<>(tokens.size());
        for (int[] t : tokens) {
            words.add(s.substring(t[0], t[1]));
        }
        return words;
    }

    /**
     * The rows to display: long unchanged stretches folded (unless their fold id is in
     * {@code expanded}, or {@code expandAll}), and for the unified layout each change written as its
     * removed lines followed by its added lines.
     */
    static Display display(List<DiffLine> rows, int hunks, TextLayout layout, Set<Integer> expanded, boolean expandAll) {
        List<DiffLine> out = new ArrayList<>(Math.min(rows.size() + 16, 1 << 20));
        int[] hunkRows = new int[hunks];
        int n = rows.size();
        int i = 0;
        while (i < n) {
            DiffLine row = rows.get(i);
            if (row.kind() == LineKind.SAME) {
                int end = i;
                while (end < n && rows.get(end).kind() == LineKind.SAME) {
                    end++;
                }
                int keepTop = i == 0 ? 0 : CONTEXT;
                int keepBottom = end == n ? 0 : CONTEXT;
                int hidden = end - i - keepTop - keepBottom;
                if (!expandAll && hidden >= MIN_FOLD && !expanded.contains(i)) {
                    out.addAll(rows.subList(i, i + keepTop));
                    out.add(DiffLine.fold(hidden, i));
                    out.addAll(rows.subList(end - keepBottom, end));
                } else {
                    out.addAll(rows.subList(i, end));
                }
                i = end;
            } else {
                int h = row.hunk();
                int end = i;
                while (end < n && rows.get(end).hunk() == h) {
                    end++;
                }
                hunkRows[h] = out.size();
                if (layout == TextLayout.SIDE_BY_SIDE) {
                    out.addAll(rows.subList(i, end));
                } else {
                    for (int k = i; k < end; k++) {
                        if (rows.get(k).left() != null) {
                            out.add(new DiffLine(LineKind.REMOVED, rows.get(k).left(), null, h, 0, -1));
                        }
                    }
                    for (int k = i; k < end; k++) {
                        if (rows.get(k).right() != null) {
                            out.add(new DiffLine(LineKind.ADDED, null, rows.get(k).right(), h, 0, -1));
                        }
                    }
                }
                i = end;
            }
        }
        return new Display(out, hunkRows);
    }
}
