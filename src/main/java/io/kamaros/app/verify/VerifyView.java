package io.kamaros.app.verify;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.ToolWindow;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Verify window: quick or deep check, the verdict, findings grouped and explained, Repair. */
public final class VerifyView {
    /** Findings listed per group before "and N more". */
    static final int ROWS_SHOWN = 6;

    private final VerifyViewModel vm;
    private final BorderPane root = new BorderPane();
    private final VBox results = new VBox(12);

    public VerifyView(VerifyViewModel vm) {
        this.vm = vm;
        build();
    }

    public Parent node() {
        return root;
    }

    private void build() {
        ToggleGroup mode = new ToggleGroup();
        RadioButton quick = new RadioButton(I18n.t("verify.mode.quick"));
        quick.setId("verify-quick");
        quick.setToggleGroup(mode);
        RadioButton deep = new RadioButton(I18n.t("verify.mode.deep"));
        deep.setId("verify-deep");
        deep.setToggleGroup(mode);
        (vm.deepProperty().get() ? deep : quick).setSelected(true);
        deep.selectedProperty().addListener((o, a, b) -> vm.deepProperty().set(b));
        vm.deepProperty().addListener((o, a, b) -> (b ? deep : quick).setSelected(true));
        quick.setTooltip(new Tooltip(I18n.t("verify.mode.quick.hint")));
        deep.setTooltip(new Tooltip(I18n.t("verify.mode.deep.hint")));
        Label modeHint = new Label();
        modeHint.getStyleClass().add("tool-hint");
        modeHint.setWrapText(true);
        modeHint.setMinHeight(Region.USE_PREF_SIZE);
        modeHint.textProperty().bind(Bindings.when(vm.deepProperty()).then(I18n.t("verify.mode.deep.hint"))
                .otherwise(I18n.t("verify.mode.quick.hint")));

        Button verify = new Button(I18n.t("verify.start"), new FontIcon("fth-check-circle"));
        verify.setId("verify-start");
        verify.setDefaultButton(true);
        verify.disableProperty().bind(vm.canVerifyBinding().not());
        verify.setOnAction(e -> vm.verify());
        Button repair = new Button(I18n.t("verify.repair"), new FontIcon("fth-tool"));
        repair.setId("verify-repair");
        repair.getStyleClass().add("accent");
        repair.disableProperty().bind(vm.canRepairBinding().not());
        repair.setOnAction(e -> vm.repair());
        repair.setTooltip(new Tooltip(I18n.t("verify.repair.hint")));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox controls = new HBox(14, quick, deep, spacer, verify, repair);
        controls.setAlignment(Pos.CENTER_LEFT);

        FontIcon verdictIcon = new FontIcon("fth-help-circle");
        verdictIcon.getStyleClass().add("verdict-icon");
        Label headline = new Label();
        headline.setId("verify-headline");
        headline.getStyleClass().add("verdict-headline");
        headline.setWrapText(true);
        headline.setMinHeight(Region.USE_PREF_SIZE);
        headline.textProperty().bind(vm.headlineProperty());
        Label counts = new Label();
        counts.setId("verify-counts");
        counts.getStyleClass().add("tool-hint");
        counts.textProperty().bind(vm.countsProperty());
        VBox verdictText = new VBox(2, headline, counts);
        HBox.setHgrow(verdictText, Priority.ALWAYS);
        HBox verdict = new HBox(12, verdictIcon, verdictText);
        verdict.setId("verify-verdict");
        verdict.setAlignment(Pos.CENTER_LEFT);
        verdict.getStyleClass().addAll("verdict", "verdict-not_checked");
        vm.verdictProperty().addListener((o, was, v) -> {
            verdict.getStyleClass().removeIf(c -> c.startsWith("verdict-"));
            verdict.getStyleClass().add("verdict-" + v.name().toLowerCase(Locale.ROOT));
            verdictIcon.setIconLiteral(switch (v) {
                case HEALTHY -> "fth-check-circle";
                case NOTES_ONLY -> "fth-info";
                case DAMAGED -> "fth-alert-triangle";
                case NOT_CHECKED -> "fth-help-circle";
            });
        });

        results.setId("verify-results");
        results.setPadding(new Insets(2, 4, 8, 0));
        ScrollPane scroll = new ScrollPane(results);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("tool-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        vm.getGroups().addListener((ListChangeListener<FindingGroup>) c -> rebuildResults());
        vm.getRepaired().addListener((ListChangeListener<String>) c -> rebuildResults());
        vm.repairRanProperty().addListener((o, a, b) -> rebuildResults());

        VBox top = new VBox(12, ToolWindow.header(I18n.t("verify.title"), I18n.t("verify.explanation")),
                controls, modeHint, ToolWindow.progressRow(vm.task()), verdict);
        VBox content = new VBox(12, top, scroll);
        content.setPadding(new Insets(16));
        root.setCenter(content);
        rebuildResults();
    }

    private void rebuildResults() {
        results.getChildren().clear();
        if (vm.repairRanProperty().get()) {
            results.getChildren().add(repairCard());
            boolean stillDamaged = vm.getGroups().stream().anyMatch(FindingGroup::error);
            if (stillDamaged) {
                Label left = new Label(I18n.t("verify.repair.left"));
                left.getStyleClass().add("section-title");
                results.getChildren().add(left);
            }
        }
        for (FindingGroup g : vm.getGroups()) {
            results.getChildren().add(groupCard(g));
        }
    }

    private Node repairCard() {
        Label title = new Label(vm.getRepaired().isEmpty() ? I18n.t("verify.repair.nothing")
                : I18n.t("verify.repair.fixed", vm.getRepaired().size()));
        title.getStyleClass().add("finding-title");
        VBox card = new VBox(6, title);
        for (String s : vm.getRepaired()) {
            Label l = new Label(s, new FontIcon("fth-check"));
            l.setWrapText(true);
            l.getStyleClass().add("finding-message");
            card.getChildren().add(l);
        }
        card.setId("verify-repaired");
        card.getStyleClass().addAll("finding-group", "finding-fixed");
        return card;
    }

    private Node groupCard(FindingGroup g) {
        Label title = new Label(g.title());
        title.getStyleClass().add("finding-title");
        Label count = new Label(String.valueOf(g.count()));
        count.getStyleClass().addAll("finding-count", g.error() ? "finding-count-error" : "finding-count-note");
        Label severity = new Label(I18n.t(g.error() ? "verify.severity.error" : "verify.severity.note"));
        severity.getStyleClass().add("finding-severity");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, new FontIcon(g.error() ? "fth-alert-octagon" : "fth-info"), title, count, spacer,
                severity);
        head.setAlignment(Pos.CENTER_LEFT);
        Label explain = new Label(g.explanation());
        explain.setWrapText(true);
        Label todo = new Label(I18n.t("verify.todo", g.whatToDo()));
        todo.setWrapText(true);
        todo.getStyleClass().add("finding-todo");
        VBox rows = new VBox(4);
        rows.getStyleClass().add("finding-rows");
        g.items().stream().limit(ROWS_SHOWN).forEach(r -> {
            Label msg = new Label(r.message());
            msg.setWrapText(true);
            msg.getStyleClass().add("finding-message");
            VBox row = new VBox(1, msg);
            if (!r.where().isEmpty()) {
                Label where = new Label(r.where());
                where.getStyleClass().add("finding-where");
                where.setWrapText(true);
                row.getChildren().add(where);
            }
            rows.getChildren().add(row);
        });
        if (g.count() > ROWS_SHOWN) {
            Label more = new Label(I18n.t("verify.more", g.count() - ROWS_SHOWN));
            more.getStyleClass().add("finding-where");
            rows.getChildren().add(more);
        }
        VBox card = new VBox(6, head, explain, todo, rows);
        card.getStyleClass().addAll("finding-group", g.error() ? "finding-error" : "finding-note");
        card.setId("finding-" + g.type().name().toLowerCase(Locale.ROOT));
        return card;
    }
}
