package io.kamaros.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher on real folders: creating, changing, renaming and deleting files and folders is
 * reported by project path; a burst of 1,000 files is reported (or, when the system's queue
 * overflows, reported as lost, which sends the app and autosave to the full scan); the history
 * folder inside a tracked folder and never-versioned names are not reported.
 */
class FolderWatcherTest {
    /** How long the system may take to deliver an event on a busy machine (a hang guard, not a timing). */
    private static final long LIMIT_SECONDS = 60;

    @TempDir
    Path folder;
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger lost = new AtomicInteger();
    private FolderWatcher watcher;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(folder.resolve(".kamaros/.store"));
        watcher = FolderWatcher.start(folder, folder.resolve(".kamaros"), new FolderWatcher.Listener() {
            @Override
            public void changed(String path) {
                changed.add(path);
            }

            @Override
            public void eventsLost() {
                lost.incrementAndGet();
            }
        });
        assertThat(watcher.isWatching()).isTrue();
    }

    @AfterEach
    void stop() {
        watcher.close();
        assertThat(watcher.isWatching()).isFalse();
    }

    @Test
    void createModifyRenameAndDeleteAreReportedByProjectPath() throws Exception {
        Files.writeString(folder.resolve("a.txt"), "one");
        awaitTrue(() -> changed.contains("a.txt"));
        changed.clear();
        Files.writeString(folder.resolve("a.txt"), "two");
        awaitTrue(() -> changed.contains("a.txt"));

        Files.createDirectories(folder.resolve("art/sketches"));
        awaitTrue(() -> changed.contains("art/sketches"));
        Files.writeString(folder.resolve("art/sketches/cat.svg"), "<svg/>"); // inside a folder made while watching
        awaitTrue(() -> changed.contains("art/sketches/cat.svg"));

        changed.clear();
        Files.move(folder.resolve("a.txt"), folder.resolve("b.txt"));
        awaitTrue(() -> changed.containsAll(Set.of("a.txt", "b.txt")));
        Files.delete(folder.resolve("b.txt"));
        changed.clear();
        Files.writeString(folder.resolve("marker.txt"), "x"); // events come in order: b.txt's delete came first
        awaitTrue(() -> changed.contains("marker.txt"));
    }

    @Test
    void theHistoryFolderAndNeverVersionedNamesAreNotReported() throws Exception {
        Files.writeString(folder.resolve(".kamaros/.store/versions.jsonl"), "{}\n");
        Files.writeString(folder.resolve(".DS_Store"), "x");
        Files.writeString(folder.resolve("marker.txt"), "x");
        awaitTrue(() -> changed.contains("marker.txt"));
        assertThat(changed).containsExactly("marker.txt");
    }

    @Test
    void aBurstOfAThousandFilesIsReportedOrSaidToBeLost() throws Exception {
        Files.createDirectories(folder.resolve("burst"));
        for (int i = 0; i < 1000; i++) {
            Files.writeString(folder.resolve("burst/f" + i + ".txt"), "x" + i);
        }
        awaitTrue(() -> lost.get() > 0 || changed.stream().filter(p -> p.startsWith("burst/f")).count() == 1000);
        if (lost.get() == 0) {
            for (int i = 0; i < 1000; i++) {
                assertThat(changed).contains("burst/f" + i + ".txt");
            }
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the watcher never reported it");
            }
            Thread.sleep(10);
        }
    }
}
