package io.kamaros.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.kamaros.app.demo.DemoProjectGenerator;
import io.kamaros.app.details.DiffArea;
import io.kamaros.app.details.DiffViewerArea;
import io.kamaros.app.gc.GcTool;
import io.kamaros.app.home.AppPaths;
import io.kamaros.app.home.LayoutStore;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.watch.ProjectWatch;
import io.kamaros.app.projectsettings.ProjectSettingsTool;
import io.kamaros.app.settings.AppSettings;
import io.kamaros.app.settings.SettingsStartup;
import io.kamaros.app.settings.SettingsTool;
import io.kamaros.app.shell.ErrorDialog;
import io.kamaros.app.shell.MainWindowView;
import io.kamaros.app.storage.StorageTool;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.StartupTiming;
import io.kamaros.app.toolkit.ToolWindow;
import io.kamaros.app.tools.AppContext;
import io.kamaros.app.toolkit.WindowPlacement;
import io.kamaros.app.tools.ToolRegistry;
import io.kamaros.app.transfer.ExportTool;
import io.kamaros.app.transfer.ImportTool;
import io.kamaros.app.verify.VerifyTool;
import io.kamaros.app.welcome.RecentProjects;
import io.kamaros.app.welcome.WelcomeViewModel;
import io.kamaros.engine.model.JcfConfig;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.jspecify.annotations.Nullable;

/**
 * The desktop application. {@link #launchApp(String[])} is the entry point the launcher calls with
 * the program arguments: none (welcome screen), {@code --demo}, a {@code .jcf} file or a project folder.
 * {@code --theme=dark|light} picks the theme; otherwise the saved settings do (light, dark, or the
 * desktop's, see {@code io.kamaros.app.settings.SettingsStartup}).
 */
public class KamarosApp extends Application {
    /** The main window's smallest size: the toolbar, the three panes and the status bar still fit. */
    public static final int MIN_WIDTH = 800;
    public static final int MIN_HEIGHT = 520;


    // read while JavaFX starts, by launchApp; null when the app is started another way
    private static @Nullable CompletableFuture<SettingsStartup.Choice> earlySettings;

    private @Nullable AppContext context; // set by start(); stop() may run without it

    public static void launchApp(String[] args) {
        earlySettings = SettingsStartup.readInBackground(AppPaths.fromSystem(), List.of(args));
        Application.launch(KamarosApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getRaw();
        AppPaths paths = AppPaths.fromSystem();
        AppSettings settings = SettingsStartup.beforeWindow(settingsChoice(paths, args));
        AppContext context = createContext(paths, null, () -> stage);
        this.context = context;
        SettingsStartup.configure(context.opener(), context.runner(), settings);
        registerFeatures(context.tools());
        WelcomeViewModel welcome = welcomeViewModel(context);
        // the project named on the command line, or the demo, loads on the second core while the window is built;
        // generating the demo (a first run) waits for the window, which it would slow down on two cores
        boolean openNow = !args.contains("--demo") || DemoProjectGenerator.isReady(paths.demoFolder());
        Optional<String> cannotOpen = openNow ? welcome.openAtStart(args, settings.openLastProject) : Optional.empty();
        MainWindowView window = new MainWindowView(context, stage, welcome);
        Scene scene = new Scene((Parent) window.node());
        installStylesheet(scene);
        stage.setScene(scene);
        placeWindow(stage, context.layout());
        rememberLayoutOnClose(stage, context, window);
        if (StartupTiming.on()) {
            reportStartupTime(stage, context);
        }
        stage.show();
        Platform.runLater(() -> addIcons(stage)); // after the first show: decoding six PNGs need not delay it
        window.prepareWorkspaceAfterFirstFrame();
        if (!openNow) {
            Platform.runLater(() -> welcome.handleArguments(args));
        }
        cannotOpen.ifPresent(a -> Platform.runLater(() -> welcome.reportCannotOpen(a))); // over the shown window
    }

    /** The window's icons; the window manager picks the size it needs. */
    private static void addIcons(Stage stage) {
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            stage.getIcons().add(new Image(KamarosApp.class.getResourceAsStream("/io/kamaros/app/icons/kamaros-" + size + ".png")));
        }
    }

    private static SettingsStartup.Choice settingsChoice(AppPaths paths, List<String> args) {
        CompletableFuture<SettingsStartup.Choice> early = earlySettings;
        earlySettings = null;
        return early != null ? early.join() : SettingsStartup.read(paths, args);
    }

    @Override
    public void stop() {
        AppContext context = this.context;
        if (context != null && context.session().isOpen()) {
            context.session().manager().close();
        }
    }

