package io.kamaros.app.shell;

import io.kamaros.app.checkpoint.CheckpointDialog;
import io.kamaros.app.checkpoint.CheckpointViewModel;
import io.kamaros.app.settings.AuthorIdentity;
import io.kamaros.app.settings.SettingsStore;
import io.kamaros.app.details.DiffArea;
import io.kamaros.app.details.VersionDetailsView;
import io.kamaros.app.details.VersionDetailsViewModel;
import io.kamaros.app.history.FileHistoryView;
import io.kamaros.app.history.FileHistoryViewModel;
import io.kamaros.app.home.LayoutStore;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.restore.RestoreDialogs;
import io.kamaros.app.restore.RestorePlan;
import io.kamaros.app.restore.RestoreViewModel;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.timeline.TimelineView;
import io.kamaros.app.timeline.TimelineViewModel;
import io.kamaros.app.sync.SyncButton;
import io.kamaros.app.sync.SyncViewModel;
import io.kamaros.app.toolkit.DialogButtons;
import io.kamaros.engine.Remotes;
import io.kamaros.app.tools.AppContext;
import io.kamaros.app.tree.FileTreeView;
import io.kamaros.app.tree.FileTreeViewModel;
import io.kamaros.app.unsaved.DiscardDialog;
import io.kamaros.app.unsaved.UnsavedChangesView;
import io.kamaros.app.unsaved.UnsavedChangesViewModel;
import io.kamaros.app.unsaved.UnsavedFile;
import io.kamaros.app.details.VersionLabels;
import io.kamaros.app.forget.ForgetDialog;
import io.kamaros.app.forget.ForgetViewModel;
import io.kamaros.engine.model.FileHistoryEntry;
import io.kamaros.engine.model.Version;
import java.io.File;
import java.util.List;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.StartupTiming;
import io.kamaros.app.toolkit.AfterFrame;
import io.kamaros.app.toolkit.LazyTab;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.beans.binding.BooleanExpression;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;
import org.jspecify.annotations.Nullable;

/**
 * The project screen: working-copy tree | timeline over version details / file history | diff.
 * It wires the features' view-models to each other only through the shared {@link ProjectSession}.
 */
public final class WorkspaceView {
    private final AppContext context;
    private final Stage stage;
    private final ProjectSession session;
    private final BorderPane root = new BorderPane();
    private final TimelineViewModel timelineVm;
    private final VersionDetailsViewModel detailsVm;
    private final FileHistoryViewModel historyVm;
    private final FileTreeViewModel treeVm;
    private final CheckpointViewModel checkpointVm;
    private final RestoreViewModel restoreVm;
    private final ForgetViewModel forgetVm;
    private final UnsavedChangesViewModel unsavedVm;
    private final SyncViewModel syncVm;
    private @Nullable Screen screen; // the nodes, built when first shown
    private boolean diffAfterFirstLoad; // start-up: see showDiffViewerAfterFirstLoad
    /** The timeline's share of the height while the unsaved changes are shown: the unsaved row, HEAD and a few more. */
    private static final double UNSAVED_DIVIDER = 0.36;

    /**
     * Makes the view-models, which follow the session from now on; the nodes are made when the screen is
     * first shown ({@link #node()}), so that the window's first frame need not wait for them.
     */
    public WorkspaceView(AppContext context, Stage stage) {
        this.context = context;
        this.stage = stage;
        this.session = context.session();
        root.getStyleClass().add("workspace");
        root.setId("workspace");
        timelineVm = new TimelineViewModel(session);
        detailsVm = new VersionDetailsViewModel(session);
        historyVm = new FileHistoryViewModel(session);
        treeVm = new FileTreeViewModel(session);
        checkpointVm = new CheckpointViewModel(session,
                new AuthorIdentity(SettingsStore.of(context.paths()), context.opener()));
        restoreVm = new RestoreViewModel(session);
        forgetVm = new ForgetViewModel(session);
        unsavedVm = new UnsavedChangesViewModel(session, checkpointVm);
        syncVm = new SyncViewModel(session, Remotes::of);
        // a fresh project: show the newest version
        session.refreshCountProperty().addListener((o, a, b) -> {
            if (session.selectedVersionProperty().get() == null && !session.unsavedSelectedProperty().get()
                    && !session.getVersions().isEmpty()) {
                session.selectedVersionProperty().set(session.getHead() != null ? session.getHead()
                        : session.getVersions().get(0));
            }
        });
    }

