package io.kamaros.app.diff;

import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.ImagePattern;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import org.jspecify.annotations.Nullable;

/** Pictures side by side, as a swipe, as onion skin, or as their difference. */
final class ImageDiffPane extends StackPane {
    private final DiffViewModel vm;
    private final ImageStage beforeStage = new ImageStage();
    private final ImageStage afterStage = new ImageStage();
    private final ImageStage overlayStage = new ImageStage();
    private final ImageView beforeView = new ImageView();
    private final ImageView afterView = new ImageView();
    private final ImageView overlayBottom = new ImageView();
    private final ImageView overlayTop = new ImageView();
    private final ImageView differenceView = new ImageView();
    private final Label beforeCaption = new Label();
    private final Label afterCaption = new Label();
    private final Node sideBySide;
    private final Node overlay;

    ImageDiffPane(DiffViewModel vm) {
        this.vm = vm;
        getStyleClass().add("diff-image-pane");
        beforeView.imageProperty().bind(vm.beforeImageProperty());
        afterView.imageProperty().bind(vm.afterImageProperty());
        beforeStage.setImages(beforeView);
        afterStage.setImages(afterView);
        // Both sides at one scale, so a bigger picture looks bigger (fitting each alone would hide that).
        beforeStage.partner = afterStage;
        afterStage.partner = beforeStage;
        beforeCaption.getStyleClass().add("diff-image-caption");
        afterCaption.getStyleClass().add("diff-image-caption");
        beforeView.getStyleClass().add("diff-image-before");
        afterView.getStyleClass().add("diff-image-after");
        overlayBottom.getStyleClass().add("diff-image-bottom");
        overlayTop.getStyleClass().add("diff-image-top");
        differenceView.getStyleClass().add("diff-image-difference");

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        grid.add(beforeCaption, 0, 0);
        grid.add(afterCaption, 1, 0);
        grid.add(scroller(beforeStage), 0, 1);
        grid.add(scroller(afterStage), 1, 1);
        var half = new ColumnConstraints();
        half.setPercentWidth(50);
        half.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(half, half);
        var grow = new RowConstraints();
        grow.setVgrow(Priority.ALWAYS);
        grid.getRowConstraints().addAll(new RowConstraints(), grow);
        sideBySide = grid;

        overlay = scroller(overlayStage);
        getChildren().addAll(sideBySide, overlay);
        setPadding(new Insets(12));

        overlayTop.opacityProperty().bind(Bindings.when(vm.imageModeProperty().isEqualTo(ImageMode.ONION_SKIN))
                .then(vm.onionOpacityProperty()).otherwise(1.0));
        differenceView.imageProperty().bind(vm.differenceImageProperty());
        for (Observable o : List.of(vm.imageModeProperty(), vm.beforeImageProperty(), vm.afterImageProperty(),
                vm.beforeImageInfoProperty(), vm.afterImageInfoProperty(), vm.inputProperty())) {
            o.addListener(x -> refresh());
        }
        for (ImageStage s : List.of(beforeStage, afterStage, overlayStage)) {
            s.fit.bind(vm.fitToWindowProperty());
        }
        vm.swipeProperty().addListener(x -> overlayStage.requestLayout());
        refresh();
    }

    private ScrollPane scroller(ImageStage stage) {
        ScrollPane sp = new ScrollPane(stage);
        sp.setFitToWidth(true);
        sp.setFitToHeight(true);
        sp.getStyleClass().add("diff-image-scroll");
        VBox.setVgrow(sp, Priority.ALWAYS);
        return sp;
    }

    private void refresh() {
        Image before = vm.beforeImageProperty().get();
        Image after = vm.afterImageProperty().get();
        boolean both = before != null && after != null;
        ImageMode mode = both ? vm.imageModeProperty().get() : ImageMode.SIDE_BY_SIDE;
        beforeCaption.setText(caption(vm.inputProperty().get() == null ? "" : label(true), vm.beforeImageInfoProperty().get()));
        afterCaption.setText(caption(vm.inputProperty().get() == null ? "" : label(false), vm.afterImageInfoProperty().get()));
        sideBySide.setVisible(mode == ImageMode.SIDE_BY_SIDE);
        overlay.setVisible(mode != ImageMode.SIDE_BY_SIDE);
        overlayBottom.imageProperty().unbind();
        overlayTop.imageProperty().unbind();
        switch (mode) {
            case SWIPE -> {
                // The new picture underneath, the old one on top cut off at the swipe line.
                overlayBottom.imageProperty().bind(vm.afterImageProperty());
                overlayTop.imageProperty().bind(vm.beforeImageProperty());
                overlayStage.setImages(overlayBottom, overlayTop);
                overlayStage.swipe = true;
            }
            case ONION_SKIN -> {
                overlayBottom.imageProperty().bind(vm.beforeImageProperty());
                overlayTop.imageProperty().bind(vm.afterImageProperty());
                overlayStage.setImages(overlayBottom, overlayTop);
                overlayStage.swipe = false;
            }
            case DIFFERENCE -> {
                overlayStage.setImages(differenceView);
                overlayStage.swipe = false;
            }
            default -> {
                overlayStage.setImages();
                overlayStage.swipe = false;
            }
        }
        // An added or deleted picture: show the one that exists across the whole width.
        ((GridPane) sideBySide).getColumnConstraints().get(0).setPercentWidth(before == null ? 0 : after == null ? 100 : 50);
        ((GridPane) sideBySide).getColumnConstraints().get(1).setPercentWidth(after == null ? 0 : before == null ? 100 : 50);
        for (Node n : ((GridPane) sideBySide).getChildren()) {
            Integer col = GridPane.getColumnIndex(n);
            n.setVisible(col == null || col == 0 ? before != null : after != null);
            n.setManaged(n.isVisible());
        }
        overlayStage.requestLayout();
    }

