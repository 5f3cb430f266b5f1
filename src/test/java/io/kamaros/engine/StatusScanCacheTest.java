package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.WorkingCopyStatus;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.ProjectLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A status that had to hash files again (their time too close to when they were hashed, or touched) remembers
 * what it found and writes it back when the project closes, as {@code git status} refreshes the index: the next
 * status reads nothing. It never trusts a file modified within the racy window, and never waits for or writes
 * under another writer's lock.
 */
class StatusScanCacheTest {
    private static final int FILES = 20;

    @TempDir
    Path tmp;

    private static JcfManager manager() {
        return new JcfManager(JcfConfig.builder().author("t").email("t@example.com").build());
    }

    /** Opens the project with a counter of the working-copy files it reads. */
    private static ContentReadCounter open(JcfManager jcf, Path dir) {
        ContentReadCounter counter = new ContentReadCounter(new FileAdapter(dir));
        jcf.init(counter);
        counter.takeReads(); // what opening read (nothing of the working copy, but be exact)
        return counter;
    }

    /** A project whose first checkpoint hashed its files right after they were written. */
    private Path projectSavedAtOnce() throws Exception {
        Path dir = tmp.resolve("p");
        Path content = dir.resolve("content");
        Files.createDirectories(content);
        for (int i = 0; i < FILES; i++) {
            Files.writeString(content.resolve("f" + i + ".txt"), "file " + i + "\n");
        }
        try (JcfManager jcf = manager()) {
            jcf.init(new FileAdapter(dir));
            jcf.saveCheckpoint("first"); // the files are seconds old at most: racy, hashed again by later scans
        }
        return dir;
    }

    /** The files' times moved an hour back (as a copy or an unpacking keeps old times): each must be hashed again. */
    private static void touchAnHourBack(Path dir) throws Exception {
        FileTime hourAgo = FileTime.from(Instant.now().minusSeconds(3_600));
        for (int i = 0; i < FILES; i++) {
            Files.setLastModifiedTime(dir.resolve("content/f" + i + ".txt"), hourAgo);
        }
    }

    private static WorkingCopyStatus statusCounting(Path dir, int expectedReads) {
        try (JcfManager jcf = manager()) {
            ContentReadCounter counter = open(jcf, dir);
            WorkingCopyStatus st = jcf.getStatus();
            assertThat(counter.takeReads()).as("working-copy files hashed by the status").isEqualTo(expectedReads);
            return st;
        }
    }

    @Test
    void aStatusThatHashedRacyFilesWritesThemBackSoTheNextOneHashesNothing() throws Exception {
        Path dir = projectSavedAtOnce();
        Thread.sleep(2_100); // past the racy window: the files are now older than 2 s before any new hashing

        assertThat(statusCounting(dir, FILES).isClean()).isTrue(); // racy at the checkpoint: hashed again
        assertThat(statusCounting(dir, 0).isClean()).isTrue(); // what it found was written back
        assertThat(statusCounting(dir, 0).isClean()).isTrue();
    }

    @Test
    void touchedFilesAreHashedOnceThenTrusted() throws Exception {
        Path dir = projectSavedAtOnce();
        touchAnHourBack(dir);
        assertThat(statusCounting(dir, FILES).isClean()).isTrue();
        assertThat(statusCounting(dir, 0).isClean()).isTrue();
    }

    /**
     * The classic racy-git case: a file the status hashed is changed again within the same timestamp (same size,
     * same time, as on a coarse clock); the next status must still see the change, not the remembered hash.
     */
    @Test
    void aFileChangedWithinTheRacyWindowAfterAStatusIsStillReportedChanged() throws Exception {
        Path dir = projectSavedAtOnce();
        Path file = dir.resolve("content/f3.txt");
        Files.writeString(file, "file 3\n"); // the same content, a new time: the status hashes it
        FileTime written = Files.getLastModifiedTime(file);
        try (JcfManager jcf = manager()) {
            jcf.init(new FileAdapter(dir));
            assertThat(jcf.getStatus().isClean()).isTrue();
        } // closing writes back what the status may trust

        Files.writeString(file, "FILE 3\n"); // the same size ...
        Files.setLastModifiedTime(file, written); // ... and the same time as the status saw
        try (JcfManager jcf = manager()) {
            jcf.init(new FileAdapter(dir));
            assertThat(jcf.getStatus().modified()).containsExactly("f3.txt");
        }
    }

