package io.kamaros.app.projectsettings;

import static io.kamaros.app.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.toolkit.ToolTestSupport;
import io.kamaros.app.toolkit.ToolTestSupport.Errors;
import io.kamaros.app.watch.ProjectWatch;
import io.kamaros.engine.Remotes;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.watch.Autosave;
import io.kamaros.engine.watch.AutosavePolicy;
import io.kamaros.frontend.ProjectLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Autosave page reads the project's settings, writes them where the watch and the CLI read them, and applies them live. */
class AutosaveViewModelTest {
    @TempDir
    Path tmp;

    private final Errors errors = new Errors();
    private ProjectSession session;

    @BeforeAll
    static void fx() {
        Fx.start();
        I18n.setLocale(Locale.ENGLISH);
    }

    @AfterEach
    void close() {
        if (session != null) {
            ToolTestSupport.close(session);
        }
        assertThat(errors.errors).isEmpty();
    }

    @Test
    void showsTheDefaultsOfAFolderTrackedInPlaceThenSavesBesideTheOtherSettings() throws Exception {
        SettingsProject p = SettingsProject.create(tmp.resolve("art"));
        session = p.open(ToolTestSupport.directRunner(errors));
        onFx(() -> Remotes.of(session.manager()).add(RemoteConfig.folder("nas", tmp.resolve("nas"))));
        List<AutosavePolicy> applied = new CopyOnWriteArrayList<>();
        AutosaveViewModel vm = onFx(() -> new AutosaveViewModel(session, applied::add));
        assertThat(onFx(() -> vm.canSaveBinding().get())).as("not loaded yet").isFalse();

        Fx.runAndSettle(session.runner(), vm::load);
        assertThat(onFx(vm::policy)).as("on by default for a folder tracked in place").isEqualTo(AutosavePolicy.defaults());

        Fx.runAndSettle(session.runner(), () -> {
            vm.enabledProperty().set(false);
            vm.settleSecondsProperty().set(45);
            vm.intervalMinutesProperty().set(5);
            vm.save();
        });
        AutosavePolicy expected = new AutosavePolicy(false, Duration.ofSeconds(45), Duration.ofMinutes(5));
        assertThat(applied).containsExactly(expected);
        assertThat(ProjectWatch.policy(p.location)).as("what the watch reads at the next open").isEqualTo(expected);
        String file = Files.readString(p.location.historyRoot().resolve(ProjectLocation.SETTINGS_FILE));
        assertThat(file).contains("\"autosave\" : false", "\"autosaveSettle\" : \"45s\"", "\"autosaveInterval\" : \"5m\"");
        assertThat(onFx(() -> Remotes.of(session.manager()).list())).as("the other members stay")
                .extracting(RemoteConfig::name).containsExactly("nas");
        assertThat(onFx(() -> vm.noteProperty().get())).isEqualTo("Saved. Autosave is off for this project.");

        AutosaveViewModel again = onFx(() -> new AutosaveViewModel(session, applied::add));
        Fx.runAndSettle(session.runner(), again::load);
        assertThat(onFx(again::policy)).as("read back").isEqualTo(expected);
    }

    @Test
    void aSavedPolicyReachesTheRunningAutosaveWithoutReopening() throws Exception {
        SettingsProject p = SettingsProject.create(tmp.resolve("art"));
        session = new ProjectSession(ToolTestSupport.directRunner(errors));
        ProjectWatch watch = ProjectWatch.attach(session);
        Fx.runFx(() -> session.open(new ProjectOpener(SettingsProject.CONFIG).open(p.location)));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (watch.autosave() == null && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        Autosave running = watch.autosave();
        assertThat(running).as("the watch started").isNotNull();
        assertThat(running.policy().enabled()).isTrue();

        AutosaveViewModel vm = onFx(() -> new AutosaveViewModel(session, watch::applyPolicy));
        Fx.runAndSettle(session.runner(), vm::load);
        Fx.runAndSettle(session.runner(), () -> {
            vm.settleSecondsProperty().set(90);
            vm.intervalMinutesProperty().set(0);
            vm.save();
        });
        assertThat(watch.autosave()).as("the same autosave, not a reopened project").isSameAs(running);
        assertThat(running.policy()).isEqualTo(new AutosavePolicy(true, Duration.ofSeconds(90), Duration.ZERO));
        assertThat(onFx(() -> vm.noteProperty().get())).isEqualTo("Saved. Autosave uses these times from now on.");
    }
}
