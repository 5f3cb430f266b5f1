package io.kamaros.app.settings;

import static io.kamaros.app.Fx.onFx;
import static io.kamaros.app.Fx.runFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.EncryptedProjects;
import io.kamaros.app.session.PasswordRequest;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.toolkit.ToolTestSupport;
import io.kamaros.app.toolkit.ToolTestSupport.Errors;
import io.kamaros.app.toolkit.ToolTestSupport.SampleProject;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.frontend.ProjectLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings are saved per user, read back, and applied: theme at once, name and compression to projects. */
class SettingsViewModelTest {
    @TempDir
    Path tmp;

    private final Errors errors = new Errors();
    private final List<Boolean> themes = new CopyOnWriteArrayList<>();
    private ProjectSession session;

    @BeforeAll
    static void fx() {
        Fx.start();
        I18n.setLocale(Locale.ENGLISH); // the texts asserted below
    }

    @AfterEach
    void closeProject() {
        if (session != null) {
            ToolTestSupport.close(session);
        }
    }

    private SettingsViewModel vm(SettingsStore store, ProjectOpener opener, SystemTheme.Detection detection) {
        return onFx(() -> new SettingsViewModel(store, session, opener, JcfConfig.builder().author("Env Author").build(),
                themes::add, () -> detection));
    }