    /**
     * Start-up: the diff viewer, which then only says "pick a change", joins the screen right after the frame that
     * shows the first loaded history. Its first styling and layout (its text, picture and file panes with their
     * tool bars) were about half of the work of the workspace's first frame, which the history waited for.
     * Call before the screen is built; a screen built once a history has loaded shows it at once.
     */
    public void showDiffViewerAfterFirstLoad() {
        diffAfterFirstLoad = true;
    }

    /** The toolbar's Sync (tests sync through it as the button does). */
    public SyncViewModel sync() {
        return syncVm;
    }

    /** The screen; its nodes are built on the first call. */
    public Node node() {
        screen();
        return root;
    }

    private Screen screen() {
        Screen s = screen;
        if (s == null) {
            s = new Screen();
            screen = s;
        }
        return s;
    }

    /** The nodes: working-copy tree | timeline over version details / file history | diff. */
    private final class Screen {
        final UnsavedChangesView unsaved;
        final TimelineView timeline;
        final VersionDetailsView details;
        final FileHistoryView history;
        final FileTreeView tree;
        final DiffArea diffArea;
        final SplitPane mainSplit;
        final SplitPane centreSplit;
        /** Where the timeline's divider was before the unsaved changes took room (-1: they did not). */
        double centreBeforeUnsaved = -1;
        final TabPane lowerTabs = new TabPane();
        final Tab detailsTab;
        final Tab historyTab;

