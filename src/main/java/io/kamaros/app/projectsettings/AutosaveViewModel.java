package io.kamaros.app.projectsettings;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.watch.ProjectWatch;
import io.kamaros.engine.watch.AutosavePolicy;
import io.kamaros.frontend.ProjectLocation;
import java.time.Duration;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * The Autosave page: on or off, "save after N seconds without changes" and "at most every N minutes" for the open
 * project. Kept in the project's settings file under the keys {@code kamaros config} and {@code kamaros watch} use
 * ({@code autosave}, {@code autosaveSettle}, {@code autosaveInterval}), read back by {@link ProjectWatch#policy};
 * a save is applied to the running autosave at once, without reopening the project.
 */
public final class AutosaveViewModel {
    // the keys ProjectWatch and `kamaros watch` read
    static final String AUTOSAVE = "autosave";
    static final String SETTLE = "autosaveSettle";
    static final String INTERVAL = "autosaveInterval";
    static final int MIN_SETTLE_SECONDS = 5;
    static final int MAX_SETTLE_SECONDS = 3_600;
    static final int MAX_INTERVAL_MINUTES = 24 * 60;

    private final ProjectSession session;
    private final Consumer<AutosavePolicy> applier;
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled");
    private final IntegerProperty settleSeconds = new SimpleIntegerProperty(this, "settleSeconds",
            (int) AutosavePolicy.DEFAULT_SETTLE.toSeconds());
    private final IntegerProperty intervalMinutes = new SimpleIntegerProperty(this, "intervalMinutes",
            (int) AutosavePolicy.DEFAULT_INTERVAL.toMinutes());
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final BooleanBinding canSave;

    /** @param applier hands a saved policy to the running autosave (the app's {@link ProjectWatch#applyPolicy}) */
    public AutosaveViewModel(ProjectSession session, Consumer<AutosavePolicy> applier) {
        this.session = session;
        this.applier = applier;
        canSave = Bindings.createBooleanBinding(() -> loaded.get() && !busy.get(), loaded, busy);
        enabled.addListener((o, a, b) -> note.set(""));
        settleSeconds.addListener((o, a, b) -> note.set(""));
        intervalMinutes.addListener((o, a, b) -> note.set(""));
    }

    /** Reads the project's autosave settings (in the background); the page stays disabled for a project not in a folder. */
    public void load() {
        ProjectLocation location = session.location().orElse(null);
        if (location == null) {
            note.set(I18n.t("projectSettings.autosave.noFolder"));
            return;
        }
        busy.set(true);
        session.runner().task(I18n.t("projectSettings.task.load"), ctx -> ProjectWatch.policy(location))
                .onSuccess(p -> {
                    show(p);
                    loaded.set(true);
                    note.set("");
                })
                .onDone(() -> busy.set(false))
                .start();
    }

    private void show(AutosavePolicy p) {
        enabled.set(p.enabled());
        settleSeconds.set((int) Math.max(MIN_SETTLE_SECONDS, Math.min(MAX_SETTLE_SECONDS, p.settle().toSeconds())));
        intervalMinutes.set((int) Math.min(MAX_INTERVAL_MINUTES, p.minInterval().toMinutes()));
    }

    /** The policy the form says. */
    public AutosavePolicy policy() {
        return new AutosavePolicy(enabled.get(), Duration.ofSeconds(settleSeconds.get()),
                Duration.ofMinutes(intervalMinutes.get()));
    }

    /** Writes the settings to the project (in the background), then applies them to the running autosave. */
    public void save() {
        if (!canSave.get()) {
            throw new IllegalStateException("The autosave settings are not loaded, or a save runs");
        }
        ProjectLocation location = session.location().orElseThrow();
        AutosavePolicy policy = policy();
        busy.set(true);
        session.runner().task(I18n.t("projectSettings.task.save"), ctx -> {
            new ProjectSettingsFile(location.historyRoot()).update(root -> {
                root.put(AUTOSAVE, policy.enabled());
                root.put(SETTLE, policy.settle().toSeconds() + "s");
                root.put(INTERVAL, policy.minInterval().toMinutes() + "m");
            });
            return policy;
        }).onSuccess(p -> {
            applier.accept(p);
            note.set(I18n.t(p.enabled() ? "projectSettings.autosave.savedOn" : "projectSettings.autosave.savedOff"));
        }).onDone(() -> busy.set(false)).start();
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public IntegerProperty settleSecondsProperty() {
        return settleSeconds;
    }

    public IntegerProperty intervalMinutesProperty() {
        return intervalMinutes;
    }

    /** The settings were read: the form shows them and may be saved. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public BooleanBinding canSaveBinding() {
        return canSave;
    }

    /** "Saved: autosave is on …" after a save, or why the page cannot be used; empty otherwise. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }
}
