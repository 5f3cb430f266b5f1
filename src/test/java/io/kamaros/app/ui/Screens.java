package io.kamaros.app.ui;

import io.kamaros.app.KamarosApp;
import io.kamaros.app.details.ChangeRow;
import io.kamaros.app.details.VersionLabels;
import io.kamaros.app.diff.DiffKind;
import io.kamaros.app.diff.DiffView;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.demo.DemoProjectGenerator;
import io.kamaros.app.password.PasswordDialog;
import io.kamaros.app.projectsettings.ProjectSettingsView;
import io.kamaros.app.welcome.NewProjectDialog;
import io.kamaros.app.session.PasswordRequest;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.settings.Themes;
import io.kamaros.app.sync.OpenFromRemoteDialog;
import io.kamaros.app.sync.OpenFromRemoteViewModel;
import io.kamaros.app.shell.ErrorDialog;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.tools.AppContext;
import io.kamaros.app.tools.AppTool;
import io.kamaros.app.unsaved.DiscardDialog;
import io.kamaros.app.unsaved.UnsavedFile;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileChange;
import io.kamaros.engine.objects.BlobStore;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.PopOver;
import org.jspecify.annotations.Nullable;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opens every window and dialog of the app in turn, in a real main window (production wiring, the generated
 * demo project), and hands each one to a check while it shows: welcome, main window (with its toolbar's
 * tooltips and the timeline's and file tree's context menus), the timeline's empty search, the diff viewer in a
 * window 1224 px wide and at its minimum width (a text and a picture change), shortcuts (F1),
 * About, save checkpoint (asking the name at the first save), restore confirmation (files changed, brought back,
 * removed), discard confirmation, the panel of background work, the question before stopping it, the
 * notification of finished work, every tool window (export, import, verify and what repair fixed, garbage
 * collection, storage, each tab of project settings) and settings, an error, the password question and the
 * new-project question (encryption on). The main window is
 * maximized first. Reuse it for any check that has to hold on every screen, e.g.
 * {@code Screens.walk(robot, home, Locale.forLanguageTag("pl"), s -> ...)}.
 */
public final class Screens {
    /** One opened screen: a short name ({@code "checkpoint"}, {@code "verify-window"}), its window, the main window. */
    public record Screen(String name, Window window, Stage main, AppContext context) {
    }

    /** The names {@link #walk} opens, in order. */
    public static final List<String> ALL = List.of("welcome", "main", "search-no-match", "diff-text-1224",
            "diff-image-1224", "diff-text-narrowest", "diff-image-narrowest", "shortcuts", "about",
            "checkpoint", "restore-confirmation", "discard-confirmation", "task-panel", "stop-confirmation",
            "notification", "export-window", "import-window", "verify-window", "repair-results", "gc-window",
            "storage-window", "project-settings-autosave", "project-settings-retention", "project-settings-remotes",
            "settings-window", "error", "password", "new-project", "open-from-remote");
    /** The version restored: its confirmation lists files changed, brought back (deleted or renamed since) and removed. */
    static final String RESTORED_VERSION = "Chapter 3 and the fountain drawing";

    private final FxRobot robot;
    private final Stage stage;
    private final Consumer<Screen> check;
    private final List<String> opened = new ArrayList<>();
    private @Nullable GuiFixture app;

    private Screens(FxRobot robot, Stage stage, Consumer<Screen> check) {
        this.robot = robot;
        this.stage = stage;
        this.check = check;
    }

    /**
     * Builds the app in a window of its own in {@code locale} with a fresh home under {@code home}, opens each
     * screen, runs {@code check} on it (on the test thread; read JavaFX state through {@code robot.interact}),
     * closes it and returns the names of the screens opened. Afterwards the window is closed, the project closed
     * and the app's language set back: nothing of the walk (a maximized window, listeners and filters on it, its
     * popups, background work) reaches the next test class, which gets TestFX's shared stage untouched.
     */
    public static List<String> walk(FxRobot robot, Path home, Locale locale, Consumer<Screen> check)
            throws TimeoutException {
        return walk(robot, home, locale, false, check);
    }

