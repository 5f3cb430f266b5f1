package io.kamaros.app;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The desktop application. For now a placeholder window; the full app (welcome screen, timeline,
 * diffs) is built in issue 5.
 */
public class KamarosApp extends Application {

    public static void launchApp(String[] args) {
        Application.launch(KamarosApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Label title = new Label("Kamaros");
        title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
        Label body = new Label("Every version of your project, kept safe.\n"
                + "The history browser is on its way; the engine is ready to use from Java.");
        body.setWrapText(true);
        VBox root = new VBox(16, title, body);
        root.setAlignment(Pos.CENTER);
        root.setPadding(new Insets(32));
        stage.setTitle("Kamaros");
        stage.setScene(new Scene(root, 720, 420));
        stage.show();
    }
}
