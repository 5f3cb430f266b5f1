package io.kamaros.app.diff;

import io.kamaros.app.i18n.Messages;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.jspecify.annotations.Nullable;

/** Sizes, SHA-256, what the file's header tells (pictures, PDFs, recordings) and a hex preview of the first bytes that differ. */
final class BinaryPane extends VBox {
    private static final int SHORT_SHA = 12;
    private final DiffViewModel vm;
    private final Label headline = new Label();
    private final Label explain = new Label();
    private final GridPane grid = new GridPane();
    private final Label firstDifference = new Label();
    private final GridPane hex = new GridPane();
    private final Font mono = Font.font("Monospaced", 13);

    BinaryPane(DiffViewModel vm) {
        this.vm = vm;
        getStyleClass().add("diff-binary-pane");
        setSpacing(12);
        setPadding(new Insets(20, 24, 20, 24));
        headline.getStyleClass().add("diff-binary-headline");
        headline.setWrapText(true);
        explain.getStyleClass().add("diff-muted");
        explain.setWrapText(true);
        explain.setText(vm.messages().get("binary.explain"));
        grid.setHgap(24);
        grid.setVgap(6);
        grid.getStyleClass().add("diff-binary-grid");
        hex.setHgap(16);
        hex.setVgap(2);
        getChildren().addAll(headline, explain, grid, firstDifference, hex);
        headline.textProperty().bind(vm.messageProperty());
        vm.binaryProperty().addListener((o, a, b) -> refresh());
        vm.beforePreviewProperty().addListener((o, a, b) -> refresh());
        vm.afterPreviewProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    private void refresh() {
        BinarySummary s = vm.binaryProperty().get();
        grid.getChildren().clear();
        hex.getChildren().clear();
        firstDifference.setText("");
        if (s == null) {
            return;
        }
        DiffInput in = vm.inputProperty().get();
        Messages m = vm.messages();
        String before = in == null || in.beforeLabel() == null ? m.get("before.default") : in.beforeLabel();
        String after = in == null || in.afterLabel() == null ? m.get("after.default") : in.afterLabel();
        grid.add(header(before), 1, 0);
        grid.add(header(after), 2, 0);
        grid.add(header(m.get("binary.size")), 0, 1);
        grid.add(value(size(s.beforeSize()), false), 1, 1);
        grid.add(value(size(s.afterSize()), false), 2, 1);
        grid.add(header(m.get("binary.sha")), 0, 2);
        grid.add(hash(s.beforeSha256()), 1, 2);
        grid.add(hash(s.afterSha256()), 2, 2);
        if (s.beforeSize() >= 0 && s.afterSize() >= 0 && s.beforeSize() != s.afterSize()) {
            long d = s.afterSize() - s.beforeSize();
            Label change = value(m.get("binary.sizeChange", m.size(s.beforeSize()), m.size(s.afterSize()),
                    (d > 0 ? "+" : "\u2212") + m.size(Math.abs(d))), false);
            grid.add(change, 1, 3, 2, 1);
        }
        Preview beforePreview = vm.beforePreviewProperty().get();
        Preview afterPreview = vm.afterPreviewProperty().get();
        int row = addFacts(beforePreview != null ? beforePreview.facts() : s.beforeFacts(),
                afterPreview != null ? afterPreview.facts() : s.afterFacts(), 4);
        addPreviews(s, beforePreview, afterPreview, row);
        if (s.firstDifference() < 0 && s.comparedBytes() > 0 && !s.identical()) {
            firstDifference.setText(m.get("binary.sameStart", m.size(s.comparedBytes())));
        }
        if (s.firstDifference() >= 0) {
            firstDifference.setText(vm.formatOffset(s.firstDifference()));
            hex.add(header(m.get("binary.preview", "0x" + Long.toHexString(s.previewOffset()).toUpperCase(Locale.ROOT))), 0, 0, 2, 1);
            hex.add(header(before), 0, 1);
            hex.add(hexRow(s.beforePreview(), s.afterPreview(), "removed"), 1, 1);
            hex.add(header(after), 0, 2);
            hex.add(hexRow(s.afterPreview(), s.beforePreview(), "added"), 1, 2);
        }
    }

    /** What the headers and readers tell (a picture's size, a PDF's pages and title, a recording's length), side by side. */
    private int addFacts(@Nullable FileFacts before, @Nullable FileFacts after, int firstRow) {
        if (before == null && after == null) {
            return firstRow;
        }
        Messages m = vm.messages();
        int row = firstRow;
        row = fact(m.get("facts.kind"), kind(before), kind(after), row);
        if (is(before, FileFacts.Kind.IMAGE) || is(after, FileFacts.Kind.IMAGE)) {
            row = fact(m.get("facts.dimensions"), dimensions(before), dimensions(after), row);
        }
        if (is(before, FileFacts.Kind.PDF) || is(after, FileFacts.Kind.PDF)) {
            row = fact(m.get("facts.pages"), count(before == null ? -1 : before.pages()), count(after == null ? -1 : after.pages()), row);
            row = fact(m.get("facts.title"), text(before == null ? null : before.title()), text(after == null ? null : after.title()), row);
            row = fact(m.get("facts.author"), text(before == null ? null : before.author()), text(after == null ? null : after.author()), row);
        }
        if (is(before, FileFacts.Kind.AUDIO) || is(after, FileFacts.Kind.AUDIO)) {
            row = fact(m.get("facts.length"), duration(before), duration(after), row);
            row = fact(m.get("facts.sampleRate"), rate(before), rate(after), row);
            row = fact(m.get("facts.channels"), channels(before), channels(after), row);
        }
        return row;
    }

    /**
     * A thumbnail of each side that has one (a PDF's first page, a picture the image pane could not compare),
     * "Reading…" while it is read, or why it could not be read.
     */
    private void addPreviews(BinarySummary s, @Nullable Preview before, @Nullable Preview after, int row) {
        FileFacts beforeFacts = s.beforeFacts();
        FileFacts afterFacts = s.afterFacts();
        boolean pictures = beforeFacts != null && beforeFacts.kind() != FileFacts.Kind.AUDIO
                || afterFacts != null && afterFacts.kind() != FileFacts.Kind.AUDIO;
        boolean problems = before != null && before.problem() != null || after != null && after.problem() != null;
        if (!pictures && !problems) {
            return;
        }
        grid.add(header(vm.messages().get("facts.preview")), 0, row);
        grid.add(previewCell(beforeFacts, before), 1, row);
        grid.add(previewCell(afterFacts, after), 2, row);
    }

    private Node previewCell(@Nullable FileFacts header, @Nullable Preview preview) {
        Messages m = vm.messages();
        if (header == null) {
            return value(m.get("binary.missing"), false);
        }
        if (preview == null) {
            return value(m.get("facts.reading"), false);
        }
        if (preview.problem() != null) {
            Label problem = value(m.get(preview.problem() == Preview.Problem.PASSWORD ? "facts.password" : "facts.damaged"), false);
            problem.getStyleClass().add("diff-binary-problem");
            problem.setWrapText(true);
            problem.setMaxWidth(320);
            return problem;
        }
        if (preview.thumbnail() == null) {
            return value(m.get("binary.missing"), false);
        }
        ImageView view = new ImageView(preview.thumbnail());
        view.getStyleClass().add("diff-binary-thumbnail");
        view.setPreserveRatio(true);
        view.setSmooth(true);
        return view;
    }

    private String text(@Nullable String s) {
        return s == null ? vm.messages().get("binary.missing") : s;
    }

    private int fact(String label, String before, String after, int row) {
        grid.add(header(label), 0, row);
        Label b = value(before, false);
        Label a = value(after, false);
        b.setWrapText(true);
        a.setWrapText(true);
        b.setMaxWidth(320);
        a.setMaxWidth(320);
        grid.add(b, 1, row);
        grid.add(a, 2, row);
        return row + 1;
    }

    private static boolean is(@Nullable FileFacts f, FileFacts.Kind kind) {
        return f != null && f.kind() == kind;
    }

    private String kind(@Nullable FileFacts f) {
        Messages m = vm.messages();
        if (f == null) {
            return m.get("binary.missing");
        }
        return switch (f.kind()) {
            case IMAGE -> m.get("facts.kind.image", f.format());
            case PDF -> m.get("facts.kind.pdf");
            case AUDIO -> m.get("facts.kind.audio", f.format());
        };
    }

    private String dimensions(@Nullable FileFacts f) {
        Messages m = vm.messages();
        return f == null || f.width() < 0 ? m.get("binary.missing")
                : m.get("facts.pixels", m.number(f.width()), m.number(f.height()));
    }

    private String count(long n) {
        return n < 0 ? vm.messages().get("binary.missing") : vm.messages().number(n);
    }

    private String duration(@Nullable FileFacts f) {
        if (f == null || f.seconds() < 0) {
            return vm.messages().get("binary.missing");
        }
        long total = Math.round(f.seconds());
        long h = total / 3600;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, total / 60 % 60, total % 60)
                : String.format(Locale.ROOT, "%d:%02d", total / 60, total % 60);
    }

