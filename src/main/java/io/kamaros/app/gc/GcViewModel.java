package io.kamaros.app.gc;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.ProgressText;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.TaskProgress;
import io.kamaros.engine.model.GcOptions;
import io.kamaros.engine.model.GcReport;
import java.util.ArrayList;
import java.util.List;
import io.kamaros.engine.JcfManager;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Garbage collection in two steps: a dry run says what would be removed and how much space that
 * frees ("would free 3.2 MB: 4 blobs, 2 deltas, 1 temp file"); only then can the person confirm.
 * Only data no version needs is ever removed.
 */
public final class GcViewModel {
    private final ProjectSession session;
    private final ReadOnlyObjectWrapper<GcReport> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyObjectWrapper<GcReport> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper previewText = new ReadOnlyStringWrapper(this, "previewText", "");
    private final ReadOnlyStringWrapper resultText = new ReadOnlyStringWrapper(this, "resultText", "");
    private final TaskProgress task = new TaskProgress();
    private final BooleanBinding canPreview;
    private final BooleanBinding canCollect;

    public GcViewModel(ProjectSession session) {
        this.session = session;
        canPreview = Bindings.createBooleanBinding(() -> session.isOpen() && !task.isRunning(),
                session.projectProperty(), task.runningProperty());
        canCollect = Bindings.createBooleanBinding(() -> canPreview.get() && preview.get() != null
                && hasGarbage(preview.get()), canPreview, preview);
    }

    static boolean hasGarbage(GcReport r) {
        return r.blobsRemoved() + r.chunksRemoved() + r.deltasRemoved() + r.tempRemoved() > 0 || r.spaceFreed() > 0;
    }

    /** The dry run: what would be removed; deletes nothing. */
    public TaskRunner.EngineTask<Checked> preview() {
        JcfManager jcf = session.manager();
        result.set(null);
        resultText.set("");
        TaskRunner.EngineTask<Checked> t = session.runner().task(I18n.t("gc.task.preview"),
                        ctx -> checked(jcf, jcf.runGc(GcOptions.builder().dryRun(true).cancel(ctx.cancellation()).build())))
                .progressFrom(jcf).visible()
                .onSuccess(c -> {
                    preview.set(c.report());
                    previewText.set(describe(c.report(), c.contents()));
                })
                .onDone(task::done)
                .start();
        return task.follow(t);
    }

    /** Removes what the preview found (and whatever else became unused since). */
    public TaskRunner.EngineTask<Checked> collect() {
        if (!canCollect.get()) {
            throw new IllegalStateException("Run the preview first");
        }
        JcfManager jcf = session.manager();
        TaskRunner.EngineTask<Checked> t = session.runner().task(I18n.t("gc.task.run"),
                        ctx -> checked(jcf, jcf.runGc(GcOptions.builder().cancel(ctx.cancellation()).build())))
                .progressFrom(jcf).visible().writes()
                .onSuccess(c -> {
                    GcReport r = c.report();
                    result.set(r);
                    resultText.set(describe(r, c.contents()));
                    preview.set(null);
                    previewText.set("");
                    session.runner().announceFinished(I18n.t("gc.done.status", ProgressText.bytes(r.spaceFreed())));
                })
                .onCancelled(() -> {
                    // what was removed until the cancel stays removed: look again
                    preview.set(null);
                    previewText.set(I18n.t("gc.cancelled"));
                })
                .onDone(task::done)
                .start();
        return task.follow(t);
    }

    /**
     * A report and the number of stored contents the storage dashboard shows (the engine's count of
     * distinct contents, whether kept whole or as a change to another; the report counts only the whole ones).
     */
    public record Checked(GcReport report, long contents) {
    }

    private static Checked checked(JcfManager jcf, GcReport report) {
        return new Checked(report, jcf.getStats().uniqueBlobs());
    }

    /** "Would free 3.2 MB: 4 blobs, 2 deltas, 1 temp file" or "Freed …", or "nothing to clean up". */
    static String describe(GcReport r, long contents) {
        if (!hasGarbage(r)) {
            return I18n.t("gc.nothing", contents);
        }
        List<String> list = new ArrayList<>();
        long[] counts = {r.blobsRemoved(), r.deltasRemoved(), r.tempRemoved(), r.chunksRemoved()};
        String[] keys = {"gc.part.blobs", "gc.part.deltas", "gc.part.temp", "gc.part.chunks"};
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                list.add(I18n.t(keys[i], counts[i]));
            }
        }
        if (list.isEmpty()) {
            list.add(I18n.t("gc.part.journal")); // only uncommitted bytes at the end of the version journal
        }
        String parts = String.join(", ", list);
        String size = ProgressText.bytes(r.spaceFreed());
        return r.dryRun() ? I18n.t("gc.wouldFree", size, parts) : I18n.t("gc.freed", size, parts,
                ProgressText.duration(r.duration()));
    }

    public void cancel() {
        task.cancel();
    }

    public ReadOnlyObjectProperty<GcReport> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<GcReport> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty previewTextProperty() {
        return previewText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultTextProperty() {
        return resultText.getReadOnlyProperty();
    }

    public BooleanBinding canPreviewBinding() {
        return canPreview;
    }

    public BooleanBinding canCollectBinding() {
        return canCollect;
    }

    public TaskProgress task() {
        return task;
    }
}
