package io.kamaros.engine.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written under a deferred folder (a clone's new working copy, a restore's or an import's staging) are forced
 * and closed on other threads while the next ones are written, through the descriptor they were written with (no
 * re-open): {@link FileAdapter#forceDeferred} returns once every one of them is forced, and ending the deferral
 * after a failure closes the ones not forced yet. Also: the check that no restored file lands in the history
 * resolves each new folder once, and still sees a link into the history under folders that do not exist yet.
 */
class DeferredForceTest {
    /** More than the files the adapter keeps open while they wait for their force (256). */
    private static final int FILES = 700;

    @TempDir
    Path tmp;

    @Test
    void everyDeferredFileIsWholeAndClosedOnceForced() throws IOException {
        FileAdapter disk = new FileAdapter(tmp.resolve("p"));
        disk.init();
        long openBefore = openDescriptors();
        disk.deferSync("content");
        for (int i = 0; i < FILES; i++) {
            disk.writeFile(path(i), content(i));
        }
        disk.forceDeferred();
        disk.deferSync(null);
        for (int i = 0; i < FILES; i++) {
            assertThat(disk.readFile(path(i))).as(path(i)).isEqualTo(content(i));
        }
        if (openBefore >= 0) {
            assertThat(openDescriptors()).as("every deferred file closed").isLessThanOrEqualTo(openBefore + 4);
        }
        assertThat(disk.listFiles("content")).hasSize(FILES).noneMatch(n -> n.contains(FileAdapter.TEMP_PREFIX));
    }

    @Test
    void aDeferralEndedWithoutItsForceClosesEveryFile() throws IOException {
        FileAdapter disk = new FileAdapter(tmp.resolve("p"));
        disk.init();
        long openBefore = openDescriptors();
        disk.deferSync("content");
        List<String> written = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            disk.writeFile(path(i), content(i));
            written.add(path(i));
        }
        disk.deferSync(null); // as a restore that failed: it deletes what it wrote, then ends the deferral
        for (String p : written) {
            disk.deleteFile(p);
        }
        if (openBefore >= 0) {
            assertThat(openDescriptors()).as("no file left open").isLessThanOrEqualTo(openBefore + 4);
        }
        assertThat(disk.listFiles("content")).isEmpty();
        disk.forceDeferred(); // nothing left to wait for
    }

    @Test
    void aLinkIntoTheHistoryIsSeenUnderFoldersNotMadeYet() throws IOException {
        Path root = tmp.resolve("p");
        FileAdapter disk = new FileAdapter(root);
        disk.init();
        Files.createDirectories(root.resolve(".store"));
        Files.createDirectories(root.resolve("content/art"));
        Files.createSymbolicLink(root.resolve("content/art/store"), root.resolve(".store"));
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            fresh.add("content/new/m" + i % 7 + "/p" + i % 13 + "/f" + i + ".txt");
        }
        assertThat(disk.firstReachingHistory(fresh)).as("new folders only").isNull();
        List<String> withLink = new ArrayList<>(fresh);
        withLink.add("content/art/store/a/b/c/f.txt");
        assertThat(disk.firstReachingHistory(withLink)).isEqualTo("content/art/store/a/b/c/f.txt");
        assertThat(disk.firstReachingHistory(List.of("content/art/x/y.txt", "manifest.json")))
                .isEqualTo("manifest.json");
    }

    private static String path(int i) {
        return "content/m" + i % 9 + "/p" + i % 31 + "/f" + i + ".txt";
    }

    private static byte[] content(int i) {
        return ("file " + i + " ").repeat(1 + i % 50).getBytes(UTF_8);
    }

    /** Open descriptors of this JVM, or -1 where the platform does not say (Windows). */
    private static long openDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
    }
}