    /** {@link #walk(FxRobot, Path, Locale, Consumer)} in the dark theme ({@code dark}); the light theme is set back. */
    public static List<String> walk(FxRobot robot, Path home, Locale locale, boolean dark, Consumer<Screen> check)
            throws TimeoutException {
        Locale before = I18n.locale();
        GuiFixture.prepareHome(home);
        AtomicReference<Stage> own = new AtomicReference<>();
        robot.interact(() -> own.set(new Stage()));
        Screens s = new Screens(robot, own.get(), check);
        try {
            s.run(home, locale, dark);
        } finally {
            robot.interact(() -> {
                I18n.setLocale(before);
                Themes.apply(false);
                own.get().close();
                if (s.app != null) {
                    s.app.context.session().close();
                }
            });
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                    () -> s.app == null || s.app.context.runner().unfinishedTasks() == 0);
        }
        return List.copyOf(s.opened);
    }

    private void run(Path home, Locale locale, boolean dark) throws TimeoutException {
        AtomicReference<GuiFixture> fixture = new AtomicReference<>();
        robot.interact(() -> {
            I18n.setLocale(locale);
            fixture.set(new GuiFixture(stage, home, dark));
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
        searchWithoutMatch(session);
        narrowDiffs(session);

        robot.clickOn("#timeline-list");
        robot.press(KeyCode.F1).release(KeyCode.F1);
        closeAfterCheck("shortcuts", dialog("shortcuts-dialog"));
        // the walk's own window's menu: another test's window may show the same menu bar
        Node help = robot.from(stage.getScene().getRoot()).lookup(I18n.t("menu.help").replace("_", "")).query();
        robot.clickOn(help).clickOn(I18n.t("menu.help.about").replace("_", ""));
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

        Version old = session.getVersions().stream().filter(v -> v.message().equals(RESTORED_VERSION)).findFirst()
                .orElseThrow();
        Platform.runLater(() -> app.window.workspace().restoreVersion(old));
        Window restore = dialog("restore-confirmation");
        waitUntil(() -> restore.getScene().lookup("#restore-changed") != null
                && restore.getScene().lookup("#restore-brought-back") != null
                && restore.getScene().lookup("#restore-removed") != null);
        closeAfterCheck("restore-confirmation", restore);

        Platform.runLater(() -> DiscardDialog.confirmation(new UnsavedFile(ChangeType.MODIFIED, "README.md", null, 420, 470),
                VersionLabels.longLabel(session.getHead()), stage).show());
        closeAfterCheck("discard-confirmation", dialog("discard-confirmation"));

        backgroundWork(session);

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
            if ("project-settings-window".equals(id)) {
                projectSettingsPages(window);
            } else {
                show(id, window);
            }
            if ("verify-window".equals(id)) {
                repairResults(session, window);
            }
            robot.interact(window::close);
        }

        Platform.runLater(() -> new ErrorDialog(() -> stage).present(I18n.t("checkpoint.title"),
                new StorageException("No space left on device", Map.of())));
        closeAfterCheck("error", dialog("error-dialog"));

        // the password of an encrypted project (no engine behind it here: the dialog is only looked at)
        Platform.runLater(() -> new PasswordDialog(new PasswordRequest(DemoProjectGenerator.PROJECT_NAME,
                (password, request) -> request.refused(), () -> { }), stage).show());
        closeAfterCheck("password", dialog("password-dialog"));

        // a new project with its history encrypted: the password part switched on, so all of it shows
        Platform.runLater(() -> {
            NewProjectDialog d = NewProjectDialog.newEmpty(work.getParent() == null ? work : work.getParent(), stage);
            d.password().encryptProperty().set(true);
            d.show();
        });
        closeAfterCheck("new-project", dialog("new-project-dialog"));

        // open from remote (clone): the address, the S3 options and the folder; nothing is cloned here
        Platform.runLater(() -> OpenFromRemoteDialog.show(new OpenFromRemoteViewModel(app.context.runner(),
                folder -> { }), stage));
        closeAfterCheck("open-from-remote", dialog("open-from-remote-dialog"));
    }

    /**
     * Each tab of the project settings window, once what it shows has loaded: the autosave settings, the retention
     * preview, the remotes (one added, so the list shows a row).
     */
    private void projectSettingsPages(Stage window) throws TimeoutException {
        TabPane tabs = (TabPane) window.getScene().lookup("#ps-tabs");
        for (int i = 0; i < tabs.getTabs().size(); i++) {
            int tab = i;
            robot.interact(() -> tabs.getSelectionModel().select(tab));
            String page = ProjectSettingsView.TABS[i];
            switch (page) {
                case "autosave" -> waitUntil(() -> !window.getScene().lookup("#ps-autosave-save").isDisabled());
                case "retention" -> waitUntil(() -> window.getScene().lookup("#ps-retention-preview") instanceof Label l
                        && !l.getText().isEmpty() && !l.getText().equals(I18n.t("projectSettings.retention.previewing")));
                default -> remoteAddedAndTested(window);
            }
            show("project-settings-" + page, window);
        }
    }

    /** A folder remote beside the demo project, added through the form and tested: a row and the test's answer show. */
    private void remoteAddedAndTested(Stage window) throws TimeoutException {
        Path nas = app.context.session().location().orElseThrow().historyRoot().getParent().resolveSibling("nas");
        try {
            Files.createDirectories(nas);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ListView<?> remotes = (ListView<?>) window.getScene().lookup("#ps-remotes-list");
        robot.interact(() -> {
            ((TextField) window.getScene().lookup("#ps-remotes-name")).setText("nas");
            ((TextField) window.getScene().lookup("#ps-remotes-location")).setText(nas.toString());
            ((ButtonBase) window.getScene().lookup("#ps-remotes-add")).fire();
        });
        waitUntil(() -> remotes.getItems().size() == 1 && !window.getScene().lookup("#ps-remotes-test").isDisabled());
        robot.interact(() -> ((ButtonBase) window.getScene().lookup("#ps-remotes-test")).fire());
        waitUntil(() -> window.getScene().lookup("#ps-remotes-test-result") instanceof Label l && l.getGraphic() != null);
    }

    /** What repair says it fixed: a file left by interrupted work is found by a new check and deleted by Repair. */
    private void repairResults(ProjectSession session, Window window) throws TimeoutException {
        try {
            Path temp = session.location().orElseThrow().historyRoot().resolve(BlobStore.TEMP_DIR);
            Files.createDirectories(temp);
            Files.write(temp.resolve("left-by-a-crash"), new byte[64]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ButtonBase repair = (ButtonBase) window.getScene().lookup("#verify-repair");
        robot.interact(() -> ((ButtonBase) window.getScene().lookup("#verify-start")).fire());
        waitUntil(() -> !repair.isDisabled());
        robot.interact(repair::fire);
        waitUntil(() -> window.getScene().lookup("#verify-repaired") != null && Screens.shown(window.getScene().lookup("#verify-repaired")));
        show("repair-results", window);
    }

    /**
     * The diff viewer with a text change and a picture change shown, in a main window that is not maximized:
     * 1224 px wide ("diff-text-1224", "diff-image-1224") and at its minimum width ("...-narrowest"), 760 px high.
     * Maximized again afterwards.
     */
    private void narrowDiffs(ProjectSession session) throws TimeoutException {
        for (String width : List.of("1224", "narrowest")) {
            double wide = width.equals("1224") ? 1224 : KamarosApp.MIN_WIDTH; // the app's own minimum
            resize(robot, stage, wide, 760, 24); // within a few pixels: under a window manager the frame counts (openbox gives 798 for a minimum of 800)
            for (String extension : List.of(".md", ".png")) {
                showChangeOf(robot, session, extension);
                show("diff-" + (extension.equals(".md") ? "text" : "image") + "-" + width, stage);
            }
        }
        robot.interact(() -> stage.setMaximized(true));
        waitUntil(stage::isMaximized);
    }

    /**
     * Un-maximizes the main window and gives it this size. Under a window manager the un-maximize is answered
     * later: openbox puts back the geometry from before the maximize after our size may already be set (CI saw
     * the window stay 1440 px wide for a minute), so the size is set again until it holds.
     */
    static void resize(FxRobot robot, Stage stage, double wide, double high, double within) throws TimeoutException {
        robot.interact(() -> stage.setMaximized(false));
        waitUntil(() -> !stage.isMaximized());
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            robot.interact(() -> {
                stage.setWidth(wide);
                stage.setHeight(high);
            });
            Supplier<Boolean> sized = () -> !stage.isMaximized() && Math.abs(stage.getWidth() - wide) < within;
            try {
                WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, sized::get);
                WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS); // a late answer from the window manager
                WaitForAsyncUtils.waitForFxEvents();
                if (sized.get()) {
                    return;
                }
            } catch (TimeoutException e) {
                // set it again below
            }
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("The main window did not become " + wide + " px wide: it is "
                        + stage.getWidth() + " px, maximized " + stage.isMaximized());
            }
        }
    }

    /** Selects a version that changed a file with this extension, and that change, and waits for its diff. */
    static void showChangeOf(FxRobot robot, ProjectSession session, String extension) throws TimeoutException {
        JcfManager jcf = session.manager();
        Version version = null;
        String path = null;
        for (Version v : session.getVersions()) {
            if (v.parentId() == null) {
                continue;
            }
            for (FileChange c : jcf.getVersionDiff(v.parentId(), v.id()).modified()) {
                if (path == null && c.path().endsWith(extension)) {
                    version = v;
                    path = c.path();
                }
            }
        }
        if (version == null || path == null) {
            throw new AssertionError("no version changed a " + extension + " file");
        }
        Version picked = version;
        String changed = path;
        robot.interact(() -> session.selectedVersionProperty().set(picked));
        ListView<ChangeRow> list = robot.lookup("#change-list").queryListView();
        waitUntil(() -> list.getItems().stream().anyMatch(r -> r.path().equals(changed)));
        robot.interact(() -> list.getSelectionModel().select(
                list.getItems().stream().filter(r -> r.path().equals(changed)).findFirst().orElseThrow()));
        DiffView view = robot.lookup(".diff-view").queryAs(DiffView.class);
        DiffKind expected = extension.equals(".png") ? DiffKind.IMAGE : DiffKind.TEXT;
        waitUntil(() -> view.getViewModel().getKind() == expected && changed.equals(view.getViewModel().titleProperty().get()));
    }

    /** The timeline's empty state when a search finds nothing; the search is cleared afterwards. */
    private void searchWithoutMatch(ProjectSession session) throws TimeoutException {
        TextField search = (TextField) stage.getScene().lookup("#timeline-search");
        ListView<?> timeline = (ListView<?>) stage.getScene().lookup("#timeline-list");
        robot.interact(() -> search.setText("zzz-no-such-checkpoint"));
        waitUntil(() -> timeline.getItems().isEmpty() && Screens.shown(stage.getScene().lookup("#timeline-search-clear")));
        show("search-no-match", stage);
        robot.interact(() -> search.setText(""));
        waitUntil(() -> timeline.getItems().size() >= session.getVersions().size());
    }

    /**
     * Work running in the background: the panel of running tasks (from the status bar), the question before
     * stopping work that ran a while (answered "Keep going"), and the notification of finished work.
     */
    private void backgroundWork(ProjectSession session) throws TimeoutException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<TaskRunner.EngineTask<?>> running = new AtomicReference<>();
        robot.interact(() -> running.set(app.context.runner().task(I18n.t("task.checkpoint"), ctx -> {
            ctx.progress(I18n.t("progress.files", 120, 480), 120, 480);
            return release.await(120, TimeUnit.SECONDS);
        }).visible().start()));
        try {
            waitUntil(() -> Screens.shown(stage.getScene().lookup("#status-tasks")));
            robot.interact(() -> ((ButtonBase) stage.getScene().lookup("#status-tasks")).fire());
            waitUntil(() -> popup(w -> w instanceof PopOver).isPresent());
            PopupWindow panel = popup(w -> w instanceof PopOver).orElseThrow();
            // shown once it has faded in (PopOver fades its card in)
            waitUntil(() -> panel.getScene().lookup("#task-panel") != null && panel.getWidth() > 0
                    && ((PopOver) panel).getSkin() != null && ((PopOver) panel).getSkin().getNode().getOpacity() >= 1);
            show("task-panel", panel);
            robot.interact(panel::hide);

            // Cancel asks only after the work has run a while (TaskRunner.ASK_AFTER)
            waitUntil(() -> running.get().runningFor().compareTo(TaskRunner.ASK_AFTER) > 0);
            Platform.runLater(() -> ((ButtonBase) stage.getScene().lookup("#status-cancel")).fire());
            closeAfterCheck("stop-confirmation", dialog("stop-confirmation"));
        } finally {
            release.countDown();
        }
        waitUntil(() -> running.get().isDone() && app.context.runner().visibleTaskProperty().get() == null);

        String stored = I18n.messages().size(48_213);
        robot.interact(() -> app.context.runner().announceFinished(I18n.t("notify.checkpointSaved",
                session.getHead().message(), 2, stored)));
        waitUntil(() -> popup(w -> w.getScene().lookup(".finished-notice") != null).isPresent());
        PopupWindow notice = popup(w -> w.getScene().lookup(".finished-notice") != null).orElseThrow();
        waitUntil(() -> notice.getWidth() > 0);
        show("notification", notice);
        robot.interact(notice::hide);
    }

    private static Optional<PopupWindow> popup(Predicate<PopupWindow> which) {
        return Window.getWindows().stream().filter(w -> w.isShowing() && w instanceof PopupWindow && w.getScene() != null)
                .map(w -> (PopupWindow) w).filter(which).findFirst();
    }

    private void show(String name, Window window) {
        WaitForAsyncUtils.waitForFxEvents();
        opened.add(name);
        check.accept(new Screen(name, window, stage, app.context));
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
