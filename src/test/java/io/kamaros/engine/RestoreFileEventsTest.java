package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.store.MemoryAdapter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.JcfEvent;

/** A restore reports through {@code file:change} every working-copy file it wrote or deleted. */
class RestoreFileEventsTest {
    @Test
    void restoreReportsEveryFileItWroteAndDeleted() {
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(new MemoryAdapter());
            jcf.addFile("kept.txt", "same\n");
            jcf.addFile("changed.txt", "old\n");
            jcf.addFile("removed-later.txt", "gone later\n");
            String v1 = jcf.saveCheckpoint("one");
            jcf.addFile("changed.txt", "new\n");
            jcf.removeFile("removed-later.txt");
            jcf.addFile("added-later.txt", "only in two\n");
            jcf.saveCheckpoint("two");

            List<String> events = new ArrayList<>();
            jcf.on("file:change", e -> {
                JcfEvent.FileChanged fc = (JcfEvent.FileChanged) e;
                events.add(fc.changeType() + " " + fc.path() + " " + fc.size());
            });
            List<String> aliases = new ArrayList<>();
            jcf.on("file:add", e -> aliases.add("add " + ((JcfEvent.FileChanged) e).path()));
            jcf.on("file:modify", e -> aliases.add("modify " + ((JcfEvent.FileChanged) e).path()));
            RestoreResult r = jcf.restoreVersion(v1);

            assertThat(events).containsExactlyInAnyOrder(
                    "MODIFIED changed.txt 4",
                    "ADDED removed-later.txt 11",
                    "DELETED added-later.txt 0");
            assertThat(aliases).containsExactlyInAnyOrder("modify changed.txt", "add removed-later.txt");
            assertThat(r.filesRestored() + r.filesDeleted()).isEqualTo(events.size());
        }
    }
}
