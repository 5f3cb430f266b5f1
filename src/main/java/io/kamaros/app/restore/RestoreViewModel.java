package io.kamaros.app.restore;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.engine.model.FileChange;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionDiff;
import io.kamaros.engine.model.WorkingCopyStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;

/**
 * Restoring a whole version or chosen files, in place or into another folder, and undoing it.
 * The engine saves uncommitted work as an automatic checkpoint before it overwrites anything, so
 * every in-place restore can be undone ({@link RestoreResult#undoVersionId()}).
 */
public final class RestoreViewModel {
    private final ProjectSession session;
    private final BooleanBinding canUndo;

    public RestoreViewModel(ProjectSession session) {
        this.session = session;
        canUndo = session.lastRestoreProperty().isNotNull();
    }

    public BooleanBinding canUndoBinding() {
        return canUndo;
    }

    /** Works out what restoring would change, then hands the plan to {@code confirm} (on the FX thread). */
    public void plan(Version version, List<String> paths, Path target, Consumer<RestorePlan> confirm) {
        JcfManager jcf = session.manager();
        session.runner().task(I18n.t("task.planRestore", version.shortId()), ctx -> {
            if (target != null) {
                jcf.checkOutsideHistory(target); // the project's own folder or its history: refused before confirming
                List<FileInfo> files = jcf.listFiles("", version.id());
                List<String> chosen = paths.isEmpty() ? files.stream().map(FileInfo::path).toList() : paths;
                return new RestorePlan(version, paths, target, 0, chosen.size(), 0, 0,
                        chosen.stream().limit(6).toList());
            }
            WorkingCopyStatus status = jcf.getStatus();
            String head = status.headVersionId();
            int changed = 0;
            int added = 0;
            int removed = 0;
            List<String> examples = new ArrayList<>();
            Set<String> only = new HashSet<>(paths);
            if (head != null) {
                VersionDiff d = jcf.getVersionDiff(head, version.id());
                for (FileChange c : d.modified()) {
                    if (only.isEmpty() || only.contains(c.path())) {
                        changed++;
                        examples.add(c.path());
                    }
                }
                for (FileChange c : d.added()) {
                    if (only.isEmpty() || only.contains(c.path())) {
                        added++;
                        examples.add(c.path());
                    }
                }
                if (only.isEmpty()) {
                    for (FileChange c : d.deleted()) {
                        removed++;
                        examples.add(c.path());
                    }
                    changed += (int) d.renamed().stream().filter(r -> d.modified().stream()
                            .noneMatch(m -> m.path().equals(r.toPath()))).count();
                }
            }
            if (!only.isEmpty() && changed + added == 0) {
                changed = only.size(); // the file differs from the working copy, not from HEAD
                examples.addAll(only);
            }
            int unsaved = status.changeCount();
            return new RestorePlan(version, paths, null, changed, added, removed, unsaved,
                    examples.stream().distinct().limit(6).toList());
        }).onSuccess(confirm).start();
    }

    /** Runs a confirmed plan; an in-place restore becomes undoable. */
    public void execute(RestorePlan plan, Consumer<RestoreResult> done) {
        JcfManager jcf = session.manager();
        RestoreOptions options = RestoreOptions.builder().paths(plan.paths()).target(plan.target()).build();
        session.runner().task(I18n.t("task.restore", plan.version().shortId()),
                        ctx -> jcf.restoreVersion(plan.version().id(),
                                options.toBuilder().cancel(ctx.cancellation()).build()))
                .progressFrom(jcf).visible()
                .onSuccess(result -> {
                    if (plan.inPlace()) {
                        session.setLastRestore(result);
                        session.runner().announce(I18n.t("status.restored", plan.version().shortId(),
                                result.filesRestored(), result.filesDeleted()));
                    } else {
                        session.runner().announce(I18n.t("status.restoredTo", result.filesRestored(), plan.target()));
                    }
                    done.accept(result);
                })
                .onDone(session::refresh)
                .start();
    }

    /** Takes back the last restore: restores the automatic checkpoint it made (or the version before it). */
    public void undo() {
        RestoreResult last = session.lastRestoreProperty().get();
        if (last == null) {
            return;
        }
        JcfManager jcf = session.manager();
        String undoId = last.undoVersionId();
        session.runner().task(I18n.t("task.undoRestore"), ctx -> jcf.restoreVersion(undoId,
                        RestoreOptions.builder().cancel(ctx.cancellation()).build()))
                .progressFrom(jcf).visible()
                .onSuccess(r -> {
                    session.setLastRestore(null);
                    session.runner().announce(I18n.t("status.undone"));
                    session.findVersion(undoId).ifPresent(v -> session.selectedVersionProperty().set(v));
                })
                .onDone(session::refresh)
                .start();
    }
}
