package io.kamaros.app.welcome;

import io.kamaros.app.demo.DemoProjectGenerator;
import io.kamaros.app.home.AppPaths;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.session.PasswordRequest;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.task.Work;
import io.kamaros.engine.JcfManager;
import io.kamaros.app.task.WorkContext;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.FileNotFoundException;
import io.kamaros.frontend.ProjectLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * Opening projects: recent projects, new (empty or from a folder), open a folder, import a
 * {@code .jcf}, the demo. Used by the welcome screen, the File menu, drops on the window and
 * program arguments.
 */
public final class WelcomeViewModel {
    private final ProjectSession session;
    private final ProjectOpener opener;
    private final RecentProjects recent;
    private final AppPaths paths;
    private final Clock clock;
    private final ObservableList<RecentProjects.Entry> recentEntries = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper opening = new ReadOnlyBooleanWrapper(this, "opening");
    private boolean recentLoaded;

    public WelcomeViewModel(ProjectSession session, ProjectOpener opener, RecentProjects recent, AppPaths paths,
                            Clock clock) {
        this.session = session;
        this.opener = opener;
        this.recent = recent;
        this.paths = paths;
        this.clock = clock;
    }

    /**
     * The recent projects, read from their file at the first call: a start that opens a project shows no welcome
     * screen, and need not read the file (JSON) on the FX thread before its window shows.
     */
    public ObservableList<RecentProjects.Entry> getRecent() {
        if (!recentLoaded) {
            reloadRecent();
        }
        return recentEntries;
    }

    public ReadOnlyBooleanProperty openingProperty() {
        return opening.getReadOnlyProperty();
    }

    public void reloadRecent() {
        List<RecentProjects.Entry> list = recent.load();
        recentLoaded = true;
        recentEntries.setAll(list);
    }

    public void openDemo() {
        start(I18n.t("task.openDemo"), ctx -> opener.open(DemoProjectGenerator.ensure(paths.demoFolder(),
                done -> ctx.progress(I18n.t("progress.demo", done, DemoProjectGenerator.VERSIONS), done,
                        DemoProjectGenerator.VERSIONS))));
    }

    public void openRecent(RecentProjects.Entry entry) {
        ProjectLocation location = entry.location();
        startAsking(I18n.t("task.openProject", entry.name), entry.name,
                (ctx, password) -> opener.open(location, password));
    }

    public void forget(RecentProjects.Entry entry) {
        recentEntries.setAll(recent.forget(entry.location()));
    }

    public void openFolder(Path folder) {
        String name = String.valueOf(folder.getFileName());
        startAsking(I18n.t("task.openProject", name), name, (ctx, password) -> opener.openFolder(folder, password));
    }

    /** Imports a {@code .jcf} into a new folder in {@code targetParent} (the file's own folder by default). */
    public void openJcf(Path jcfFile, @Nullable Path targetParent) {
        Path parent = targetParent != null ? targetParent
                : Objects.requireNonNull(jcfFile.toAbsolutePath().getParent(), "a file has a parent folder");
        String name = String.valueOf(jcfFile.getFileName());
        startAsking(I18n.t("task.importJcf", name), name, (ctx, password) -> opener.importJcf(jcfFile, parent, password));
    }

    public void createEmpty(Path parent, String name) {
        createEmpty(parent, name, null);
    }

    /** A new empty project; its history encrypted with {@code password} when one is given (wiped by the engine). */
    public void createEmpty(Path parent, String name, char @Nullable [] password) {
        start(I18n.t("task.createProject", name), ctx -> opener.createEmpty(parent, name, password));
    }

    /**
     * Starts tracking an existing folder in place; its files become the first checkpoint. The
     * project opens at once (a quick step) and the first checkpoint is saved in the background like
     * every save: progress in the status bar with Stop, the timeline fills in when it is done. A
     * stopped first save leaves the project empty, its files all unsaved changes.
     */
    public void trackFolder(Path folder) {
        trackFolder(folder, null);
    }

    /** Like {@link #trackFolder(Path)}; the history encrypted with {@code password} when one is given. */
    public void trackFolder(Path folder, char @Nullable [] password) {
        start(I18n.t("task.openProject", folder.getFileName()), ctx -> opener.startTracking(folder, password),
                p -> saveFirstCheckpoint(p, folder));
    }

    private void saveFirstCheckpoint(ProjectOpener.OpenProject project, Path folder) {
        JcfManager jcf = project.manager();
        String message = I18n.t("checkpoint.firstMessage");
        TaskRunner runner = session.runner();
        runner.task(I18n.t("task.trackFolder", folder.getFileName()), ctx -> {
                    // A quick listing, not a status: a status would read every file once more before the
                    // checkpoint reads them to store them (on a big folder, twice the wait).
                    if (!jcf.getHistory().isEmpty() || jcf.listFiles().isEmpty()) {
                        return Optional.<String>empty(); // already tracked, or nothing to save yet
                    }
                    return Optional.of(jcf.saveCheckpoint(message,
                            CheckpointOptions.builder().cancel(ctx.cancellation()).build()));
                })
                .progressFrom(jcf).visible().writes()
                .onSuccess(saved -> saved.ifPresent(id -> runner.announceFinished(I18n.t("status.checkpointSaved", message))))
                .onDone(() -> {
                    if (session.getProject() == project) {
                        session.refresh(); // the timeline fills in, or (stopped) shows the unsaved files
                    }
                })
                .start();
    }

