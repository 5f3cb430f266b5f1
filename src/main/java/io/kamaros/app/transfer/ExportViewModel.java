package io.kamaros.app.transfer;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.ProgressText;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.TaskProgress;
import io.kamaros.engine.model.ExportOptions;
import io.kamaros.engine.model.ExportResult;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.Version;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * Export to a {@code .jcf} file: the whole history, or only one version (its files and a one-version
 * history). Runs in the background with progress and Cancel; a cancelled or failed export leaves no
 * partial file (the engine writes beside the target and renames at the end).
 */
public final class ExportViewModel {
    /** What goes into the archive. */
    public enum Scope { WHOLE_HISTORY, ONE_VERSION }

    private final ProjectSession session;
    private final ObjectProperty<Path> target = new SimpleObjectProperty<>(this, "target");
    private final ObjectProperty<Scope> scope = new SimpleObjectProperty<>(this, "scope", Scope.WHOLE_HISTORY);
    private final ObjectProperty<Version> version = new SimpleObjectProperty<>(this, "version");
    private final ReadOnlyObjectWrapper<ExportResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final TaskProgress task = new TaskProgress();
    private final StringProperty targetText = new SimpleStringProperty(this, "targetText", "");
    private final StringBinding targetProblem;
    private final BooleanBinding canExport;
    private final Path folder;
    private boolean syncing;

    public ExportViewModel(ProjectSession session) {
        this(session, documentsFolder());
    }

    /** @param folder where the archive goes unless the person picks another place (never the app's working folder) */
    public ExportViewModel(ProjectSession session, Path folder) {
        this.session = session;
        this.folder = folder;
        targetProblem = Bindings.createStringBinding(this::problemWithTarget, target, targetText);
        canExport = Bindings.createBooleanBinding(() -> target.get() != null && targetProblem.get().isEmpty()
                        && !task.isRunning() && session.isOpen()
                        && (scope.get() == Scope.WHOLE_HISTORY || version.get() != null),
                target, targetProblem, scope, version, task.runningProperty(), session.projectProperty());
        Version preselected = session.selectedVersionProperty().get() != null ? session.selectedVersionProperty().get()
                : session.getHead();
        version.set(preselected);
        // the typed path and the chosen file are one value, shown in the field
        targetText.addListener((o, a, text) -> sync(() -> target.set(parse(text))));
        target.addListener((o, a, p) -> sync(() -> targetText.set(p == null ? "" : p.toString())));
        target.set(folder.resolve(suggestedFileName()));
    }

    /** The person's Documents folder when there is one, else their home folder. */
    public static Path documentsFolder() {
        Path home = Path.of(System.getProperty("user.home"));
        Path documents = home.resolve("Documents");
        return Files.isDirectory(documents) ? documents : home;
    }

    private void sync(Runnable update) {
        if (!syncing) {
            syncing = true;
            try {
                update.run();
            } finally {
                syncing = false;
            }
        }
    }

    /** The typed path: relative ones are under the default folder (never the app's working folder). */
    private @Nullable Path parse(@Nullable String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            Path p = Path.of(t.startsWith("~" + File.separator) ? System.getProperty("user.home") + t.substring(1) : t);
            return p.isAbsolute() ? p : folder.resolve(p);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private String problemWithTarget() {
        String t = targetText.get() == null ? "" : targetText.get().strip();
        Path p = target.get();
        if (t.isEmpty()) {
            return I18n.t("export.file.required");
        }
        if (p == null || p.getFileName() == null) {
            return I18n.t("export.file.invalid");
        }
        if (Files.isDirectory(p)) {
            return I18n.t("export.file.isFolder");
        }
        return ""; // a missing folder is made by the export
    }

    /** The path in the "Save as" field; typing in it sets {@link #targetProperty()}. */
    public StringProperty targetTextProperty() {
        return targetText;
    }

    /** Why the archive cannot be written where the field says ("" when it can). */
    public StringBinding targetProblemBinding() {
        return targetProblem;
    }

    /** The versions to pick from (newest first). */
    public ObservableList<Version> getVersions() {
        return session.getVersions();
    }

    /** A file name for the chooser: the project's name, plus the version for a one-version export. */
    public String suggestedFileName() {
        String base = session.location().map(l -> l.displayName()).orElse("project")
                .replaceAll("[\\\\/:*?\"<>|]", "_");
        if (scope.get() == Scope.ONE_VERSION && version.get() != null) {
            base += "-" + version.get().shortId();
        }
        return base + ".jcf";
    }

    /** Starts the export; the result (or nothing, when cancelled) appears in {@link #resultProperty()}. */
    public TaskRunner.EngineTask<ExportResult> export() {
        if (!canExport.get()) {
            throw new IllegalStateException("Pick a file (and a version) first");
        }
        JcfManager jcf = session.manager();
        Path file = withExtension(target.get());
        boolean whole = scope.get() == Scope.WHOLE_HISTORY;
        Version v = version.get();
        int level = jcf.getConfig().compressionLevel();
        result.set(null);
        summary.set("");
        TaskRunner.EngineTask<ExportResult> t = session.runner().task(I18n.t("export.task", file.getFileName()), ctx -> {
            ExportOptions.Builder options = ExportOptions.builder().compressionLevel(level).cancel(ctx.cancellation());
            if (!whole) {
                options.versionId(v.id()).includeHistory(false);
            }
            return jcf.export(file, options.build());
        }).progressFrom(jcf).visible()
                .onSuccess(r -> {
                    result.set(r);
                    summary.set(describe(r, whole ? null : v));
                    session.runner().announceFinished(summary.get());
                })
                .onCancelled(() -> summary.set(I18n.t("export.cancelled")))
                .onDone(task::done)
                .start();
        return task.follow(t);
    }

    static Path withExtension(Path file) {
        String name = file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".jcf") ? file : file.resolveSibling(name + ".jcf");
    }

    static String describe(ExportResult r, @Nullable Version only) {
        String where = r.file() == null ? "" : r.file().getFileName().toString();
        return only == null
                ? I18n.t("export.done.whole", r.versions(), where, ProgressText.bytes(r.bytesWritten()), r.entries())
                : I18n.t("export.done.one", only.message(), only.shortId(), where, ProgressText.bytes(r.bytesWritten()));
    }

    public void cancel() {
        task.cancel();
    }

    public ObjectProperty<Path> targetProperty() {
        return target;
    }

    public ObjectProperty<Scope> scopeProperty() {
        return scope;
    }

    public ObjectProperty<Version> versionProperty() {
        return version;
    }

    public ReadOnlyObjectProperty<ExportResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public TaskProgress task() {
        return task;
    }

    public BooleanBinding canExportBinding() {
        return canExport;
    }
}