    private String rate(@Nullable FileFacts f) {
        Messages m = vm.messages();
        return f == null || f.sampleRate() < 0 ? m.get("binary.missing") : m.get("facts.hertz", m.number(f.sampleRate()));
    }

    private String channels(@Nullable FileFacts f) {
        Messages m = vm.messages();
        if (f == null || f.channels() < 0) {
            return m.get("binary.missing");
        }
        return f.channels() == 1 ? m.get("facts.mono") : f.channels() == 2 ? m.get("facts.stereo")
                : m.get("facts.channelCount", f.channels());
    }

    private String size(long bytes) {
        return bytes < 0 ? vm.messages().get("binary.missing") : vm.messages().size(bytes)
                + (bytes >= 1024 ? " (" + vm.messages().get("bytes", bytes) + ")" : "");
    }

    private Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("diff-binary-header");
        return l;
    }

    private Label value(String text, boolean monospace) {
        Label l = new Label(text);
        l.getStyleClass().add("diff-binary-value");
        if (monospace) {
            l.setFont(mono);
        }
        return l;
    }

    /** The first 12 hex digits (enough to tell two files apart by eye); the whole hash in the tooltip and on Copy. */
    private Node hash(@Nullable String sha) {
        if (sha == null) {
            return value(vm.messages().get("binary.missing"), false);
        }
        Label l = value(sha.substring(0, SHORT_SHA) + "…", true);
        l.setTooltip(new Tooltip(sha));
        Hyperlink copy = new Hyperlink(vm.messages().get("binary.copySha"));
        copy.getStyleClass().add("diff-binary-copy");
        copy.setTooltip(new Tooltip(sha));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(sha);
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox box = new HBox(6, l, copy);
        box.setAlignment(Pos.BASELINE_LEFT);
        return box;
    }

    private TextFlow hexRow(byte[] mine, byte[] other, String style) {
        TextFlow flow = new TextFlow();
        for (int i = 0; i < mine.length; i++) {
            Text t = new Text(String.format("%02X", mine[i] & 0xff));
            t.setFont(mono);
            boolean differs = i >= other.length || other[i] != mine[i];
            t.getStyleClass().addAll("code-text", differs ? "hex-" + style : "hex-same");
            flow.getChildren().add(t);
            if (i < mine.length - 1) {
                Text gap = new Text(i == 7 ? "  " : " ");
                gap.setFont(mono);
                flow.getChildren().add(gap);
            }
        }
        return flow;
    }
}