    /**
     * Opens what the person dropped or passed on the command line: a {@code .jcf} file (imported
     * beside it), a project folder, or {@code --demo}. Returns false for something it cannot open.
     */
    public boolean openPath(Path path) {
        if (path.getFileName() != null && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jcf")
                && Files.isRegularFile(path)) {
            openJcf(path, null);
            return true;
        }
        if (Files.isDirectory(path)) {
            if (ProjectLocation.detect(path) != null) {
                openFolder(path);
            } else {
                trackFolder(path);
            }
            return true;
        }
        return false;
    }

    /** Handles the program arguments: none, {@code --demo}, a {@code .jcf} file or a project folder. */
    public void handleArguments(List<String> args) {
        openArguments(args).ifPresent(this::reportCannotOpen);
    }

    /**
     * Starts opening what the program arguments name ({@code --demo}, a {@code .jcf} file or a project
     * folder) and returns the argument that names nothing to open, for {@link #reportCannotOpen}. The
     * app calls this before its window is built, so the project loads while the window is made.
     */
    public Optional<String> openArguments(List<String> args) {
        for (String a : args) {
            if (a.equals("--demo")) {
                openDemo();
                return Optional.empty();
            }
            if (!a.startsWith("--")) {
                return openPath(Path.of(a)) ? Optional.empty() : Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * What opens at start: the project the arguments name; without one, when the person chose "Open the last
     * project at start", the most recently opened project that still exists; else nothing (the welcome screen).
     * Returns what {@link #openArguments} returns.
     */
    public Optional<String> openAtStart(List<String> args, boolean openLastProject) {
        boolean namesAProject = args.stream().anyMatch(a -> a.equals("--demo") || !a.startsWith("--"));
        if (!namesAProject && openLastProject) {
            recent.load().stream().filter(RecentProjects.Entry::exists).findFirst().ifPresent(this::openRecent);
            return Optional.empty();
        }
        return openArguments(args);
    }

    /** Tells the person that a path given on the command line names no project or {@code .jcf} file. */
    public void reportCannotOpen(String argument) {
        session.runner().errors().present(I18n.t("task.openProject", argument), new FileNotFoundException(argument));
    }

    private void start(String title, Work<ProjectOpener.OpenProject> work) {
        start(title, work, p -> { });
    }

    /** Opens a project in the background; {@code opened} runs just before the session shows it. */
    private void start(String title, Work<ProjectOpener.OpenProject> work, Consumer<ProjectOpener.OpenProject> opened) {
        task(title, work, opened).start();
    }

    /** Opening work that may need the password of an encrypted project (null on the first try). */
    @FunctionalInterface
    private interface OpenWithPassword {
        ProjectOpener.OpenProject open(WorkContext ctx, char @Nullable [] password) throws Exception;
    }

    /**
     * Like {@link #start}, for something that may be encrypted: the first try goes without a password;
     * when the engine asks for one, the person is asked (and asked again after a wrong one) and each try
     * runs in the background like the first. Cancel leaves everything as it was.
     */
    private void startAsking(String title, String name, OpenWithPassword work) {
        task(title, ctx -> work.open(ctx, null), p -> { }).onFailure(error -> {
            if (!PasswordRequest.asksForPassword(error)) {
                session.runner().errors().present(title, error);
                return;
            }
            session.askPassword(new PasswordRequest(name, (password, request) ->
                    task(title, ctx -> work.open(ctx, password), p -> request.accepted()).onFailure(e -> {
                        if (PasswordRequest.asksForPassword(e)) {
                            request.refused();
                        } else {
                            request.failed();
                            session.runner().errors().present(title, e);
                        }
                    }).onCancelled(request::failed).start(), () -> { }));
        }).start();
    }

    /** A visible opening task whose project, once open, becomes the session's and a recent one. */
    private TaskRunner.Builder<ProjectOpener.OpenProject> task(String title, Work<ProjectOpener.OpenProject> work,
                                                               Consumer<ProjectOpener.OpenProject> opened) {
        opening.set(true);
        return session.runner().task(title, work).visible()
                .onSuccess(p -> {
                    opened.accept(p); // first: a save it starts makes the session's first load skip the status
                    session.open(p);
                    // in the background, beside the history's loading: the list is JSON, read and written again
                    session.runner().task(I18n.t("task.rememberRecent"), ctx -> recent.remember(p.location(),
                            clock.instant())).onSuccess(recentEntries::setAll).start();
                })
                .onDone(() -> opening.set(false));
    }
}
