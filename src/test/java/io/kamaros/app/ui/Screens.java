package io.kamaros.app.ui;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.demo.DemoProjectGenerator;
import io.kamaros.app.password.PasswordDialog;
import io.kamaros.app.session.PasswordRequest;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.shell.ErrorDialog;
import io.kamaros.app.tools.AppTool;
import io.kamaros.engine.model.StorageException;
import io.kamaros.engine.model.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opens every window and dialog of the app in turn, in a real main window (production wiring, the generated
 * demo project), and hands each one to a check while it shows: welcome, main window, shortcuts (F1), About,
 * save checkpoint, restore confirmation, every tool window (export, import, verify, garbage collection,
 * storage) and settings, and an error. The main window is maximized first. Reuse it for any check that has
 * to hold on every screen, e.g. {@code Screens.walk(robot, stage, home, Locale.forLanguageTag("pl"), s -> ...)}.
 */
public final class Screens {
    /** One opened screen: a short name ({@code "checkpoint"}, {@code "verify-window"}), its window, the main window. */
    public record Screen(String name, Window window, Stage main) {
    }

    /** The names {@link #walk} opens, in order. */
    public static final List<String> ALL = List.of("welcome", "main", "shortcuts", "about", "checkpoint",
            "restore-confirmation", "export-window", "import-window", "verify-window", "gc-window", "storage-window",
            "settings-window", "error", "password");

    private final FxRobot robot;
    private final Stage stage;
    private final Consumer<Screen> check;
    private final List<String> opened = new ArrayList<>();
    private GuiFixture app;

    private Screens(FxRobot robot, Stage stage, Consumer<Screen> check) {
        this.robot = robot;
        this.stage = stage;
        this.check = check;
    }

    /**
     * Builds the app in {@code stage} in {@code locale} with a fresh home under {@code home}, opens each screen,
     * runs {@code check} on it (on the test thread; read JavaFX state through {@code robot.interact}), closes
     * it and returns the names of the screens opened. The app's language and the stage's size are set back afterwards.
     */
    public static List<String> walk(FxRobot robot, Stage stage, Path home, Locale locale, Consumer<Screen> check)
            throws TimeoutException {
        Locale before = I18n.locale();
        GuiFixture.prepareHome(home);
        Screens s = new Screens(robot, stage, check);
        try {
            s.run(home, locale);
        } finally { // the next test class gets this stage as it was
            robot.interact(() -> {
                I18n.setLocale(before);
                stage.setMaximized(false);
            });
        }
        return List.copyOf(s.opened);
    }