    /** Wires the shared services; tests pass a synchronous runner. */
    public static AppContext createContext(AppPaths paths, @Nullable TaskRunner runner, Supplier<Window> owner) {
        TaskRunner r = runner != null ? runner : TaskRunner.background(new ErrorDialog(owner));
        ProjectSession session = new ProjectSession(r);
        ProjectOpener opener = new ProjectOpener(JcfConfig.builder().fromEnvironment(System.getenv()).build());
        // live changes without F5, and autosave by the name the person gave
        ProjectWatch watch = ProjectWatch.attach(session, opener::config);
        return new AppContext(paths, r, session, opener, new RecentProjects(paths.recentProjectsFile()),
                new LayoutStore(paths.layoutFile()), new ToolRegistry(), diffAreas(), watch);
    }

    /** The diff viewer beside version details and file history. */
    static Supplier<DiffArea> diffAreas() {
        return DiffViewerArea::new;
    }

    /**
     * Where features add themselves to the Tools menu and the Settings entry, e.g.
     * {@code tools.register(new ExportTool())}, {@code tools.registerSettings(new SettingsPage())}.
     */
    public static void registerFeatures(ToolRegistry tools) {
        // project tools (export, import, verify, GC, storage) and settings register here
        tools.register(new ExportTool());
        tools.register(new ImportTool());
        tools.register(new VerifyTool());
        tools.register(new GcTool());
        tools.register(new StorageTool());
        tools.register(new ProjectSettingsTool());
        tools.registerSettings(new SettingsTool());
    }

    public static MainWindowView createWindow(AppContext context, Stage stage) {
        return new MainWindowView(context, stage, welcomeViewModel(context));
    }

    private static WelcomeViewModel welcomeViewModel(AppContext context) {
        return new WelcomeViewModel(context.session(), context.opener(), context.recent(), context.paths(),
                Clock.systemDefaultZone());
    }

    public static void applyTheme(List<String> args) {
        boolean dark = args.contains("--theme=dark") || (!args.contains("--theme=light")
                && System.getenv().getOrDefault("GTK_THEME", "").toLowerCase(Locale.ROOT).contains("dark"));
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public static void installStylesheet(Scene scene) {
        scene.getStylesheets().add(ToolWindow.stylesheet());
    }

    /** The saved bounds when they are on a screen; the first time most of the screen, never below the content. */
    private static void placeWindow(Stage stage, LayoutStore store) {
        LayoutStore.Layout l = store.get();
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        boolean visible = !Double.isNaN(l.x) && !Screen.getScreensForRectangle(l.x, l.y, 100, 100).isEmpty();
        Rectangle2D bounds = visible ? new Rectangle2D(l.x, l.y, Math.min(Math.max(MIN_WIDTH, l.width), screen.getWidth()),
                Math.min(Math.max(MIN_HEIGHT, l.height), screen.getHeight()))
                : WindowPlacement.firstMainBounds(screen, WindowPlacement.contentSize(stage.getScene().getRoot()));
        WindowPlacement.applyBounds(stage, bounds);
        stage.setMaximized(l.maximized);
    }

    /** Saves the window's bounds and dividers whenever it closes: with ×, File → Exit or Ctrl+Q. */
    public static void rememberLayoutOnClose(Stage stage, AppContext context, MainWindowView window) {
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> saveLayout(stage, context, window));
    }

    private static void saveLayout(Stage stage, AppContext context, MainWindowView window) {
        LayoutStore.Layout l = context.layout().get();
        l.maximized = stage.isMaximized();
        if (!stage.isMaximized()) {
            l.x = stage.getX();
            l.y = stage.getY();
            l.width = stage.getWidth();
            l.height = stage.getHeight();
        }
        window.workspace().saveLayout(context.layout());
        context.layout().save();
    }

    /**
     * With -Dkamaros.timing=true: prints how long after JVM start the window was shown, and when the layout
     * pass that fills the timeline with the first loaded history ended (the frame drawn next shows it).
     */
    private static void reportStartupTime(Stage stage, AppContext context) {
        Scene scene = stage.getScene();
        context.session().refreshCountProperty().addListener((o, a, b) -> {
            if (a.longValue() == 0) {
                Runnable report = new Runnable() {
                    @Override
                    public void run() {
                        StartupTiming.mark("project window with " + context.session().getVersions().size()
                                + " versions shown");
                        Platform.runLater(() -> scene.removePostLayoutPulseListener(this)); // not while the scene runs them
                    }
                };
                scene.addPostLayoutPulseListener(report);
            }
        });
        stage.setOnShown(e -> StartupTiming.mark("window shown"));
    }
}
