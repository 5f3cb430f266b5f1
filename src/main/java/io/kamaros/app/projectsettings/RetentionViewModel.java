package io.kamaros.app.projectsettings;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.ProgressText;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.TaskProgress;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.ForgetResult;
import io.kamaros.engine.model.RetentionPolicy;
import io.kamaros.engine.model.RetentionSettings;
import java.time.Duration;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.jspecify.annotations.Nullable;

/**
 * The Retention page: how the project's history thins itself (every version of the last N hours, one an hour for
 * N days, one a day for N days, one a week after; optionally "at most N GB"; manual checkpoints and tagged versions
 * only when ticked), a live preview from the engine's dry run ("12 automatic saves would go, freeing 48 MB") and
 * "Apply now", which forgets them in the background with progress and Cancel.
 *
 * <p>The settings are the engine's ({@link JcfManager#setRetentionSettings}: what {@code kamaros forget} applies
 * without flags, and what autosave's automatic thinning applies after saves unless "thin by itself" is turned off
 * here); "Apply now" applies the form's policy at once.
 */
public final class RetentionViewModel {
    static final double BYTES_PER_GB = 1_000_000_000d;
    /** The longest span the page offers in days (about ten years). */
    static final int MAX_DAYS = 3_650;

    private final ProjectSession session;
    private final IntegerProperty keepAllHours = new SimpleIntegerProperty(this, "keepAllHours", 24);
    private final IntegerProperty hourlyDays = new SimpleIntegerProperty(this, "hourlyDays", 7);
    private final IntegerProperty dailyDays = new SimpleIntegerProperty(this, "dailyDays", 30);
    private final BooleanProperty weeklyAfter = new SimpleBooleanProperty(this, "weeklyAfter", true);
    private final BooleanProperty sizeLimited = new SimpleBooleanProperty(this, "sizeLimited");
    private final DoubleProperty maxGigabytes = new SimpleDoubleProperty(this, "maxGigabytes", 10);
    private final BooleanProperty thinManual = new SimpleBooleanProperty(this, "thinManual");
    private final BooleanProperty thinTagged = new SimpleBooleanProperty(this, "thinTagged");
    private final BooleanProperty autoThin = new SimpleBooleanProperty(this, "autoThin", true);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");
    private final ReadOnlyObjectWrapper<@Nullable ForgetResult> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyStringWrapper previewText = new ReadOnlyStringWrapper(this, "previewText", "");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final TaskProgress applying = new TaskProgress();
    private final BooleanBinding canSave;
    private final BooleanBinding canApply;
    /** The policy as loaded: its counts the page does not show (keep last N, monthly) are kept as they were. */
    private RetentionSettings base = RetentionSettings.defaults();
    /** Counts previews, so an older one finishing late never replaces a newer one. */
    private long previewGeneration;
    private TaskRunner.@Nullable EngineTask<ForgetResult> runningPreview;

    public RetentionViewModel(ProjectSession session) {
        this.session = session;
        canSave = Bindings.createBooleanBinding(() -> loaded.get() && !saving.get() && !applying.isRunning(),
                loaded, saving, applying.runningProperty());
        canApply = Bindings.createBooleanBinding(() -> canSave.get() && preview.get() != null
                && !preview.get().forgotten().isEmpty(), canSave, preview);
        for (Observable p : new Observable[] {keepAllHours, hourlyDays, dailyDays, weeklyAfter, sizeLimited,
                maxGigabytes, thinManual, thinTagged}) {
            p.addListener(o -> {
                preview.set(null); // the preview shown is of another policy now; the view asks for a new one
                note.set("");
            });
        }
    }

    /** Reads the project's policy and flags in the background, then previews it. */
    public void load() {
        JcfManager jcf = session.manager();
        session.runner().task(I18n.t("projectSettings.task.load"), ctx -> jcf.getRetentionSettings()).onSuccess(l -> {
            show(l);
            loaded.set(true);
            preview();
        }).start();
    }

    private void show(RetentionSettings l) {
        RetentionPolicy p = l.policy();
        base = l;
        keepAllHours.set((int) Math.min(Integer.MAX_VALUE, p.keepWithin().toHours()));
        hourlyDays.set(p.keepHourly() == RetentionPolicy.UNLIMITED ? MAX_DAYS : (p.keepHourly() + 23) / 24);
        dailyDays.set(p.keepDaily() == RetentionPolicy.UNLIMITED ? MAX_DAYS : Math.min(MAX_DAYS, p.keepDaily()));
        weeklyAfter.set(p.keepWeekly() != 0);
        sizeLimited.set(p.maxBytes() > 0);
        if (p.maxBytes() > 0) {
            maxGigabytes.set(p.maxBytes() / BYTES_PER_GB);
        }
        thinManual.set(l.thinManual());
        thinTagged.set(l.thinTagged());
        autoThin.set(l.autoThin());
    }

    /** The policy the form says (with the loaded policy's counts the page does not show). */
    public RetentionPolicy policy() {
        RetentionPolicy b = base.policy();
        int weekly = !weeklyAfter.get() ? 0 : b.keepWeekly() != 0 ? b.keepWeekly() : RetentionPolicy.UNLIMITED;
        long maxBytes = sizeLimited.get() ? Math.max(1, Math.round(maxGigabytes.get() * BYTES_PER_GB)) : 0;
        return new RetentionPolicy(b.keepLast(), Duration.ofHours(keepAllHours.get()), hourlyDays.get() * 24,
                dailyDays.get(), weekly, b.keepMonthly(), maxBytes);
    }