    private void run(Path home, Locale locale) throws TimeoutException {
        AtomicReference<GuiFixture> fixture = new AtomicReference<>();
        robot.interact(() -> {
            I18n.setLocale(locale);
            fixture.set(new GuiFixture(stage, home));
            stage.setMaximized(true);
        });
        app = fixture.get();
        waitUntil(stage::isMaximized);
        show("welcome", stage);

        ProjectSession session = app.context.session();
        robot.clickOn("#open-demo");
        waitUntil(() -> session.getVersions().size() == 25 && session.getHead() != null
                && robot.lookup("#timeline-list").tryQuery().isPresent());
        show("main", stage);

        robot.clickOn("#timeline-list");
        robot.press(KeyCode.F1).release(KeyCode.F1);
        closeAfterCheck("shortcuts", dialog("shortcuts-dialog"));
        robot.clickOn(I18n.t("menu.help").replace("_", "")).clickOn(I18n.t("menu.help.about").replace("_", ""));
        closeAfterCheck("about", dialog("about-dialog"));

        Path work = session.location().orElseThrow().workTree();
        try {
            Files.writeString(work.resolve("chapters/05-epilogue.md"), "# Epilogue\n\nThe fox came back.\n");
            Files.writeString(work.resolve("README.md"), "# Moonlit Garden\n\nStatus: **Sequel planned**\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        robot.interact(session::refresh);
        waitUntil(() -> session.getStatus() != null && session.getStatus().changeCount() == 2);
        Platform.runLater(() -> app.window.workspace().checkpoint());
        Window checkpoint = dialog("checkpoint-dialog");
        waitUntil(() -> robot.lookup("#checkpoint-changes").tryQuery()
                .map(n -> ((ListView<?>) n).getItems().size() == 2).orElse(false));
        closeAfterCheck("checkpoint", checkpoint);

        Version old = session.getVersions().get(session.getVersions().size() - 3);
        Platform.runLater(() -> app.window.workspace().restoreVersion(old));
        closeAfterCheck("restore-confirmation", dialog("restore-confirmation"));

        List<AppTool> tools = new ArrayList<>(app.context.tools().tools());
        app.context.tools().settings().ifPresent(tools::add);
        for (AppTool tool : tools) {
            int before = openWindows().size();
            Platform.runLater(() -> tool.open(app.context, stage));
            waitUntil(() -> openWindows().size() > before);
            Stage window = openWindows().get(openWindows().size() - 1);
            String id = window.getScene().getRoot().getId();
            if ("verify-window".equals(id)) { // with its report: the window grows to show it
                robot.interact(() -> ((ButtonBase) window.getScene().lookup("#verify-start")).fire());
                waitUntil(() -> window.getScene().lookup("#verify-headline") instanceof Label l && !l.getText().isEmpty());
            }
            show(id, window);
            robot.interact(window::close);
        }

        Platform.runLater(() -> new ErrorDialog(() -> stage).present(I18n.t("checkpoint.title"),
                new StorageException("No space left on device", Map.of())));
        closeAfterCheck("error", dialog("error-dialog"));

        // the password of an encrypted project (no engine behind it here: the dialog is only looked at)
        Platform.runLater(() -> new PasswordDialog(new PasswordRequest(DemoProjectGenerator.PROJECT_NAME,
                (password, request) -> request.refused(), () -> { }), stage).show());
        closeAfterCheck("password", dialog("password-dialog"));
    }

    private void show(String name, Window window) {
        WaitForAsyncUtils.waitForFxEvents();
        opened.add(name);
        check.accept(new Screen(name, window, stage));
    }

    /** Checks a dialog, then closes it with its Cancel (or only) button, as a person would. */
    private void closeAfterCheck(String name, Window window) throws TimeoutException {
        show(name, window);
        DialogPane pane = (DialogPane) window.getScene().getRoot();
        robot.interact(() -> {
            Optional<Button> close = pane.getButtonTypes().stream()
                    .filter(t -> t.getButtonData() == ButtonBar.ButtonData.CANCEL_CLOSE || pane.getButtonTypes().size() == 1)
                    .map(t -> (Button) pane.lookupButton(t)).findFirst();
            close.orElseThrow(() -> new AssertionError(name + " has no Cancel or OK button")).fire();
        });
        waitUntil(() -> !window.isShowing());
    }

    /** The showing window whose root (a dialog pane) has this id. */
    private Window dialog(String id) throws TimeoutException {
        waitUntil(() -> findWindow(id).isPresent());
        Window w = findWindow(id).orElseThrow();
        waitUntil(() -> w.getWidth() > 0 && w.getHeight() > 0);
        return w;
    }

    private static Optional<Window> findWindow(String id) {
        return Window.getWindows().stream().filter(w -> w.isShowing() && w.getScene() != null
                && id.equals(w.getScene().getRoot().getId())).findFirst();
    }

    /** Tool windows that show now, oldest first. */
    private static List<Stage> openWindows() {
        return Window.getWindows().stream().filter(w -> w.isShowing() && w instanceof Stage s && s.getScene() != null
                && s.getScene().getRoot().getId() != null && s.getScene().getRoot().getId().endsWith("-window"))
                .map(w -> (Stage) w).toList();
    }

    private static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> condition.get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Whether {@code node} and all its parents are visible. */
    public static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
