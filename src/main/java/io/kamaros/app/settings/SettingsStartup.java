package io.kamaros.app.settings;

import io.kamaros.app.home.AppPaths;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.task.TaskRunner;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Applies the saved settings when the app starts: the language (before any text is built), the
 * theme, and the name, e-mail and compression level of the engine. Command-line choices win:
 * {@code --theme=dark|light} and {@code -Dkamaros.lang=pl}.
 */
public final class SettingsStartup {
    private SettingsStartup() {
    }

    /** The saved settings and whether the window is dark: read from disk and the desktop, nothing applied yet. */
    public record Choice(AppSettings settings, boolean dark) {
    }

    /** Reads the settings file and asks the desktop for its theme; needs no JavaFX, so it may run on any thread. */
    public static Choice read(AppPaths paths, List<String> args) {
        AppSettings s = SettingsStore.of(paths).load();
        boolean dark;
        if (args.contains("--theme=dark")) {
            dark = true;
        } else if (args.contains("--theme=light")) {
            dark = false;
        } else {
            dark = Themes.isDark(s.theme, () -> SystemTheme.ofThisMachine().detect());
        }
        return new Choice(s, dark);
    }

    /**
     * {@link #read} on a thread of its own, started before JavaFX: reading JSON (Jackson's first use) and
     * asking the desktop ({@code gsettings}) then run on the second core while the toolkit starts, and then
     * ICU's first message format (~350 classes and their data) is made there.
     */
    public static CompletableFuture<Choice> readInBackground(AppPaths paths, List<String> args) {
        CompletableFuture<Choice> choice = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                Choice c = read(paths, args);
                choice.complete(c);
                // then ICU's message formats (plural rules, number formats) get ready here, not on the FX thread
                String tag = c.settings().language.tag();
                I18n.prepareFormats(tag != null ? Locale.forLanguageTag(tag) : I18n.locale());
            } catch (RuntimeException | Error e) {
                choice.completeExceptionally(e);
            }
        }, "kamaros-settings-reader");
        reader.setDaemon(true);
        reader.start();
        return choice;
    }

    /** Language and theme; call before the window is built. Returns the settings for {@link #configure}. */
    public static AppSettings beforeWindow(Choice choice) {
        AppSettings s = choice.settings();
        String langProperty = System.getProperty("kamaros.lang");
        if ((langProperty == null || langProperty.isBlank()) && s.language.tag() != null) {
            I18n.setLocale(Locale.forLanguageTag(s.language.tag()));
        }
        Themes.apply(choice.dark());
        return s;
    }

    /**
     * Projects opened from now on record this name and e-mail and use this compression level and clean-up;
     * finished work is announced with a notification or not.
     */
    public static void configure(ProjectOpener opener, TaskRunner runner, AppSettings settings) {
        opener.useConfig(settings.applyTo(opener.config()));
        runner.notifyWhenFinished(settings.notifications);
    }
}
