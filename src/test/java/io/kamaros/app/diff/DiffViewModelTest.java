package io.kamaros.app.diff;

import static io.kamaros.app.diff.DiffSamples.numbered;
import static io.kamaros.app.diff.DiffSamples.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.app.i18n.Messages;
import java.awt.image.BufferedImage;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The view-model without a window: direct executors stand in for the background pool and for
 * Platform.runLater, so every {@code show} has finished when it returns.
 */
class DiffViewModelTest {
    private static final Executor DIRECT = Runnable::run;

    private static DiffViewModel vm() {
        return new DiffViewModel(DIRECT, DIRECT, ResourceBundle.getBundle(DiffViewModel.BUNDLE, Locale.ROOT));
    }

    private static DiffViewModel show(String path, String before, String after) {
        DiffViewModel vm = vm();
        vm.show(new DiffInput(path, before == null ? null : utf8(before), after == null ? null : utf8(after), "v1", "v2"));
        return vm;
    }

    private static List<LineKind> kinds(DiffViewModel vm) {
        return vm.getLines().stream().map(DiffLine::kind).toList();
    }

    // ------------------------------------------------------------ text detection

    @Test
    void detectsTextEncodingsAndBinary() {
        assertThat(ContentSniffer.decodeText(utf8("zażółć\n")).encoding()).isEqualTo("UTF-8");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i'};
        assertThat(ContentSniffer.decodeText(bom).text()).isEqualTo("hi");
        assertThat(ContentSniffer.decodeText(bom).bom()).isTrue();
        byte[] utf16 = "\uFEFFhello\r\nworld".getBytes(StandardCharsets.UTF_16LE);
        ContentSniffer.DecodedText t16 = ContentSniffer.decodeText(utf16);
        assertThat(t16.encoding()).isEqualTo("UTF-16LE");
        assertThat(t16.lines()).containsExactly("hello", "world");
        assertThat(t16.lineEnding()).isEqualTo("CRLF");
        // NUL bytes: binary, even if everything else is printable.
        assertThat(ContentSniffer.decodeText(new byte[] {'a', 0, 'b'})).isNull();
        // Not UTF-8 but clearly text (Latin-1 "café"): old 8-bit text, not binary.
        assertThat(ContentSniffer.decodeText(new byte[] {'c', 'a', 'f', (byte) 0xE9}).text()).isEqualTo("café");
        // Central European 8-bit text (windows-1250) is decoded as such, not as Windows-1252.
        String polish = "Zażółć gęślą jaźń. Pchnąć w tę łódź jeża lub ośm skrzyń fig.\n".repeat(3);
        ContentSniffer.DecodedText cp1250 = ContentSniffer.decodeText(polish.getBytes(Charset.forName("windows-1250")));
        assertThat(cp1250.text()).isEqualTo(polish);
        assertThat(cp1250.encoding()).isEqualTo("Windows-1250");
        // Many control characters: binary.
        assertThat(ContentSniffer.decodeText(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 'a'})).isNull();
        assertThat(ContentSniffer.decodeText(DiffSamples.binary(4096, 1))).isNull();
    }

    @Test
    void recognisesImageFormatsByMagicNumber() {
        assertThat(ContentSniffer.imageFormat(DiffSamples.poster(40, 30, 0, "png"))).isEqualTo("PNG");
        assertThat(ContentSniffer.imageFormat(DiffSamples.poster(40, 30, 0, "jpg"))).isEqualTo("JPEG");
        assertThat(ContentSniffer.imageFormat(DiffSamples.poster(40, 30, 0, "gif"))).isEqualTo("GIF");
        assertThat(ContentSniffer.imageFormat(DiffSamples.poster(40, 30, 0, "bmp"))).isEqualTo("BMP");
        assertThat(ContentSniffer.imageFormat(utf8("BM is also how a text could start, but it is long enough"))).isNull();
    }

    @Test
    void splitsLinesOnAnyLineEnding() {
        assertThat(ContentSniffer.splitLines("a\nb\r\nc\rd")).containsExactly("a", "b", "c", "d");
        assertThat(ContentSniffer.splitLines("a\n")).containsExactly("a");
        assertThat(ContentSniffer.splitLines("a\n\n")).containsExactly("a", "");
        assertThat(ContentSniffer.splitLines("")).isEmpty();
        assertThat(ContentSniffer.lineEnding("a\r\nb\nc")).isEqualTo("mixed");
    }

    // ------------------------------------------------------------ rows and highlights

    @Test
    void sideBySideRowsAlignChangesWithFillers() {
        DiffViewModel vm = show("notes.txt", "a\nb\nc\n", "a\nB\nc\nd\ne\n");
        assertThat(vm.getKind()).isEqualTo(DiffKind.TEXT);
        assertThat(kinds(vm)).containsExactly(LineKind.SAME, LineKind.CHANGED, LineKind.SAME, LineKind.ADDED, LineKind.ADDED);
        DiffLine changed = vm.getLines().get(1);
        assertThat(changed.left().number()).isEqualTo(2);
        assertThat(changed.left().text()).isEqualTo("b");
        assertThat(changed.right().text()).isEqualTo("B");
        // An added line has no old side: the left column shows a filler there.
        DiffLine added = vm.getLines().get(3);
        assertThat(added.left()).isNull();
        assertThat(added.right().number()).isEqualTo(4);
        assertThat(vm.addedLinesProperty().get()).isEqualTo(3);
        assertThat(vm.removedLinesProperty().get()).isEqualTo(1);
        assertThat(vm.changeCountProperty().get()).isEqualTo(2);
        assertThat(vm.changeProperty().get()).isEqualTo(FileChange.MODIFIED);
        assertThat(vm.subtitleProperty().get()).isEqualTo("v1 \u2192 v2");
    }

    @Test
    void wordHighlightsMarkOnlyTheChangedWords() {
        DiffViewModel vm = show("a.txt", "The quick brown fox jumps\n", "The quick red fox jumps\n");
        DiffLine row = vm.getLines().get(0);
        assertThat(row.kind()).isEqualTo(LineKind.CHANGED);
        assertThat(row.left().changes()).containsExactly(new Span(10, 15));
        assertThat(row.right().changes()).containsExactly(new Span(10, 13));
        assertThat(row.left().text().substring(10, 15)).isEqualTo("brown");
    }

    @Test
    void wordsWithPolishLettersAreWholeWords() {
        List<List<Span>> spans = TextDiffer.wordChanges("zażółć gęślą jaźń", "zażółć gęsią jaźń");
        assertThat(spans.get(0)).containsExactly(new Span(7, 12));
        assertThat(spans.get(1)).containsExactly(new Span(7, 12));
    }

    @Test
    void completelyDifferentLinesGetNoConfettiHighlights() {
        List<List<Span>> spans = TextDiffer.wordChanges("alpha beta gamma", "one two three");
        assertThat(spans.get(0)).isEmpty();
        assertThat(spans.get(1)).isEmpty();
    }

    @Test
    void unifiedLayoutListsRemovedLinesBeforeAddedOnes() {
        DiffViewModel vm = show("a.txt", "a\nsay b\nsay c\nd\n", "a\nsay B\nsay C\nd\n");
        assertThat(kinds(vm)).containsExactly(LineKind.SAME, LineKind.CHANGED, LineKind.CHANGED, LineKind.SAME);
        vm.layoutProperty().set(TextLayout.UNIFIED);
        assertThat(kinds(vm)).containsExactly(LineKind.SAME, LineKind.REMOVED, LineKind.REMOVED, LineKind.ADDED,
                LineKind.ADDED, LineKind.SAME);
        assertThat(vm.getLines().get(1).left().text()).isEqualTo("say b");
        assertThat(vm.getLines().get(3).right().text()).isEqualTo("say B");
        // Word highlights survive the layout change.
        assertThat(vm.getLines().get(3).right().changes()).containsExactly(new Span(4, 5));
        assertThat(vm.getLines().get(5).left().number()).isEqualTo(4);
        assertThat(vm.getLines().get(5).right().number()).isEqualTo(4);
    }

    @Test
    void longUnchangedStretchesAreFoldedAndCanBeExpanded() {
        DiffViewModel vm = show("a.txt", numbered(100), numbered(100, 50));
        // fold(46) · 3 context · change · 3 context · fold(47)
        assertThat(kinds(vm)).containsExactly(LineKind.FOLD, LineKind.SAME, LineKind.SAME, LineKind.SAME,
                LineKind.CHANGED, LineKind.SAME, LineKind.SAME, LineKind.SAME, LineKind.FOLD);
        DiffLine first = vm.getLines().get(0);
        assertThat(first.hiddenLines()).isEqualTo(46);
        assertThat(vm.getLines().get(8).hiddenLines()).isEqualTo(47);
        assertThat(vm.getLines().get(1).left().number()).isEqualTo(47);

        vm.expand(first);
        assertThat(vm.getLines()).hasSize(46 + 8);
        assertThat(vm.getLines().get(0).left().number()).isEqualTo(1);
        assertThat(vm.currentChangeLineProperty().get()).isEqualTo(49);

        vm.showAllLinesProperty().set(true);
        assertThat(vm.getLines()).hasSize(100);
        vm.showAllLinesProperty().set(false);
        // The fold opened by hand stays open.
        assertThat(vm.getLines()).hasSize(46 + 8);
    }

    @Test
    void shortUnchangedStretchesAreNotFolded() {
        DiffViewModel vm = show("a.txt", numbered(10), numbered(10, 1, 10));
        // 8 unchanged lines minus 3 lines of context on each side leave 2: not worth a fold.
        assertThat(kinds(vm)).doesNotContain(LineKind.FOLD).hasSize(10);
    }

    @Test
    void navigationWalksThroughChangesAndStopsAtTheEnds() {
        DiffViewModel vm = show("a.txt", numbered(200), numbered(200, 20, 100, 180));
        assertThat(vm.changeCountProperty().get()).isEqualTo(3);
        assertThat(vm.currentChangeProperty().get()).isZero();
        assertThat(vm.canGoPreviousProperty().get()).isFalse();
        assertThat(vm.getLines().get(vm.currentChangeLineProperty().get()).right().text()).isEqualTo("changed 20");

        vm.nextChange();
        assertThat(vm.currentChangeProperty().get()).isEqualTo(1);
        assertThat(vm.getLines().get(vm.currentChangeLineProperty().get()).right().text()).isEqualTo("changed 100");
        vm.nextChange();
        vm.nextChange();
        assertThat(vm.currentChangeProperty().get()).isEqualTo(2);
        assertThat(vm.canGoNextProperty().get()).isFalse();
        assertThat(vm.canGoPreviousProperty().get()).isTrue();

        // Switching layout keeps the current change and points at its new row.
        vm.layoutProperty().set(TextLayout.UNIFIED);
        DiffLine atCurrent = vm.getLines().get(vm.currentChangeLineProperty().get());
        assertThat(atCurrent.kind()).isEqualTo(LineKind.REMOVED);
        assertThat(atCurrent.left().text()).isEqualTo("line 180");

        vm.previousChange();
        assertThat(vm.currentChangeProperty().get()).isEqualTo(1);
        vm.previousChange();
        vm.previousChange();
        assertThat(vm.currentChangeProperty().get()).isZero();
    }

    @Test
    void aHundredThousandLineFileWithScatteredChangesStaysSmallOnScreen() {
        int[] changed = new int[100];
        for (int i = 0; i < changed.length; i++) {
            changed[i] = 500 + i * 1000;
        }
        DiffViewModel vm = show("big.txt", numbered(100_000), numbered(100_000, changed));
        assertThat(vm.changeCountProperty().get()).isEqualTo(100);
        assertThat(vm.addedLinesProperty().get()).isEqualTo(100);
        // 100 changes, each with 6 lines of context, plus folds in between.
        assertThat(vm.getLines()).hasSizeLessThan(900);
        vm.showAllLinesProperty().set(true);
        assertThat(vm.getLines()).hasSize(100_000);
    }

    @Test
    void filesWithNothingInCommonAreShownInOrderWithANote() {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 7_000; i++) {
            a.append("old ").append(i).append('\n');
            b.append("new ").append(i).append('\n');
        }
        DiffViewModel vm = show("a.txt", a.toString(), b.toString());
        assertThat(vm.getKind()).isEqualTo(DiffKind.TEXT);
        assertThat(vm.noteProperty().get()).contains("almost nothing in common");
        assertThat(vm.getLines()).hasSize(7_000);
        assertThat(vm.addedLinesProperty().get()).isEqualTo(7_000);
    }

    // ------------------------------------------------------------ states

    @Test
    void addedTextFileShowsEveryLineAsNew() {
        DiffViewModel vm = show("new.md", null, "one\ntwo\n");
        assertThat(vm.changeProperty().get()).isEqualTo(FileChange.ADDED);
        assertThat(kinds(vm)).containsExactly(LineKind.ADDED, LineKind.ADDED);
        assertThat(vm.getLines().get(0).left()).isNull();
        assertThat(vm.messageProperty().get()).isEqualTo("New file in v2: every line is new (2 lines).");
        // walk of issue 14: a one-line file read "all 1 line are new"
        assertThat(show("one.md", null, "notes\n").messageProperty().get())
                .isEqualTo("New file in v2: every line is new (1 line).");
        assertThat(vm.addedLinesProperty().get()).isEqualTo(2);
        assertThat(vm.removedLinesProperty().get()).isZero();
        // One side only: shown in one column whatever layout was chosen, and no "Before" in the title.
        assertThat(vm.layoutProperty().get()).isEqualTo(TextLayout.SIDE_BY_SIDE);
        assertThat(vm.effectiveLayout()).isEqualTo(TextLayout.UNIFIED);
        assertThat(vm.subtitleProperty().get()).isEqualTo("v2");
    }

    @Test
    void deletedTextFileShowsEveryLineAsRemoved() {
        DiffViewModel vm = show("old.md", "one\n", null);
        assertThat(vm.changeProperty().get()).isEqualTo(FileChange.DELETED);
        assertThat(kinds(vm)).containsExactly(LineKind.REMOVED);
        assertThat(vm.messageProperty().get()).isEqualTo("Deleted in v2. It had 1 line.");
    }

    @Test
    void emptyFilesAddedOrDeletedSaySo() {
        assertThat(show("e.txt", null, "").messageProperty().get()).isEqualTo("Added as an empty file.");
        assertThat(show("e.txt", "", null).messageProperty().get()).isEqualTo("An empty file was deleted.");
        assertThat(show("e.txt", null, "").getLines()).isEmpty();
    }

    @Test
    void identicalBytesAndTextOnlyChangesAreTold() {
        DiffViewModel same = show("a.txt", "x\n", "x\n");
        assertThat(same.getKind()).isEqualTo(DiffKind.IDENTICAL);
        assertThat(same.messageProperty().get()).startsWith("No changes");

        DiffViewModel eol = show("a.txt", "x\r\ny\r\n", "x\ny\n");
        assertThat(eol.getKind()).isEqualTo(DiffKind.IDENTICAL);
        assertThat(eol.messageProperty().get()).contains("line endings").contains("CRLF \u2192 LF");

        DiffViewModel last = show("a.txt", "x\ny\n", "x\ny");
        assertThat(last.messageProperty().get()).contains("line break at the very end");

        DiffViewModel mixed = show("a.txt", "x\r\ny\r\n", "x\nz\n");
        assertThat(mixed.getKind()).isEqualTo(DiffKind.TEXT);
        assertThat(mixed.noteProperty().get()).contains("Line endings changed: CRLF \u2192 LF");
    }

    @Test
    void tooManyLinesIsTooLargeWithSizeAndHash() {
        String huge = "x\n".repeat(DiffViewModel.MAX_TEXT_LINES + 1);
        DiffViewModel vm = show("huge.log", huge, huge + "y\n");
        assertThat(vm.getKind()).isEqualTo(DiffKind.TOO_LARGE);
        assertThat(vm.messageProperty().get()).startsWith("This file is too big");
        assertThat(vm.binaryProperty().get().afterSize()).isEqualTo(huge.length() + 2L);
    }

    @Test
    void binaryFilesGetSizesHashesAndTheFirstDifference() {
        byte[] before = DiffSamples.binary(1000, 7);
        byte[] after = before.clone();
        after[600] ^= 0x55;
        DiffViewModel vm = vm();
        vm.show(new DiffInput("data.bin", before, Arrays.copyOf(after, 1200), null, null));
        assertThat(vm.getKind()).isEqualTo(DiffKind.BINARY);
        assertThat(vm.messageProperty().get()).isEqualTo("Binary file changed");
        BinarySummary s = vm.binaryProperty().get();
        assertThat(s.beforeSize()).isEqualTo(1000);
        assertThat(s.afterSize()).isEqualTo(1200);
        assertThat(s.beforeSha256()).isEqualTo(BinaryInspector.sha256(before)).hasSize(64);
        assertThat(s.firstDifference()).isEqualTo(600);
        assertThat(s.previewOffset()).isEqualTo(592);
        assertThat(s.beforePreview()).hasSize(16);
        assertThat(s.beforePreview()[8]).isEqualTo(before[600]);
        assertThat(s.afterPreview()[8]).isEqualTo(after[600]);
        assertThat(vm.formatOffset(600)).isEqualTo("First difference at byte 600 (0x258)");
        assertThat(vm.subtitleProperty().get()).isEqualTo("Before \u2192 After");

        DiffViewModel added = vm();
        added.show(new DiffInput("data.bin", null, before, null, null));
        assertThat(added.messageProperty().get()).isEqualTo("Binary file added");
        assertThat(added.binaryProperty().get().beforeSha256()).isNull();
        assertThat(added.binaryProperty().get().firstDifference()).isEqualTo(-1);
    }

    @Test
    void clearGoesBackToNothingSelected() {
        DiffViewModel vm = show("a.txt", "a\n", "b\n");
        vm.clear();
        assertThat(vm.getKind()).isEqualTo(DiffKind.NONE);
        assertThat(vm.getLines()).isEmpty();
        assertThat(vm.messageProperty().get()).isEqualTo("Select a file to see what changed.");
        assertThat(vm.inputProperty().get()).isNull();
    }

    @Test
    void aDiffNeedsAtLeastOneSide() {
        assertThatThrownBy(() -> new DiffInput("x", null, null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultsOfAnOlderShowAreDropped() {
        List<Runnable> queued = new ArrayList<>();
        DiffViewModel vm = new DiffViewModel(queued::add, DIRECT, ResourceBundle.getBundle(DiffViewModel.BUNDLE, Locale.ROOT));
        vm.show(new DiffInput("first.txt", utf8("a\n"), utf8("b\n"), null, null));
        vm.show(new DiffInput("second.txt", utf8("c\n"), utf8("d\ne\n"), null, null));
        assertThat(vm.getKind()).isEqualTo(DiffKind.LOADING);
        assertThat(vm.messageProperty().get()).isEqualTo("Comparing\u2026");
        for (Runnable r : List.copyOf(queued)) {
            r.run();
        }
        assertThat(vm.titleProperty().get()).isEqualTo("second.txt");
        assertThat(vm.addedLinesProperty().get()).isEqualTo(2);
        assertThat(vm.getLines().get(0).right().text()).isEqualTo("d");
    }

    // ------------------------------------------------------------ images

    @Test
    void imageMetadataAndSummary() {
        byte[] before = DiffSamples.poster(320, 200, 0, "png");
        byte[] after = DiffSamples.poster(400, 200, 1, "png");
        DiffViewModel vm = vm();
        vm.show(new DiffInput("art/poster.png", before, after, "v1", "v2"));
        assertThat(vm.getKind()).isEqualTo(DiffKind.IMAGE);
        assertThat(vm.beforeImageInfoProperty().get()).isEqualTo(new ImageInfo(320, 200, before.length, "PNG"));
        assertThat(vm.afterImageInfoProperty().get()).isEqualTo(new ImageInfo(400, 200, after.length, "PNG"));
        assertThat(vm.imageSummaryProperty().get()).matches("320\u00d7200 \u2192 400\u00d7200, [\\d.]+ KB \u2192 [\\d.]+ KB");
        assertThat(vm.beforeImageProperty().get().getWidth()).isEqualTo(320);
        ImageDifference d = vm.differenceProperty().get();
        assertThat(d.width()).isEqualTo(400);
        // The 80 new columns changed, and so did the sun and the title.
        assertThat(d.changedPixels()).isGreaterThan(80L * 200);
        assertThat(vm.differenceImageProperty().get().getWidth()).isEqualTo(400);
        assertThat(vm.differenceSummaryProperty().get()).contains("of pixels differ");
    }

    @Test
    void differenceImageMarksExactlyTheChangedPixel() {
        byte[] before = DiffSamples.solid(4, 4, 0xFF336699, -1, -1, 0);
        byte[] after = DiffSamples.solid(4, 4, 0xFF336699, 1, 2, 0xFF3366FF);
        DiffViewModel vm = vm();
        vm.show(new DiffInput("dot.png", before, after, null, null));
        ImageDifference d = vm.differenceProperty().get();
        assertThat(d.changedPixels()).isEqualTo(1);
        assertThat(d.totalPixels()).isEqualTo(16);
        int changed = d.argb()[2 * 4 + 1];
        int same = d.argb()[0];
        assertThat(changed >>> 24).isGreaterThanOrEqualTo(128);
        assertThat((changed >> 16) & 0xff).isGreaterThan(200);
        // Unchanged pixels are a light grey.
        assertThat((same >> 16) & 0xff).isEqualTo(same & 0xff).isGreaterThan(200);
        // The displayed image holds the same pixel (premultiplied storage may round a channel by one).
        int shown = vm.differenceImageProperty().get().getPixelReader().getArgb(1, 2);
        assertThat(shown >>> 24).isEqualTo(changed >>> 24);
        assertThat((shown >> 16) & 0xff).isCloseTo((changed >> 16) & 0xff, Offset.offset(1));
        assertThat(vm.differenceSummaryProperty().get()).isEqualTo("6.25% of pixels differ (1 of 16)");
    }

    @Test
    void samePixelsInADifferentFileAreSaidToBeSame() {
        byte[] png = DiffSamples.solid(8, 8, 0xFF00FF00, -1, -1, 0);
        byte[] bmp = DiffSamples.encode(toRgb(8, 8, 0xFF00FF00), "bmp");
        DiffViewModel vm = vm();
        vm.show(new DiffInput("icon", png, bmp, null, null));
        assertThat(vm.differenceProperty().get().changedPixels()).isZero();
        assertThat(vm.differenceSummaryProperty().get()).isEqualTo("The pixels are identical; only the file changed.");
        assertThat(vm.afterImageInfoProperty().get().format()).isEqualTo("BMP");
    }

    private static BufferedImage toRgb(int w, int h, int argb) {
        var img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, argb);
            }
        }
        return img;
    }

    @Test
    void addedAndDeletedImages() {
        byte[] png = DiffSamples.poster(64, 48, 0, "png");
        DiffViewModel added = vm();
        added.show(new DiffInput("a.png", null, png, null, "v3"));
        assertThat(added.getKind()).isEqualTo(DiffKind.IMAGE);
        assertThat(added.beforeImageProperty().get()).isNull();
        assertThat(added.imageSummaryProperty().get()).startsWith("New picture: 64\u00d748, ");
        assertThat(added.differenceProperty().get()).isNull();

        DiffViewModel deleted = vm();
        deleted.show(new DiffInput("a.png", png, null, null, null));
        assertThat(deleted.imageSummaryProperty().get()).startsWith("Picture deleted: it was 64\u00d748, ");
    }

    @Test
    void aDamagedImageFallsBackToTheBinarySummary() {
        byte[] png = DiffSamples.poster(64, 48, 0, "png");
        byte[] broken = Arrays.copyOf(png, 40);
        DiffViewModel vm = vm();
        vm.show(new DiffInput("a.png", png, broken, null, null));
        assertThat(vm.getKind()).isEqualTo(DiffKind.BINARY);
        assertThat(vm.messageProperty().get()).contains("could not be read");
        assertThat(vm.binaryProperty().get().afterSize()).isEqualTo(40);
    }

    // ------------------------------------------------------------ syntax and strings

    @Test
    void syntaxColoursJavaIncludingBlockCommentsAcrossLines() {
        SyntaxHighlighter h = new SyntaxHighlighter(Language.JAVA);
        List<Span> spans = h.highlight("public class Basket { // note", SyntaxHighlighter.NORMAL);
        assertThat(spans).contains(new Span(0, 6, "syn-keyword"), new Span(7, 12, "syn-keyword"),
                new Span(13, 19, "syn-type"), new Span(22, 29, "syn-comment"));
        List<String> lines = List.of("int a = 1; /* starts", "still comment", "ends */ return \"s\";");
        byte[] states = h.startStates(lines, () -> false);
        assertThat(h.highlight(lines.get(1), states[1])).containsExactly(new Span(0, 13, "syn-comment"));
        assertThat(h.highlight(lines.get(2), states[2])).contains(new Span(0, 7, "syn-comment"),
                new Span(8, 14, "syn-keyword"), new Span(15, 18, "syn-string"));
    }

    @Test
    void syntaxColoursOtherFormats() {
        assertThat(new SyntaxHighlighter(Language.JSON).highlight("  \"name\": \"Kamaros\", \"n\": 3", 0))
                .contains(new Span(2, 8, "syn-property"), new Span(10, 19, "syn-string"), new Span(26, 27, "syn-number"));
        assertThat(new SyntaxHighlighter(Language.MARKDOWN).highlight("# Chapter 3", 0))
                .containsExactly(new Span(0, 11, "syn-heading"));
        assertThat(new SyntaxHighlighter(Language.XML).highlight("<a href=\"x\">", 0))
                .contains(new Span(0, 2, "syn-tag"), new Span(3, 7, "syn-attr"), new Span(8, 11, "syn-string"));
        SyntaxHighlighter py = new SyntaxHighlighter(Language.PYTHON);
        List<String> lines = List.of("def f():", "    \"\"\"Doc", "    more\"\"\"", "    return None");
        byte[] states = py.startStates(lines, () -> false);
        assertThat(py.highlight(lines.get(2), states[2])).containsExactly(new Span(0, 11, "syn-string"));
        assertThat(py.highlight(lines.get(3), states[3])).contains(new Span(4, 10, "syn-keyword"));
        assertThat(Language.forPath("src/App.tsx")).isEqualTo(Language.TYPESCRIPT);
        assertThat(Language.forPath("config.YML")).isEqualTo(Language.YAML);
        assertThat(Language.forPath("README")).isEqualTo(Language.PLAIN);
    }

    @Test
    void viewModelColoursLinesOfBothSides() {
        DiffViewModel vm = show("Basket.java", DiffSamples.JAVA_BEFORE, DiffSamples.JAVA_AFTER);
        assertThat(vm.languageProperty().get()).isEqualTo(Language.JAVA);
        DiffLine first = vm.getLines().stream().filter(l -> l.left() != null && l.left().number() == 1).findFirst().orElseThrow();
        assertThat(vm.syntax(false, first.left())).contains(new Span(0, 7, "syn-keyword"));
        DiffLine comment = vm.getLines().stream()
                .filter(l -> l.right() != null && l.right().text().contains("without any discount")).findFirst().orElseThrow();
        assertThat(vm.syntax(true, comment.right())).containsExactly(new Span(0, comment.right().text().length(), "syn-comment"));
    }

    @Test
    void polishBundleHasEveryKeyAndPluralForms() {
        ResourceBundle en = ResourceBundle.getBundle(DiffViewModel.BUNDLE, Locale.ROOT);
        ResourceBundle pl = ResourceBundle.getBundle(DiffViewModel.BUNDLE, Locale.forLanguageTag("pl"));
        assertThat(pl.getLocale().getLanguage()).isEqualTo("pl");
        for (String key : en.keySet()) {
            assertThat(pl.getString(key)).as(key).isNotBlank();
        }
        Messages m = new Messages(pl);
        assertThat(m.get("lines", 1)).isEqualTo("1 wiersz");
        assertThat(m.get("lines", 3)).isEqualTo("3 wiersze");
        assertThat(m.get("lines", 5)).isEqualTo("5 wierszy");
        assertThat(m.get("lines", 12)).isEqualTo("12 wierszy");
        assertThat(m.get("lines", 22)).isEqualTo("22 wiersze");
        assertThat(new Messages(en).get("hidden", 1)).isEqualTo("Show 1 hidden line");
        assertThat(new Messages(en).size(2_300_000)).isEqualTo("2.2 MB");
        assertThat(new Messages(en).size(500)).isEqualTo("500 bytes");
        DiffViewModel polish = new DiffViewModel(DIRECT, DIRECT, pl);
        polish.show(new DiffInput("a.txt", null, utf8("x\ny\n"), null, "v2"));
        assertThat(polish.messageProperty().get()).isEqualTo("Nowy plik w v2: każdy wiersz jest nowy (2 wiersze).");
    }
}
