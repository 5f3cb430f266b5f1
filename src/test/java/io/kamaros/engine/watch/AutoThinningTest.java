package io.kamaros.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.history.Retention;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.ForgetResult;
import io.kamaros.engine.model.ForgottenVersions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.RetentionPolicy;
import io.kamaros.engine.model.RetentionSettings;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History that thins itself (issue 17): autosave's loop on a clock the test moves, over simulated days, with
 * automatic thinning after the saves. It ends with exactly the versions the project's policy keeps of everything
 * ever saved, each byte-exact after a reopen; manual checkpoints and tagged versions are untouched unless the
 * settings say so; turned off, it keeps everything.
 */
class AutoThinningTest {
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2026-11-20T08:00:00Z");

    @TempDir
    Path tmp;
    private Path folder;
    private JcfManager jcf;
    private final MovableClock clock = new MovableClock(START);
    /** Every version ever saved, with the text of its file and when it was saved. */
    private final Map<String, String> texts = new LinkedHashMap<>();
    private final Map<String, Instant> times = new LinkedHashMap<>();
    private final List<ForgetResult> thinnings = new ArrayList<>();
    private Autosave autosave;

    @BeforeEach
    void openProject() throws IOException {
        folder = tmp.resolve("p");
        startAutosave();
    }

    /** Opens the project and starts autosave with automatic thinning on it, as the app and {@code kamaros watch} do. */
    private void startAutosave() throws IOException {
        jcf = new JcfManager(JcfConfig.builder().author("t").build());
        jcf.init(new FileAdapter(folder));
        // autosave's versions stamped with the test's clock, so a loop over days makes days of history
        Autosave.Saver saver = cancel -> jcf.saveCheckpoint(Autosave.MESSAGE, CheckpointOptions.builder()
                .automatic(true).timestamp(clock.instant()).cancel(cancel).build());
        autosave = new Autosave(jcf, saver, FilesInUse.NONE, new AutosavePolicy(true, SETTLE, Duration.ofMinutes(10)),
                clock, new Autosave.Listener() {
            @Override
            public void thinned(ForgetResult result) {
                thinnings.add(result);
            }

            @Override
            public void thinningFailed(RuntimeException error) {
                throw new AssertionError("thinning failed", error);
            }
        });
        autosave.thinAfterSaves(new AutoThinning(jcf, clock));
    }

    @AfterEach
    void close() {
        autosave.close();
        jcf.close();
    }

    /** The person's own checkpoint (tagged when {@code tag} is not null), at the clock's time. */
    private String manual(int n, String tag) throws IOException {
        String text = "by hand " + n;
        write(text);
        String id = jcf.saveCheckpoint("by hand " + n, CheckpointOptions.builder().timestamp(clock.instant())
                .tags(tag == null ? List.of() : List.of(tag)).build());
        remember(id, text);
        return id;
    }

    private void write(String text) throws IOException {
        Files.createDirectories(folder.resolve("content"));
        Files.writeString(folder.resolve("content").resolve("draft.txt"), text);
    }

    private void remember(String id, String text) {
        texts.put(id, text);
        times.put(id, clock.instant());
    }

    /** One edit, saved by autosave through its own steps (settle, two looks), then an hour passes. */
    private void editAndAutosave(int n) throws IOException {
        String text = "edit " + n + " " + "x".repeat(n % 50);
        write(text);
        autosave.changed();
        clock.advance(SETTLE);
        assertThat(autosave.step()).isEqualTo(Autosave.Outcome.WAITING_FOR_FILES);
        clock.advance(Autosave.LOOK_GAP);
        assertThat(autosave.step()).isEqualTo(Autosave.Outcome.SAVED);
        Version head = jcf.getHistory().get(0);
        assertThat(head.automatic()).isTrue();
        remember(head.id(), text);
        clock.advance(Duration.ofHours(1).minus(SETTLE).minus(Autosave.LOOK_GAP));
    }

    /** What the policy keeps of every version ever saved, applied once at the end (automatic saves only thinnable). */
    private Set<String> keptByPolicyOnce(RetentionPolicy policy, Set<String> notThinnable) {
        List<Retention.Candidate> all = times.entrySet().stream()
                .map(e -> new Retention.Candidate(e.getKey(), e.getValue(), 0)).toList();
        return Retention.keep(all, c -> !notThinnable.contains(c.id()), policy, ZoneOffset.UTC, clock.instant());
    }

    private void assertEveryKeptVersionByteExact(JcfManager project) {
        for (Version v : project.getHistory()) {
            assertThat(new String(project.getFileContent("draft.txt", v.id()), StandardCharsets.UTF_8))
                    .as("version %s", v.id()).isEqualTo(texts.get(v.id()));
        }
    }