    @Test
    void savedSettingsAreReadBackAndApplied() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("book"));
        session = p.openSession(ToolTestSupport.directRunner(errors));
        SettingsStore store = new SettingsStore(tmp.resolve("home/settings.json"));
        ProjectOpener opener = new ProjectOpener(JcfConfig.defaults());
        SettingsViewModel vm = vm(store, opener, new SystemTheme.Detection(true, true, "GTK_THEME=Adwaita:dark"));
        runFx(vm::load);
        assertThat(vm.authorProperty().get()).isEmpty();
        assertThat(vm.compressionLevelProperty().get()).isEqualTo(JcfConfig.DEFAULT_COMPRESSION_LEVEL);
        assertThat(vm.themeProperty().get()).isEqualTo(AppSettings.Theme.SYSTEM);
        assertThat(vm.systemThemeTextProperty().get()).contains("dark").contains("GTK_THEME=Adwaita:dark");
        assertThat(vm.defaultAuthor()).isEqualTo("Env Author");

        AtomicInteger closed = new AtomicInteger();
        runFx(() -> {
            vm.authorProperty().set("  Maja Kowalska ");
            vm.emailProperty().set("maja@example.com");
            vm.compressionLevelProperty().set(9);
            vm.themeProperty().set(AppSettings.Theme.DARK);
            vm.languageProperty().set(AppSettings.Language.POLISH);
            vm.save(closed::incrementAndGet);
        });
        assertThat(errors.errors).isEmpty();
        assertThat(closed).hasValue(1);
        assertThat(themes).containsExactly(true);
        assertThat(vm.savedNoteProperty().get()).contains("Restart");
        assertThat(Files.readString(store.file())).contains("\"author\" : \"Maja Kowalska\"").contains("POLISH");

        AppSettings read = new SettingsStore(store.file()).load();
        assertThat(read.author).isEqualTo("Maja Kowalska");
        assertThat(read.email).isEqualTo("maja@example.com");
        assertThat(read.compressionLevel).isEqualTo(9);
        assertThat(read.theme).isEqualTo(AppSettings.Theme.DARK);
        assertThat(read.language).isEqualTo(AppSettings.Language.POLISH);

        // projects opened from now on, and the open project (reopened), use the new name and level
        assertThat(opener.config().author()).isEqualTo("Maja Kowalska");
        assertThat(opener.config().email()).isEqualTo("maja@example.com");
        assertThat(opener.config().compressionLevel()).isEqualTo(9);
        JcfManager jcf = session.manager();
        assertThat(jcf.getConfig().author()).isEqualTo("Maja Kowalska");
        assertThat(session.getVersions()).hasSize(5);
        Files.writeString(p.folder.resolve("dedication.txt"), "For Ana\n");
        jcf.saveCheckpoint("Dedication");
        assertThat(jcf.getCurrentVersion().orElseThrow().author()).isEqualTo("Maja Kowalska");
        assertThat(jcf.getCurrentVersion().orElseThrow().email()).isEqualTo("maja@example.com");

        // a second window reads what was saved
        SettingsViewModel again = vm(store, new ProjectOpener(JcfConfig.defaults()),
                new SystemTheme.Detection(false, false, ""));
        runFx(again::load);
        assertThat(again.authorProperty().get()).isEqualTo("Maja Kowalska");
        assertThat(again.compressionLevelProperty().get()).isEqualTo(9);
        assertThat(again.languageProperty().get()).isEqualTo(AppSettings.Language.POLISH);
        assertThat(again.systemThemeTextProperty().get()).contains("could not be read");
    }

    /**
     * Issue 14: new settings reopen an encrypted project with the key its session already holds; the
     * password is not asked again (before, the reopen failed with "password required").
     */
    @Test
    void anEncryptedProjectIsReopenedWithTheNewSettingsWithoutAskingForItsPasswordAgain() throws Exception {
        ProjectLocation secret = EncryptedProjects.project(tmp.resolve("Secret diary"));
        session = new ProjectSession(ToolTestSupport.directRunner(errors));
        ProjectOpener opener = new ProjectOpener(JcfConfig.defaults());
        ProjectOpener.OpenProject opened = opener.open(secret, EncryptedProjects.PASSWORD.toCharArray());
        runFx(() -> session.open(opened));
        List<PasswordRequest> asked = new CopyOnWriteArrayList<>();
        runFx(() -> session.passwordRequestProperty().addListener((o, was, now) -> {
            if (now != null) {
                asked.add(now);
            }
        }));
        SettingsViewModel vm = vm(new SettingsStore(tmp.resolve("home/settings.json")), opener,
                new SystemTheme.Detection(false, false, ""));
        runFx(vm::load);

        for (int level : new int[] {9, 3}) { // twice: the reopened project is reopened again
            runFx(() -> {
                vm.compressionLevelProperty().set(level);
                vm.save(() -> { });
            });
            assertThat(errors.errors).isEmpty();
            assertThat(asked).as("no password question").isEmpty();
            JcfManager jcf = session.manager();
            assertThat(jcf).isNotSameAs(opened.manager());
            assertThat(jcf.getConfig().compressionLevel()).isEqualTo(level);
            assertThat(jcf.isEncrypted()).isTrue();
            assertThat(new String(jcf.getFileContent("notes.txt"), StandardCharsets.UTF_8)).isEqualTo("second");
        }
        Files.writeString(secret.workingFolder().resolve("notes.txt"), "third");
        session.manager().saveCheckpoint("Third");
        assertThat(session.manager().getHistory()).hasSize(3);
    }

    /** Each on/off switch is saved and changes what the app or the engine does. */
    @Test
    void theSwitchesAreSavedAndChangeWhatHappens() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("book"));
        session = p.openSession(ToolTestSupport.directRunner(errors));
        SettingsStore store = new SettingsStore(tmp.resolve("home/settings.json"));
        ProjectOpener opener = new ProjectOpener(JcfConfig.defaults());
        SettingsViewModel vm = vm(store, opener, new SystemTheme.Detection(false, true, "GTK_THEME=Adwaita"));
        runFx(vm::load);
        assertThat(vm.autoCleanUpProperty().get()).isFalse();
        assertThat(vm.openLastProjectProperty().get()).isFalse();
        assertThat(vm.notificationsProperty().get()).isTrue();
        List<String> notified = new CopyOnWriteArrayList<>();
        session.runner().showFinishedWith(notified::add);
        assertThat(cleanUpsAfterACheckpoint(p, "one.txt")).as("no clean-up while the switch is off").isZero();

        runFx(() -> {
            vm.autoCleanUpProperty().set(true);
            vm.openLastProjectProperty().set(true);
            vm.notificationsProperty().set(false);
            vm.save(() -> { });
        });
        assertThat(errors.errors).isEmpty();
        AppSettings read = new SettingsStore(store.file()).load();
        assertThat(read.autoCleanUp).isTrue();
        assertThat(read.openLastProject).isTrue(); // what the app reads at start (WelcomeViewModel.openAtStart)
        assertThat(read.notifications).isFalse();
        // the open project was reopened with the engine's clean-up on; projects opened later get it too
        assertThat(session.manager().getConfig().autoGc()).isTrue();
        assertThat(opener.config().autoGc()).isTrue();
        assertThat(cleanUpsAfterACheckpoint(p, "two.txt")).isEqualTo(1);
        runFx(() -> session.runner().announceFinished("Checkpoint saved"));
        assertThat(notified).as("notifications off: only the status line").isEmpty();
        assertThat(onFx(() -> session.runner().statusMessageProperty().get())).isEqualTo("Checkpoint saved");

        runFx(() -> {
            vm.notificationsProperty().set(true);
            vm.autoCleanUpProperty().set(false);
            vm.save(() -> { });
        });
        runFx(() -> session.runner().announceFinished("Verified"));
        assertThat(notified).containsExactly("Verified");
        assertThat(cleanUpsAfterACheckpoint(p, "three.txt")).isZero();
    }

    /** Saves a checkpoint with one more file and counts the engine's garbage collections it set off. */
    private int cleanUpsAfterACheckpoint(SampleProject p, String file) throws Exception {
        JcfManager jcf = session.manager();
        AtomicInteger collections = new AtomicInteger();
        var listener = jcf.on(JcfEvent.GcCompleted.class, e -> collections.incrementAndGet());
        try {
            Files.writeString(p.folder.resolve(file), "A new page: " + file + "\n");
            jcf.saveCheckpoint("Add " + file);
        } finally {
            jcf.off("*", listener);
        }
        return collections.get();
    }

    @Test
    void aBadEmailCannotBeSavedAndSystemThemeFollowsTheDesktop() {
        session = new ProjectSession(ToolTestSupport.directRunner(errors));
        SettingsStore store = new SettingsStore(tmp.resolve("settings.json"));
        ProjectOpener opener = new ProjectOpener(JcfConfig.defaults());
        SettingsViewModel vm = vm(store, opener, new SystemTheme.Detection(true, true, "GNOME color-scheme=prefer-dark"));
        runFx(vm::load);
        runFx(() -> vm.emailProperty().set("maja.example.com"));
        assertThat(onFx(() -> vm.canSaveBinding().get())).isFalse();
        assertThat(onFx(() -> vm.problemBinding().get())).contains("e-mail");
        runFx(() -> vm.emailProperty().set(""));
        assertThat(onFx(() -> vm.canSaveBinding().get())).as("the e-mail is optional").isTrue();

        runFx(() -> {
            vm.themeProperty().set(AppSettings.Theme.SYSTEM);
            vm.save(() -> { });
        });
        assertThat(themes).containsExactly(true);
        assertThat(vm.savedNoteProperty().get()).isEqualTo("Settings saved");
        assertThat(opener.config().author()).as("a blank name keeps the environment's").isEqualTo("Env Author");
        assertThat(Files.exists(store.file())).isTrue();
    }

    @Test
    void aDamagedOrNewerSettingsFileStillOpens() throws Exception {
        Path file = tmp.resolve("settings.json");
        Files.writeString(file, "{ \"author\": \"Tom\", \"futureOption\": 42, \"compressionLevel\": 3 }");
        AppSettings s = new SettingsStore(file).load();
        assertThat(s.author).isEqualTo("Tom");
        assertThat(s.compressionLevel).isEqualTo(3);
        assertThat(s.theme).isEqualTo(AppSettings.Theme.SYSTEM);

        Files.writeString(file, "{ not json");
        AppSettings d = new SettingsStore(file).load();
        assertThat(d.author).isEmpty();
        assertThat(d.compressionLevel).isEqualTo(JcfConfig.DEFAULT_COMPRESSION_LEVEL);

        Files.writeString(file, "{ \"compressionLevel\": 42 }");
        assertThat(new SettingsStore(file).load().compressionLevel).isEqualTo(JcfConfig.DEFAULT_COMPRESSION_LEVEL);
    }

    @Test
    void theDesktopThemeIsReadFromEachPlatformsSetting() {
        Map<List<String>, String> none = Map.of();
        assertThat(new SystemTheme(Map.of("GTK_THEME", "Adwaita:dark"), "Linux", none::get).detect())
                .isEqualTo(new SystemTheme.Detection(true, true, "GTK_THEME=Adwaita:dark"));
        List<String> scheme = List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme");
        List<String> gtk = List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme");
        assertThat(new SystemTheme(Map.of(), "Linux", Map.of(scheme, "'prefer-dark'\n")::get).detect())
                .isEqualTo(new SystemTheme.Detection(true, true, "GNOME color-scheme=prefer-dark"));
        assertThat(new SystemTheme(Map.of(), "Linux", Map.of(scheme, "'default'\n", gtk, "'Adwaita'\n")::get).detect())
                .isEqualTo(new SystemTheme.Detection(false, true, "GNOME gtk-theme=Adwaita"));
        assertThat(new SystemTheme(Map.of(), "Linux", none::get).detect().found()).isFalse();
        assertThat(new SystemTheme(Map.of(), "Mac OS X", Map.of(List.of("defaults", "read", "-g",
                "AppleInterfaceStyle"), "Dark\n")::get).detect().dark()).isTrue();
        assertThat(new SystemTheme(Map.of(), "Mac OS X", none::get).detect())
                .satisfies(d -> assertThat(d.found() && !d.dark()).isTrue());
        String reg = "\r\nHKEY_CURRENT_USER\\...\\Personalize\r\n    AppsUseLightTheme    REG_DWORD    0x0\r\n";
        assertThat(new SystemTheme(Map.of(), "Windows 11", c -> c.get(0).equals("reg") ? reg : null).detect())
                .isEqualTo(new SystemTheme.Detection(true, true, "Windows AppsUseLightTheme=0"));
    }
}
