package io.kamaros.app.transfer;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.i18n.VersionText;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.ProgressText;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.TaskProgress;
import io.kamaros.engine.model.ExportOptions;
import io.kamaros.engine.model.ExportResult;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.Version;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
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
    private final BooleanBinding canExport;

    public ExportViewModel(ProjectSession session) {
        this.session = session;
        canExport = Bindings.createBooleanBinding(() -> target.get() != null && !task.isRunning()
                        && session.isOpen() && (scope.get() == Scope.WHOLE_HISTORY || version.get() != null),
                target, scope, version, task.runningProperty(), session.projectProperty());
        Version preselected = session.selectedVersionProperty().get() != null ? session.selectedVersionProperty().get()
                : session.getHead();
        version.set(preselected);
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
                    session.runner().announce(I18n.t("export.done.status", file.getFileName()));
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
                : I18n.t("export.done.one", VersionText.message(only), only.shortId(), where, ProgressText.bytes(r.bytesWritten()));
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
