package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.store.MemoryAdapter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import io.kamaros.engine.model.GcOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.model.JcfEvent;

/**
 * {@code <operation>:progress} only goes forward within one operation: every event's percent is at
 * least the previous one's, phase after phase (a progress bar never jumps back), for every operation
 * that reports progress: checkpoint, restore, export, import, gc and verify.
 */
class ProgressOrderTest {
    /** Progress events by operation id, in the order they came. */
    private final Map<String, List<JcfEvent.Progress>> byOperation = new LinkedHashMap<>();

    private void record(JcfEvent e) {
        if (e instanceof JcfEvent.Progress p) {
            synchronized (byOperation) {
                byOperation.computeIfAbsent(p.operation() + " " + p.operationId(), k -> new ArrayList<>()).add(p);
            }
        }
    }

    private void assertMonotonic(String operation) {
        List<String> seen = new ArrayList<>();
        byOperation.forEach((key, events) -> {
            if (!key.startsWith(operation + " ")) {
                return;
            }
            seen.add(key);
            List<String> trace = events.stream().map(p -> p.phase() + "=" + Math.round(p.percent())).toList();
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i).percent()).as(operation + " went back: " + trace)
                        .isGreaterThanOrEqualTo(events.get(i - 1).percent());
            }
            assertThat(events.get(events.size() - 1).percent()).as(operation + " ends at 100: " + trace).isEqualTo(100.0);
        });
        assertThat(seen).as("some " + operation + " reported progress").isNotEmpty();
    }

    @Test
    void everyOperationsProgressOnlyGoesForward() {
        MemoryAdapter adapter = new MemoryAdapter();
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").snapshotInterval(2).build())) {
            jcf.on("*:progress", this::record);
            jcf.init(adapter);
            // Enough small text files for the dictionary to be trained (its own step of the first checkpoint).
            for (int i = 0; i < 150; i++) {
                jcf.addFile("docs/note-" + i + ".txt", ("Note number " + i + "\n").repeat(20));
            }
            String v1 = jcf.saveCheckpoint("many files");
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 40; i++) { // text edits: the reverse-patch (diffing) phase
                    jcf.addFile("docs/note-" + i + ".txt", ("Note number " + i + " round " + round + "\n").repeat(20));
                }
                jcf.addFile("bin/blob-" + round + ".bin", new byte[200_000 + round]);
                jcf.saveCheckpoint("round " + round);
            }
            jcf.addFile("docs/note-1.txt", "uncommitted\n"); // the restore saves it first
            // What a progress bar shown for the whole call sees (the app's and the CLI's listen to every
            // operation's progress): the automatic save inside the restore is part of the restore's bar.
            List<JcfEvent.Progress> duringRestore = new ArrayList<>();
            Consumer<JcfEvent> bar = e -> duringRestore.add((JcfEvent.Progress) e);
            jcf.on("*:progress", bar);
            RestoreResult restored = jcf.restoreVersion(v1);
            jcf.off("*:progress", bar);
            assertThat(restored.undoVersionId()).as("the restore saved the uncommitted change first").isNotNull();
            List<String> trace = duringRestore.stream().map(p -> p.operation() + ":" + p.phase() + "="
                    + Math.round(p.percent())).toList();
            for (int i = 1; i < duringRestore.size(); i++) {
                assertThat(duringRestore.get(i).percent()).as("the restore's bar went back: " + trace)
                        .isGreaterThanOrEqualTo(duringRestore.get(i - 1).percent());
            }
            jcf.runGc(GcOptions.builder().aggressive(true).build());
            jcf.verifyIntegrity(VerifyOptions.builder().deep(true).repair(true).build());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            jcf.export(out);
            try (JcfManager other = new JcfManager()) {
                other.on("*:progress", this::record);
                other.init(new MemoryAdapter());
                other.importData(new ByteArrayInputStream(out.toByteArray()));
            }
        }
        for (String op : List.of("checkpoint", "restore", "gc", "verify", "export", "import")) {
            assertMonotonic(op);
        }
    }
}
