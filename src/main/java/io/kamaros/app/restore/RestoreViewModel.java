package io.kamaros.app.restore;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.Version;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import org.jspecify.annotations.Nullable;

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

    /**
     * Asks the engine what restoring would change (the restore's own plan: files written, deleted,
     * and the unsaved work it saves first), then hands it to {@code confirm} (on the FX thread).
     */
    public void plan(Version version, List<String> paths, @Nullable Path target, Consumer<RestorePlan> confirm) {
        JcfManager jcf = session.manager();
        session.runner().task(I18n.t("task.planRestore", version.shortId()), ctx -> {
            // a target that is the project's own folder or its history is refused before confirming
            RestoreOptions options = RestoreOptions.builder().paths(paths).target(target)
                    .cancel(ctx.cancellation()).build();
            var planned = jcf.planRestore(version.id(), options);
            if (target != null) {
                return new RestorePlan(version, paths, target, List.of(), planned.written(), List.of(), 0);
            }
            Set<String> created = new HashSet<>(planned.created());
            List<String> changed = planned.written().stream().filter(p -> !created.contains(p)).toList();
            return new RestorePlan(version, paths, null, changed, planned.created(), planned.deleted(),
                    planned.uncommitted().size());
        }).onSuccess(confirm).start();
    }

    /** Runs a confirmed plan; an in-place restore becomes undoable. */
    public void execute(RestorePlan plan, Consumer<RestoreResult> done) {
        JcfManager jcf = session.manager();
        RestoreOptions options = RestoreOptions.builder().paths(plan.paths()).target(plan.target()).build();
        session.runner().task(I18n.t("task.restore", plan.version().shortId()),
                        ctx -> jcf.restoreVersion(plan.version().id(),
                                options.toBuilder().cancel(ctx.cancellation()).build()))
                .progressFrom(jcf).visible().writes()
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

    /** What the undo bar says about the last restore: what it wrote and removed, or which files' changes a discard put away. */
    public String undoText(@Nullable RestoreResult last) {
        if (last == null) {
            return "";
        }
        if (isDiscard(last)) {
            return I18n.t("status.discarded", String.join(", ", last.undoPaths()));
        }
        return I18n.t("undo.bar", last.filesRestored(), last.filesDeleted());
    }

    /** A discard: chosen files put back as they are in HEAD (a restore of HEAD's own files). */
    private static boolean isDiscard(RestoreResult r) {
        return !r.undoPaths().isEmpty() && r.versionId().equals(r.previousVersionId());
    }

    /**
     * Takes back the last restore: restores the automatic checkpoint it made (or the version before it);
     * after a restore of chosen files (a discard is one) only those files, so HEAD and other work stay.
     */
    public void undo() {
        RestoreResult last = session.lastRestoreProperty().get();
        String undoId = last == null ? null : last.undoVersionId();
        if (last == null || undoId == null) {
            return; // nothing to take back (no restore, or one into another folder)
        }
        // A restore of chosen files is undone by restoring those files (its auto-save lies beside HEAD).
        List<String> paths = last.undoPaths();
        JcfManager jcf = session.manager();
        session.runner().task(I18n.t("task.undoRestore"), ctx -> jcf.restoreVersion(undoId,
                        RestoreOptions.builder().paths(paths).cancel(ctx.cancellation()).build()))
                .progressFrom(jcf).visible().writes()
                .onSuccess(r -> {
                    session.setLastRestore(null);
                    session.runner().announce(isDiscard(last) // a discard taken back is not called a restore
                            ? I18n.t("status.discardUndone", String.join(", ", paths)) : I18n.t("status.undone"));
                    if (paths.isEmpty()) {
                        session.findVersion(undoId).ifPresent(v -> session.selectedVersionProperty().set(v));
                    }
                })
                .onDone(session::refresh)
                .start();
    }
}
