package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.format.JournalCodec;
import io.kamaros.engine.history.ManifestEdits;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.store.FileAdapter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.kamaros.engine.model.ConcurrentModificationException;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.JcfEvent;

/**
 * Issue 12, item 1: a commit reported as saved must never vanish. Two managers on one project
 * folder (as two processes would be); the second commits at the worst moments for the first.
 */
class LostUpdateTest {
    private static final VerifyOptions DEEP = VerifyOptions.builder().deep(true).build();

    @TempDir
    Path tmp;

    private static JcfManager open(Path project) {
        JcfManager jcf = new JcfManager(JcfConfig.builder().author("test").build());
        jcf.init(new FileAdapter(project));
        return jcf;
    }

    private static String text(JcfManager jcf, String path, String version) {
        return new String(jcf.getFileContent(path, version), StandardCharsets.UTF_8);
    }

    /** Every version is in the history with its file, byte-exact, and deep verify is clean. */
    private static void assertAllThere(Path project, List<String[]> versions) {
        try (JcfManager jcf = open(project)) {
            List<String> ids = jcf.getHistory().stream().map(Version::id).toList();
            for (String[] v : versions) {
                assertThat(ids).as("version %s (%s) is in the history", v[0], v[1]).contains(v[0]);
                assertThat(text(jcf, v[1], v[0])).as("%s of version %s", v[1], v[0]).isEqualTo(v[2]);
            }
            VerificationReport report = jcf.verifyIntegrity(DEEP);
            assertThat(report.errors()).as("deep verify errors").isEmpty();
        }
    }

    /**
     * The reported case: a process reads the manifest and the journal, is paused (here: another
     * manager commits right after the journal was read), then resumes and commits. The other
     * commit must survive, and the first must be saved on top of it.
     */
    @Test
    void aCommitBetweenAnotherProcessesLoadAndItsCommitIsKept() throws Exception {
        Path project = tmp.resolve("p");
        try (JcfManager b = open(project)) {
            b.addFile("a.txt", "one\n");
            String first = b.saveCheckpoint("one");
            HookedAdapter hooked = new HookedAdapter(new FileAdapter(project));
            AtomicReference<String> byB = new AtomicReference<>();
            hooked.afterNextRead(JournalCodec.JOURNAL_PATH, () -> {
                b.addFile("b.txt", "written by B\n");
                byB.set(b.saveCheckpoint("by B"));
            });
            String byA;
            try (JcfManager a = new JcfManager(JcfConfig.builder().author("A").build())) {
                a.init(hooked);
                assertThat(hooked.hookPending()).as("the other commit ran inside the load").isFalse();
                assertThat(byB.get()).isNotNull();
                a.addFile("c.txt", "written by A\n");
                byA = a.saveCheckpoint("by A");
                assertThat(a.getHistory().stream().map(Version::id)).contains(first, byB.get(), byA);
            }
            assertAllThere(project, List.of(new String[] {first, "a.txt", "one\n"},
                    new String[] {byB.get(), "b.txt", "written by B\n"}, new String[] {byA, "c.txt", "written by A\n"}));
            try (JcfManager c = open(project)) {
                assertThat(c.getVersion(byA).orElseThrow().parentId()).as("A's version is saved on top of B's").isEqualTo(byB.get());
            }
        }
    }

    /**
     * Size and modification time do not prove a manifest is the one loaded (coarse clocks, equal
     * sizes): with a stat that cannot tell manifests apart, another commit must still be seen.
     */
    @Test
    void anotherCommitIsSeenEvenWhenStatCannotTellManifestsApart() throws Exception {
        Path project = tmp.resolve("p");
        try (JcfManager b = open(project)) {
            b.addFile("a.txt", "one\n");
            String first = b.saveCheckpoint("one");
            HookedAdapter hooked = new HookedAdapter(new FileAdapter(project));
            hooked.blindStat(true);
            try (JcfManager a = new JcfManager(JcfConfig.builder().author("A").build())) {
                a.init(hooked);
                b.addFile("b.txt", "written by B\n");
                String byB = b.saveCheckpoint("by B");
                a.addFile("c.txt", "written by A\n");
                String byA = a.saveCheckpoint("by A");
                assertAllThere(project, List.of(new String[] {first, "a.txt", "one\n"},
                        new String[] {byB, "b.txt", "written by B\n"}, new String[] {byA, "c.txt", "written by A\n"}));
            }
        }
    }

