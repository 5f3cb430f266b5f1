package io.kamaros.app.shell;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.AfterFrame;
import io.kamaros.app.toolkit.WindowPlacement;
import io.kamaros.app.toolkit.DialogButtons;
import io.kamaros.app.tools.AppContext;
import io.kamaros.app.tools.AppTool;
import io.kamaros.app.password.PasswordDialog;
import io.kamaros.app.sync.OpenFromRemoteDialog;
import io.kamaros.app.sync.OpenFromRemoteViewModel;
import io.kamaros.app.welcome.NewProjectDialog;
import io.kamaros.app.welcome.WelcomeView;
import io.kamaros.app.welcome.WelcomeViewModel;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.kordamp.ikonli.javafx.FontIcon;
import org.jspecify.annotations.Nullable;

/** The window: menus, the welcome screen or the project workspace, the status bar; drops of files on it. */
public final class MainWindowView implements WelcomeView.Actions {
    private final AppContext context;
    private final Stage stage;
    private final MainWindowViewModel vm;
    private final WelcomeViewModel welcomeVm;
    private final BorderPane root = new BorderPane();
    private @Nullable WelcomeView welcome; // built when first shown
    private final WorkspaceView workspace;
    private final Node opening = openingPlaceholder();
    private final MenuBar menuBar;

    public MainWindowView(AppContext context, Stage stage, WelcomeViewModel welcomeVm) {
        this.context = context;
        this.stage = stage;
        this.welcomeVm = welcomeVm;
        this.vm = new MainWindowViewModel(context.session());
        root.getStyleClass().add("main-window");
        workspace = new WorkspaceView(context, stage);
        menuBar = menuBar();
        root.setTop(menuBar);
        root.setBottom(new VBox(warningBar(),
                new StatusBar(context.runner(), vm.workingCopySummaryBinding(), vm.projectFactsBinding()).node()));
        if (welcomeVm.openingProperty().get() && !vm.projectOpenBinding().get()) {
            root.setCenter(opening); // a project named on the command line is opening: its screen comes next
        } else {
            showScreen(vm.projectOpenBinding().get());
        }
        vm.projectOpenBinding().addListener((o, was, open) -> showScreen(open));
        welcomeVm.openingProperty().addListener((o, was, now) -> {
            if (!now && root.getCenter() == opening) { // it could not be opened
                showScreen(vm.projectOpenBinding().get());
            }
        });
        stage.titleProperty().bind(vm.titleBinding());
        installDrop();
        installBackgroundWork();
        // an encrypted project or archive: its password is asked over the window the person is in
        context.session().passwordRequestProperty().addListener((o, was, request) -> {
            if (request != null) {
                new PasswordDialog(request, frontWindow()).show();
            }
        });
        // files edited in other programs show up when the person comes back to the window
        stage.focusedProperty().addListener((o, was, focused) -> {
            if (focused && context.session().isOpen() && !context.runner().visibleTaskProperty().isNotNull().get()) {
                context.session().refresh();
            }
        });
    }

    public Node node() {
        return root;
    }

