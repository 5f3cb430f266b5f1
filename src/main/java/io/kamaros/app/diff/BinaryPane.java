package io.kamaros.app.diff;

import io.kamaros.app.i18n.Messages;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.jspecify.annotations.Nullable;

/** Sizes, SHA-256 and a hex preview of the first bytes that differ. */
final class BinaryPane extends VBox {
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
        vm.binaryProperty().addListener((o, a, b) -> refresh(b));
        refresh(vm.binaryProperty().get());
    }

    private void refresh(BinarySummary s) {
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
        if (s.firstDifference() >= 0) {
            firstDifference.setText(vm.formatOffset(s.firstDifference()));
            hex.add(header(m.get("binary.preview", "0x" + Long.toHexString(s.previewOffset()).toUpperCase(Locale.ROOT))), 0, 0, 2, 1);
            hex.add(header(before), 0, 1);
            hex.add(hexRow(s.beforePreview(), s.afterPreview(), "removed"), 1, 1);
            hex.add(header(after), 0, 2);
            hex.add(hexRow(s.afterPreview(), s.beforePreview(), "added"), 1, 2);
        }
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

    private Label hash(@Nullable String sha) {
        if (sha == null) {
            return value(vm.messages().get("binary.missing"), false);
        }
        // 64 hex digits are unreadable in one go; groups of 8 on two lines are easy to compare by eye.
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sha.length(); i += 8) {
            sb.append(sha, i, i + 8).append(i == 24 ? "\n" : " ");
        }
        Label l = value(sb.toString().strip(), true);
        l.setTooltip(new Tooltip(sha));
        return l;
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
