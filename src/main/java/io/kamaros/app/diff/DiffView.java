package io.kamaros.app.diff;
import io.kamaros.app.i18n.Messages;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.collections.FXCollections;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.BooleanProperty;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The diff viewer: a header (file, versions, counts, mode controls) over a text, image, binary or
 * message panel chosen by {@link DiffViewModel#kindProperty()}. Builds nodes and binds them; all state
 * and work live in the view-model.
 */
public final class DiffView extends BorderPane {
    private final DiffViewModel vm;
    private final Messages m;
    private final TextDiffPane textPane;
    private final ImageDiffPane imagePane;
    private final BinaryPane binaryPane;
    private final ScrollPane binaryScroll;
    private final VBox messagePane = new VBox(12);
    private final FontIcon messageIcon = new FontIcon(Feather.FILE_TEXT);
    /** The narrowest the viewer gets (see the constructor). */
    static final double MIN_WIDTH = 200;
    private final Label messageLabel = new Label();
    private final StackPane center = new StackPane();

    public DiffView(DiffViewModel viewModel) {
        this.vm = Objects.requireNonNull(viewModel, "viewModel");
        this.m = vm.messages();
        getStyleClass().add("diff-view");
        getStylesheets().add(Objects.requireNonNull(DiffView.class.getResource("diff.css")).toExternalForm());
        // At the main window's smallest width the viewer gives way (its text and pictures scroll or shrink, its
        // toolbars wrap into drop-downs): its content's 260 px beside the file tree's and timeline's minimums
        // made the window's content wider than the window, cutting off the toolbars' and status bar's right ends.
        setMinWidth(MIN_WIDTH);

        textPane = new TextDiffPane(vm);
        imagePane = new ImageDiffPane(vm);
        binaryPane = new BinaryPane(vm);
        buildMessagePane();

        VBox top = new VBox(header(), toolbars(), banner());
        top.getStyleClass().add("diff-top");
        setTop(top);
        // a binary's facts and thumbnails can be taller than a short window: they scroll
        binaryScroll = new ScrollPane(binaryPane);
        binaryScroll.setFitToWidth(true);
        binaryScroll.getStyleClass().add("diff-binary-scroll");
        center.getChildren().addAll(textPane, imagePane, binaryScroll, messagePane);
        center.getStyleClass().add("diff-center");
        setCenter(center);

        vm.kindProperty().addListener((o, a, b) -> showKind(b));
        showKind(vm.getKind());

        // Alt+Down / Alt+Up (and F7 / Shift+F7, as in IDEs) walk through the changes.
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (vm.getKind() != DiffKind.TEXT) {
                return;
            }
            if ((e.isAltDown() && e.getCode() == KeyCode.DOWN) || (e.getCode() == KeyCode.F7 && !e.isShiftDown())) {
                vm.nextChange();
                e.consume();
            } else if ((e.isAltDown() && e.getCode() == KeyCode.UP) || (e.getCode() == KeyCode.F7 && e.isShiftDown())) {
                vm.previousChange();
                e.consume();
            }
        });
    }

    public DiffViewModel getViewModel() {
        return vm;
    }

    private Node header() {
        Label path = new Label();
        path.setId("diff-path");
        path.getStyleClass().add("diff-path");
        path.textProperty().bind(vm.titleProperty());
        path.setMinWidth(0);

        Label badge = new Label();
        badge.setId("diff-badge");
        badge.getStyleClass().add("diff-badge");
        vm.changeProperty().addListener((o, a, b) -> updateBadge(badge, b));
        updateBadge(badge, vm.changeProperty().get());

        Label versions = new Label();
        versions.setId("diff-versions");
        versions.getStyleClass().add("diff-versions");
        versions.textProperty().bind(vm.subtitleProperty());

        Label added = new Label();
        added.setId("diff-added-count");
        added.getStyleClass().add("diff-count-added");
        added.textProperty().bind(Bindings.concat("+", vm.addedLinesProperty().asString()));
        Label removed = new Label();
        removed.setId("diff-removed-count");
        removed.getStyleClass().add("diff-count-removed");
        removed.textProperty().bind(Bindings.concat("\u2212", vm.removedLinesProperty().asString()));
        HBox counts = new HBox(8, added, removed);
        counts.setAlignment(Pos.CENTER_RIGHT);
        counts.visibleProperty().bind(vm.kindProperty().isEqualTo(DiffKind.TEXT));
        Tooltip countsTip = new Tooltip();
        countsTip.textProperty().bind(Bindings.createStringBinding(() -> m.get("counts.tip",
                m.get("lines", vm.addedLinesProperty().get()), m.get("lines", vm.removedLinesProperty().get())),
                vm.addedLinesProperty(), vm.removedLinesProperty()));
        Tooltip.install(counts, countsTip);

        HBox line1 = new HBox(10, path, badge);
        line1.setAlignment(Pos.CENTER_LEFT);
        VBox names = new VBox(2, line1, versions);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, names, spacer, counts);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("diff-header");
        header.visibleProperty().bind(vm.kindProperty().isNotEqualTo(DiffKind.NONE));
        header.managedProperty().bind(header.visibleProperty());
        return header;
    }

    private void updateBadge(Label badge, FileChange change) {
        badge.getStyleClass().removeAll("added", "deleted", "modified");
        badge.setVisible(change != null);
        if (change == null) {
            badge.setText("");
            return;
        }
        switch (change) {
            case ADDED -> badge.setText(m.get("change.added"));
            case DELETED -> badge.setText(m.get("change.deleted"));
            default -> badge.setText(m.get("change.modified"));
        }
        badge.getStyleClass().add(change.name().toLowerCase(Locale.ROOT));
    }

    private Node toolbars() {
        // Text: layout, fold toggle, change navigation.
        ToggleButton[] layoutPills = pillPair(vm.layoutProperty(), m.get("layout.tip"),
                TextLayout.SIDE_BY_SIDE, m.get("layout.sideBySide"), "diff-layout-side-by-side",
                TextLayout.UNIFIED, m.get("layout.unified"), "diff-layout-unified");
        ToggleButton sideBySide = layoutPills[0];
        ToggleButton unified = layoutPills[1];

        // Icon only (the text is in the tooltip): beside version details the pane is narrow, and
        // labelled buttons were cut to "Side b…" / "Show…".
        ToggleButton showAll = new ToggleButton(null, new FontIcon(Feather.MAXIMIZE_2));
        showAll.setId("diff-show-all");
        showAll.setTooltip(new Tooltip(m.get("expandAll") + " — " + m.get("expandAll.tip")));
        showAll.selectedProperty().bindBidirectional(vm.showAllLinesProperty());

        Button previous = new Button(null, new FontIcon(Feather.CHEVRON_UP));
        previous.setId("diff-previous-change");
        previous.setTooltip(new Tooltip(m.get("nav.previous")));
        previous.setOnAction(e -> vm.previousChange());
        previous.disableProperty().bind(vm.canGoPreviousProperty().not());
        Button next = new Button(null, new FontIcon(Feather.CHEVRON_DOWN));
        next.setId("diff-next-change");
        next.setTooltip(new Tooltip(m.get("nav.next")));
        next.setOnAction(e -> vm.nextChange());
        next.disableProperty().bind(vm.canGoNextProperty().not());
        Label position = new Label();
        position.setId("diff-change-position");
        position.getStyleClass().add("diff-muted");
        position.textProperty().bind(Bindings.createStringBinding(() -> vm.changeCountProperty().get() == 0
                        ? m.get("nav.none")
                        : m.get("nav.position", vm.currentChangeProperty().get() + 1, vm.changeCountProperty().get()),
                vm.changeCountProperty(), vm.currentChangeProperty()));
        Label language = new Label();
        language.getStyleClass().add("diff-muted");
        language.textProperty().bind(Bindings.createStringBinding(() -> vm.languageProperty().get() == Language.PLAIN ? ""
                : m.get("language." + vm.languageProperty().get().name().toLowerCase(Locale.ROOT)),
                vm.languageProperty()));
        for (Control c : List.of(sideBySide, unified, position)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox layoutBox = new HBox(sideBySide, unified);
        ComboBox<String> layoutMenu = dropDown("diff-layout-menu", m.get("layout.tip"),
                List.of(m.get("layout.sideBySide"), m.get("layout.unified")), TextLayout.values(), vm.layoutProperty());
        HBox navigation = group(previous, next, position);
        FlowPane textBar = toolbar(layoutBox, layoutMenu, showAll, navigation, language);
        // One side only (added or deleted file): there is nothing to put side by side.
        compactWhenNarrow(textBar, layoutBox, layoutMenu, vm.changeProperty().isEqualTo(FileChange.MODIFIED));
        showWhen(textBar, vm.kindProperty().isEqualTo(DiffKind.TEXT));

        // Images: mode, slider, zoom.
        ToggleGroup modeGroup = new ToggleGroup();
        ToggleButton twoUp = pill(m.get("image.mode.sideBySide"), modeGroup, "left-pill");
        twoUp.setId("diff-image-side-by-side");
        ToggleButton swipe = pill(m.get("image.mode.swipe"), modeGroup, "center-pill");
        swipe.setId("diff-image-swipe");
        ToggleButton onion = pill(m.get("image.mode.onion"), modeGroup, "center-pill");
        onion.setId("diff-image-onion");
        ToggleButton difference = pill(m.get("image.mode.difference"), modeGroup, "right-pill");
        difference.setId("diff-image-difference");
        ToggleButton[] modes = {twoUp, swipe, onion, difference};
        syncToggle(modeGroup, modes[vm.imageModeProperty().get().ordinal()]);
        modeGroup.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            } else {
                vm.imageModeProperty().set(ImageMode.values()[Arrays.asList(modes).indexOf(b)]);
            }
        });
        vm.imageModeProperty().addListener((o, a, b) -> syncToggle(modeGroup, modes[b.ordinal()]));
        HBox modeBox = new HBox(modes);
        // Comparing modes need both pictures.
        modeBox.disableProperty().bind(vm.beforeImageProperty().isNull().or(vm.afterImageProperty().isNull()));
        List<String> modeWords = Arrays.stream(modes).map(ToggleButton::getText).toList();
        ComboBox<String> modeMenu = dropDown("diff-image-mode-menu", String.join(" · ", modeWords), modeWords,
                ImageMode.values(), vm.imageModeProperty());
        modeMenu.disableProperty().bind(modeBox.disabledProperty());

        Slider slider = new Slider(0, 1, 0.5);
        slider.setId("diff-image-slider");
        slider.setPrefWidth(180);
        vm.imageModeProperty().addListener((o, a, b) -> bindSlider(slider, b));
        bindSlider(slider, vm.imageModeProperty().get());
        slider.visibleProperty().bind(vm.imageModeProperty().isEqualTo(ImageMode.SWIPE)
                .or(vm.imageModeProperty().isEqualTo(ImageMode.ONION_SKIN)).and(modeBox.disabledProperty().not()));
        slider.managedProperty().bind(slider.visibleProperty());

        ToggleButton[] zoomPills = pillPair(vm.fitToWindowProperty(), m.get("zoom.tip"),
                true, m.get("zoom.fit"), "diff-zoom-fit", false, m.get("zoom.actual"), "diff-zoom-100");
        ToggleButton fit = zoomPills[0];
        ToggleButton actual = zoomPills[1];
        Label differenceInfo = new Label();
        differenceInfo.setId("diff-difference-summary");
        differenceInfo.getStyleClass().add("diff-muted");
        differenceInfo.textProperty().bind(vm.differenceSummaryProperty());
        differenceInfo.setWrapText(true);
        differenceInfo.setMaxWidth(Double.MAX_VALUE);
        differenceInfo.visibleProperty().bind(vm.imageModeProperty().isEqualTo(ImageMode.DIFFERENCE)
                .and(modeBox.disabledProperty().not()));
        differenceInfo.managedProperty().bind(differenceInfo.visibleProperty());
        // the summary wraps on its own line: beside the buttons a long one pushed them out of a narrow pane
        FlowPane imageTools = toolbar(modeBox, modeMenu, slider, new HBox(fit, actual));
        compactWhenNarrow(imageTools, modeBox, modeMenu, new SimpleBooleanProperty(true));
        VBox imageBar = new VBox(6, imageTools, differenceInfo);
        showWhen(imageBar, vm.kindProperty().isEqualTo(DiffKind.IMAGE));

        StackPane bars = new StackPane(textBar, imageBar);
        bars.getStyleClass().add("diff-toolbar");
        showWhen(bars, vm.kindProperty().isEqualTo(DiffKind.TEXT).or(vm.kindProperty().isEqualTo(DiffKind.IMAGE)));
        return bars;
    }

    /**
     * A toolbar row that wraps its groups onto a second line when the pane is narrower than they are (a 1024-px
     * window, longer Polish labels), instead of pushing its last buttons out of sight.
     */
    private static FlowPane toolbar(Node... groups) {
        FlowPane bar = new FlowPane(12, 6, groups);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setMinWidth(0);
        bar.setPrefWrapLength(0); // wrap at the width the pane gives, not at a preferred 400 px
        return bar;
    }

    /**
     * Shows {@code pills} while {@code shown} and the toolbar {@code bar} is wide enough for them, else
     * {@code dropDown} (the same choices): at the main window's smallest width the viewer gets less room than the
     * four picture modes (or, in Polish, the two layouts) need, and a pill cut to "Onion s…" or pushed past the
     * window's edge helps nobody.
     */
    private static void compactWhenNarrow(FlowPane bar, Region pills, Region dropDown, ObservableBooleanValue shown) {
        BooleanProperty fits = new SimpleBooleanProperty(true);
        InvalidationListener decide = o -> fits.set(bar.getWidth() <= 0
                || pills.prefWidth(-1) <= bar.getWidth() - bar.snappedLeftInset() - bar.snappedRightInset());
        bar.widthProperty().addListener(decide);
        pills.needsLayoutProperty().addListener(decide); // its words change width with the language
        showWhen(pills, Bindings.and(shown, fits));
        showWhen(dropDown, Bindings.and(shown, fits.not()));
    }

    /** A drop-down offering {@code words} (in the order of {@code values}), kept in step with {@code value} both ways. */
    private static <E extends Enum<E>> ComboBox<String> dropDown(String id, String tip, List<String> words, E[] values,
                                                                 ObjectProperty<E> value) {
        ComboBox<String> box = new ComboBox<>(FXCollections.observableArrayList(words));
        box.setId(id);
        box.setTooltip(new Tooltip(tip));
        box.setMinWidth(Region.USE_PREF_SIZE);
        box.getSelectionModel().select(value.get().ordinal());
        box.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (now.intValue() >= 0) {
                value.set(values[now.intValue()]);
            }
        });
        value.addListener((o, was, now) -> box.getSelectionModel().select(now.ordinal()));
        return box;
    }

    /** Controls that stay together on one line when a toolbar wraps. */
    private static HBox group(Node... nodes) {
        HBox box = new HBox(8, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void bindSlider(Slider slider, ImageMode mode) {
        slider.valueProperty().unbindBidirectional(vm.swipeProperty());
        slider.valueProperty().unbindBidirectional(vm.onionOpacityProperty());
        if (mode == ImageMode.SWIPE) {
            slider.valueProperty().bindBidirectional(vm.swipeProperty());
            slider.setTooltip(new Tooltip(m.get("image.swipe.tip")));
        } else if (mode == ImageMode.ONION_SKIN) {
            slider.valueProperty().bindBidirectional(vm.onionOpacityProperty());
            slider.setTooltip(new Tooltip(m.get("image.onion.tip")));
        }
    }

    private Node banner() {
        Label message = new Label();
        message.setId("diff-message");
        message.getStyleClass().add("diff-banner");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.textProperty().bind(vm.messageProperty());
        showWhen(message, vm.messageProperty().isNotEmpty().and(vm.kindProperty().isEqualTo(DiffKind.TEXT)
                .or(vm.kindProperty().isEqualTo(DiffKind.IMAGE))).and(Bindings.isNotEmpty(vm.getLines())
                .or(vm.kindProperty().isEqualTo(DiffKind.IMAGE))));
        Label note = new Label();
        note.setId("diff-note");
        note.getStyleClass().add("diff-note");
        note.setWrapText(true);
        note.setMaxWidth(Double.MAX_VALUE);
        note.textProperty().bind(vm.noteProperty());
        showWhen(note, vm.noteProperty().isNotEmpty().and(vm.kindProperty().isEqualTo(DiffKind.TEXT)));
        return new VBox(message, note);
    }

    private void buildMessagePane() {
        messagePane.getStyleClass().add("diff-message-pane");
        messagePane.setAlignment(Pos.CENTER);
        messagePane.setPadding(new Insets(32));
        messageIcon.getStyleClass().add("diff-message-icon");
        messageLabel.setId("diff-state-message");
        messageLabel.getStyleClass().add("diff-state-message");
        messageLabel.setWrapText(true);
        messageLabel.textProperty().bind(vm.messageProperty());
        messageLabel.setMaxWidth(720);
        ProgressIndicator progress = new ProgressIndicator();
        progress.setMaxSize(36, 36);
        showWhen(progress, vm.kindProperty().isEqualTo(DiffKind.LOADING));
        messagePane.getChildren().addAll(progress, messageIcon, messageLabel);
    }

    private void showKind(DiffKind kind) {
        textPane.setVisible(kind == DiffKind.TEXT);
        imagePane.setVisible(kind == DiffKind.IMAGE);
        boolean binary = kind == DiffKind.BINARY || kind == DiffKind.TOO_LARGE;
        binaryScroll.setVisible(binary);
        messagePane.setVisible(!binary && kind != DiffKind.TEXT && kind != DiffKind.IMAGE);
        messageIcon.setVisible(kind != DiffKind.LOADING);
        messageIcon.setIconCode(switch (kind) {
            case IDENTICAL -> Feather.CHECK_CIRCLE;
            case ERROR -> Feather.ALERT_TRIANGLE;
            default -> Feather.FILE_TEXT;
        });
        messagePane.getStyleClass().removeAll("identical", "error");
        if (kind == DiffKind.IDENTICAL || kind == DiffKind.ERROR) {
            messagePane.getStyleClass().add(kind.name().toLowerCase(Locale.ROOT));
        }
    }

    private static ToggleButton pill(String text, ToggleGroup group, String style) {
        ToggleButton b = new ToggleButton(text);
        b.setToggleGroup(group);
        b.getStyleClass().add(style);
        b.setFocusTraversable(true);
        return b;
    }

    /**
     * Two pills choosing between {@code first} and {@code second} of {@code property}, kept in step both
     * ways; one of them is always selected, as in a segmented control.
     */
    private static <T> ToggleButton[] pillPair(Property<T> property, String tip, T first, String firstText,
                                               String firstId, T second, String secondText, String secondId) {
        ToggleGroup group = new ToggleGroup();
        ToggleButton a = pill(firstText, group, "left-pill");
        a.setId(firstId);
        ToggleButton b = pill(secondText, group, "right-pill");
        b.setId(secondId);
        a.setTooltip(new Tooltip(tip));
        b.setTooltip(new Tooltip(tip));
        syncToggle(group, first.equals(property.getValue()) ? a : b);
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true);
            } else {
                property.setValue(now == a ? first : second);
            }
        });
        property.addListener((o, was, now) -> syncToggle(group, first.equals(now) ? a : b));
        return new ToggleButton[] {a, b};
    }

    private static void syncToggle(ToggleGroup group, ToggleButton button) {
        if (group.getSelectedToggle() != button) {
            button.setSelected(true);
        }
    }

    private static void showWhen(Node node, ObservableValue<Boolean> condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(node.visibleProperty());
    }

    // package-private accessors for tests
    TextDiffPane textPane() {
        return textPane;
    }

    ImageDiffPane imagePane() {
        return imagePane;
    }
}
