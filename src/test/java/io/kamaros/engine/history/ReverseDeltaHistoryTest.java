package io.kamaros.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.MemoryAdapter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text history is kept as reverse patches with a whole copy at least every snapshotInterval versions. */
// These tests read and damage single patch and blob files: the one-file-per-object layout (packs: PackedProjectTest).
class ReverseDeltaHistoryTest {

    private static String content(int version) {
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line < 200; line++) {
            sb.append("line ").append(line).append(line == version % 200 ? " edited in v" + version : "").append('\n');
        }
        return sb.toString();
    }

    @Test
    void olderTextVersionsBecomePatchesWithBoundedChains() throws Exception {
        MemoryAdapter mem = new MemoryAdapter();
        int interval = 5;
        List<String> ids = new ArrayList<>();
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().snapshotInterval(interval).looseObjects(true).build())) {
            jcf.init(mem);
            for (int v = 0; v < 23; v++) {
                jcf.addFile("story.txt", content(v));
                ids.add(jcf.saveCheckpoint("v" + v));
            }
            for (int v = 0; v < ids.size(); v++) {
                assertThat(new String(jcf.getFileContent("story.txt", ids.get(v)), StandardCharsets.UTF_8))
                        .isEqualTo(content(v));
            }
        }
        // Whole copies: HEAD plus about one per interval versions; the rest are patches.
        List<String> blobs = mem.listFiles(".store/blobs");
        List<String> patches = mem.listFiles(".store/deltas").stream().filter(n -> !n.endsWith(".copy")).toList();
        assertThat(patches).hasSize(22);
        assertThat(mem.listFiles(".store/deltas")).as("each patch kept twice").hasSize(44);
        assertThat(blobs.size()).isBetween(23 / (interval + 1), 23 / interval + 2);
        // Every version is reachable from a kept blob within `interval` patches.
        try (JcfManager reopened = new JcfManager(JcfConfig.builder().snapshotInterval(interval).looseObjects(true).build())) {
            reopened.init(mem);
            for (int v = 0; v < ids.size(); v++) {
                assertThat(new String(reopened.getFileContent("story.txt", ids.get(v)), StandardCharsets.UTF_8))
                        .isEqualTo(content(v));
            }
        }
        int longestGap = 0;
        int gap = 0;
        for (int v = ids.size() - 1; v >= 0; v--) {
            String hash = BlobStore.sha256Hex(content(v).getBytes(StandardCharsets.UTF_8));
            gap = blobs.contains(hash) ? 0 : gap + 1;
            longestGap = Math.max(longestGap, gap);
        }
        assertThat(longestGap).isLessThanOrEqualTo(interval);
    }

    @Test
    void aDamagedPatchIsReportedAndNeverYieldsWrongBytes() throws Exception {
        MemoryAdapter mem = new MemoryAdapter();
        List<String> ids = new ArrayList<>();
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().looseObjects(true).build())) {
            jcf.init(mem);
            for (int v = 0; v < 3; v++) {
                jcf.addFile("story.txt", content(v));
                ids.add(jcf.saveCheckpoint("v" + v));
            }
            Version v1 = jcf.getVersion(ids.get(1)).orElseThrow();
            FileState changed = jcf.getVersion(ids.get(2)).orElseThrow().fileStates().get("story.txt");
            assertThat(changed.contentRef()).startsWith(".store/deltas/");
            byte[] patch = mem.readFile(changed.contentRef());
            String damaged = new String(patch, StandardCharsets.UTF_8).replace("edited in v1", "edited in vX");
            mem.writeFile(changed.contentRef(), damaged.getBytes(StandardCharsets.UTF_8));
            assertThat(new String(jcf.getFileContent("story.txt", v1.id()), StandardCharsets.UTF_8))
                    .as("read through the patch's intact copy").isEqualTo(content(1));
            mem.writeFile(changed.contentRef() + ".copy", damaged.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> jcf.getFileContent("story.txt", v1.id())).isInstanceOf(CorruptionException.class);
            assertThat(new String(jcf.getFileContent("story.txt", ids.get(2)), StandardCharsets.UTF_8)).isEqualTo(content(2));
        }
    }

    @Test
    void aDamagedWholeCopyIsRoutedAroundWhenAnotherChainExists() throws Exception {
        MemoryAdapter mem = new MemoryAdapter();
        List<String> ids = new ArrayList<>();
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().snapshotInterval(3).looseObjects(true).build())) {
            jcf.init(mem);
            for (int v = 0; v < 10; v++) {
                jcf.addFile("a.txt", SampleProject.text(v));
                ids.add(jcf.saveCheckpoint("v" + v));
            }
            // Whole copies of v3, v7 and v9 (HEAD) remain; the others are patches from the next newer one.
            List<String> kept = new ArrayList<>();
            for (int v = 0; v < 10; v++) {
                String hash = BlobStore.sha256Hex(SampleProject.text(v).getBytes(StandardCharsets.UTF_8));
                if (mem.fileExists(".store/blobs/" + hash)) {
                    kept.add("v" + v);
                }
            }
            assertThat(kept).containsExactly("v3", "v7", "v9");
            String v7 = ".store/blobs/" + BlobStore.sha256Hex(SampleProject.text(7).getBytes(StandardCharsets.UTF_8));
            byte[] body = mem.readFile(v7);
            body[body.length - 1] ^= 0x55;
            mem.writeFile(v7, body);
            // v6 is still reachable from v9's copy through the patches v9→v8→v7→v6.
            assertThat(new String(jcf.getFileContent("a.txt", ids.get(6)), StandardCharsets.UTF_8))
                    .isEqualTo(SampleProject.text(6));
            assertThat(new String(jcf.getFileContent("a.txt", ids.get(7)), StandardCharsets.UTF_8))
                    .isEqualTo(SampleProject.text(7));
        }
    }
}
