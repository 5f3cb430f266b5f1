package io.kamaros.app.diff;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.layout.Region;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.jspecify.annotations.Nullable;

/**
 * The text of one diff line: syntax-coloured Text runs in a TextFlow, word-level changes drawn as
 * shapes behind them (TextFlow.rangeShape, so tabs and wide characters line up), clipped and shifted by
 * the shared horizontal scroll offset.
 */
final class CodeLine extends Region {
    static final double PAD = 6;

    private final TextFlow flow = new TextFlow();
    private final Path marks = new Path();
    private final Font font;
    private List<Span> changes = List.of();
    private boolean marksDirty;
    private double offset;

    CodeLine(Font font) {
        this.font = font;
        getStyleClass().add("diff-code");
        flow.setTabSize(4);
        flow.setManaged(false);
        marks.setManaged(false);
        marks.getStyleClass().add("diff-word");
        marks.setStroke(null);
        getChildren().addAll(marks, flow);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        setMinWidth(0);
        setPrefWidth(0);
    }

    /** Shows {@code text} coloured by {@code syntax}, with {@code changes} marked. */
    void set(String text, List<Span> syntax, List<Span> changes) {
        List<Text> runs = new ArrayList<>();
        int pos = 0;
        for (Span s : syntax) {
            if (s.start() < pos || s.end() > text.length()) {
                continue;
            }
            if (s.start() > pos) {
                runs.add(run(text.substring(pos, s.start()), null));
            }
            runs.add(run(text.substring(s.start(), s.end()), s.style()));
            pos = s.end();
        }
        if (pos < text.length()) {
            runs.add(run(text.substring(pos), null));
        }
        flow.getChildren().setAll(runs);
        this.changes = changes;
        marks.getElements().clear();
        marksDirty = !changes.isEmpty();
        requestLayout();
    }

    void clear() {
        flow.getChildren().clear();
        marks.getElements().clear();
        changes = List.of();
        marksDirty = false;
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        for (var n : flow.getChildren()) {
            sb.append(((Text) n).getText());
        }
        return sb.toString();
    }

    List<Span> changes() {
        return changes;
    }

    void setOffset(double offset) {
        if (this.offset != offset) {
            this.offset = offset;
            requestLayout();
        }
    }

    private Text run(String s, @Nullable String style) {
        Text t = new Text(s);
        t.setFont(font);
        t.getStyleClass().add(style == null ? "code-text" : style);
        if (style != null) {
            t.getStyleClass().add("code-text");
        }
        return t;
    }

    @Override
    protected void layoutChildren() {
        double w = flow.prefWidth(-1);
        double h = flow.prefHeight(w);
        double y = Math.max(0, (getHeight() - h) / 2);
        double x = PAD - offset;
        flow.resizeRelocate(x, y, w, h);
        if (marksDirty) {
            List<PathElement> elements = new ArrayList<>();
            for (Span s : changes) {
                elements.addAll(List.of(flow.rangeShape(s.start(), s.end())));
            }
            marks.getElements().setAll(elements);
            marksDirty = false;
        }
        marks.setLayoutX(x);
        marks.setLayoutY(y);
    }
}