    /**
     * While another writer holds the project's lock, a status neither waits for it nor writes (the manifest is
     * byte for byte the same); once the lock is free, the next status writes back.
     */
    @Test
    void aStatusBesideAnotherWritersLockNeitherWaitsNorWrites() throws Exception {
        Path dir = projectSavedAtOnce();
        touchAnHourBack(dir);
        Path manifest = dir.resolve("manifest.json");
        byte[] before = Files.readAllBytes(manifest);
        Optional<ProjectLock> held = new FileAdapter(dir).tryLock(); // another writer, as far as the status can tell
        assertThat(held).isPresent();
        try (ProjectLock ignored = held.get()) {
            assertThat(statusCounting(dir, FILES).isClean()).isTrue(); // returns (a wait would never end here)
            assertThat(Files.readAllBytes(manifest)).isEqualTo(before);
            assertThat(statusCounting(dir, FILES).isClean()).isTrue(); // nothing was remembered on disk
        }
        assertThat(statusCounting(dir, FILES).isClean()).isTrue();
        assertThat(Files.readAllBytes(manifest)).isNotEqualTo(before);
        assertThat(statusCounting(dir, 0).isClean()).isTrue();
    }

    /**
     * Two files of the same size and time (a restore or an unpacking writes many in one clock tick), both hashed
     * long after they were written, so the scan cache trusts them. Another program then moves one over the other:
     * the survivor keeps its size and time but holds the other's content. The scan must see it (git compares the
     * inode and ctime too), and a checkpoint must save what is on disk, not the remembered hash.
     */
    @Test
    void aFileMovedOverAnotherOfTheSameSizeAndTimeIsSeenAndSavedWithItsNewContent() throws Exception {
        Path dir = tmp.resolve("moved");
        Path content = dir.resolve("content");
        Files.createDirectories(content);
        Path a = content.resolve("a.txt");
        Path b = content.resolve("b.txt");
        Files.writeString(a, "alpha 1\n");
        Files.writeString(b, "bravo 2\n");
        FileTime sameTick = FileTime.from(Instant.now().minusSeconds(3_600));
        Files.setLastModifiedTime(a, sameTick);
        Files.setLastModifiedTime(b, sameTick);
        try (JcfManager jcf = manager()) {
            jcf.init(new FileAdapter(dir));
            jcf.saveCheckpoint("first"); // hashed an hour after their time: trusted by the next scan
        }

        Files.move(a, b, StandardCopyOption.REPLACE_EXISTING); // another program; a move keeps size and time
        assertThat(Files.getLastModifiedTime(b)).isEqualTo(sameTick);
        try (JcfManager jcf = manager()) {
            jcf.init(new FileAdapter(dir));
            WorkingCopyStatus st = jcf.getStatus();
            assertThat(st.isClean()).as("the working copy changed: a.txt is gone, b.txt holds a.txt's content").isFalse();
            assertThat(st.deleted()).containsExactly("a.txt");
            assertThat(st.modified()).containsExactly("b.txt");
            String second = jcf.saveCheckpoint("after the move");
            assertThat(jcf.getFileContent("b.txt", second)).asString().isEqualTo("alpha 1\n");
        }
    }

    /**
     * A file rewritten in place with the same size whose old time is put back afterwards (as {@code cp -p},
     * {@code rsync -t} or unpacking an archive over the project do): its time and size are as remembered, but its
     * status-change time is new, so it is hashed again.
     */
    @Test
    void aFileRewrittenWithItsOldTimePutBackIsSeen() throws Exception {
        Path dir = projectSavedAtOnce();
        touchAnHourBack(dir);
        assertThat(statusCounting(dir, FILES).isClean()).isTrue(); // now remembered and trusted
        Path file = dir.resolve("content/f7.txt");
        FileTime old = Files.getLastModifiedTime(file);
        Files.writeString(file, "FILE 7\n");
        Files.setLastModifiedTime(file, old);
        try (JcfManager jcf = manager()) {
            jcf.init(new FileAdapter(dir));
            assertThat(jcf.getStatus().modified()).containsExactly("f7.txt");
        }
    }
}