    /** The working-copy bookkeeping written at close must not replace a manifest another manager committed. */
    @Test
    void closingAfterAnotherCommitKeepsIt() throws Exception {
        Path project = tmp.resolve("p");
        try (JcfManager b = open(project)) {
            b.addFile("a.txt", "one\n");
            String first = b.saveCheckpoint("one");
            HookedAdapter hooked = new HookedAdapter(new FileAdapter(project));
            hooked.blindStat(true);
            String byB;
            try (JcfManager a = new JcfManager(JcfConfig.builder().author("A").build())) {
                a.init(hooked);
                Files.writeString(project.resolve("content/a.txt"), "two\n"); // the status scan dirties A's ledger
                a.getStatus();
                Files.writeString(project.resolve("content/a.txt"), "one\n");
                b.addFile("b.txt", "written by B\n");
                byB = b.saveCheckpoint("by B");
            }
            assertAllThere(project, List.of(new String[] {first, "a.txt", "one\n"},
                    new String[] {byB, "b.txt", "written by B\n"}));
        }
    }

    /**
     * A lock held by a live holder is never taken over, however old the lock file looks and
     * whatever process id it names (in this JVM: another manager busy inside a checkpoint).
     */
    @Test
    void aLiveHoldersLockIsNeverTakenOverBecauseOfItsAge() throws Exception {
        Path project = tmp.resolve("p");
        try (JcfManager holder = open(project); JcfManager other = open(project)) {
            holder.addFile("a.txt", "one\n");
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            holder.on(JcfEvent.CheckpointStarted.class, e -> {
                inside.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            });
            AtomicReference<String> held = new AtomicReference<>();
            Thread t = new Thread(() -> held.set(holder.saveCheckpoint("held")));
            t.start();
            assertThat(inside.await(60, TimeUnit.SECONDS)).isTrue();
            Path lock = project.resolve(".store/lock");
            Files.writeString(lock, "pid 2147483646\n"); // a process that does not exist
            Files.setLastModifiedTime(lock, FileTime.fromMillis(0)); // 1970
            Files.writeString(project.resolve("content/b.txt"), "two\n");
            assertThatThrownBy(() -> other.addFile("c.txt", "three\n"))
                    .isInstanceOf(ConcurrentModificationException.class);
            assertThatThrownBy(() -> other.saveCheckpoint("must wait"))
                    .isInstanceOf(ConcurrentModificationException.class);
            assertThatThrownBy(() -> other.verifyIntegrity(VerifyOptions.builder().repair(true).build()))
                    .isInstanceOf(ConcurrentModificationException.class);
            release.countDown();
            t.join(60_000);
            assertThat(held.get()).isNotNull();
            assertThat(other.getHistory().stream().map(Version::id)).containsExactly(held.get());
        }
    }

    /**
     * The state the lost update left before its journal cut: manifest.json one save behind the
     * journal. Verify reports the saved version the manifest does not list as an error; repair takes
     * it back (HEAD follows it), byte-exact; then verify is clean.
     */
    @Test
    void verifyReportsAndRepairTakesBackVersionsPastTheManifest() throws Exception {
        Path project = tmp.resolve("p");
        try (JcfManager jcf = open(project)) {
            jcf.addFile("a.txt", "one\n");
            String first = jcf.saveCheckpoint("one");
            byte[] behind = Files.readAllBytes(project.resolve(ProjectStore.MANIFEST));
            jcf.addFile("b.txt", "two\n");
            String second = jcf.saveCheckpoint("two");
            Files.write(project.resolve(ProjectStore.MANIFEST), behind); // another program wrote the older state

            VerificationReport report = jcf.verifyIntegrity(DEEP);
            assertThat(report.errors()).as("errors").anySatisfy(f -> {
                assertThat(f.message()).contains(second).contains("does not list");
                assertThat(f.type()).isEqualTo(VerificationReport.FindingType.INVALID_MANIFEST);
            });
            assertThat(jcf.getHistory().stream().map(Version::id)).containsExactly(first); // verify changed nothing

            VerificationReport repaired = jcf.verifyIntegrity(VerifyOptions.builder().deep(true).repair(true).build());
            assertThat(repaired.repaired()).anySatisfy(r -> assertThat(r).contains("took them back").contains(second));
            assertThat(repaired.errors()).isEmpty();
            assertThat(jcf.getHistory().stream().map(Version::id)).containsExactlyInAnyOrder(first, second);
            assertThat(jcf.getStatus().headVersionId()).isEqualTo(second);
            assertThat(text(jcf, "b.txt", second)).isEqualTo("two\n");
            jcf.close();
            assertAllThere(project, List.of(new String[] {first, "a.txt", "one\n"}, new String[] {second, "b.txt", "two\n"}));
        }
    }

