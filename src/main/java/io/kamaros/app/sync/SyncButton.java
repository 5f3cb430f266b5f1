package io.kamaros.app.sync;

import io.kamaros.app.i18n.I18n;
import io.kamaros.engine.model.RemoteConfig;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The toolbar's Sync: a button (a split button listing the remotes when there are several) and what waits beside
 * it. Shown only while the project has a remote.
 */
public final class SyncButton {
    private SyncButton() {
    }

    public static Node build(SyncViewModel vm) {
        Button single = new Button(I18n.t("sync.button"), new FontIcon("fth-refresh-ccw"));
        single.setId("sync-button");
        single.setOnAction(e -> vm.sync());
        single.disableProperty().bind(vm.canSyncBinding().not());

        SplitMenuButton several = new SplitMenuButton();
        several.setText(I18n.t("sync.button"));
        several.setGraphic(new FontIcon("fth-refresh-ccw"));
        several.setId("sync-split-button");
        several.setOnAction(e -> vm.sync());
        several.disableProperty().bind(vm.canSyncBinding().not());
        ToggleGroup group = new ToggleGroup();
        Runnable fill = () -> {
            several.getItems().clear();
            group.getToggles().clear();
            for (RemoteConfig r : vm.remotes()) {
                RadioMenuItem item = new RadioMenuItem(I18n.t("sync.choose", r.name(), r.url()));
                item.setToggleGroup(group);
                RemoteConfig chosen = vm.chosenProperty().get();
                item.setSelected(chosen != null && chosen.name().equals(r.name()));
                item.setOnAction(e -> vm.chosenProperty().set(r));
                several.getItems().add(item);
            }
        };
        vm.remotes().addListener((ListChangeListener<RemoteConfig>) c -> fill.run());
        vm.chosenProperty().addListener((o, was, now) -> fill.run());
        fill.run();
        single.visibleProperty().bind(Bindings.size(vm.remotes()).lessThanOrEqualTo(1));
        single.managedProperty().bind(single.visibleProperty());
        several.visibleProperty().bind(single.visibleProperty().not());
        several.managedProperty().bind(several.visibleProperty());

        Label counts = new Label();
        counts.setId("sync-counts");
        counts.getStyleClass().add("version-meta");
        counts.textProperty().bind(vm.countsTextBinding());
        counts.setMinWidth(Region.USE_PREF_SIZE); // read whole: the project's path gives way first
        single.setMinWidth(Region.USE_PREF_SIZE);
        several.setMinWidth(Region.USE_PREF_SIZE);
        counts.setTooltip(tooltip(vm));
        single.setTooltip(tooltip(vm));
        several.setTooltip(tooltip(vm));

        HBox box = new HBox(6, new Separator(Orientation.VERTICAL), single, several, counts);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setId("sync-box");
        box.visibleProperty().bind(vm.shownBinding());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** Which remote Sync works with, and why the counts are missing when the check failed. */
    private static Tooltip tooltip(SyncViewModel vm) {
        Tooltip t = new Tooltip();
        t.textProperty().bind(Bindings.createStringBinding(() -> {
            RemoteConfig r = vm.chosenProperty().get();
            String where = r == null ? "" : I18n.t("sync.tooltip", r.name(), r.url());
            String problem = vm.statusProblemProperty().get();
            return problem.isEmpty() ? where : where + "\n" + problem;
        }, vm.chosenProperty(), vm.statusProblemProperty()));
        return t;
    }
}
