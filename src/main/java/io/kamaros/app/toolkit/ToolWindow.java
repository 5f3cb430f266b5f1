package io.kamaros.app.toolkit;

import io.kamaros.app.i18n.I18n;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The window a project tool opens in: owned by the main window, with the app's stylesheet and icon.
 * Opening a tool whose window is already showing brings that window to the front. The window opens at its
 * content's size, centred on the main window ({@link WindowPlacement}); Escape closes it.
 */
public final class ToolWindow {
    private static final Map<String, Stage> OPEN = new HashMap<>();

    private ToolWindow() {
    }

    /** The app's stylesheet (kamaros.css), for every scene and for popups whose own stylesheet would win over it. */
    public static String stylesheet() {
        return Objects.requireNonNull(ToolWindow.class.getResource("/io/kamaros/app/kamaros.css"), "kamaros.css")
                .toExternalForm();
    }

    /**
     * Shows the tool's window, building its content with {@code content} the first time.
     *
     * @param id the root node's id, also used to find an open window again (e.g. {@code "verify-window"})
     */
    public static Stage show(String id, String title, Window owner, Supplier<Parent> content) {
        Stage open = OPEN.get(id);
        if (open != null && open.isShowing()) {
            open.toFront();
            open.requestFocus();
            return open;
        }
        Parent root = content.get();
        root.setId(id);
        root.getStyleClass().add("tool-window");
        Scene scene = new Scene(root); // sized to its content by WindowPlacement
        scene.getStylesheets().add(stylesheet());
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(title);
        stage.setScene(scene);
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !e.isConsumed()) {
                stage.close(); // a field that uses Escape itself (an open combo box) consumes it first
                e.consume();
            }
        });
        var icon = ToolWindow.class.getResourceAsStream("/io/kamaros/app/icons/kamaros-256.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        OPEN.put(id, stage);
        stage.setOnHidden(e -> OPEN.remove(id, stage));
        WindowPlacement.fitAndCentre(stage);
        stage.show();
        return stage;
    }

    /** A progress row: bar, what is happening, Cancel; visible only while the operation runs. */
    public static Node progressRow(TaskProgress task) {
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(220);
        bar.progressProperty().bind(task.progressProperty());
        Label message = new Label();
        message.textProperty().bind(task.messageProperty());
        message.getStyleClass().add("tool-progress-message");
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        Button cancel = new Button(I18n.t("action.cancel"));
        cancel.getStyleClass().add("tool-cancel");
        cancel.setMinWidth(Region.USE_PREF_SIZE); // a long progress message must not squeeze it to "…"
        cancel.setOnAction(e -> task.cancel());
        HBox row = new HBox(10, bar, message, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPadding(new Insets(6, 0, 0, 0));
        row.getStyleClass().add("tool-progress");
        row.visibleProperty().bind(task.runningProperty());
        row.managedProperty().bind(task.runningProperty());
        return row;
    }

    /** A heading with a short explanation under it. */
    public static Node header(String title, String explanation) {
        Label t = new Label(title);
        t.getStyleClass().add("tool-title");
        Label e = new Label(explanation);
        e.getStyleClass().add("tool-explanation");
        e.setWrapText(true);
        e.setMinHeight(Region.USE_PREF_SIZE); // wrap, never cut to one line with "…"
        VBox box = new VBox(4, t, e);
        box.getStyleClass().add("tool-header");
        return box;
    }
}
