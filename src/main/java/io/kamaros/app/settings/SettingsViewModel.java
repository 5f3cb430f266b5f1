package io.kamaros.app.settings;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.engine.model.JcfConfig;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Settings: the name and e-mail recorded with checkpoints, the compression level, the theme (light,
 * dark, or the desktop's) and the language. Saved per user in {@code settings.json}. The theme changes
 * at once; name, e-mail and compression apply to the open project straight away (it is reopened with
 * them) and to every project opened later; the language applies when Kamaros restarts.
 */
public final class SettingsViewModel {
    /** The longest name accepted (characters). */
    static final int MAX_AUTHOR = 200;
    private final SettingsStore store;
    private final ProjectSession session;
    private final ProjectOpener opener;
    private final JcfConfig base;
    private final Consumer<Boolean> themeApplier;
    private final Supplier<SystemTheme.Detection> systemTheme;

    private final StringProperty author = new SimpleStringProperty(this, "author", "");
    private final StringProperty email = new SimpleStringProperty(this, "email", "");
    private final IntegerProperty compressionLevel = new SimpleIntegerProperty(this, "compressionLevel",
            JcfConfig.DEFAULT_COMPRESSION_LEVEL);
    private final ObjectProperty<AppSettings.Theme> theme = new SimpleObjectProperty<>(this, "theme", AppSettings.Theme.SYSTEM);
    private final ObjectProperty<AppSettings.Language> language = new SimpleObjectProperty<>(this, "language",
            AppSettings.Language.SYSTEM);
    private final BooleanProperty autoCleanUp = new SimpleBooleanProperty(this, "autoCleanUp");
    private final BooleanProperty openLastProject = new SimpleBooleanProperty(this, "openLastProject");
    private final BooleanProperty notifications = new SimpleBooleanProperty(this, "notifications", true);
    private final ReadOnlyObjectWrapper<SystemTheme.Detection> detected = new ReadOnlyObjectWrapper<>(this, "detected");
    private final ReadOnlyStringWrapper systemThemeText = new ReadOnlyStringWrapper(this, "systemThemeText",
            I18n.t("settings.theme.system.checking"));
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");
    private final ReadOnlyStringWrapper savedNote = new ReadOnlyStringWrapper(this, "savedNote", "");
    private final StringBinding problem;
    private final BooleanBinding canSave;
    private AppSettings loaded = new AppSettings();

    /**
     * @param base         the engine configuration without settings (the JCF_* environment values)
     * @param themeApplier switches the theme (true: dark); the app's is {@link Themes#apply}
     * @param systemTheme  asks the desktop whether it is dark (run in the background)
     */
    public SettingsViewModel(SettingsStore store, ProjectSession session, ProjectOpener opener, JcfConfig base,
                             Consumer<Boolean> themeApplier, Supplier<SystemTheme.Detection> systemTheme) {
        this.store = store;
        this.session = session;
        this.opener = opener;
        this.base = base;
        this.themeApplier = themeApplier;
        this.systemTheme = systemTheme;
        problem = Bindings.createStringBinding(() -> {
            if (!AuthorIdentity.plausibleEmail(email.get())) {
                return I18n.t("settings.email.invalid");
            }
            if (author.get() != null && author.get().strip().length() > 200) {
                return I18n.t("settings.author.tooLong");
            }
            return "";
        }, email, author);
        canSave = Bindings.createBooleanBinding(() -> problem.get().isEmpty() && !saving.get(), problem, saving);
    }

    /** Reads the saved settings into the form and asks the desktop about its theme (in the background). */
    public void load() {
        TaskRunner runner = session.runner();
        runner.task(I18n.t("settings.task.load"), ctx -> store.load()).onSuccess(s -> {
            loaded = s;
            author.set(s.author == null ? "" : s.author);
            email.set(s.email == null ? "" : s.email);
            compressionLevel.set(s.compressionLevel);
            theme.set(s.theme);
            language.set(s.language);
            autoCleanUp.set(s.autoCleanUp);
            openLastProject.set(s.openLastProject);
            notifications.set(s.notifications);
        }).start();
        runner.task(I18n.t("settings.task.theme"), ctx -> systemTheme.get()).onSuccess(d -> {
            detected.set(d);
            systemThemeText.set(describe(d));
        }).start();
    }

    static String describe(SystemTheme.Detection d) {
        if (!d.found()) {
            return I18n.t("settings.theme.system.unknown");
        }
        return I18n.t(d.dark() ? "settings.theme.system.dark" : "settings.theme.system.light", d.source());
    }

    /** What the form says, as settings. */
    public AppSettings current() {
        AppSettings s = new AppSettings();
        s.author = author.get() == null ? "" : author.get().strip();
        s.email = email.get() == null ? "" : email.get().strip();
        s.compressionLevel = compressionLevel.get();
        s.theme = theme.get();
        s.language = language.get();
        s.autoCleanUp = autoCleanUp.get();
        s.openLastProject = openLastProject.get();
        s.notifications = notifications.get();
        return s;
    }

    /**
     * Saves (in the background), then applies: the theme at once, the engine settings to projects opened
     * from now on and, when they changed, to the open project by reopening it.
     */
    public void save(Runnable onSaved) {
        if (!canSave.get()) {
            throw new IllegalStateException(problem.get());
        }
        AppSettings s = current();
        JcfConfig config = s.applyTo(base);
        saving.set(true);
        TaskRunner runner = session.runner();
        runner.task(I18n.t("settings.task.save"), ctx -> {
            store.save(s);
            return null;
        }).onSuccess(v -> {
            boolean languageChanged = s.language != loaded.language;
            loaded = s.copy();
            opener.useConfig(config);
            boolean dark = switch (s.theme) {
                case DARK -> true;
                case LIGHT -> false;
                case SYSTEM -> detected.get() != null && detected.get().dark();
            };
            themeApplier.accept(dark);
            runner.notifyWhenFinished(s.notifications);
            savedNote.set(languageChanged ? I18n.t("settings.saved.restart") : I18n.t("settings.saved"));
            runner.announce(I18n.t("settings.saved"));
            reopenIfNeeded(config);
            onSaved.run();
        }).onDone(() -> saving.set(false)).start();
    }

    /**
     * The open project keeps the engine settings it was opened with; reopen it with the new ones (an
     * encrypted project with the key the session holds: no second password question).
     */
    private void reopenIfNeeded(JcfConfig config) {
        if (!session.isOpen()) {
            return;
        }
        JcfConfig now = session.manager().getConfig();
        boolean changed = !Objects.equals(now.author(), config.author())
                || !Objects.equals(now.email(), config.email())
                || now.compressionLevel() != config.compressionLevel()
                || now.autoGc() != config.autoGc();
        if (!changed || session.runner().visibleTaskProperty().get() != null) {
            return; // unchanged, or busy: the next open uses the new settings
        }
        ProjectOpener.OpenProject current = session.getProject();
        session.runner().task(I18n.t("settings.task.reopen"), ctx -> opener.reopen(current))
                .onSuccess(reopened -> {
                    if (session.getProject() == current) {
                        session.open(reopened);
                    } else {
                        reopened.manager().close(); // another project was opened meanwhile
                    }
                })
                .start();
    }

    public StringProperty authorProperty() {
        return author;
    }

    public StringProperty emailProperty() {
        return email;
    }

    public IntegerProperty compressionLevelProperty() {
        return compressionLevel;
    }

    /** The switch "Clean up storage after every checkpoint": the engine's automatic GC. */
    public BooleanProperty autoCleanUpProperty() {
        return autoCleanUp;
    }

    /** The switch "Open the last project at start" (read by the app when it starts). */
    public BooleanProperty openLastProjectProperty() {
        return openLastProject;
    }

    /** The switch "Notify me when work finishes". */
    public BooleanProperty notificationsProperty() {
        return notifications;
    }

    public ObjectProperty<AppSettings.Theme> themeProperty() {
        return theme;
    }

    public ObjectProperty<AppSettings.Language> languageProperty() {
        return language;
    }

    /** The name used when the field is left empty. */
    public String defaultAuthor() {
        return base.author() != null && !base.author().isBlank() ? base.author() : System.getProperty("user.name", "");
    }

    public ReadOnlyObjectProperty<SystemTheme.Detection> detectedProperty() {
        return detected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty systemThemeTextProperty() {
        return systemThemeText.getReadOnlyProperty();
    }

    /** Why the form cannot be saved, or empty. */
    public StringBinding problemBinding() {
        return problem;
    }

    public BooleanBinding canSaveBinding() {
        return canSave;
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty savedNoteProperty() {
        return savedNote.getReadOnlyProperty();
    }
}
