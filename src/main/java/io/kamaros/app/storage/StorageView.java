package io.kamaros.app.storage;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.i18n.TimeText;
import io.kamaros.app.task.ProgressText;
import io.kamaros.app.toolkit.ToolWindow;
import io.kamaros.engine.model.ProjectStats;
import io.kamaros.frontend.ByteSize;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.PieChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

/** The storage dashboard: figures, where the space goes (pie), growth over versions (line and area charts). */
public final class StorageView {
    private final StorageViewModel vm;
    private final BorderPane root = new BorderPane();
    private final HBox tiles = new HBox(10);
    private final PieChart pie = new PieChart();
    private final GridPane breakdown = new GridPane();
    private final NumberAxis filesX = new NumberAxis();
    private final NumberAxis filesY = new NumberAxis();
    private final LineChart<Number, Number> filesChart = new LineChart<>(filesX, filesY);
    private final NumberAxis bytesX = new NumberAxis();
    private final NumberAxis bytesY = new NumberAxis();
    private final AreaChart<Number, Number> bytesChart = new AreaChart<>(bytesX, bytesY);
    private final Label growthNote = new Label();

    public StorageView(StorageViewModel vm) {
        this.vm = vm;
        build();
    }

    public Parent node() {
        return root;
    }

    private void build() {
        tiles.setId("storage-tiles");
        pie.setId("storage-pie");
        pie.setLabelsVisible(false);
        pie.setLegendVisible(false);
        pie.setStartAngle(90);
        pie.setAnimated(false);
        pie.setPrefSize(260, 230);
        pie.setMinSize(220, 200);
        breakdown.setId("storage-breakdown");
        breakdown.setHgap(12);
        breakdown.setVgap(8);
        breakdown.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(breakdown, Priority.ALWAYS);
        VBox spaceBox = new VBox(6, section(I18n.t("storage.space")), new HBox(16, pie, breakdown));
        spaceBox.getStyleClass().add("tool-card");

        filesChart.setId("storage-files-chart");
        filesChart.setTitle(I18n.t("storage.chart.files"));
        filesChart.setCreateSymbols(false);
        filesChart.setLegendVisible(false);
        filesChart.setAnimated(false);
        filesX.setLabel(I18n.t("storage.axis.version"));
        filesY.setLabel(I18n.t("storage.axis.files"));
        filesX.setForceZeroInRange(false);
        bytesChart.setId("storage-bytes-chart");
        bytesChart.setTitle(I18n.t("storage.chart.bytes"));
        bytesChart.setCreateSymbols(false);
        bytesChart.setLegendVisible(false);
        bytesChart.setAnimated(false);
        bytesX.setLabel(I18n.t("storage.axis.version"));
        bytesX.setForceZeroInRange(false);
        for (NumberAxis x : new NumberAxis[] {filesX, bytesX, filesY}) { // versions and files are whole numbers
            x.setMinorTickVisible(false);
            x.setTickLabelFormatter(new StringConverter<>() {
                @Override
                public String toString(Number n) {
                    return n.doubleValue() == Math.rint(n.doubleValue()) ? String.valueOf(n.intValue()) : "";
                }

                @Override
                public Number fromString(String s) {
                    return Integer.valueOf(s);
                }
            });
        }
        filesChart.setPrefHeight(240);
        bytesChart.setPrefHeight(240);
        HBox charts = new HBox(10, filesChart, bytesChart);
        HBox.setHgrow(filesChart, Priority.ALWAYS);
        HBox.setHgrow(bytesChart, Priority.ALWAYS);
        growthNote.setId("storage-growth-note");
        growthNote.setWrapText(true);
        growthNote.setMinHeight(Region.USE_PREF_SIZE);
        growthNote.getStyleClass().add("tool-hint");
        VBox growthBox = new VBox(6, section(I18n.t("storage.growth")), charts, growthNote);
        growthBox.getStyleClass().add("tool-card");

        Button refresh = new Button(I18n.t("storage.refresh"), new FontIcon("fth-refresh-cw"));
        refresh.setId("storage-refresh");
        refresh.setOnAction(e -> vm.load());
        refresh.disableProperty().bind(vm.task().runningProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Node header = ToolWindow.header(I18n.t("storage.title"), I18n.t("storage.explanation"));
        HBox.setHgrow(header, Priority.ALWAYS);
        HBox top = new HBox(12, header, refresh);
        top.setAlignment(Pos.TOP_LEFT);

        VBox content = new VBox(12, top, ToolWindow.progressRow(vm.task()), tiles, spaceBox, growthBox);
        content.setPadding(new Insets(16));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("tool-scroll");
        root.setCenter(scroll);

        vm.statsProperty().addListener((o, a, s) -> showStats(s));
        vm.getSlices().addListener((ListChangeListener<StorageViewModel.Slice>) c -> showSlices());
        vm.getGrowth().addListener((ListChangeListener<StorageViewModel.GrowthPoint>) c -> showGrowth());
        showStats(vm.statsProperty().get());
        showSlices();
        showGrowth();
    }

    private void showStats(ProjectStats s) {
        tiles.getChildren().clear();
        if (s == null) {
            return;
        }
        tiles.getChildren().addAll(
                tile("storage-tile-versions", I18n.t("storage.tile.versions"), String.valueOf(s.totalVersions()),
                        s.oldestVersion() == null ? "" : I18n.t("storage.tile.versions.since",
                                TimeText.absolute(s.oldestVersion().timestamp()))),
                tile("storage-tile-files", I18n.t("storage.tile.files"), String.valueOf(s.totalFiles()),
                        I18n.t("storage.tile.files.types", s.filesByType().text(), s.filesByType().binary())),
                tile("storage-tile-size", I18n.t("storage.tile.size"), ProgressText.bytes(s.totalSize()),
                        s.largestFile() == null ? "" : I18n.t("storage.tile.size.largest", s.largestFile().path())),
                tile("storage-tile-history", I18n.t("storage.tile.history"), ProgressText.bytes(vm.historyBytes()),
                        I18n.t("storage.tile.history.hint")),
                tile("storage-tile-dedup", I18n.t("storage.tile.dedup"),
                        String.format(I18n.locale(), "×%.1f", s.deduplicationRatio()),
                        I18n.t("storage.tile.dedup.hint", s.blobReferences(), s.uniqueBlobs())));
    }

    private Node tile(String id, String title, String value, String hint) {
        Label t = new Label(title);
        t.getStyleClass().add("tile-title");
        Label v = new Label(value);
        v.getStyleClass().add("tile-value");
        Label h = new Label(hint);
        h.getStyleClass().add("tile-hint");
        h.setWrapText(true);
        VBox box = new VBox(2, t, v, h);
        box.setId(id);
        box.getStyleClass().add("stat-tile");
        box.setPrefWidth(150);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    private void showSlices() {
        pie.getData().clear();
        breakdown.getChildren().clear();
        long total = vm.getSlices().stream().mapToLong(StorageViewModel.Slice::bytes).sum();
        int row = 0;
        for (StorageViewModel.Slice s : vm.getSlices()) {
            String key = "storage.part." + s.part().name().toLowerCase(Locale.ROOT);
            PieChart.Data d = new PieChart.Data(I18n.t(key), Math.max(s.bytes(), 0));
            pie.getData().add(d);
            Region swatch = new Region();
            swatch.getStyleClass().addAll("pie-swatch", "default-color" + row % 8);
            swatch.setMinSize(12, 12);
            swatch.setMaxSize(12, 12);
            Label name = new Label(I18n.t(key));
            name.getStyleClass().add("breakdown-name");
            Label hint = new Label(I18n.t(key + ".hint"));
            hint.getStyleClass().add("tile-hint");
            hint.setWrapText(true);
            VBox text = new VBox(0, name, hint);
            Label size = new Label(ProgressText.bytes(s.bytes()));
            size.getStyleClass().add("breakdown-size");
            Label pct = new Label(total == 0 ? "" : String.format(I18n.locale(), "%.0f %%", 100.0 * s.bytes() / total));
            pct.getStyleClass().add("tile-hint");
            breakdown.addRow(row++, swatch, text, size, pct);
        }
        // the pie's own colours follow the data order: default-color0 … as the swatches
    }

    private void showGrowth() {
        filesChart.getData().clear();
        bytesChart.getData().clear();
        var points = vm.getGrowth();
        if (points.isEmpty()) {
            growthNote.setText(I18n.t("storage.growth.empty"));
            return;
        }
        long max = points.get(points.size() - 1).cumulativeNewBytes();
        Unit unit = Unit.of(max);
        bytesY.setLabel(I18n.t("storage.axis.bytes", unit.label()));
        XYChart.Series<Number, Number> files = new XYChart.Series<>();
        files.setName(I18n.t("storage.chart.files"));
        XYChart.Series<Number, Number> bytes = new XYChart.Series<>();
        bytes.setName(I18n.t("storage.chart.bytes"));
        for (StorageViewModel.GrowthPoint p : points) {
            files.getData().add(new XYChart.Data<>(p.number(), p.files()));
            bytes.getData().add(new XYChart.Data<>(p.number(), p.cumulativeNewBytes() / unit.divisor()));
        }
        filesChart.getData().add(files);
        bytesChart.getData().add(bytes);
        int from = vm.chartedFromProperty().get();
        String note = I18n.t("storage.growth.note");
        if (from > 1) {
            note += " " + I18n.t("storage.growth.recent", points.size(), from);
        }
        growthNote.setText(note);
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    /** The unit of the bytes axis, picked from the largest value. */
    record Unit(String label, double divisor) {
        static Unit of(long max) {
            int power = ByteSize.power(max, 3); // up to GB
            return new Unit(ByteSize.DESKTOP_UNITS.get(power), Math.pow(1024, power));
        }
    }
}
