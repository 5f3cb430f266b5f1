package io.kamaros.app.shell;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.i18n.TimeText;
import io.kamaros.app.task.FinishedTask;
import io.kamaros.app.task.ProgressText;
import io.kamaros.app.task.TaskRunner;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.TaskProgressView;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The panel of background work the status bar opens: what runs now (ControlsFX {@link TaskProgressView}:
 * name, progress, message and a Stop that asks like every Cancel) and, below, what ended in this session,
 * newest first: name, how it ended and what it said, when it started and how long it took.
 */
final class TaskPanel {
    private final VBox root;

    TaskPanel(TaskRunner runner) {
        TaskProgressView<TaskRunner.EngineTask<?>> running = new TaskProgressView<>();
        running.setId("task-running");
        Bindings.bindContent(running.getTasks(), runner.getVisibleTasks());
        running.setPrefHeight(150);
        // its cells are re-made as tasks come and go: give them the app's words after each layout pass
        running.needsLayoutProperty().addListener((o, was, needs) -> {
            if (!needs) {
                inAppLanguage(running);
            }
        });

        Label recentTitle = new Label(I18n.t("tasks.recent"));
        recentTitle.getStyleClass().add("section-title");
        ListView<FinishedTask> recent = new ListView<>(runner.getRecentTasks());
        recent.setId("task-recent");
        Label none = new Label(I18n.t("tasks.recent.empty"));
        none.getStyleClass().add("empty-hint");
        recent.setPlaceholder(none);
        recent.setCellFactory(v -> new FinishedCell());
        recent.setPrefHeight(190);
        VBox.setVgrow(recent, Priority.ALWAYS);

        root = new VBox(8, running, recentTitle, recent);
        root.setId("task-panel");
        root.setPrefSize(640, 380); // wide enough for a progress message beside each task's Stop
    }

    /** One ended operation: an icon for how it ended, its name, its last words, when and how long. */
    private static final class FinishedCell extends ListCell<FinishedTask> {
        @Override
        protected void updateItem(FinishedTask t, boolean empty) {
            super.updateItem(t, empty);
            if (empty || t == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            FontIcon icon = new FontIcon(switch (t.outcome()) {
                case SUCCEEDED -> "fth-check-circle";
                case FAILED -> "fth-alert-circle";
                case STOPPED -> "fth-slash";
            });
            icon.getStyleClass().add("task-outcome-" + t.outcome().name().toLowerCase(Locale.ROOT));
            Label name = new Label(t.name());
            name.getStyleClass().add("recent-name");
            Label result = new Label(t.result());
            result.setWrapText(true);
            Label when = new Label(I18n.t("tasks.recent.when", TimeText.absolute(t.startedAt()),
                    ProgressText.duration(t.took())));
            when.getStyleClass().add("recent-path");
            VBox text = new VBox(2, name, result, when);
            HBox.setHgrow(text, Priority.ALWAYS);
            HBox row = new HBox(10, icon, text);
            row.setAlignment(Pos.TOP_LEFT);
            setGraphic(row);
            setText(null);
        }
    }

    /**
     * ControlsFX's task panel writes "Cancel", "Cancel Task" and "No tasks running" in English whatever the
     * language (its skin has no texts to set): put the app's own words on it.
     */
    private static void inAppLanguage(TaskProgressView<?> panel) {
        for (Node n : panel.lookupAll(".task-cancel-button")) {
            if (n instanceof Button b) {
                b.setText(I18n.t("action.cancel"));
                if (b.getTooltip() != null) {
                    b.getTooltip().setText(I18n.t("action.cancel.tooltip"));
                }
            }
        }
        for (Node n : panel.lookupAll(".label")) {
            if (n instanceof Label l && "No tasks running".equals(l.getText())) {
                l.setText(I18n.t("tasks.panel.empty"));
            }
        }
    }

    Node node() {
        return root;
    }
}
