package io.kamaros.app.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Orientation;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.jspecify.annotations.Nullable;

/**
 * Text diff rows in a virtualized ListView (one row per aligned line pair, fixed height, so 100,000
 * lines scroll smoothly). A ListView of rows rather than two RichTextFX areas: fillers, fold rows and
 * two line-number gutters fall out of one row model, and both sides can never drift apart while
 * scrolling. Long lines scroll sideways with one shared bar.
 */
final class TextDiffPane extends BorderPane {
    private final DiffViewModel vm;
    private final ListView<DiffLine> list = new ListView<>();
    private final ScrollBar hbar = new ScrollBar();
    private final DoubleProperty offset = new SimpleDoubleProperty();
    final Font font = Font.font("Monospaced", 13);
    final double charWidth;
    final double rowHeight;

    TextDiffPane(DiffViewModel vm) {
        this.vm = vm;
        getStyleClass().add("diff-text-pane");
        Text probe = new Text("0123456789");
        probe.setFont(font);
        charWidth = probe.getLayoutBounds().getWidth() / 10;
        rowHeight = Math.ceil(probe.getLayoutBounds().getHeight() + 4);

        list.getStyleClass().add("diff-list");
        list.setItems(vm.getLines());
        list.setFixedCellSize(rowHeight);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(l -> new RowCell());
        Label placeholder = new Label();
        placeholder.textProperty().bind(vm.messageProperty());
        placeholder.getStyleClass().add("diff-placeholder");
        placeholder.setWrapText(true);
        list.setPlaceholder(placeholder);

        hbar.setOrientation(Orientation.HORIZONTAL);
        hbar.getStyleClass().add("diff-hbar");
        offset.bind(hbar.valueProperty());
        hbar.managedProperty().bind(hbar.visibleProperty());
        setCenter(list);
        setBottom(hbar);

        // Horizontal wheel / trackpad (or Shift+wheel) moves our bar; the list only scrolls vertically.
        list.addEventFilter(ScrollEvent.SCROLL, e -> {
            double dx = e.getDeltaX() != 0 ? e.getDeltaX() : e.isShiftDown() ? e.getDeltaY() : 0;
            if (dx != 0 && hbar.isVisible()) {
                hbar.setValue(clamp(hbar.getValue() - dx, 0, hbar.getMax()));
                e.consume();
            }
        });
        list.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (KeyCombination.keyCombination("Shortcut+C").match(e)) {
                copySelection();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                DiffLine line = list.getSelectionModel().getSelectedItem();
                if (line != null && line.kind() == LineKind.FOLD) {
                    vm.expand(line);
                    e.consume();
                }
            }
        });
        MenuItem copy = new MenuItem(vm.messages().get("copy"));
        copy.setOnAction(e -> copySelection());
        list.setContextMenu(new ContextMenu(copy));

        widthProperty().addListener((o, a, b) -> updateScrollBar());
        vm.longestLineProperty().addListener((o, a, b) -> updateScrollBar());
        vm.maxLineNumberProperty().addListener((o, a, b) -> updateScrollBar());
        vm.layoutProperty().addListener((o, a, b) -> {
            updateScrollBar();
            list.refresh();
        });
        vm.changeProperty().addListener((o, a, b) -> updateScrollBar());
        vm.currentChangeProperty().addListener((o, a, b) -> list.refresh());
        vm.currentChangeLineProperty().addListener((o, a, b) -> {
            int row = b.intValue();
            if (row >= 0) {
                // A little context above the change reads better than the change glued to the top edge.
                list.scrollTo(Math.max(0, row - 3));
                list.getSelectionModel().clearAndSelect(row);
            }
        });
        // A new file starts at the left edge; unfolding lines of the same file keeps the position.
        vm.inputProperty().addListener((o, a, b) -> hbar.setValue(0));
        updateScrollBar();
    }

    ListView<DiffLine> list() {
        return list;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    double gutterWidth() {
        int digits = Math.max(2, Integer.toString(Math.max(1, vm.maxLineNumberProperty().get())).length());
        return Math.ceil(digits * charWidth + 14);
    }

    double markerWidth() {
        return Math.ceil(charWidth + 8);
    }

    /** Width of the code part of one column, for the scroll bar range. */
    private double codeViewport() {
        double w = getWidth() - 16; // vertical scroll bar, roughly
        if (vm.effectiveLayout() == TextLayout.SIDE_BY_SIDE) {
            return w / 2 - gutterWidth() - markerWidth();
        }
        return w - 2 * gutterWidth() - markerWidth();
    }

    private void updateScrollBar() {
        double content = vm.longestLineProperty().get() * charWidth + 2 * CodeLine.PAD + charWidth;
        double viewport = Math.max(1, codeViewport());
        double max = Math.max(0, content - viewport);
        hbar.setMax(max);
        hbar.setVisibleAmount(max == 0 ? 0 : viewport * max / content);
        hbar.setUnitIncrement(charWidth * 4);
        hbar.setBlockIncrement(viewport * 0.8);
        hbar.setValue(clamp(hbar.getValue(), 0, max));
        hbar.setVisible(max > 0);
    }

    private void copySelection() {
        List<String> texts = new ArrayList<>();
        for (DiffLine line : list.getSelectionModel().getSelectedItems()) {
            if (line == null || line.kind() == LineKind.FOLD) {
                continue;
            }
            LineText right = line.right();
            // Only FOLD rows (skipped above) have neither side.
            texts.add(right != null ? right.text() : Objects.requireNonNull(line.left(), "left").text());
        }
        if (!texts.isEmpty()) {
            ClipboardContent content = new ClipboardContent();
            content.putString(String.join("\n", texts) + "\n");
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    /** One side of a row: background by kind, line-number gutter(s), a +/- marker, the code. */
    final class Half extends Region {
        final Text number = new Text();
        final Text number2 = new Text();
        final Text marker = new Text();
        final Region gutter = new Region();
        final CodeLine code = new CodeLine(font);
        boolean twoNumbers;

        Half() {
            getStyleClass().add("diff-half");
            gutter.getStyleClass().add("diff-gutter");
            for (Text t : List.of(number, number2, marker)) {
                t.setFont(font);
                t.getStyleClass().add("diff-line-number");
            }
            marker.getStyleClass().setAll("diff-marker");
            getChildren().addAll(gutter, number, number2, marker, code);
            setMinWidth(0);
            setPrefWidth(0);
            code.setOffset(offset.get());
            offset.addListener((o, a, b) -> code.setOffset(b.doubleValue()));
        }

        void show(String kindClass, @Nullable LineText oldLine, @Nullable LineText newLine, @Nullable LineText content,
                  String mark, boolean after,
                  boolean two) {
            getStyleClass().setAll("diff-half", kindClass);
            twoNumbers = two;
            number.setText(oldLine == null ? "" : Integer.toString(oldLine.number()));
            number2.setText(newLine == null ? "" : Integer.toString(newLine.number()));
            number2.setVisible(two);
            marker.setText(mark);
            if (content == null) {
                code.clear();
            } else {
                code.set(content.text(), vm.syntax(after, content), content.changes());
            }
            requestLayout();
        }

        @Override
        protected void layoutChildren() {
            double g = gutterWidth();
            double h = getHeight();
            double gutters = twoNumbers ? 2 * g : g;
            gutter.resizeRelocate(0, 0, gutters, h);
            placeRight(number, g - 6, h);
            placeRight(number2, 2 * g - 6, h);
            double m = markerWidth();
            marker.relocate(gutters + 4, baselineTop(marker, h));
            code.resizeRelocate(gutters + m, 0, Math.max(0, getWidth() - gutters - m), h);
        }

        private void placeRight(Text t, double right, double h) {
            t.relocate(right - t.getLayoutBounds().getWidth(), baselineTop(t, h));
        }

        private double baselineTop(Text t, double h) {
            return Math.floor((h - t.getLayoutBounds().getHeight()) / 2);
        }
    }

    /** A row: two halves side by side, one half in unified layout, or a fold link. */
    final class RowCell extends ListCell<DiffLine> {
        private final Half left = new Half();
        private final Half right = new Half();
        private final Label fold = new Label();
        private final Region row = new Region() {
            {
                getChildren().addAll(left, right, fold);
            }

            @Override
            protected void layoutChildren() {
                double w = getWidth();
                double h = getHeight();
                if (fold.isVisible()) {
                    fold.resizeRelocate(0, 0, w, h);
                } else if (right.isVisible()) {
                    double half = Math.floor(w / 2);
                    left.resizeRelocate(0, 0, half, h);
                    right.resizeRelocate(half, 0, w - half, h);
                } else {
                    left.resizeRelocate(0, 0, w, h);
                }
            }
        };

        RowCell() {
            getStyleClass().add("diff-row");
            fold.getStyleClass().add("diff-fold");
            fold.setMaxWidth(Double.MAX_VALUE);
            // The graphic is laid out at its preferred width, so it follows the cell's real width; the cell
            // itself claims no width, or the ListView would grow its own horizontal scroll bar.
            row.setMinWidth(0);
            row.prefWidthProperty().bind(widthProperty());
            row.setMinHeight(rowHeight);
            row.setPrefHeight(rowHeight);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            setText(null);
            setOnMouseClicked(e -> {
                if (getItem() != null && getItem().kind() == LineKind.FOLD) {
                    vm.expand(getItem());
                }
            });
        }

        @Override
        protected double computePrefWidth(double height) {
            return 0;
        }

        @Override
        protected void updateItem(DiffLine line, boolean empty) {
            super.updateItem(line, empty);
            if (empty || line == null) {
                setGraphic(null);
                return;
            }
            boolean current = line.hunk() >= 0 && line.hunk() == vm.currentChangeProperty().get();
            row.getStyleClass().setAll("diff-row-box");
            if (current) {
                row.getStyleClass().add("current-change");
            }
            if (line.kind() == LineKind.FOLD) {
                fold.setVisible(true);
                left.setVisible(false);
                right.setVisible(false);
                fold.setText("\u22ef  " + vm.messages().get("hidden", line.hiddenLines()));
            } else {
                fold.setVisible(false);
                left.setVisible(true);
                if (vm.effectiveLayout() == TextLayout.SIDE_BY_SIDE) {
                    right.setVisible(true);
                    LineText l = line.left();
                    LineText r = line.right();
                    String leftKind = l == null ? "filler" : line.kind() == LineKind.SAME ? "same" : "removed";
                    String rightKind = r == null ? "filler" : line.kind() == LineKind.SAME ? "same" : "added";
                    left.show(leftKind, l, null, l, l == null || line.kind() == LineKind.SAME ? "" : "\u2212", false, false);
                    right.show(rightKind, r, null, r, r == null || line.kind() == LineKind.SAME ? "" : "+", true, false);
                } else {
                    right.setVisible(false);
                    switch (line.kind()) {
                        case REMOVED -> left.show("removed", line.left(), null, line.left(), "\u2212", false, true);
                        case ADDED -> left.show("added", null, line.right(), line.right(), "+", true, true);
                        default -> left.show("same", line.left(), line.right(), line.right(), "", true, true);
                    }
                }
            }
            setGraphic(row);
        }
    }
}
