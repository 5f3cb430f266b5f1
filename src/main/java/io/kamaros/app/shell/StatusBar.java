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
import org.kordamp.ikonli.javafx.FontIcon;

/** The bottom line: the running operation with progress and Cancel, else the last message; the working-copy summary. */
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
        Button cancel = new Button(I18n.t("action.cancel"), new FontIcon("fth-x"));
        cancel.setId("status-cancel");
        cancel.getStyleClass().addAll("small", "flat");
        cancel.setTooltip(new Tooltip(I18n.t("action.cancel.tooltip")));

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
            if (t != null) {
                t.requestCancel();
                cancel.setDisable(true);
            }
        });
        task.addListener((o, old, t) -> cancel.setDisable(false));

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label wc = new Label();
        wc.setId("working-copy-summary");
        wc.textProperty().bind(summary);
        FontIcon wcIcon = new FontIcon("fth-edit-3");
        wc.graphicProperty().bind(Bindings.when(Bindings.isEmpty(summary)).then((Node) null).otherwise(wcIcon));
        root.getChildren().addAll(message, progress, cancel, grow, wc);
    }

    public Node node() {
        return root;
    }
}
