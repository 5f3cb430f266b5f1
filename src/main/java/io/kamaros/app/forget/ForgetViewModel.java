package io.kamaros.app.forget;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.ProgressText;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.ForgetResult;
import io.kamaros.engine.model.Version;
import java.util.List;

/**
 * Forgets one version in the background (the engine re-links the versions after it, so each stays
 * byte-exact, and frees what only it held), then refreshes the project. Confirmed first by the view:
 * a tagged version is forgotten with its tags, which the confirmation says.
 */
public final class ForgetViewModel {
    private final ProjectSession session;

    public ForgetViewModel(ProjectSession session) {
        this.session = session;
    }

    /** Whether the version can be forgotten at all: never the current one (the files on disk are based on it). */
    public boolean canForget(Version v) {
        Version head = session.getHead();
        return !head.id().equals(v.id());
    }

    public TaskRunner.EngineTask<ForgetResult> forget(Version v) {
        JcfManager jcf = session.manager();
        return session.runner().task(I18n.t("forget.task"), ctx -> jcf.forget(List.of(v.id()),
                        ForgetOptions.defaults().withForce(true).withCancel(ctx.cancellation())))
                .progressFrom(jcf).visible().writes()
                .onSuccess(r -> {
                    session.refresh();
                    session.runner().announceFinished(I18n.t("forget.done.status", ProgressText.bytes(r.bytesFreed())));
                })
                .start();
    }
}
