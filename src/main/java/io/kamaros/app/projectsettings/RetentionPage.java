package io.kamaros.app.projectsettings;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.DialogButtons;
import io.kamaros.app.toolkit.ToolWindow;
import io.kamaros.app.toolkit.WindowPlacement;
import io.kamaros.engine.model.ForgetResult;
import javafx.animation.PauseTransition;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.controlsfx.control.ToggleSwitch;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Retention tab: the policy in sentences, what it may thin, the live preview, Save and "Apply now…". */
final class RetentionPage {
    /** The preview waits this long after the last change of the form: stepping a number through ten values previews once. */
    static final Duration PREVIEW_DELAY = Duration.millis(350);

    private RetentionPage() {
    }

    static Node build(RetentionViewModel vm) {
        Node keepAll = numberInSentence(vm.keepAllHoursProperty(), "ps-retention-all", 1, 24 * 365,
                "projectSettings.retention.all.before", "projectSettings.retention.all.after");
        Node hourly = numberInSentence(vm.hourlyDaysProperty(), "ps-retention-hourly", 0, RetentionViewModel.MAX_DAYS,
                "projectSettings.retention.hourly.before", "projectSettings.retention.days.after");
        Node daily = numberInSentence(vm.dailyDaysProperty(), "ps-retention-daily", 0, RetentionViewModel.MAX_DAYS,
                "projectSettings.retention.daily.before", "projectSettings.retention.days.after");
        ToggleSwitch weekly = Forms.toggle("ps-retention-weekly", I18n.t("projectSettings.retention.weekly"),
                vm.weeklyAfterProperty());
        ToggleSwitch limit = Forms.toggle("ps-retention-limit", I18n.t("projectSettings.retention.limit"),
                vm.sizeLimitedProperty());
        Spinner<Double> gigabytes = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(0.1, 100_000,
                vm.maxGigabytesProperty().get(), 0.5));
        gigabytes.setId("ps-retention-gb");
        gigabytes.setEditable(true);
        gigabytes.setPrefWidth(110);
        gigabytes.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.maxGigabytesProperty().set(b);
            }
        });
        vm.maxGigabytesProperty().addListener((o, a, b) -> gigabytes.getValueFactory().setValue(b.doubleValue()));
        Forms.commitOnFocusLost(gigabytes);
        gigabytes.disableProperty().bind(vm.sizeLimitedProperty().not());
        Label gb = new Label(I18n.t("projectSettings.retention.gb"));
        HBox limitRow = new HBox(10, limit, gigabytes, gb);
        limitRow.setAlignment(Pos.CENTER_LEFT);

        VBox keep = new VBox(8, Forms.section(I18n.t("projectSettings.retention.keep")), keepAll, hourly, daily, weekly,
                limitRow, Forms.hint(I18n.t("projectSettings.retention.limit.hint")));
        VBox thin = new VBox(8, Forms.section(I18n.t("projectSettings.retention.mayGo")),
                Forms.hint(I18n.t("projectSettings.retention.mayGo.hint")),
                Forms.toggle("ps-retention-manual", I18n.t("projectSettings.retention.manual"), vm.thinManualProperty()),
                Forms.toggle("ps-retention-tagged", I18n.t("projectSettings.retention.tagged"), vm.thinTaggedProperty()));
        VBox auto = new VBox(8, Forms.toggle("ps-retention-auto", I18n.t("projectSettings.retention.auto"),
                vm.autoThinProperty()), Forms.hint(I18n.t("projectSettings.retention.auto.hint")));
        VBox form = new VBox(14, keep, thin, auto);
        form.disableProperty().bind(vm.loadedProperty().not());

        Label preview = new Label();
        preview.setId("ps-retention-preview");
        preview.setWrapText(true);
        preview.setMinHeight(Label.USE_PREF_SIZE);
        preview.getStyleClass().add("gc-figure");
        preview.textProperty().bind(vm.previewTextProperty());
        Button save = new Button(I18n.t("projectSettings.save"));
        save.setId("ps-retention-save");
        save.disableProperty().bind(vm.canSaveBinding().not());
        save.setOnAction(e -> vm.save());
        Button apply = new Button(I18n.t("projectSettings.retention.apply"), new FontIcon("fth-scissors"));
        apply.setId("ps-retention-apply");
        apply.getStyleClass().add("danger");
        apply.disableProperty().bind(vm.canApplyBinding().not());
        apply.setOnAction(e -> {
            ForgetResult r = vm.previewProperty().get();
            if (r != null && DialogButtons.isOk(confirmation(r, apply).showAndWait().orElse(DialogButtons.cancel()))) {
                vm.applyNow();
            }
        });
        HBox buttons = new HBox(10, save, apply, Forms.note("ps-retention-note", vm.noteProperty()));
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(10, Forms.section(I18n.t("projectSettings.retention.preview")), preview,
                buttons,
                ToolWindow.progressRow(vm.applying()));
        card.getStyleClass().add("tool-card");

        // a new preview a moment after the form last changed
        PauseTransition later = new PauseTransition(PREVIEW_DELAY);
        later.setOnFinished(e -> {
            if (!vm.applying().isRunning()) {
                vm.preview();
            }
        });
        for (Observable p : new Observable[] {vm.keepAllHoursProperty(), vm.hourlyDaysProperty(), vm.dailyDaysProperty(),
                vm.weeklyAfterProperty(), vm.sizeLimitedProperty(), vm.maxGigabytesProperty(), vm.thinManualProperty(),
                vm.thinTaggedProperty()}) {
            p.addListener(o -> {
                if (vm.loadedProperty().get()) { // not while the stored policy is being shown: load previews it
                    later.playFromStart();
                }
            });
        }

        VBox page = new VBox(14, form, card);
        page.setPadding(new Insets(14));
        return page;
    }

    /** "Every version from the last [24] hours": a number in a sentence whose last word agrees with it. */
    private static Node numberInSentence(IntegerProperty value, String id, int min, int max, String before, String after) {
        Spinner<Integer> field = Forms.number(id, min, max, value);
        return Forms.sentence(I18n.t(before), field,
                Bindings.createStringBinding(() -> I18n.t(after, value.get()), value));
    }

    /** The question before "Apply now": how many versions go, what it frees, no undo. */
    static Alert confirmation(ForgetResult preview, Node owner) {
        ButtonType forget = new ButtonType(I18n.t("projectSettings.retention.confirm.button"), ButtonBar.ButtonData.OK_DONE);
        Alert a = DialogButtons.alert(Alert.AlertType.CONFIRMATION, "", forget, DialogButtons.cancel());
        WindowPlacement.prepare(a, owner.getScene().getWindow());
        a.setTitle(I18n.t("projectSettings.retention.confirm.title"));
        a.setHeaderText(I18n.t("projectSettings.retention.confirm.header", preview.forgotten().size()));
        Label what = new Label(RetentionViewModel.describe(preview));
        what.setWrapText(true);
        Label noUndo = new Label(I18n.t("forget.confirm.noUndo"));
        noUndo.getStyleClass().add("no-undo");
        VBox box = new VBox(8, what, noUndo);
        box.setPadding(new Insets(10, 14, 4, 14));
        box.setPrefWidth(460);
        a.getDialogPane().setContent(box);
        a.getDialogPane().setId("retention-confirmation");
        Button ok = (Button) a.getDialogPane().lookupButton(forget);
        ok.setId("retention-confirm");
        ok.getStyleClass().add("danger");
        return a;
    }
}
