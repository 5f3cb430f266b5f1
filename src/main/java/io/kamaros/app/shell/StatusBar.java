package io.kamaros.app.shell;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.task.TaskRunner;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.controlsfx.control.PopOver;
import org.controlsfx.control.TaskProgressView;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The bottom line: the running operation with its progress and Cancel, else the last message; a
 * button opening the panel of all background work; the working-copy summary. Nothing here blocks the
 * window: the person keeps browsing while work runs.
 */
public final class StatusBar {
    private final HBox root = new HBox(10);

    public StatusBar(TaskRunner runner, ObservableStringValue summary) {
        root.getStyleClass().add("status-bar");
        root.setId("status-bar");
        root.setPadding(new Insets(4, 10, 4, 10));
        root.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("status-message");
        message.setMinWidth(0);
        ProgressBar progress = new ProgressBar();
        progress.setId("status-progress");
        progress.setPrefWidth(180);
        progress.setMinWidth(Region.USE_PREF_SIZE); // a long message shrinks, the bar keeps its length
        Button cancel = new Button(I18n.t("action.cancel"), new FontIcon("fth-x"));
        cancel.setId("status-cancel");
        cancel.getStyleClass().addAll("small", "flat");
        cancel.setTooltip(new Tooltip(I18n.t("action.cancel.tooltip")));
        cancel.setMinWidth(Region.USE_PREF_SIZE);

        var task = runner.visibleTaskProperty();
        var running = task.isNotNull();
        progress.visibleProperty().bind(running);
        progress.managedProperty().bind(running);
        cancel.visibleProperty().bind(running);
        cancel.managedProperty().bind(running);
        ChangeListener<TaskRunner.EngineTask<?>> follow = (o, old, t) -> {
            progress.progressProperty().unbind();
            message.textProperty().unbind();
            if (t != null) {
                progress.progressProperty().bind(t.progressProperty());
                message.textProperty().bind(t.messageProperty());
            } else {
                progress.setProgress(0);
                message.textProperty().bind(runner.statusMessageProperty());
            }
        };
        task.addListener(follow);
        follow.changed(task, null, task.get()); // the app may start opening a project before the window is built
        cancel.setOnAction(e -> {
            TaskRunner.EngineTask<?> t = task.get();
            if (t != null && runner.stop(t)) {
                cancel.setDisable(true);
            }
        });
        task.addListener((o, old, t) -> cancel.setDisable(false));

        // Everything running in the background, each with its own Cancel (which asks like this one).
        TaskProgressView<TaskRunner.EngineTask<?>> panel = new TaskProgressView<>();
        panel.setId("task-panel");
        Bindings.bindContent(panel.getTasks(), runner.getVisibleTasks());
        panel.setPrefSize(640, 260); // wide enough for a progress message beside each task's Cancel
        PopOver popOver = new PopOver(panel);
        popOver.setTitle(I18n.t("tasks.panel.title"));
        popOver.setHeaderAlwaysVisible(true);
        popOver.setDetachable(false);
        popOver.setArrowLocation(PopOver.ArrowLocation.BOTTOM_LEFT);
        Button tasks = new Button(null, new FontIcon("fth-layers"));
        tasks.setId("status-tasks");
        tasks.getStyleClass().addAll("small", "flat");
        tasks.setTooltip(new Tooltip(I18n.t("status.tasks.tooltip")));
        tasks.textProperty().bind(Bindings.createStringBinding(
                () -> I18n.t("status.tasks", runner.getVisibleTasks().size()), runner.getVisibleTasks()));
        tasks.setOnAction(e -> {
            if (popOver.isShowing()) {
                popOver.hide();
            } else {
                popOver.show(tasks);
            }
        });
        tasks.visibleProperty().bind(running);
        tasks.managedProperty().bind(running);
        running.addListener((o, was, now) -> {
            if (!now) {
                popOver.hide();
            }
        });

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label wc = new Label();
        wc.setId("working-copy-summary");
        wc.textProperty().bind(summary);
        FontIcon wcIcon = new FontIcon("fth-edit-3");
        wc.graphicProperty().bind(Bindings.when(Bindings.isEmpty(summary)).then((Node) null).otherwise(wcIcon));
        root.getChildren().addAll(message, progress, cancel, tasks, grow, wc);
    }

    public Node node() {
        return root;
    }
}
