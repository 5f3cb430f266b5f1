package io.kamaros.app.projectsettings;

import io.kamaros.app.i18n.I18n;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.controlsfx.control.ToggleSwitch;

/** The Autosave tab: on/off, the settle time and the minimum interval, Save. */
final class AutosavePage {
    private AutosavePage() {
    }

    static Node build(AutosaveViewModel vm) {
        ToggleSwitch on = Forms.toggle("ps-autosave-on", I18n.t("projectSettings.autosave.on"), vm.enabledProperty());
        Spinner<Integer> settle = Forms.number("ps-autosave-settle", AutosaveViewModel.MIN_SETTLE_SECONDS,
                AutosaveViewModel.MAX_SETTLE_SECONDS, vm.settleSecondsProperty());
        Spinner<Integer> interval = Forms.number("ps-autosave-interval", 0, AutosaveViewModel.MAX_INTERVAL_MINUTES,
                vm.intervalMinutesProperty());
        HBox settleRow = Forms.sentence(I18n.t("projectSettings.autosave.settle.before"), settle,
                Bindings.createStringBinding(() -> I18n.t("projectSettings.autosave.settle.after",
                        vm.settleSecondsProperty().get()), vm.settleSecondsProperty()));
        HBox intervalRow = Forms.sentence(I18n.t("projectSettings.autosave.interval.before"), interval,
                Bindings.createStringBinding(() -> I18n.t("projectSettings.autosave.interval.after",
                        vm.intervalMinutesProperty().get()), vm.intervalMinutesProperty()));
        VBox timing = new VBox(8, settleRow, Forms.hint(I18n.t("projectSettings.autosave.settle.hint")), intervalRow,
                Forms.hint(I18n.t("projectSettings.autosave.interval.hint")));
        timing.setPadding(new Insets(0, 0, 0, 12));
        timing.disableProperty().bind(vm.enabledProperty().not());

        Button save = new Button(I18n.t("projectSettings.save"));
        save.setId("ps-autosave-save");
        save.setDefaultButton(true);
        save.disableProperty().bind(vm.canSaveBinding().not());
        save.setOnAction(e -> vm.save());
        HBox buttons = new HBox(10, save, Forms.note("ps-autosave-note", vm.noteProperty()));
        buttons.setAlignment(Pos.CENTER_LEFT);

        VBox form = new VBox(10, on, Forms.hint(I18n.t("projectSettings.autosave.hint")), timing);
        form.disableProperty().bind(vm.loadedProperty().not());
        VBox page = new VBox(14, form, buttons);
        page.setPadding(new Insets(14));
        return page;
    }
}
