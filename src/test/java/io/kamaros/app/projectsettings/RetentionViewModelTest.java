package io.kamaros.app.projectsettings;

import static io.kamaros.app.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.ProgressText;
import io.kamaros.app.toolkit.ToolTestSupport;
import io.kamaros.app.toolkit.ToolTestSupport.Errors;
import io.kamaros.engine.model.ForgetResult;
import io.kamaros.engine.model.RetentionPolicy;
import io.kamaros.engine.model.Version;
import io.kamaros.frontend.ProjectLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Retention page shows the stored policy, previews it with the engine's dry run (nothing forgotten), keeps it
 * as the project's, and "Apply now" forgets exactly what the preview said while manual checkpoints stay.
 */
class RetentionViewModelTest {
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
        I18n.setLocale(Locale.ENGLISH);
        if (session != null) {
            ToolTestSupport.close(session);
        }
        assertThat(errors.errors).isEmpty();
    }

    @Test
    void previewsSavesAndAppliesThePolicy() throws Exception {
        SettingsProject p = SettingsProject.create(tmp.resolve("art"));
        session = p.open(ToolTestSupport.directRunner(errors));
        RetentionViewModel vm = onFx(() -> new RetentionViewModel(session));
        Fx.runAndSettle(session.runner(), vm::load);
        assertThat(onFx(vm::policy)).as("Time Machine's defaults when none is stored").isEqualTo(RetentionPolicy.timeMachine());
        ForgetResult keepsAll = onFx(() -> vm.previewProperty().get());
        assertThat(keepsAll.forgotten()).as("hourly for 7 days keeps every one of three days ago").isEmpty();
        assertThat(onFx(() -> vm.previewTextProperty().get())).isEqualTo("Nothing would go: all 8 versions stay.");
        assertThat(onFx(() -> vm.canApplyBinding().get())).isFalse();

        // no hourly days: of the six automatic saves of one day only the newest stays
        Fx.runAndSettle(session.runner(), () -> {
            vm.hourlyDaysProperty().set(0);
            vm.preview();
        });
        ForgetResult preview = onFx(() -> vm.previewProperty().get());
        assertThat(preview.dryRun()).isTrue();
        assertThat(preview.forgotten()).hasSize(SettingsProject.AUTOSAVES - 1).allMatch(ForgetResult.Item::autoSaved);
        assertThat(preview.bytesFreed()).isPositive();
        assertThat(onFx(() -> vm.previewTextProperty().get())).isEqualTo("5 automatic saves would go, freeing "
                + ProgressText.bytes(preview.bytesFreed()) + "; 3 versions stay.");
        assertThat(session.manager().getHistory()).as("a dry run forgets nothing").hasSize(SettingsProject.VERSIONS);

        Fx.runAndSettle(session.runner(), vm::save);
        RetentionPolicy saved = RetentionPolicy.timeMachine().withKeepHourly(0);
        assertThat(session.manager().getRetentionPolicy()).as("what kamaros forget applies").isEqualTo(saved);
        assertThat(Files.readString(p.location.historyRoot().resolve(ProjectLocation.SETTINGS_FILE)))
                .contains("\"retentionThinManual\" : false", "\"retentionThinTagged\" : false");

        List<String> going = preview.forgotten().stream().map(ForgetResult.Item::id).toList();
        Fx.runAndSettle(session.runner(), () -> {
            assertThat(vm.canApplyBinding().get()).isTrue();
            vm.applyNow();
        });
        List<Version> left = session.manager().getHistory();
        assertThat(left).hasSize(3).extracting(Version::id).doesNotContainAnyElementsOf(going);
        assertThat(left).filteredOn(v -> !v.automatic()).extracting(Version::message).containsExactlyInAnyOrder("Start", "The end");
        assertThat(onFx(() -> vm.noteProperty().get())).startsWith("5 versions forgotten, ");
        assertThat(onFx(() -> vm.previewTextProperty().get())).as("previewed again").isEqualTo("Nothing would go: all 3 versions stay.");
        assertThat(session.getVersions()).as("the timeline was refreshed").hasSize(3);
    }

    /** The "thin by itself after automatic saves" switch: on by default, kept where autosave's thinning reads it. */
    @Test
    void theSwitchForThinningByItselfIsOnByDefaultAndKeptForAutosave() throws Exception {
        SettingsProject p = SettingsProject.create(tmp.resolve("art"));
        session = p.open(ToolTestSupport.directRunner(errors));
        RetentionViewModel vm = onFx(() -> new RetentionViewModel(session));
        Fx.runAndSettle(session.runner(), vm::load);
        assertThat(onFx(() -> vm.autoThinProperty().get())).isTrue();
        assertThat(onFx(() -> vm.previewProperty().get())).as("the switch does not change what the preview shows")
                .isNotNull();

        Fx.runAndSettle(session.runner(), () -> {
            vm.autoThinProperty().set(false);
            vm.save();
        });
        assertThat(session.manager().getRetentionSettings().autoThin()).as("what autosave's thinning reads").isFalse();
        assertThat(Files.readString(p.location.historyRoot().resolve(ProjectLocation.SETTINGS_FILE)))
                .contains("\"retentionAuto\" : false");
        RetentionViewModel again = onFx(() -> new RetentionViewModel(session));
        Fx.runAndSettle(session.runner(), again::load);
        assertThat(onFx(() -> again.autoThinProperty().get())).isFalse();
    }

    @Test
    void manualCheckpointsGoOnlyWhenTicked() throws Exception {
        SettingsProject p = SettingsProject.create(tmp.resolve("art"));
        session = p.open(ToolTestSupport.directRunner(errors));
        RetentionViewModel vm = onFx(() -> new RetentionViewModel(session));
        Fx.runAndSettle(session.runner(), vm::load);
        // keep only the last hour: "Start" (four days ago) may go only as a manual checkpoint
        Fx.runAndSettle(session.runner(), () -> {
            vm.keepAllHoursProperty().set(1);
            vm.hourlyDaysProperty().set(0);
            vm.dailyDaysProperty().set(0);
            vm.weeklyAfterProperty().set(false);
            vm.preview();
        });
        assertThat(onFx(() -> vm.previewProperty().get()).forgotten()).hasSize(SettingsProject.AUTOSAVES)
                .allMatch(ForgetResult.Item::autoSaved);
        Fx.runAndSettle(session.runner(), () -> {
            vm.thinManualProperty().set(true);
            vm.preview();
        });
        ForgetResult withManual = onFx(() -> vm.previewProperty().get());
        assertThat(withManual.forgotten()).extracting(ForgetResult.Item::message).contains("Start");
        assertThat(onFx(() -> vm.previewTextProperty().get())).startsWith("6 automatic saves and 1 checkpoint would go");
    }

    @Test
    void thePreviewSpeaksPolishWithItsPluralForms() {
        I18n.setLocale(Locale.forLanguageTag("pl"));
        assertThat(RetentionViewModel.describe(result(12, 0, 48_000_000, 30)))
                .isEqualTo("Do usunięcia: 12 zapisów automatycznych, co zwolni " + ProgressText.bytes(48_000_000)
                        + "; zostanie 30 wersji.");
        assertThat(RetentionViewModel.describe(result(2, 1, 1_000, 22)))
                .startsWith("Do usunięcia: 2 zapisy automatyczne i 1 punkt kontrolny, co zwolni ").endsWith("; zostaną 22 wersje.");
        assertThat(RetentionViewModel.describe(result(0, 0, 0, 1))).isEqualTo("Nic by nie zniknęło: 1 wersja zostaje.");
    }

    private static ForgetResult result(int autos, int manual, long bytes, int kept) {
        List<ForgetResult.Item> items = IntStream.range(0, autos + manual).mapToObj(i -> new ForgetResult.Item(
                "v" + i, Instant.EPOCH.plus(Duration.ofHours(i)), "m", i < autos)).toList();
        return new ForgetResult(items, kept, bytes, true);
    }
}