        Screen() {
            timeline = new TimelineView(timelineVm, new TimelineView.Actions(WorkspaceView.this::restoreVersion,
                    WorkspaceView.this::restoreVersionTo, v -> detailsVm.compareWithProperty().set(session.getHead()),
                    WorkspaceView.this::forgetVersion));
            details = new VersionDetailsView(detailsVm, (path, v) -> restoreFiles(v, List.of(path)));
            history = new FileHistoryView(historyVm, WorkspaceView.this::restoreFromHistory);
            tree = new FileTreeView(treeVm, new FileTreeView.Actions(WorkspaceView.this::showFileHistory,
                    WorkspaceView.this::showFileHistory, FileManager::reveal));
            unsaved = new UnsavedChangesView(unsavedVm, WorkspaceView.this::confirmDiscard);
            diffArea = context.diffAreas().get();

            // the diff viewer follows the version details, or the unsaved changes while their row is selected
            detailsVm.diffProperty().addListener((o, a, d) -> {
                if (d != null && !session.unsavedSelectedProperty().get()) {
                    diffArea.show(d);
                }
            });
            detailsVm.diffMessageProperty().addListener((o, a, m) -> {
                if (detailsVm.diffProperty().get() == null && !session.unsavedSelectedProperty().get()) {
                    diffArea.showMessage(m);
                }
            });
            unsavedVm.diffProperty().addListener((o, a, d) -> {
                if (d != null && session.unsavedSelectedProperty().get()) {
                    diffArea.show(d);
                }
            });
            unsavedVm.diffMessageProperty().addListener((o, a, m) -> {
                if (unsavedVm.diffProperty().get() == null && session.unsavedSelectedProperty().get()) {
                    diffArea.showMessage(m);
                }
            });
            historyVm.diffProperty().addListener((o, a, d) -> {
                if (d != null) {
                    diffArea.show(d);
                } else {
                    diffArea.showMessage(I18n.t("diff.pickChange"));
                }
            });
            session.selectedVersionProperty().addListener((o, a, v) -> {
                if (v != null) {
                    lowerTabs.getSelectionModel().select(0);
                }
            });

            detailsTab = new Tab(I18n.t("workspace.tab.details"), details.node());
            detailsTab.setGraphic(new FontIcon("fth-info"));
            session.unsavedSelectedProperty().addListener((o, was, on) -> {
                showUnsaved(on);
                if (on) {
                    lowerTabs.getSelectionModel().select(detailsTab);
                }
                roomForUnsaved(on);
            });
            historyTab = LazyTab.of(I18n.t("workspace.tab.history"), history.node());
            historyTab.setGraphic(new FontIcon("fth-clock"));
            historyTab.setId("history-tab");
            lowerTabs.getTabs().addAll(detailsTab, historyTab);
            lowerTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            lowerTabs.getStyleClass().add("lower-tabs");
            // what the view-models hold already (a project may have opened before this screen was built)
            if (session.unsavedSelectedProperty().get() || detailsVm.diffProperty().get() != null
                    || detailsVm.diffMessageProperty().get() != null) {
                showUnsaved(session.unsavedSelectedProperty().get());
            }

            centreSplit = new SplitPane(timeline.node(), lowerTabs);
            centreSplit.setOrientation(Orientation.VERTICAL);
            centreSplit.setDividerPositions(0.5);
            Node diffNode = diffArea.node();
            StackPane diffHolder = new StackPane();
            // explicit minimum widths: a wide image in the diff must not push the dividers around. Together with the
            // dividers they stay below the window's smallest width (KamarosApp.MIN_WIDTH; under openbox the scene
            // gets 798 px of it): 160 + 360 + 240 + two dividers
            ((Region) diffNode).setMinWidth(240);
            diffHolder.setMinWidth(240);
            ((Region) tree.node()).setMinWidth(160);
            centreSplit.setMinWidth(360);
            if (diffAfterFirstLoad && session.refreshCountProperty().get() == 0) {
                addAfterLoad(diffHolder, diffNode);
            } else {
                diffHolder.getChildren().add(diffNode);
            }
            mainSplit = new SplitPane(tree.node(), centreSplit, diffHolder);
            mainSplit.setDividerPositions(0.2, 0.6); // proportions: the file tree widens with a maximized window
            mainSplit.setId("main-split");
            restoreLayout(context.layout());

            VBox top = new VBox(toolBar(), undoBar());
            root.setTop(top);
            root.setCenter(mainSplit);
        }

        /** Adds {@code node} to {@code holder} after the frame that shows the end of the session's next load. */
        private void addAfterLoad(StackPane holder, Node node) {
            session.loadingProperty().addListener(new ChangeListener<Boolean>() {
                @Override
                public void changed(ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                    if (now) {
                        return;
                    }
                    session.loadingProperty().removeListener(this);
                    Scene scene = root.getScene();
                    Runnable add = () -> {
                        holder.getChildren().add(node);
                        StartupTiming.mark("diff viewer shown");
                    };
                    if (scene == null) {
                        add.run();
                    } else {
                        AfterFrame.run(scene, add);
                    }
                }
            });
        }

        /** The details tab shows the unsaved changes or the version's details, and the diff viewer follows. */
        void showUnsaved(boolean on) {
            detailsTab.setContent(on ? unsaved.node() : details.node());
            detailsTab.setText(I18n.t(on ? "unsaved.tab" : "workspace.tab.details"));
            var d = on ? unsavedVm.diffProperty().get() : detailsVm.diffProperty().get();
            if (d != null) {
                diffArea.show(d);
            } else {
                diffArea.showMessage(on ? unsavedVm.diffMessageProperty().get() : detailsVm.diffMessageProperty().get());
            }
        }

