package io.kamaros.app.timeline;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.i18n.TimeText;
import io.kamaros.app.i18n.VersionText;
import io.kamaros.engine.model.ChangeSummary;
import io.kamaros.engine.model.ForgottenVersions;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionOrigin;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;
import org.kordamp.ikonli.javafx.FontIcon;

/** The timeline list: virtualized (fixed-height cells), with the graph, tags, HEAD and counts. */
public final class TimelineView {
    static final double ROW_HEIGHT = 54;
    static final double LANE = 14;
    private static final Color[] LANE_COLOURS = {
        Color.web("#0969da"), Color.web("#8250df"), Color.web("#1a7f37"), Color.web("#bf3989"), Color.web("#bc4c00"),
    };

    private final BorderPane root = new BorderPane();
    private final ListView<TimelineRow> list;
    private final TextField search = new TextField();
    private final TimelineViewModel vm;

    /** What a row's context menu can do. */
    public record Actions(Consumer<Version> restore, Consumer<Version> restoreTo, Consumer<Version> compareWithCurrent,
                          Consumer<Version> forget) {
    }

    public TimelineView(TimelineViewModel vm, Actions actions) {
        this.vm = vm;
        root.getStyleClass().add("timeline");
        Label title = new Label(I18n.t("timeline.title"), new FontIcon("fth-git-commit"));
        title.getStyleClass().add("pane-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        summary.getStyleClass().add("pane-subtitle");
        summary.setMinWidth(Region.USE_PREF_SIZE); // "3 of 26 versions match" whole: the search field gives way
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        search.setId("timeline-search");
        search.setPromptText(I18n.t("timeline.search.prompt"));
        search.setTooltip(new Tooltip(I18n.t("timeline.search.tooltip")));
        search.setPrefColumnCount(18);
        search.setMinWidth(120);
        PauseTransition debounce = new PauseTransition(Duration.millis(250));
        debounce.setOnFinished(e -> vm.applySearch());
        search.textProperty().bindBidirectional(vm.searchProperty());
        search.textProperty().addListener((o, a, b) -> debounce.playFromStart());
        search.setOnAction(e -> {
            debounce.stop();
            vm.applySearch();
        });
        HBox header = new HBox(8, title, summary, grow, search);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(6, 8, 6, 10));
        header.getStyleClass().add("pane-header");

        list = new ListView<>(vm.getRows());
        list.setId("timeline-list");
        list.setFixedCellSize(ROW_HEIGHT);
        Label empty = new Label();
        empty.textProperty().bind(vm.emptyTextProperty());
        empty.getStyleClass().add("empty-hint");
        empty.setWrapText(true);
        Hyperlink clear = new Hyperlink(I18n.t("timeline.search.clear"));
        clear.setId("timeline-search-clear");
        clear.setOnAction(e -> vm.clearSearch());
        clear.visibleProperty().bind(vm.searchProperty().isNotEmpty());
        clear.managedProperty().bind(clear.visibleProperty());
        VBox placeholder = new VBox(6, empty, clear);
        placeholder.setAlignment(Pos.CENTER);
        placeholder.setPadding(new Insets(16));
        list.setPlaceholder(placeholder);
        list.setCellFactory(v -> new VersionCell(actions, id -> vm.session().originsProperty().get().get(id)));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                vm.select(row);
            }
        });
        vm.session().selectedVersionProperty().addListener((o, a, v) -> syncSelection(v));
        vm.session().unsavedSelectedProperty().addListener((o, a, b) ->
                syncSelection(vm.session().selectedVersionProperty().get()));
        vm.getRows().addListener((ListChangeListener<TimelineRow>) c ->
                syncSelection(vm.session().selectedVersionProperty().get()));
        root.setTop(header);
        root.setCenter(list);
    }

    private void syncSelection(@Nullable Version v) {
        TimelineRow current = list.getSelectionModel().getSelectedItem();
        if (v == null || vm.session().unsavedSelectedProperty().get()) { // a version still set is on its way out
            boolean unsavedShown = !list.getItems().isEmpty() && list.getItems().get(0).isUnsaved();
            if (vm.session().unsavedSelectedProperty().get() && unsavedShown) {
                if (current == null || !current.isUnsaved()) {
                    list.getSelectionModel().select(0);
                    list.scrollTo(0);
                }
            } else {
                list.getSelectionModel().clearSelection();
            }
            return;
        }
        if (current != null && current.version() != null && current.version().id().equals(v.id())) {
            return;
        }
        for (int i = 0; i < list.getItems().size(); i++) {
            Version item = list.getItems().get(i).version();
            if (item != null && item.id().equals(v.id())) {
                list.getSelectionModel().select(i);
                list.scrollTo(Math.max(0, i - 3));
                return;
            }
        }
    }

    public Node node() {
        return root;
    }

    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    public ListView<TimelineRow> list() {
        return list;
    }

    private static final class VersionCell extends ListCell<TimelineRow> {
        private final Canvas graph = new Canvas(LANE * 2, ROW_HEIGHT);
        private final Label message = new Label();
        private final HBox badges = new HBox(4);
        private final Label meta = new Label();
        private final Label date = new Label();
        private final Label counts = new Label();
        private final HBox row;
        private final Actions actions;
        private final Function<String, @Nullable VersionOrigin> origins;

        VersionCell(Actions actions, Function<String, @Nullable VersionOrigin> origins) {
            this.actions = actions;
            this.origins = origins;
            message.getStyleClass().add("version-message");
            message.setMinWidth(0);
            meta.getStyleClass().add("version-meta");
            meta.setMinWidth(0);
            // the date is always whole: where the row is narrow the relative time, then the author give way ("…")
            date.getStyleClass().addAll("version-meta", "version-date");
            date.setMinWidth(Region.USE_PREF_SIZE);
            Label dot = new Label("·"); // between the relative time and the date; gone with the date
            dot.getStyleClass().add("version-meta");
            dot.setMinWidth(Region.USE_PREF_SIZE);
            dot.visibleProperty().bind(date.textProperty().isNotEmpty());
            dot.managedProperty().bind(dot.visibleProperty());
            HBox.setMargin(dot, new Insets(0, 4, 0, 4));
            counts.getStyleClass().add("version-counts");
            counts.setMinWidth(Region.USE_PREF_SIZE);
            // a long message is cut with "…"; the badges keep their full size
            badges.setMinWidth(Region.USE_PREF_SIZE);
            HBox.setHgrow(message, Priority.SOMETIMES);
            HBox line1 = new HBox(6, message, badges);
            line1.setAlignment(Pos.CENTER_LEFT);
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox line2 = new HBox(meta, dot, date, grow, counts);
            HBox.setMargin(counts, new Insets(0, 0, 0, 12)); // apart from the date when the row is narrow
            line2.setAlignment(Pos.CENTER_LEFT);
            VBox text = new VBox(3, line1, line2);
            text.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMinWidth(0);
            row = new HBox(6, graph, text);
            row.setAlignment(Pos.CENTER_LEFT);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(TimelineRow r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setGraphic(null);
                setText(null);
                setContextMenu(null);
                setTooltip(null);
                return;
            }
            Version v = r.version();
            badges.getChildren().clear();
            if (r.isFolded()) {
                showFolded(r);
                return;
            }
            getStyleClass().remove("folded-row");
            if (v == null) {
                showUnsaved(r);
                return;
            }
            getStyleClass().remove("unsaved-row");
            message.setText(VersionText.message(v));
            if (r.head()) {
                Label head = badge(I18n.t("timeline.head"), "badge-head");
                head.setTooltip(new Tooltip(I18n.t("timeline.head.tooltip")));
                badges.getChildren().add(head);
            }
            if (v.autoSaved()) {
                badges.getChildren().add(badge(I18n.t("timeline.autosave"), "badge-auto"));
            }
            if (v.automatic()) {
                badges.getChildren().add(badge(I18n.t("timeline.automatic"), "badge-auto"));
            }
            for (String tag : v.tags()) {
                Label t = badge(tag, "badge-tag");
                t.setGraphic(new FontIcon("fth-tag"));
                badges.getChildren().add(t);
            }
            VersionOrigin origin = origins.apply(v.id());
            if (origin != null) { // received from a remote: where it was made
                badges.getChildren().add(originBadge(origin));
            }
            ForgottenVersions gap = v.forgottenBefore();
            if (gap != null) { // versions were forgotten between this one and the one it follows
                Label g = badge(I18n.t("timeline.gap", gap.count(), TimeText.date(gap.at())), "badge-gap");
                g.setGraphic(new FontIcon("fth-scissors"));
                g.setTooltip(new Tooltip(I18n.t("timeline.gap.tooltip", TimeText.absolute(gap.oldest()),
                        TimeText.absolute(gap.newest()), TimeText.absolute(gap.at()),
                        ForgottenVersions.BY_HAND.equals(gap.by()) ? I18n.t("forget.byHand") : gap.by())));
                badges.getChildren().add(g);
            }
            Instant now = Instant.now();
            meta.setText(v.author() + " · " + TimeText.relative(v.timestamp(), now));
            date.setText(TimeText.absolute(v.timestamp()));
            counts.setText(counts(v.changes()));
            drawGraph(r);
            setGraphic(row);
            setText(null);
            setTooltip(new Tooltip(I18n.t("timeline.row.tooltip", v.shortId(), v.author(),
                    v.email() == null ? "" : v.email(), TimeText.absolute(v.timestamp()))));
            MenuItem restore = new MenuItem(I18n.t("action.restoreVersion"), new FontIcon("fth-rotate-ccw"));
            restore.setOnAction(e -> actions.restore().accept(v));
            MenuItem restoreTo = new MenuItem(I18n.t("action.restoreTo"), new FontIcon("fth-folder"));
            restoreTo.setOnAction(e -> actions.restoreTo().accept(v));
            MenuItem compare = new MenuItem(I18n.t("action.compareWithCurrent"), new FontIcon("fth-columns"));
            compare.setOnAction(e -> actions.compareWithCurrent().accept(v));
            compare.setDisable(r.head()); // the current version itself: nothing to compare
            MenuItem forget = new MenuItem(I18n.t("action.forgetVersion"), new FontIcon("fth-trash-2"));
            forget.setOnAction(e -> actions.forget().accept(v));
            forget.setDisable(r.head()); // the working copy is based on it
            setContextMenu(new ContextMenu(restore, restoreTo, compare, new SeparatorMenuItem(), forget));
        }

        /** "from studio-pc", with who pushed it and when in its tooltip. */
        private static Label originBadge(VersionOrigin origin) {
            String machine = origin.machine().isBlank() ? I18n.t("timeline.origin.unknownMachine") : origin.machine();
            Label o = badge(I18n.t("timeline.origin", machine), "badge-origin");
            o.setGraphic(new FontIcon("fth-download-cloud"));
            o.setTooltip(new Tooltip(I18n.t("timeline.origin.tooltip", origin.user(),
                    origin.machine().isBlank() ? "?" : origin.machine(),
                    TimeText.absolute(origin.pushedAt()), origin.remote())));
            return o;
        }

        private static Label badge(String text, String style) {
            Label l = new Label(text);
            l.getStyleClass().addAll("badge", style);
            l.setMinWidth(Region.USE_PREF_SIZE);
            return l;
        }

        /** A folded run of automatic saves: how many, from when to when, and that selecting it opens it. */
        private void showFolded(TimelineRow r) {
            getStyleClass().remove("unsaved-row");
            if (!getStyleClass().contains("folded-row")) {
                getStyleClass().add("folded-row");
            }
            List<Version> run = r.folded();
            Version newest = run.get(0);
            Version oldest = run.get(run.size() - 1);
            message.setText(I18n.t("timeline.folded", run.size(), TimeText.span(oldest.timestamp(), newest.timestamp())));
            meta.setText(I18n.t("timeline.folded.meta"));
            date.setText("");
            counts.setText("");
            drawGraph(r);
            setGraphic(row);
            setText(null);
            setTooltip(new Tooltip(I18n.t("timeline.folded.tooltip")));
            setContextMenu(null);
        }

        /** The "Unsaved changes (N)" row: a hollow dot, what it is and what selecting it offers. */
        private void showUnsaved(TimelineRow r) {
            if (!getStyleClass().contains("unsaved-row")) {
                getStyleClass().add("unsaved-row");
            }
            message.setText(I18n.t("unsaved.row", r.unsaved()));
            meta.setText(I18n.t("unsaved.row.meta"));
            date.setText("");
            counts.setText("");
            drawGraph(r);
            setGraphic(row);
            setText(null);
            setTooltip(new Tooltip(I18n.t("unsaved.row.tooltip")));
            setContextMenu(null);
        }

        private static String counts(ChangeSummary c) {
            if (c == null || c.total() == 0) {
                return I18n.t("timeline.noChanges");
            }
            StringBuilder sb = new StringBuilder();
            if (c.added() > 0) {
                sb.append('+').append(c.added()).append(' ');
            }
            if (c.modified() > 0) {
                sb.append('~').append(c.modified()).append(' ');
            }
            if (c.deleted() > 0) {
                sb.append('−').append(c.deleted()).append(' ');
            }
            if (c.renamed() > 0) {
                sb.append('→').append(c.renamed()).append(' ');
            }
            return I18n.t("timeline.files", sb.toString().strip(), c.total());
        }

        private void drawGraph(TimelineRow r) {
            GraphLayout.Row g = r.graph();
            double w = LANE * Math.max(2, Math.min(g.width(), 8)) + 4;
            graph.setWidth(w);
            GraphicsContext gc = graph.getGraphicsContext2D();
            gc.clearRect(0, 0, graph.getWidth(), graph.getHeight());
            double mid = ROW_HEIGHT / 2;
            gc.setLineWidth(2);
            for (int lane : g.through()) {
                gc.setStroke(colour(lane));
                gc.strokeLine(x(lane), 0, x(lane), ROW_HEIGHT);
            }
            gc.setStroke(colour(g.lane()));
            if (g.fromAbove()) {
                gc.strokeLine(x(g.lane()), 0, x(g.lane()), mid);
            }
            if (g.toBelow()) {
                gc.strokeLine(x(g.lane()), r.isUnsaved() ? mid + 5 : mid, x(g.lane()), ROW_HEIGHT);
            }
            if (g.branchFrom() >= 0) { // saved beside the version above: its line bends out of that one's
                gc.beginPath();
                gc.moveTo(x(g.branchFrom()), 0);
                gc.bezierCurveTo(x(g.branchFrom()), mid * 0.5, x(g.lane()), mid * 0.2, x(g.lane()), mid);
                gc.stroke();
            }
            for (int lane : g.mergeIn()) {
                gc.setStroke(colour(lane));
                gc.beginPath();
                gc.moveTo(x(lane), 0);
                gc.bezierCurveTo(x(lane), mid * 0.8, x(g.lane()), mid * 0.5, x(g.lane()), mid);
                gc.stroke();
            }
            if (r.isFolded()) { // a small stack of dots: several versions, none the person's own
                gc.setFill(colour(g.lane()));
                for (int k = -1; k <= 1; k++) {
                    gc.fillOval(x(g.lane()) - 2.5, mid + k * 7 - 2.5, 5, 5);
                }
                return;
            }
            // autosave's versions are smaller dots, so the person's checkpoints stand out
            double rad = r.head() ? 6.5 : r.version() != null && r.version().automatic() ? 3.5 : 5;
            if (r.isUnsaved()) { // not a version yet: a hollow, dashed dot
                gc.setLineDashes(3, 2);
                gc.strokeOval(x(g.lane()) - rad, mid - rad, rad * 2, rad * 2);
                gc.setLineDashes();
                return;
            }
            gc.setFill(colour(g.lane()));
            gc.fillOval(x(g.lane()) - rad, mid - rad, rad * 2, rad * 2);
            if (r.head()) {
                gc.setFill(Color.WHITE);
                gc.fillOval(x(g.lane()) - 2.5, mid - 2.5, 5, 5);
            }
        }

        private static double x(int lane) {
            return 10 + Math.min(lane, 7) * LANE;
        }

        private static Color colour(int lane) {
            return LANE_COLOURS[lane % LANE_COLOURS.length];
        }
    }
}