    /**
     * Background work never blocks this window: its Cancel asks here first when the work has run a
     * while, and finished work is announced by a notification at the window's corner.
     */
    private void installBackgroundWork() {
        context.runner().askBeforeStoppingWith((task, ranFor) -> StopConfirmation.ask(frontWindow(), task, ranFor));
        FinishedNotice notice = new FinishedNotice(stage);
        context.runner().showFinishedWith(text -> {
            if (stage.isShowing()) { // not while the window is not there to own it (tests without one)
                notice.show(text);
            }
        });
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> notice.hide());
    }

    /** The window the person is looking at (a tool window's Cancel asks over that tool window). */
    private Window frontWindow() {
        return Window.getWindows().stream().filter(Window::isFocused).findFirst().orElse(stage);
    }

    /** Lists what the working copy holds that is not versioned as it is; shown only then. */
    private Node warningBar() {
        Label headline = new Label();
        headline.textProperty().bind(vm.unversionableHeadlineBinding());
        headline.getStyleClass().add("unversionable-headline");
        Label list = new Label();
        list.textProperty().bind(vm.unversionableListBinding());
        list.setWrapText(true);
        Label hint = new Label(I18n.t("unversionable.hint"));
        hint.setWrapText(true);
        hint.getStyleClass().add("unversionable-hint");
        VBox bar = new VBox(2, headline, list, hint);
        bar.getStyleClass().add("unversionable-bar");
        bar.setId("unversionable-bar");
        bar.visibleProperty().bind(vm.unversionableShownBinding());
        bar.managedProperty().bind(vm.unversionableShownBinding());
        return bar;
    }

    public MainWindowViewModel viewModel() {
        return vm;
    }

    public WorkspaceView workspace() {
        return workspace;
    }

    private void showScreen(boolean projectOpen) {
        root.setCenter(projectOpen ? workspace.node() : welcome().node());
        if (!projectOpen) {
            welcomeVm.reloadRecent();
        }
    }

    private WelcomeView welcome() {
        WelcomeView w = welcome;
        if (w == null) {
            w = new WelcomeView(welcomeVm, this);
            welcome = w;
        }
        return w;
    }

    /** What the window shows while the project named on the command line opens (the status bar has its progress). */
    private static Node openingPlaceholder() {
        Label text = new Label(I18n.t("window.opening"));
        text.getStyleClass().add("opening-placeholder-text");
        StackPane pane = new StackPane(text);
        pane.setId("opening-placeholder");
        return pane;
    }

    /**
     * Start-up: the window is shown with a light centre (the welcome screen, or the placeholder while a project
     * opens); right after its first frame, while the project still loads in the background, this builds the
     * workspace's nodes, so that they are ready when the history arrives; the diff viewer joins them after the
     * frame that shows the history (see {@link WorkspaceView#showDiffViewerAfterFirstLoad()}).
     */
    public void prepareWorkspaceAfterFirstFrame() {
        Scene scene = stage.getScene();
        if (scene == null) {
            return;
        }
        workspace.showDiffViewerAfterFirstLoad();
        AfterFrame.run(scene, () -> {
            if (welcomeVm.openingProperty().get() || vm.projectOpenBinding().get()) {
                workspace.node();
            }
        });
    }

    private MenuBar menuBar() {
        Menu file = new Menu(I18n.t("menu.file"));
        MenuItem newEmpty = item("menu.file.newEmpty", "fth-file-plus", "Shortcut+N", this::newEmptyProject);
        MenuItem track = item("menu.file.trackFolder", "fth-folder-plus", null, this::trackExistingFolder);
        MenuItem openFolder = item("menu.file.openFolder", "fth-folder", "Shortcut+O", this::openProjectFolder);
        MenuItem openJcf = item("menu.file.openJcf", "fth-package", "Shortcut+Shift+O", this::openJcfFile);
        MenuItem demo = item("menu.file.openDemo", "fth-star", null, welcomeVm::openDemo);
        MenuItem remote = item("menu.file.openRemote", "fth-download-cloud", null, this::openFromRemote);
        MenuItem close = item("menu.file.close", "fth-x-square", "Shortcut+W", () -> context.session().close());
        close.disableProperty().bind(vm.projectOpenBinding().not());
        MenuItem settings = item("menu.file.settings", "fth-settings", "Shortcut+Comma", () -> context.tools().settings()
                .ifPresent(t -> t.open(context, stage)));
        settings.setDisable(context.tools().settings().isEmpty());
        MenuItem exit = item("menu.file.exit", null, "Shortcut+Q", () -> stage.close());
        file.getItems().addAll(newEmpty, track, openFolder, openJcf, remote, demo, new SeparatorMenuItem(), close,
                new SeparatorMenuItem(), settings, new SeparatorMenuItem(), exit);

        Menu project = new Menu(I18n.t("menu.project"));
        project.getItems().addAll(workspace.projectMenuItems());
        project.disableProperty().bind(vm.projectOpenBinding().not());

        Menu tools = new Menu(I18n.t("menu.tools"));
        List<AppTool> registered = context.tools().tools();
        if (registered.isEmpty()) {
            MenuItem none = new MenuItem(I18n.t("menu.tools.none"));
            none.setDisable(true);
            tools.getItems().add(none);
        }
        for (AppTool tool : registered) {
            MenuItem mi = new MenuItem(tool.label(), tool.iconLiteral() == null ? null : new FontIcon(tool.iconLiteral()));
            mi.setAccelerator(tool.accelerator());
            mi.setOnAction(e -> tool.open(context, stage));
            if (tool.needsProject()) {
                mi.disableProperty().bind(vm.projectOpenBinding().not());
            }
            tools.getItems().add(mi);
        }

        Menu help = new Menu(I18n.t("menu.help"));
        help.getItems().addAll(item("menu.help.shortcuts", "fth-command", "F1", this::showShortcuts),
                item("menu.help.about", "fth-info", null, this::showAbout));
        MenuBar bar = new MenuBar(file, project, tools, help);
        bar.setId("menu-bar");
        return bar;
    }

    static MenuItem item(String key, @Nullable String icon, @Nullable String accelerator, Runnable action) {
        MenuItem mi = new MenuItem(I18n.t(key), icon == null ? null : new FontIcon(icon));
        if (accelerator != null) {
            mi.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        mi.setOnAction(e -> action.run());
        return mi;
    }

    private void installDrop() {
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && !context.session().isOpen()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        root.setOnDragDropped(e -> {
            boolean done = false;
            if (e.getDragboard().hasFiles() && !context.session().isOpen()) {
                for (File f : e.getDragboard().getFiles()) {
                    if (welcomeVm.openPath(f.toPath())) {
                        done = true;
                        break;
                    }
                }
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    @Override
    public void newEmptyProject() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(I18n.t("dialog.newEmpty.where"));
        File parent = chooser.showDialog(stage);
        if (parent != null) {
            newEmptyProjectIn(parent.toPath());
        }
    }

    /** After the folder chooser: the new project's name and, if wanted, the password of its history. */
    public void newEmptyProjectIn(Path parent) {
        NewProjectDialog.newEmpty(parent, stage).ask().filter(c -> !c.name().isBlank())
                .ifPresent(c -> welcomeVm.createEmpty(parent, c.name(), c.password()));
    }

    @Override
    public void trackExistingFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(I18n.t("dialog.track.title"));
        File folder = chooser.showDialog(stage);
        if (folder != null) {
            trackFolder(folder.toPath());
        }
    }

    /** After the folder chooser: what tracking does, and, if wanted, the password of the history. */
    public void trackFolder(Path folder) {
        NewProjectDialog.track(folder, stage).ask().ifPresent(c -> welcomeVm.trackFolder(folder, c.password()));
    }

    @Override
    public void openProjectFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(I18n.t("dialog.openFolder.title"));
        File folder = chooser.showDialog(stage);
        if (folder != null) {
            welcomeVm.openFolder(folder.toPath());
        }
    }

    @Override
    public void openJcfFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(I18n.t("dialog.openJcf.title"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(I18n.t("dialog.openJcf.filter"), "*.jcf"));
        File jcf = chooser.showOpenDialog(stage);
        if (jcf == null) {
            return;
        }
        Alert where = DialogButtons.alert(Alert.AlertType.CONFIRMATION, I18n.t("dialog.openJcf.where.body",
                jcf.getParentFile()), new ButtonType(I18n.t("dialog.openJcf.here")),
                new ButtonType(I18n.t("dialog.openJcf.choose")), DialogButtons.cancel());
        WindowPlacement.prepare(where, stage);
        where.setTitle(I18n.t("dialog.openJcf.title"));
        where.setHeaderText(I18n.t("dialog.openJcf.where.header", jcf.getName()));
        where.showAndWait().ifPresent(b -> {
            if (DialogButtons.isCancel(b)) {
                return;
            }
            Path parent = null;
            if (b.getText().equals(I18n.t("dialog.openJcf.choose"))) {
                DirectoryChooser chooser2 = new DirectoryChooser();
                File p = chooser2.showDialog(stage);
                if (p == null) {
                    return;
                }
                parent = p.toPath();
            }
            welcomeVm.openJcf(jcf.toPath(), parent);
        });
    }

    @Override
    public void openFromRemote() {
        OpenFromRemoteDialog.show(new OpenFromRemoteViewModel(context.runner(), welcomeVm::openFolder), stage);
    }

    private void showShortcuts() {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        grid.setPadding(new Insets(8));
        List<Shortcuts.Row> rows = shortcuts();
        for (int i = 0; i < rows.size(); i++) {
            Label key = new Label(rows.get(i).keys());
            key.getStyleClass().add("kbd");
            grid.add(key, 0, i);
            grid.add(new Label(rows.get(i).action()), 1, i);
        }
        Alert a = DialogButtons.alert(Alert.AlertType.INFORMATION, "");
        WindowPlacement.prepare(a, stage);
        a.setTitle(I18n.t("menu.help.shortcuts"));
        a.setHeaderText(I18n.t("menu.help.shortcuts"));
        a.getDialogPane().setContent(grid);
        a.getDialogPane().setId("shortcuts-dialog");
        a.show();
    }

    /** Every shortcut the window has (what F1 lists). */
    public List<Shortcuts.Row> shortcuts() {
        return Shortcuts.of(menuBar.getMenus());
    }

    private void showAbout() {
        Alert a = DialogButtons.alert(Alert.AlertType.INFORMATION, I18n.t("about.body"));
        WindowPlacement.prepare(a, stage);
        a.setTitle(I18n.t("menu.help.about"));
        a.setHeaderText(I18n.t("app.name"));
        a.getDialogPane().setId("about-dialog");
        a.show();
    }
}
