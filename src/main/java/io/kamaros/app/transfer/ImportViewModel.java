package io.kamaros.app.transfer;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.session.PasswordRequest;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.ProgressText;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.TaskProgress;
import io.kamaros.app.welcome.RecentProjects;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.NewProjectImport;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.ImportResult;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.frontend.ProjectLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;

/**
 * Import a {@code .jcf} file into a new project folder, then open it. The archive is checked
 * completely before anything is committed; on failure or Cancel the new folder is removed again.
 */
public final class ImportViewModel {
    private final ProjectSession session;
    private final ProjectOpener opener;
    private final RecentProjects recent;
    private final Clock clock;
    private final ObjectProperty<Path> source = new SimpleObjectProperty<>(this, "source");
    private final ObjectProperty<Path> parentFolder = new SimpleObjectProperty<>(this, "parentFolder");
    private final StringProperty folderName = new SimpleStringProperty(this, "folderName", "");
    private final ReadOnlyObjectWrapper<ImportResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final TaskProgress task = new TaskProgress();
    private final ObjectBinding<Path> targetFolder;
    private final BooleanBinding canImport;

    public ImportViewModel(ProjectSession session, ProjectOpener opener, RecentProjects recent, Clock clock) {
        this.session = session;
        this.opener = opener;
        this.recent = recent;
        this.clock = clock;
        source.addListener((o, was, file) -> {
            if (file != null) {
                folderName.set(file.getFileName().toString().replaceFirst("(?i)\\.jcf$", ""));
                if (parentFolder.get() == null) {
                    parentFolder.set(file.toAbsolutePath().getParent());
                }
            }
        });
        targetFolder = Bindings.createObjectBinding(() -> parentFolder.get() == null || !validName(folderName.get())
                ? null : parentFolder.get().resolve(folderName.get().strip()), parentFolder, folderName);
        canImport = Bindings.createBooleanBinding(() -> source.get() != null && targetFolder.get() != null
                && !task.isRunning(), source, targetFolder, task.runningProperty());
    }

    static boolean validName(String name) {
        String n = name == null ? "" : name.strip();
        return !n.isEmpty() && !n.contains("/") && !n.contains("\\") && !n.equals(".") && !n.equals("..");
    }

    /** What the import made: the opened project and the engine's figures. */
    record Imported(ProjectOpener.OpenProject project, ImportResult result) {
    }

    /**
     * Imports in the background; on success the new project is opened and remembered. An encrypted
     * archive asks for its password (again after a wrong one); each try runs like the first.
     */
    public TaskRunner.EngineTask<?> importArchive() {
        if (!canImport.get()) {
            throw new IllegalStateException("Pick a .jcf file and a folder first");
        }
        Path file = source.get();
        Path folder = targetFolder.get();
        result.set(null);
        summary.set("");
        String title = I18n.t("import.task", file.getFileName());
        return task.follow(importTask(title, file, folder, null).onFailure(error -> {
            if (!PasswordRequest.asksForPassword(error)) {
                session.runner().errors().present(title, error);
                return;
            }
            session.askPassword(new PasswordRequest(String.valueOf(file.getFileName()), (password, request) ->
                    task.follow(importTask(title, file, folder, password).onFailure(e -> {
                        if (PasswordRequest.asksForPassword(e)) {
                            request.refused();
                        } else {
                            request.failed();
                            session.runner().errors().present(title, e);
                        }
                    }).onSuccess(imported -> {
                        request.accepted();
                        opened(imported, folder);
                    }).onCancelled(() -> {
                        request.failed();
                        summary.set(I18n.t("import.cancelled"));
                    }).start()), () -> { }));
        }).start());
    }

    /** One try: {@code password} is null on the first (the engine says when the archive needs one). */
    private TaskRunner.Builder<Imported> importTask(String title, Path file, Path folder, char @Nullable [] password) {
        return session.runner().task(title, ctx -> {
            boolean existed = Files.exists(folder);
            if (existed && !isEmptyFolder(folder)) {
                throw new ValidationException("The folder '" + folder + "' already exists and is not empty.",
                        Map.of("path", folder.toString()));
            }
            // Built in a hidden folder beside the target and renamed to it when complete: a killed
            // import leaves no half project (the next import removes the hidden folder).
            // The engine wipes each password array it is given: the import gets a copy, the open the original.
            ImportResult r = NewProjectImport.build(folder, staging -> {
                ProjectOpener.OpenProject project = opener.open(ProjectLocation.trackedFolder(staging));
                try {
                    Consumer<JcfEvent> listener = project.manager().on(JcfEvent.Progress.class, p -> ctx.progress(
                            ProgressText.describe(p, null), Math.round(p.percent() * 10), 1000));
                    try {
                        return project.manager().importData(file, ImportOptions.builder().cancel(ctx.cancellation())
                                .password(password == null ? null : password.clone()).build());
                    } finally {
                        project.manager().off("*", listener);
                    }
                } finally {
                    project.manager().close();
                }
            });
            ProjectOpener.OpenProject opened = opener.open(ProjectLocation.trackedFolder(folder), password);
            recent.remember(opened.location(), clock.instant());
            return new Imported(opened, r);
        }).visible().writes()
                .onSuccess(imported -> opened(imported, folder))
                .onCancelled(() -> summary.set(I18n.t("import.cancelled")))
                .onDone(task::done);
    }

    private void opened(Imported imported, Path folder) {
        ImportResult r = imported.result();
        result.set(r);
        summary.set(I18n.t("import.done", r.versionsImported(), r.filesImported(),
                ProgressText.bytes(r.totalSize()), folder));
        session.open(imported.project());
        session.runner().announceFinished(summary.get());
    }

    private static boolean isEmptyFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.findAny().isEmpty();
        }
    }

    public void cancel() {
        task.cancel();
    }

    public ObjectProperty<Path> sourceProperty() {
        return source;
    }

    public ObjectProperty<Path> parentFolderProperty() {
        return parentFolder;
    }

    public StringProperty folderNameProperty() {
        return folderName;
    }

    /** Where the project will be created, or null while the choice is incomplete. */
    public ObjectBinding<Path> targetFolderBinding() {
        return targetFolder;
    }

    public BooleanBinding canImportBinding() {
        return canImport;
    }

    public ReadOnlyObjectProperty<ImportResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public TaskProgress task() {
        return task;
    }
}
