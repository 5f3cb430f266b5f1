package io.kamaros.app.shell;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.ToolWindow;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.controlsfx.control.PopOver;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The bottom line, a ControlsFX {@link org.controlsfx.control.StatusBar}: the running operation's message and
 * progress, else the last message; on the right the background work (a button opening the panel of what
 * runs and what ended, and Cancel) and the project's facts (versions, unsaved changes). Its height is fixed:
 * a task starting or ending never moves the window's content. Nothing here blocks the window.
 */
public final class StatusBar {
    /** The bar's height in px: room for the small buttons that show while work runs, so it never grows. */
    static final double HEIGHT = 30;
    private final org.controlsfx.control.StatusBar bar = new org.controlsfx.control.StatusBar();

    /**
     * @param summary the working copy's state ("3 unsaved changes")
     * @param facts   the project's facts ("25 versions"), empty without a project
     */
    public StatusBar(TaskRunner runner, ObservableStringValue summary, ObservableStringValue facts) {
        bar.setId("status-bar");
        bar.setMinHeight(HEIGHT);
        bar.setPrefHeight(HEIGHT);
        bar.setMaxHeight(HEIGHT);
        // the skin's message and progress bar keep the ids they had before ControlsFX drew them (tests, CSS)
        bar.skinProperty().addListener((o, was, skin) -> {
            if (bar.lookup(".status-label") != null) {
                bar.lookup(".status-label").setId("status-message");
            }
            if (bar.lookup(".progress-bar") != null) {
                bar.lookup(".progress-bar").setId("status-progress");
            }
        });

        Button cancel = new Button(I18n.t("action.cancel"), new FontIcon("fth-x"));
        cancel.setId("status-cancel");
        cancel.getStyleClass().addAll("small", "flat");
        cancel.setTooltip(new Tooltip(I18n.t("action.cancel.tooltip")));
        cancel.setMinWidth(Region.USE_PREF_SIZE);

        var task = runner.visibleTaskProperty();
        var running = task.isNotNull();
        cancel.visibleProperty().bind(running);
        cancel.managedProperty().bind(running);
        ChangeListener<TaskRunner.EngineTask<?>> follow = (o, old, t) -> {
            bar.progressProperty().unbind();
            bar.textProperty().unbind();
            if (t != null) {
                // the skin hides its bar at exactly 0 (its "no task"): a task at 0 % still shows an empty bar
                bar.progressProperty().bind(Bindings.createDoubleBinding(
                        () -> t.getProgress() == 0 ? Double.MIN_VALUE : t.getProgress(), t.progressProperty()));
                bar.textProperty().bind(t.messageProperty());
            } else {
                bar.setProgress(0); // no bar
                bar.textProperty().bind(runner.statusMessageProperty());
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

        Button tasks = tasksButton(runner);
        var anyWork = running.or(Bindings.isNotEmpty(runner.getRecentTasks()));
        tasks.visibleProperty().bind(anyWork);
        tasks.managedProperty().bind(anyWork);

        Label factsLabel = new Label();
        factsLabel.setId("project-facts");
        factsLabel.textProperty().bind(facts);
        FontIcon factsIcon = new FontIcon("fth-clock");
        factsLabel.graphicProperty().bind(Bindings.when(Bindings.isEmpty(facts)).then((Node) null).otherwise(factsIcon));
        Label wc = new Label();
        wc.setId("working-copy-summary");
        wc.textProperty().bind(summary);
        FontIcon wcIcon = new FontIcon("fth-edit-3");
        wc.graphicProperty().bind(Bindings.when(Bindings.isEmpty(summary)).then((Node) null).otherwise(wcIcon));
        Separator between = new Separator(Orientation.VERTICAL);
        between.visibleProperty().bind(anyWork.and(Bindings.isNotEmpty(facts).or(Bindings.isNotEmpty(summary))));
        between.managedProperty().bind(between.visibleProperty());
        for (Label l : new Label[] {factsLabel, wc}) {
            l.setMinWidth(Region.USE_PREF_SIZE); // the message on the left gives way, the facts stay whole
        }
        bar.getRightItems().addAll(tasks, cancel, between, factsLabel, wc);
    }

    /**
     * Opens the panel of background work (what runs now, each with its Stop, and what ended in this
     * session). Shown while work runs and, once something has ended, to look back at it.
     */
    private static Button tasksButton(TaskRunner runner) {
        Button tasks = new Button(null, new FontIcon("fth-layers"));
        tasks.setId("status-tasks");
        tasks.getStyleClass().addAll("small", "flat");
        tasks.setMinWidth(Region.USE_PREF_SIZE);
        tasks.setTooltip(new Tooltip(I18n.t("status.tasks.tooltip")));
        tasks.textProperty().bind(Bindings.createStringBinding(() -> runner.getVisibleTasks().isEmpty()
                        ? I18n.t("tasks.recent.button") : I18n.t("status.tasks", runner.getVisibleTasks().size()),
                runner.getVisibleTasks()));
        PopOver[] popOver = new PopOver[1]; // made at the first click: not part of the app's first frame
        tasks.setOnAction(e -> {
            if (popOver[0] == null) {
                PopOver made = taskPopOver(runner);
                // placed again whenever its size changes while it shows: its first size may come a pulse after
                // show() (styles, the list's rows), and a panel placed by its old width stood off its button
                ChangeListener<Number> resized = (o, was, now) -> {
                    if (made.isShowing()) {
                        place(made, tasks);
                    }
                };
                made.widthProperty().addListener(resized);
                made.heightProperty().addListener(resized);
                popOver[0] = made;
            }
            if (popOver[0].isShowing()) {
                popOver[0].hide();
            } else {
                popOver[0].show(tasks);
                place(popOver[0], tasks);
            }
        });
        return tasks;
    }

    /** The panel's bottom right corner just above its button's top right (the card has no arrow to point with). */
    private static void place(PopOver panel, Button button) {
        Bounds b = button.localToScreen(button.getBoundsInLocal());
        if (b != null) {
            panel.setAnchorX(b.getMaxX() - panel.getWidth());
            panel.setAnchorY(b.getMinY() - PANEL_GAP - panel.getHeight());
        }
    }

    /** Between the panel's bottom edge and the top of its button, px. */
    private static final double PANEL_GAP = 3;

    /**
     * The panel's popup, a plain card: square corners, no arrow, no shadow, no fade. A popup is a window of its
     * own and what it does not paint is transparent; without a compositor (an X11 window manager such as
     * openbox, Xvfb) the system paints that white or black: the arrow's gap, the rounded corners and the
     * shadow's margin showed as a white frame around the panel, and its fade-in as a white flash. Covered edge
     * to edge by an opaque card, it looks the same with a compositor and without.
     */
    private static PopOver taskPopOver(TaskRunner runner) {
        PopOver popOver = new PopOver(new TaskPanel(runner).node());
        popOver.setTitle(I18n.t("tasks.panel.title"));
        popOver.setHeaderAlwaysVisible(true);
        popOver.setDetachable(false);
        popOver.setArrowLocation(PopOver.ArrowLocation.BOTTOM_RIGHT);
        popOver.setArrowSize(0);
        popOver.setArrowIndent(0);
        popOver.setCornerRadius(0);
        popOver.setAnimated(false);
        // PopOver puts its popover.css (a white card with a shadow) on its root, which wins over the scene's
        // stylesheets: the app's, added after it there, gives the card the theme's colours and takes its shadow
        // off (kamaros.css ".popover > .border")
        popOver.getRoot().getStylesheets().add(ToolWindow.stylesheet());
        return popOver;
    }

    public Node node() {
        return bar;
    }

    /** The bar as a control: its text and progress are what the person reads (tests look here). */
    public org.controlsfx.control.StatusBar control() {
        return bar;
    }
}