    private String label(boolean beforeSide) {
        DiffInput in = vm.inputProperty().get();
        String l = beforeSide ? in.beforeLabel() : in.afterLabel();
        return l != null ? l : vm.messages().get(beforeSide ? "before.default" : "after.default");
    }

    private String caption(String label, ImageInfo info) {
        if (info == null) {
            return label;
        }
        return label + "  \u00b7  " + vm.messages().get("image.dimensions", Integer.toString(info.width()),
                Integer.toString(info.height())) + "  \u00b7  " + vm.messages().size(info.bytes()) + "  \u00b7  " + info.format();
    }

    /** Checkerboard behind pictures, so transparent areas read as transparent. */
    static Background checkerboard() {
        WritableImage tile = new WritableImage(16, 16);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                boolean dark = (x < 8) != (y < 8);
                tile.getPixelWriter().setColor(x, y, dark ? Color.rgb(204, 204, 204) : Color.rgb(245, 245, 245));
            }
        }
        return new Background(new BackgroundFill(new ImagePattern(tile, 0, 0, 16, 16, false), null, null));
    }

    /**
     * Lays one or more pictures over each other, top-left aligned at one common scale (so pixels of
     * both versions line up even when the sizes differ), centred, either fitted to the space or at 100%.
     */
    final class ImageStage extends Region {
        final BooleanProperty fit = new SimpleBooleanProperty(true);
        private final Region board = new Region();
        private final Line divider = new Line();
        private final Rectangle clip = new Rectangle();
        private ImageView[] views = new ImageView[0];
        boolean swipe;
        /** The other side's stage, for a shared fit scale; set once both stages exist. */
        @Nullable ImageStage partner;
        private double lastScale = -1;

        ImageStage() {
            getStyleClass().add("diff-image-stage");
            board.setBackground(checkerboard());
            board.getStyleClass().add("diff-image-board");
            divider.getStyleClass().add("diff-swipe-line");
            divider.setManaged(false);
            fit.addListener(x -> requestLayout());
            setMinSize(0, 0);
        }

        void setImages(ImageView... views) {
            for (ImageView v : this.views) {
                v.setClip(null);
                v.imageProperty().removeListener(imageListener);
            }
            this.views = views;
            getChildren().setAll(board);
            getChildren().addAll(views);
            getChildren().add(divider);
            for (ImageView v : views) {
                v.setPreserveRatio(false);
                v.imageProperty().addListener(imageListener);
            }
            requestLayout();
        }

        private final InvalidationListener imageListener = x -> requestLayout();

        private double contentWidth() {
            double w = 0;
            for (ImageView v : views) {
                w = v.getImage() == null ? w : Math.max(w, v.getImage().getWidth());
            }
            return w;
        }

        private double contentHeight() {
            double h = 0;
            for (ImageView v : views) {
                h = v.getImage() == null ? h : Math.max(h, v.getImage().getHeight());
            }
            return h;
        }

        @Override
        protected double computeMinWidth(double height) {
            return fit.get() ? 0 : contentWidth() + 16;
        }

        @Override
        protected double computeMinHeight(double width) {
            return fit.get() ? 0 : contentHeight() + 16;
        }

        @Override
        protected double computePrefWidth(double height) {
            return fit.get() ? 100 : contentWidth() + 16;
        }

        @Override
        protected double computePrefHeight(double width) {
            return fit.get() ? 100 : contentHeight() + 16;
        }

        double scale() {
            double own = fitScale();
            if (partner != null && partner.isVisible() && partner.contentWidth() > 0 && partner.getWidth() > 0) {
                return Math.min(own, partner.fitScale());
            }
            return own;
        }

        private double fitScale() {
            double cw = contentWidth();
            double ch = contentHeight();
            if (cw == 0 || ch == 0) {
                return 1;
            }
            if (!fit.get()) {
                return 1;
            }
            // Small pictures are enlarged up to 8x so an icon's pixels can be seen.
            return Math.min(8, Math.min((getWidth() - 16) / cw, (getHeight() - 16) / ch));
        }

        @Override
        protected void layoutChildren() {
            double s = Math.max(0.01, scale());
            if (s != lastScale) {
                lastScale = s;
                if (partner != null) {
                    partner.requestLayout();
                }
            }
            double cw = contentWidth() * s;
            double ch = contentHeight() * s;
            double x0 = Math.floor(Math.max(8, (getWidth() - cw) / 2));
            double y0 = Math.floor(Math.max(8, (getHeight() - ch) / 2));
            board.resizeRelocate(x0, y0, cw, ch);
            for (ImageView v : views) {
                Image img = v.getImage();
                if (img == null) {
                    continue;
                }
                v.setSmooth(s < 1);
                v.setFitWidth(img.getWidth() * s);
                v.setFitHeight(img.getHeight() * s);
                v.relocate(x0, y0);
            }
            boolean showSwipe = swipe && views.length == 2;
            divider.setVisible(showSwipe);
            if (showSwipe) {
                double x = Math.round(cw * vm.swipeProperty().get());
                clip.setX(0);
                clip.setY(0);
                clip.setWidth(x);
                clip.setHeight(ch);
                views[1].setClip(clip);
                divider.setStartX(x0 + x);
                divider.setEndX(x0 + x);
                divider.setStartY(y0 - 4);
                divider.setEndY(y0 + ch + 4);
            } else if (views.length == 2) {
                views[1].setClip(null);
            }
        }
    }
}