    @Test
    void hourlyAutosavesOverFiveDaysEndWithWhatThePolicyKeepsEachByteExact() throws IOException {
        // Time Machine's schedule shrunk to fit five simulated days: all for 12 h, hourly for 36 h, then daily
        RetentionPolicy policy = RetentionPolicy.timeMachine().withKeepWithin(Duration.ofHours(12)).withKeepHourly(36)
                .withKeepDaily(2).withKeepWeekly(0);
        jcf.setRetentionPolicy(policy);
        String manual = manual(0, null);
        String tagged = manual(1, "draft-1");
        clock.advance(Duration.ofHours(1));
        for (int n = 0; n < 120; n++) { // an automatic save every hour for five days
            editAndAutosave(n);
        }

        Set<String> expected = keptByPolicyOnce(policy, Set.of(manual, tagged));
        List<String> kept = jcf.getHistory().stream().map(Version::id).toList();
        assertThat(kept).containsExactlyInAnyOrderElementsOf(expected).contains(manual, tagged);
        assertThat(kept.size()).as("five days of hourly saves thinned").isLessThan(texts.size() - 60);
        assertThat(thinnings).isNotEmpty();
        assertThat(autosave.lastThinning()).isIn(AutoThinning.Outcome.THINNED, AutoThinning.Outcome.NOTHING_TO_FORGET);
        // recorded as gaps by the policy (the timeline's marker)
        List<ForgottenVersions> gaps = jcf.getHistory().stream().map(Version::forgottenBefore)
                .filter(Objects::nonNull).toList();
        assertThat(gaps).isNotEmpty().allSatisfy(g -> assertThat(g.by()).isEqualTo(policy.describe()));
        assertThat(gaps.stream().mapToInt(ForgottenVersions::count).sum()).isEqualTo(texts.size() - kept.size());
        // nothing more to thin now, and every kept version byte-exact, also after a reopen
        assertThat(jcf.forget(policy, ForgetOptions.defaults().withDryRun(true), clock).forgotten()).isEmpty();
        assertEveryKeptVersionByteExact(jcf);
        autosave.close();
        jcf.close();
        try (JcfManager reopened = new JcfManager(JcfConfig.builder().author("t").build())) {
            reopened.init(new FileAdapter(folder));
            assertThat(reopened.verifyIntegrity(VerifyOptions.defaults()).valid()).isTrue();
            assertThat(reopened.getHistory()).extracting(Version::id).containsExactlyInAnyOrderElementsOf(expected);
            assertEveryKeptVersionByteExact(reopened);
        }
    }

    @Test
    void thinsAtMostOncePerIntervalAndManualCheckpointsGoOnlyWhenTheSettingsSaySo() throws IOException {
        jcf.setRetentionSettings(RetentionSettings.defaults().withPolicy(RetentionPolicy.none().withKeepLast(2))
                .withAutoThinInterval(Duration.ofHours(3)));
        String manual = manual(0, null);
        clock.advance(Duration.ofHours(1));
        editAndAutosave(0);
        assertThat(autosave.lastThinning()).as("the first save after the start thins")
                .isEqualTo(AutoThinning.Outcome.NOTHING_TO_FORGET);
        editAndAutosave(1);
        editAndAutosave(2);
        assertThat(autosave.lastThinning()).isEqualTo(AutoThinning.Outcome.NOT_DUE);
        assertThat(jcf.getHistory()).hasSize(4);
        editAndAutosave(3); // three hours after the first thinning
        assertThat(autosave.lastThinning()).isEqualTo(AutoThinning.Outcome.THINNED);
        List<String> kept = jcf.getHistory().stream().map(Version::id).toList();
        assertThat(kept).hasSize(3).contains(manual); // the two newest, and the manual checkpoint

        jcf.setRetentionSettings(jcf.getRetentionSettings().withThinManual(true).withAutoThinInterval(Duration.ZERO));
        editAndAutosave(4);
        assertThat(autosave.lastThinning()).isEqualTo(AutoThinning.Outcome.THINNED);
        assertThat(jcf.getHistory()).hasSize(2).extracting(Version::id).doesNotContain(manual);
        assertEveryKeptVersionByteExact(jcf);
    }

    @Test
    void theLastThinningIsRememberedAcrossARestartSoTheIntervalHolds() throws IOException {
        jcf.setRetentionSettings(RetentionSettings.defaults().withPolicy(RetentionPolicy.none().withKeepLast(2))
                .withAutoThinInterval(Duration.ofHours(3)));
        editAndAutosave(0);
        assertThat(autosave.lastThinning()).as("the first save ever thins").isEqualTo(AutoThinning.Outcome.NOTHING_TO_FORGET);
        Instant thinned = clock.instant().minus(Duration.ofHours(1)).plus(SETTLE).plus(Autosave.LOOK_GAP);
        assertThat(jcf.lastAutomaticThinning()).isEqualTo(thinned);

        autosave.close(); // the app (or kamaros watch) quits and starts again an hour later
        jcf.close();
        startAutosave();
        editAndAutosave(1);
        assertThat(autosave.lastThinning()).as("the first save after the restart does not thin again")
                .isEqualTo(AutoThinning.Outcome.NOT_DUE);
        editAndAutosave(2);
        assertThat(autosave.lastThinning()).as("within three hours of the last thinning, before the restart")
                .isEqualTo(AutoThinning.Outcome.NOT_DUE);
        assertThat(jcf.getHistory()).hasSize(3);
        editAndAutosave(3); // three hours after the thinning before the restart
        assertThat(autosave.lastThinning()).isEqualTo(AutoThinning.Outcome.THINNED);
        assertThat(jcf.getHistory()).hasSize(2);
        assertThat(jcf.lastAutomaticThinning()).isAfter(thinned);
        assertEveryKeptVersionByteExact(jcf);
    }

    @Test
    void turnedOffItKeepsEverything() throws IOException {
        jcf.setRetentionSettings(RetentionSettings.defaults().withPolicy(RetentionPolicy.none()).withAutoThin(false));
        for (int n = 0; n < 30; n++) {
            editAndAutosave(n);
        }
        assertThat(autosave.lastThinning()).isEqualTo(AutoThinning.Outcome.OFF);
        assertThat(jcf.getHistory()).hasSize(30);
        assertThat(thinnings).isEmpty();
        assertEveryKeptVersionByteExact(jcf);
    }
}