    /**
     * A project opened (the writer lock free) with versions past the manifest's end takes them back
     * at once, with a warning; a line that cannot be a version of this history is only a warning
     * for verify, and is what repair cuts.
     */
    @Test
    void openingTakesBackCompleteVersionsAndCutsOnlyWhatIsNotOne() throws Exception {
        Path project = tmp.resolve("p");
        String first;
        String second;
        byte[] behind;
        try (JcfManager jcf = open(project)) {
            jcf.addFile("a.txt", "one\n");
            first = jcf.saveCheckpoint("one");
            behind = Files.readAllBytes(project.resolve(ProjectStore.MANIFEST));
            jcf.addFile("b.txt", "two\n");
            second = jcf.saveCheckpoint("two");
        }
        Files.write(project.resolve(ProjectStore.MANIFEST), behind);
        List<String> warnings = new CopyOnWriteArrayList<>();
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("test").build())) {
            jcf.on(JcfEvent.Warning.class, w -> warnings.add(w.message()));
            jcf.init(new FileAdapter(project));
            assertThat(jcf.getHistory().stream().map(Version::id)).containsExactlyInAnyOrder(first, second);
            assertThat(warnings).anySatisfy(w -> assertThat(w).contains(second));

            // a version whose parent is not in this history, then a line cut short
            Path journal = project.resolve(JournalCodec.JOURNAL_PATH);
            long committed = Files.size(journal);
            Files.write(journal, ("{\"id\":\"00000000-0000-0000-0000-000000000001\",\"parentId\":\"nowhere\","
                    + "\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"changes\":[]}\n{\"id\":\"cut").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.APPEND);
            VerificationReport report = jcf.verifyIntegrity(DEEP);
            assertThat(report.errors()).isEmpty();
            assertThat(report.warnings()).anySatisfy(f -> assertThat(f.message()).contains("nowhere"));
            VerificationReport repaired = jcf.verifyIntegrity(VerifyOptions.builder().repair(true).build());
            assertThat(repaired.repaired()).anySatisfy(r -> assertThat(r).startsWith("Cut "));
            assertThat(Files.size(journal)).isEqualTo(committed);
            assertThat(jcf.getHistory()).hasSize(2);
        }
    }

    /** A manifest that counts more versions than its committed journal part holds is an error. */
    @Test
    void verifyReportsFewerJournalLinesThanTheManifestCounts() throws Exception {
        Path project = tmp.resolve("p");
        try (JcfManager jcf = open(project)) {
            jcf.addFile("a.txt", "one\n");
            jcf.saveCheckpoint("one");
        }
        ManifestEdits.edit(project.resolve(ProjectStore.MANIFEST), m -> m.withObjectProperty("journal").put("count", 3));
        try (JcfManager jcf = open(project)) {
            assertThat(jcf.verifyIntegrity()).satisfies(r -> assertThat(r.errors())
                    .anySatisfy(f -> assertThat(f.message()).contains("counts 3 versions")));
        }
    }

    /**
     * A save that fails after its journal line was written leaves the project exactly as before:
     * its own line is cut again under the lock, not taken into the history by the next writer.
     */
    @Test
    void aFailedSaveLeavesNoVersionBehind() throws Exception {
        Path project = tmp.resolve("p");
        try (JcfManager jcf = open(project)) {
            jcf.addFile("a.txt", "one\n");
            jcf.saveCheckpoint("one");
        }
        long journalBefore = Files.size(project.resolve(JournalCodec.JOURNAL_PATH));
        // the manifest write is refused: the line is written, the commit is not
        HookedAdapter failing = new HookedAdapter(new FileAdapter(project));
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("test").build())) {
            jcf.init(failing);
            Files.writeString(project.resolve("content/a.txt"), "two\n");
            failing.failWrites(ProjectStore.MANIFEST);
            assertThatThrownBy(() -> jcf.saveCheckpoint("fails")).isInstanceOf(JcfException.class);
            failing.failWrites(null);
            assertThat(Files.size(project.resolve(JournalCodec.JOURNAL_PATH))).isEqualTo(journalBefore);
            assertThat(jcf.getHistory()).hasSize(1);
            jcf.saveCheckpoint("works");
            assertThat(jcf.getHistory()).hasSize(2);
        }
    }

    /**
     * Another program's commit of the same size, with manifest.json's time set back, is still seen:
     * by readers and, under the lock, by a writer, which saves on top of it.
     */
    @Test
    void aManifestOfTheSameSizeAndTimeIsStillAnotherCommit() throws Exception {
        Path project = tmp.resolve("p");
        Path manifest = project.resolve(ProjectStore.MANIFEST);
        try (JcfManager a = open(project)) {
            a.addFile("a.txt", "one\n");
            a.saveCheckpoint("one");
            byte[] before = Files.readAllBytes(manifest);
            FileTime time = Files.getLastModifiedTime(manifest);
            String name = ProjectStore.parse(before, "m").metadata().name();
            String other = "Q".repeat(name.length());
            ManifestEdits.edit(manifest, m -> m.withObjectProperty("metadata").put("name", other));
            Files.setLastModifiedTime(manifest, time);
            assertThat(Files.size(manifest)).isEqualTo(before.length);
            assertThat(Files.readAllBytes(manifest)).isNotEqualTo(before);

            a.addFile("b.txt", "two\n");
            a.saveCheckpoint("two");
            assertThat(ProjectStore.parse(Files.readAllBytes(manifest), "m").metadata().name())
                    .as("the other program's change is kept").isEqualTo(other);
        }
    }
}