    /** The settings the form says (the interval of automatic thinning, which the page does not show, as loaded). */
    public RetentionSettings settings() {
        return new RetentionSettings(policy(), thinManual.get(), thinTagged.get(), autoThin.get(),
                base.autoThinInterval());
    }

    private ForgetOptions options() {
        return settings().forgetOptions();
    }

    /** The engine's dry run of the form's policy, in the background: what would go and what it would free. */
    public TaskRunner.EngineTask<ForgetResult> preview() {
        JcfManager jcf = session.manager();
        RetentionPolicy policy = policy();
        ForgetOptions options = options().withDryRun(true);
        long generation = ++previewGeneration;
        if (runningPreview != null) {
            runningPreview.requestCancel(); // its answer is of a policy no longer shown
        }
        previewText.set(I18n.t("projectSettings.retention.previewing"));
        TaskRunner.EngineTask<ForgetResult> t = session.runner().task(I18n.t("projectSettings.task.preview"),
                        ctx -> jcf.forget(policy, options.withCancel(ctx.cancellation())))
                .onSuccess(r -> {
                    if (generation == previewGeneration) {
                        preview.set(r);
                        previewText.set(describe(r));
                    }
                })
                .onFailure(e -> {
                    if (generation == previewGeneration) {
                        previewText.set(I18n.t("projectSettings.retention.previewFailed"));
                    }
                })
                .onDone(() -> {
                    if (generation == previewGeneration) {
                        runningPreview = null;
                    }
                })
                .start();
        if (!t.isDone()) {
            runningPreview = t;
        }
        return t;
    }

    /** "12 automatic saves would go, freeing 48 MB; 30 versions stay" (or with checkpoints, or nothing). */
    static String describe(ForgetResult r) {
        long autos = r.forgotten().stream().filter(ForgetResult.Item::autoSaved).count();
        long manual = r.forgotten().size() - autos;
        String freed = ProgressText.bytes(r.bytesFreed());
        if (r.forgotten().isEmpty()) {
            return I18n.t("projectSettings.retention.preview.nothing", r.kept());
        }
        if (manual == 0) {
            return I18n.t("projectSettings.retention.preview.autos", autos, freed, r.kept());
        }
        return I18n.t("projectSettings.retention.preview.mixed", autos, manual, freed, r.kept());
    }

    /** Keeps the form's policy as the project's (in the background). */
    public void save() {
        if (!canSave.get()) {
            throw new IllegalStateException("The retention settings are not loaded, or work runs");
        }
        JcfManager jcf = session.manager();
        RetentionSettings settings = settings();
        saving.set(true);
        session.runner().task(I18n.t("projectSettings.task.save"), ctx -> {
            jcf.setRetentionSettings(settings);
            return settings;
        }).writes().onSuccess(p -> {
            base = p;
            note.set(I18n.t("projectSettings.retention.saved"));
        }).onDone(() -> saving.set(false)).start();
    }

    /**
     * Forgets what the form's policy does not keep (confirmed by the view first), with progress and Cancel, then
     * refreshes the project and previews again.
     */
    public TaskRunner.EngineTask<ForgetResult> applyNow() {
        if (!canApply.get()) {
            throw new IllegalStateException("Nothing to apply: preview first");
        }
        JcfManager jcf = session.manager();
        RetentionPolicy policy = policy();
        ForgetOptions options = options();
        TaskRunner.EngineTask<ForgetResult> t = session.runner().task(I18n.t("projectSettings.task.apply"),
                        ctx -> jcf.forget(policy, options.withCancel(ctx.cancellation())))
                .progressFrom(jcf).visible().writes()
                .onSuccess(r -> {
                    String done = I18n.t("projectSettings.retention.done", r.forgotten().size(),
                            ProgressText.bytes(r.bytesFreed()));
                    note.set(done);
                    session.runner().announceFinished(done);
                    session.refresh();
                })
                .onCancelled(() -> note.set(I18n.t("projectSettings.retention.cancelled")))
                .onDone(() -> {
                    applying.done();
                    preview();
                })
                .start();
        return applying.follow(t);
    }

    public IntegerProperty keepAllHoursProperty() {
        return keepAllHours;
    }

    public IntegerProperty hourlyDaysProperty() {
        return hourlyDays;
    }

    public IntegerProperty dailyDaysProperty() {
        return dailyDays;
    }

    /** "Then one a week, for ever". */
    public BooleanProperty weeklyAfterProperty() {
        return weeklyAfter;
    }

    public BooleanProperty sizeLimitedProperty() {
        return sizeLimited;
    }

    public DoubleProperty maxGigabytesProperty() {
        return maxGigabytes;
    }

    /** Manual checkpoints may go too (by default only automatic saves are thinned). */
    public BooleanProperty thinManualProperty() {
        return thinManual;
    }

    /** Tagged versions may go too, with their tags. */
    public BooleanProperty thinTaggedProperty() {
        return thinTagged;
    }

    /** The history thins itself by this policy after automatic saves (on by default). */
    public BooleanProperty autoThinProperty() {
        return autoThin;
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** The last preview of the policy shown, or null while there is none (being computed, or the form changed). */
    public ReadOnlyObjectProperty<@Nullable ForgetResult> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty previewTextProperty() {
        return previewText.getReadOnlyProperty();
    }

    /** "Saved", what "Apply now" did, or empty. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public BooleanBinding canSaveBinding() {
        return canSave;
    }

    public BooleanBinding canApplyBinding() {
        return canApply;
    }

    /** "Apply now" while it runs: progress and Cancel. */
    public TaskProgress applying() {
        return applying;
    }
}
