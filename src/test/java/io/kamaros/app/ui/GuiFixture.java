package io.kamaros.app.ui;

import io.kamaros.app.KamarosApp;
import io.kamaros.app.TestApp;
import io.kamaros.app.home.AppPaths;
import io.kamaros.app.shell.MainWindowView;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.tools.AppContext;
import io.kamaros.app.welcome.RecentProjects;
import io.kamaros.frontend.ProjectLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The real app in a test window: production wiring (background TaskRunner, AtlantaFX theme, app
 * stylesheet) with a temporary home folder that already holds a generated demo, and an error presenter
 * that records instead of opening dialogs.
 */
final class GuiFixture {
    static final int WIDTH = 1280;
    static final int HEIGHT = 800;
    final Path home;
    final AppContext context;
    final MainWindowView window;
    final List<String> errors = new CopyOnWriteArrayList<>();

    /** Puts a generated demo (and a recent-projects entry for it) into {@code home}; run off the FX thread. */
    static void prepareHome(Path home) {
        try {
            Path demo = Files.createDirectories(new AppPaths(home).demoFolder());
            TestApp.demoCopy(demo);
            Files.writeString(demo.resolve(".generated-by-kamaros"), "1");
            new RecentProjects(new AppPaths(home).recentProjectsFile()).remember(ProjectLocation.trackedFolder(
                    demo.resolve("Moonlit Garden")), Instant.now().minusSeconds(7200));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    GuiFixture(Stage stage, Path home) {
        this(stage, home, false);
    }

    GuiFixture(Stage stage, Path home, boolean dark) {
        this.home = home;
        KamarosApp.applyTheme(List.of(dark ? "--theme=dark" : "--theme=light"));
        TaskRunner runner = TaskRunner.background((action, error) -> errors.add(action + ": " + error));
        context = KamarosApp.createContext(new AppPaths(home), runner, () -> stage);
        KamarosApp.registerFeatures(context.tools());
        window = KamarosApp.createWindow(context, stage);
        Scene scene = new Scene((Parent) window.node(), WIDTH, HEIGHT);
        KamarosApp.installStylesheet(scene);
        stage.setScene(scene);
        stage.show();
        keepSceneSize(stage);
        closeProjectWhenHidden(stage);
    }

    /**
     * TestFX hides every window after each test and hands the next test class the same stage: once it is hidden
     * this app's project is closed, so none of its background work (refreshes on focus, notifications) reaches
     * the next test class.
     */
    private void closeProjectWhenHidden(Stage stage) {
        EventHandler<WindowEvent> closeProject = new EventHandler<>() {
            @Override
            public void handle(WindowEvent e) {
                stage.removeEventHandler(WindowEvent.WINDOW_HIDDEN, this);
                context.session().close();
            }
        };
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, closeProject);
    }

    /**
     * Under a window manager a size asked for before the window shows is not kept, and the frame takes part of
     * the window: size the window so that its scene is {@code WIDTH × HEIGHT}, once, as soon as the frame is known.
     */
    private static void keepSceneSize(Stage stage) {
        Scene scene = stage.getScene();
        if (scene.getWidth() == WIDTH && scene.getHeight() == HEIGHT && stage.getWidth() == WIDTH) {
            return; // no window manager: the window has its scene's size, and stays free to follow the next scene
        }
        stage.setWidth(WIDTH);
        stage.setHeight(HEIGHT);
        ChangeListener<Number> fit = new ChangeListener<>() {
            private int tries = 4; // the scene follows the window asynchronously: a few rounds at most

            @Override
            public void changed(ObservableValue<? extends Number> o, Number was, Number now) {
                if (stage.isMaximized() || tries-- <= 0 || scene.getWidth() == WIDTH && scene.getHeight() == HEIGHT) {
                    scene.widthProperty().removeListener(this);
                    scene.heightProperty().removeListener(this);
                    return;
                }
                stage.setWidth(WIDTH + Math.max(0, stage.getWidth() - scene.getWidth()));
                stage.setHeight(HEIGHT + Math.max(0, stage.getHeight() - scene.getHeight()));
            }
        };
        scene.widthProperty().addListener(fit);
        scene.heightProperty().addListener(fit);
    }
}