        /**
         * While the unsaved changes are shown, the timeline above them gives up room, so that their list of
         * files is more than a few rows in a window that is not maximized; the divider goes back afterwards
         * unless the person moved it meanwhile.
         */
        void roomForUnsaved(boolean shown) {
            double now = centreSplit.getDividerPositions()[0];
            if (shown && now > UNSAVED_DIVIDER) {
                centreBeforeUnsaved = now;
                centreSplit.setDividerPositions(UNSAVED_DIVIDER);
            } else if (!shown && centreBeforeUnsaved >= 0) {
                if (Math.abs(now - UNSAVED_DIVIDER) < 0.01) {
                    centreSplit.setDividerPositions(centreBeforeUnsaved);
                }
                centreBeforeUnsaved = -1;
            }
        }

        private void restoreLayout(LayoutStore store) {
            double[] main = store.get().dividers.get("main");
            if (main != null && main.length == 2) {
                mainSplit.setDividerPositions(main);
            }
            double[] centre = store.get().dividers.get("centre");
            if (centre != null && centre.length == 1) {
                centreSplit.setDividerPositions(centre);
            }
        }
    }

    /** The width the toolbar gives the project folder's path. */
    private static final double FOLDER_WIDTH = 240;

    private ToolBar toolBar() {
        BooleanExpression writing = session.runner().writingProperty();
        Button checkpoint = button("toolbar.checkpoint", "fth-save", "toolbar.checkpoint.tooltip", this::checkpoint);
        checkpoint.setId("checkpoint-button");
        checkpoint.getStyleClass().add("checkpoint-button");
        checkpoint.disableProperty().bind(writing);
        Button restore = button("toolbar.restore", "fth-rotate-ccw", "toolbar.restore.tooltip", this::restoreSelected);
        restore.setId("restore-button");
        restore.disableProperty().bind(session.selectedVersionProperty().isNull().or(writing));
        Button restoreTo = button("toolbar.restoreTo", "fth-folder", "toolbar.restoreTo.tooltip", this::restoreSelectedTo);
        restoreTo.disableProperty().bind(session.selectedVersionProperty().isNull().or(writing));
        Button undo = button("toolbar.undo", "fth-corner-up-left", "toolbar.undo.tooltip", restoreVm::undo);
        undo.setId("undo-button");
        undo.disableProperty().bind(restoreVm.canUndoBinding().not().or(writing));
        Button refresh = button("toolbar.refresh", "fth-refresh-cw", "toolbar.refresh.tooltip", session::refresh);
        Label folder = new Label();
        folder.getStyleClass().add("version-meta");
        folder.textProperty().bind(Bindings.createStringBinding(() -> session.location()
                .map(l -> l.projectFolder().toString()).orElse(""), session.projectProperty()));
        // The folder's path is what gives way on a narrow toolbar (the first window is 1222 px wide): the walk of
        // issue 14 saw every button cut to "Re…", "S…" once Sync's counts showed. Its end (the project's name)
        // stays, the whole path is in the tooltip.
        folder.setPrefWidth(FOLDER_WIDTH);
        folder.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(folder.textProperty());
        folder.setTooltip(whole);
        Button reveal = button(null, "fth-external-link", "toolbar.reveal.tooltip", this::revealProject);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        ToolBar bar = new ToolBar(whyDisabled(checkpoint), new Separator(Orientation.VERTICAL), whyDisabled(restore),
                whyDisabled(restoreTo), whyDisabled(undo),
                new Separator(Orientation.VERTICAL), refresh, SyncButton.build(syncVm), grow, new FontIcon("fth-folder"),
                folder, reveal);
        bar.setId("workspace-toolbar");
        DialogButtons.translateOverflowButton(bar);
        return bar;
    }

