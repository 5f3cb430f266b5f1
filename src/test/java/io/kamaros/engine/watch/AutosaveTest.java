package io.kamaros.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.ProjectLock;
import io.kamaros.engine.watch.Autosave.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autosave scheduler on a real folder with a clock the test moves: it saves only after the
 * settle time, no more often than the interval, only when two looks at the files agree (a file
 * still being written is never saved half-way), marks what it saves, and steps back while another
 * writer holds the project.
 */
class AutosaveTest {
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofMinutes(10);

    @TempDir
    Path tmp;
    private Path folder;
    private JcfManager jcf;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T09:00:00Z"));
    private final List<String> saved = new ArrayList<>();
    private Autosave autosave;

    @BeforeEach
    void openProject() {
        folder = tmp.resolve("p");
        jcf = new JcfManager(JcfConfig.builder().author("t").build());
        jcf.init(new FileAdapter(folder));
        jcf.addFile("a.txt", "one");
        jcf.saveCheckpoint("by hand");
        autosave = new Autosave(jcf, new AutosavePolicy(true, SETTLE, INTERVAL), clock, new Autosave.Listener() {
            @Override
            public void saved(String versionId) {
                saved.add(versionId);
            }
        });
    }

    @AfterEach
    void close() {
        autosave.close();
        jcf.close();
    }

    private void write(String path, String text) throws IOException {
        Path file = folder.resolve("content").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        autosave.changed();
    }

    private String text(String path, String versionId) {
        return new String(jcf.getFileContent(path, versionId), StandardCharsets.UTF_8);
    }

    @Test
    void savesOnlyAfterTheSettleTimeAndTwoLooksThatAgree() throws IOException {
        assertThat(autosave.step()).isEqualTo(Outcome.IDLE);
        write("a.txt", "two");
        assertThat(autosave.step()).isEqualTo(Outcome.WAITING_FOR_QUIET);
        clock.advance(SETTLE.minusSeconds(1));
        assertThat(autosave.step()).isEqualTo(Outcome.WAITING_FOR_QUIET);
        clock.advance(Duration.ofSeconds(1));
        assertThat(autosave.step()).as("the first look").isEqualTo(Outcome.WAITING_FOR_FILES);
        assertThat(autosave.step()).as("the second look is not due yet").isEqualTo(Outcome.WAITING_FOR_FILES);
        clock.advance(Autosave.LOOK_GAP);
        assertThat(autosave.step()).isEqualTo(Outcome.SAVED);

        assertThat(saved).hasSize(1);
        Version v = jcf.getVersion(saved.get(0)).orElseThrow();
        assertThat(v.automatic()).isTrue();
        assertThat(v.message()).isEqualTo(Autosave.MESSAGE);
        assertThat(text("a.txt", v.id())).isEqualTo("two");
        assertThat(autosave.step()).isEqualTo(Outcome.IDLE);
    }

    @Test
    void aChangeInsideTheSettleTimeStartsItAgain() throws IOException {
        write("a.txt", "two");
        clock.advance(SETTLE.minusSeconds(5));
        write("a.txt", "three");
        clock.advance(Duration.ofSeconds(10));
        assertThat(autosave.step()).isEqualTo(Outcome.WAITING_FOR_QUIET);
        clock.advance(SETTLE);
        assertThat(autosave.step()).isEqualTo(Outcome.WAITING_FOR_FILES);
        clock.advance(Autosave.LOOK_GAP);
        assertThat(autosave.step()).isEqualTo(Outcome.SAVED);
        assertThat(text("a.txt", saved.get(0))).isEqualTo("three");
    }

    @Test
    void savesNoMoreOftenThanTheInterval() throws IOException {
        write("a.txt", "two");
        clock.advance(SETTLE);
        autosave.step();
        clock.advance(Autosave.LOOK_GAP);
        assertThat(autosave.step()).isEqualTo(Outcome.SAVED);

        write("a.txt", "three");
        clock.advance(SETTLE);
        assertThat(autosave.step()).isEqualTo(Outcome.WAITING_FOR_INTERVAL);
        clock.advance(INTERVAL.minus(SETTLE)); // the interval counts from the first save
        assertThat(autosave.step()).isEqualTo(Outcome.WAITING_FOR_FILES);
        clock.advance(Autosave.LOOK_GAP);
        assertThat(autosave.step()).isEqualTo(Outcome.SAVED);
        assertThat(saved).hasSize(2);
        assertThat(text("a.txt", saved.get(1))).isEqualTo("three");
    }

