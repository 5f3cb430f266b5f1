package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint counts first: its first progress event already carries how many files and bytes it
 * will go through, so a progress bar is determinate from the start, and the bytes done reach that
 * total — also when a status has hashed the files before and the checkpoint only stores them.
 */
class CheckpointProgressTest {
    private static final int FILES = 60;
    private static final int SIZE = 3_000;

    @TempDir
    Path tmp;

    private final List<JcfEvent.Progress> events = new ArrayList<>();

    private void record(JcfEvent e) {
        if (e instanceof JcfEvent.Progress p && p.operation().equals("checkpoint")) {
            events.add(p);
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] data = new byte[SIZE];
        random.nextBytes(data);
        return data;
    }

    @Test
    void theFirstEventOfAFirstCheckpointCarriesTheTotals() {
        Random random = new Random(14);
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(new MemoryAdapter());
            for (int i = 0; i < FILES; i++) {
                jcf.addFile("data/file-" + i + ".bin", randomBytes(random));
            }
            jcf.on("*:progress", this::record);
            jcf.saveCheckpoint("first");
        }
        assertTotalsFirstAndReached();
    }

    @Test
    void filesAStatusHashedBeforeStillCountWhileTheCheckpointStoresThem() throws Exception {
        Random random = new Random(15);
        FileAdapter adapter = new FileAdapter(tmp.resolve("p"));
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(adapter);
            Path work = adapter.workingCopyPath();
            FileTime anHourAgo = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
            for (int i = 0; i < FILES; i++) {
                Path f = Files.createDirectories(work.resolve("data")).resolve("file-" + i + ".bin");
                Files.write(f, randomBytes(random));
                Files.setLastModifiedTime(f, anHourAgo); // old enough for the status to remember its hash
            }
            assertThat(jcf.getStatus().added()).hasSize(FILES); // hashes them; nothing stored yet
            jcf.on("*:progress", this::record);
            jcf.saveCheckpoint("first");
        }
        assertTotalsFirstAndReached();
    }

    private void assertTotalsFirstAndReached() {
        assertThat(events).isNotEmpty();
        JcfEvent.Progress first = events.get(0);
        assertThat(first.filesTotal()).as("files counted before the first event").isEqualTo(FILES);
        assertThat(first.bytesTotal()).as("bytes counted before the first event").isEqualTo((long) FILES * SIZE);
        assertThat(first.bytesDone()).isZero();
        List<JcfEvent.Progress> scanning = events.stream().filter(p -> p.phase().equals("scanning")).toList();
        assertThat(scanning.get(scanning.size() - 1).bytesDone()).as("bytes done reach the total")
                .isEqualTo((long) FILES * SIZE);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).percent()).as("never goes back").isGreaterThanOrEqualTo(events.get(i - 1).percent());
        }
        for (int i = 1; i < scanning.size(); i++) {
            assertThat(scanning.get(i).bytesDone()).isGreaterThanOrEqualTo(scanning.get(i - 1).bytesDone());
        }
        assertThat(events.get(events.size() - 1).percent()).isEqualTo(100.0);
    }
}