    private Node undoBar() {
        Label text = new Label();
        text.setId("undo-bar-text");
        text.textProperty().bind(Bindings.createStringBinding(() -> restoreVm.undoText(session.lastRestoreProperty().get()),
                session.lastRestoreProperty()));
        Button undo = new Button(I18n.t("undo.bar.button"), new FontIcon("fth-corner-up-left"));
        undo.setId("undo-bar-button");
        undo.setOnAction(e -> restoreVm.undo());
        Button dismiss = new Button(null, new FontIcon("fth-x"));
        dismiss.getStyleClass().addAll("flat", "small");
        dismiss.setTooltip(new Tooltip(I18n.t("undo.bar.dismiss")));
        dismiss.setOnAction(e -> session.setLastRestore(null));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(10, new FontIcon("fth-check-circle"), text, grow, undo, dismiss);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 12, 6, 12));
        bar.getStyleClass().add("undo-bar");
        bar.setId("undo-bar");
        bar.visibleProperty().bind(restoreVm.canUndoBinding());
        bar.managedProperty().bind(restoreVm.canUndoBinding());
        return bar;
    }

    /**
     * A change that must wait for the running one is disabled; a disabled button shows no tooltip, so
     * the reason is on a holder around it.
     */
    private Node whyDisabled(Button button) {
        StackPane holder = new StackPane(button);
        Tooltip why = new Tooltip();
        TaskRunner runner = session.runner();
        why.textProperty().bind(Bindings.createStringBinding(() -> runner.writingTaskProperty().get() == null ? ""
                : I18n.t("busy.writing", runner.writingTaskProperty().get().name()), runner.writingTaskProperty()));
        runner.writingProperty().addListener((o, was, now) -> {
            if (now) {
                Tooltip.install(holder, why);
            } else {
                Tooltip.uninstall(holder, why);
            }
        });
        return holder;
    }

    private static Button button(@Nullable String key, String icon, String tooltipKey, Runnable action) {
        Button b = new Button(key == null ? null : I18n.t(key), new FontIcon(icon));
        b.setMinWidth(Region.USE_PREF_SIZE); // a toolbar button is read whole or moves to the overflow menu, never "Re…"
        b.setTooltip(new Tooltip(I18n.t(tooltipKey)));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** The Project menu: the main actions with their shortcuts. */
    public List<MenuItem> projectMenuItems() {
        BooleanExpression writing = session.runner().writingProperty();
        MenuItem checkpoint = MainWindowView.item("menu.project.checkpoint", "fth-save", "Shortcut+S", this::checkpoint);
        checkpoint.disableProperty().bind(writing);
        MenuItem restore = MainWindowView.item("menu.project.restore", "fth-rotate-ccw", "Shortcut+R", this::restoreSelected);
        restore.disableProperty().bind(session.selectedVersionProperty().isNull().or(writing));
        MenuItem restoreTo = MainWindowView.item("menu.project.restoreTo", "fth-folder", "Shortcut+Shift+R",
                this::restoreSelectedTo);
        restoreTo.disableProperty().bind(session.selectedVersionProperty().isNull().or(writing));
        MenuItem undo = MainWindowView.item("menu.project.undo", "fth-corner-up-left", "Shortcut+Z", restoreVm::undo);
        undo.disableProperty().bind(restoreVm.canUndoBinding().not().or(writing));
        MenuItem fileHistory = MainWindowView.item("menu.project.fileHistory", "fth-clock", "Shortcut+H",
                () -> showFileHistory(session.selectedFileProperty().get()));
        MenuItem search = MainWindowView.item("menu.project.search", "fth-search", "Shortcut+F",
                () -> screen().timeline.focusSearch());
        MenuItem refresh = MainWindowView.item("menu.project.refresh", "fth-refresh-cw", "F5", session::refresh);
        MenuItem reveal = MainWindowView.item("menu.project.reveal", "fth-external-link", null, this::revealProject);
        return List.of(checkpoint, new SeparatorMenuItem(), restore, restoreTo, undo, new SeparatorMenuItem(),
                fileHistory, search, refresh, reveal);
    }

    // ------------------------------------------------------------------ actions

    public void checkpoint() {
        if (!session.isOpen()) {
            return;
        }
        checkpointVm.prepare();
        CheckpointDialog dialog = new CheckpointDialog(checkpointVm, stage);
        // saving runs in the background: its progress and Cancel are in the status bar, the window stays usable
        dialog.showAndWait().filter(DialogButtons::isOk).ifPresent(b -> checkpointVm.save(id -> { }));
    }

    private void restoreSelected() {
        Version v = session.selectedVersionProperty().get();
        if (v != null) {
            restoreVersion(v);
        }
    }

    private void restoreSelectedTo() {
        Version v = session.selectedVersionProperty().get();
        if (v != null) {
            restoreVersionTo(v);
        }
    }

    public void restoreVersion(Version v) {
        restoreVm.plan(v, List.of(), null, this::confirmAndRun);
    }

    public void restoreVersionTo(Version v) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(I18n.t("restore.to.title"));
        File target = chooser.showDialog(stage);
        if (target != null) {
            restoreVm.plan(v, List.of(), target.toPath(), this::confirmAndRun);
        }
    }

    private void restoreFiles(Version v, List<String> paths) {
        restoreVm.plan(v, paths, null, this::confirmAndRun);
    }

    private void restoreFromHistory(FileHistoryEntry entry) {
        session.findVersion(entry.versionId()).ifPresent(v -> restoreFiles(v, List.of(entry.path())));
    }

    /** "Forget this version…": a clear confirmation (it cannot be undone; tags go with it), then the engine's forget. */
    public void forgetVersion(Version v) {
        if (!forgetVm.canForget(v)) {
            return;
        }
        ForgetDialog.confirmation(v, stage).showAndWait().filter(DialogButtons::isOk).ifPresent(b -> forgetVm.forget(v));
    }

    private void confirmAndRun(RestorePlan plan) {
        RestoreDialogs.confirmation(plan, stage).showAndWait().filter(DialogButtons::isOk)
                .ifPresent(b -> restoreVm.execute(plan, r -> { }));
    }

    private void confirmDiscard(UnsavedFile f) {
        Version asked = session.getHead(); // what the question names, even if autosave moves HEAD while it shows
        DiscardDialog.confirmation(f, VersionLabels.longLabel(asked), stage).showAndWait()
                .filter(DialogButtons::isOk).ifPresent(b -> unsavedVm.discard(f, asked));
    }

    public void showFileHistory(String path) {
        if (path != null) {
            session.selectedFileProperty().set(path);
        }
        Screen s = screen();
        s.lowerTabs.getSelectionModel().select(s.historyTab);
    }

    private void revealProject() {
        session.location().ifPresent(l -> FileManager.reveal(l.projectFolder()));
    }

    // ------------------------------------------------------------------ layout

    /** Remembers divider positions (called when the window closes); the person's, not the unsaved changes' room. */
    public void saveLayout(LayoutStore store) {
        Screen s = screen;
        if (s != null) { // never shown: the saved positions stay
            store.get().dividers.put("main", s.mainSplit.getDividerPositions());
            store.get().dividers.put("centre", s.centreBeforeUnsaved >= 0 ? new double[] {s.centreBeforeUnsaved}
                    : s.centreSplit.getDividerPositions());
        }
    }

    // ------------------------------------------------------------------ for tests and screenshots

    public TimelineView timeline() {
        return screen().timeline;
    }

    public VersionDetailsView details() {
        return screen().details;
    }

    public FileHistoryView history() {
        return screen().history;
    }

    public FileTreeView tree() {
        return screen().tree;
    }

    public UnsavedChangesView unsaved() {
        return screen().unsaved;
    }

    public UnsavedChangesViewModel unsavedViewModel() {
        return unsavedVm;
    }

    public CheckpointViewModel checkpointViewModel() {
        return checkpointVm;
    }

    public RestoreViewModel restoreViewModel() {
        return restoreVm;
    }
}