    /**
     * A file is written in three parts, the watcher seeing only the first write (as when events are
     * lost or a program writes through a path the system does not report): the looks differ while it
     * grows, and only the complete file is ever saved.
     */
    @Test
    void aFileStillBeingWrittenIsWaitedForAndNeverSavedHalfWay() throws IOException {
        Path big = folder.resolve("content/render.bin");
        byte[] part = new byte[100_000];
        Arrays.fill(part, (byte) 7);
        Files.write(big, part);
        autosave.changed();
        clock.advance(SETTLE);
        assertThat(autosave.step()).isEqualTo(Outcome.WAITING_FOR_FILES);
        for (int i = 0; i < 2; i++) { // two more parts, each while the looks are apart
            Files.write(big, part, StandardOpenOption.APPEND);
            Files.setLastModifiedTime(big, FileTime.from(Files.getLastModifiedTime(big).toInstant().plusSeconds(1 + i)));
            clock.advance(Autosave.LOOK_GAP);
            assertThat(autosave.step()).as("part %d is still being written", i + 2).isEqualTo(Outcome.WAITING_FOR_FILES);
        }
        assertThat(saved).isEmpty();
        clock.advance(Autosave.LOOK_GAP);
        assertThat(autosave.step()).isEqualTo(Outcome.SAVED);
        assertThat(jcf.getFileContent("render.bin", saved.get(0))).hasSize(300_000);
        assertThat(jcf.getHistory()).filteredOn(Version::automatic).hasSize(1);
    }

    @Test
    void whileAnotherWriterHoldsTheProjectItStepsBackAndSavesAfter() throws IOException {
        write("a.txt", "two");
        clock.advance(SETTLE);
        autosave.step();
        clock.advance(Autosave.LOOK_GAP);
        Optional<ProjectLock> held = new FileAdapter(folder).tryLock(); // another writer
        assertThat(held).isPresent();
        try (ProjectLock ignored = held.get()) {
            assertThat(autosave.step()).isEqualTo(Outcome.BUSY);
            clock.advance(Autosave.RETRY.minusSeconds(1));
            assertThat(autosave.step()).isEqualTo(Outcome.BUSY);
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(autosave.step()).as("a fresh first look").isEqualTo(Outcome.WAITING_FOR_FILES);
        clock.advance(Autosave.LOOK_GAP);
        assertThat(autosave.step()).isEqualTo(Outcome.SAVED);
        assertThat(jcf.getHistory()).filteredOn(Version::automatic).hasSize(1);
    }

    @Test
    void aFileAnotherProgramHoldsLockedIsWaitedForAndSavedWholeOnceLetGo() throws Exception {
        Path drawing = folder.resolve("content").resolve("drawing.kra");
        try (FilesInUseTest.Holder holder = new FilesInUseTest.Holder(drawing)) { // half written, locked
            autosave.changed();
            clock.advance(SETTLE);
            assertThat(autosave.step()).isEqualTo(Outcome.WAITING_FOR_FILES);
            clock.advance(Autosave.LOOK_GAP);
            assertThat(autosave.step()).as("sizes and times agree, but the file is held")
                    .isEqualTo(Outcome.WAITING_FOR_FILES_IN_USE);
            clock.advance(Autosave.LOOK_GAP.multipliedBy(10));
            assertThat(autosave.step()).isEqualTo(Outcome.WAITING_FOR_FILES);
            clock.advance(Autosave.LOOK_GAP);
            assertThat(autosave.step()).isEqualTo(Outcome.WAITING_FOR_FILES_IN_USE);
            assertThat(saved).isEmpty();

            holder.release();
        }
        autosave.changed(); // the watcher's event for the rest of the write
        clock.advance(SETTLE);
        assertThat(autosave.step()).isEqualTo(Outcome.WAITING_FOR_FILES);
        clock.advance(Autosave.LOOK_GAP);
        assertThat(autosave.step()).isEqualTo(Outcome.SAVED);
        assertThat(text("drawing.kra", saved.get(0))).isEqualTo("first half, second half");
        assertThat(jcf.getHistory()).filteredOn(Version::automatic).hasSize(1);
    }

    @Test
    void theDecisionFollowsTheProbeWhateverTheSystemShows() throws IOException {
        List<String> held = new ArrayList<>(List.of("a.txt"));
        try (Autosave probed = new Autosave(jcf, Autosave.direct(jcf), held::contains,
                new AutosavePolicy(true, SETTLE, INTERVAL), clock, new Autosave.Listener() { })) {
            write("a.txt", "two");
            probed.changed();
            clock.advance(SETTLE);
            probed.step();
            clock.advance(Autosave.LOOK_GAP);
            assertThat(probed.step()).isEqualTo(Outcome.WAITING_FOR_FILES_IN_USE);
            held.clear();
            probed.step();
            clock.advance(Autosave.LOOK_GAP);
            assertThat(probed.step()).isEqualTo(Outcome.SAVED);
            assertThat(jcf.getHistory()).filteredOn(Version::automatic).hasSize(1);
        }
    }

    @Test
    void changesUndoneMeanwhileSaveNothingAndOffMeansOff() throws IOException {
        write("a.txt", "two");
        write("a.txt", "one"); // back as saved
        clock.advance(SETTLE);
        autosave.step();
        clock.advance(Autosave.LOOK_GAP);
        assertThat(autosave.step()).isEqualTo(Outcome.NOTHING_TO_SAVE);
        assertThat(autosave.step()).isEqualTo(Outcome.IDLE);
        assertThat(jcf.getHistory()).hasSize(1);

        autosave.setPolicy(autosave.policy().withEnabled(false));
        write("a.txt", "two");
        clock.advance(INTERVAL);
        assertThat(autosave.step()).isEqualTo(Outcome.OFF);
        assertThat(jcf.getHistory()).hasSize(1);
    }
}
