package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.model.FileChange;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.RenameInfo;
import io.kamaros.engine.model.VersionDiff;
import io.kamaros.engine.model.VersionNotFoundException;
import io.kamaros.engine.model.WorkingCopyStatus;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JcfManager#getWorkingCopyDiff}: any version against the working copy, renames found as checkpoints find them. */
class WorkingCopyDiffTest {
    @TempDir
    Path tmp;

    private static List<String> paths(List<FileChange> changes) {
        return changes.stream().map(FileChange::path).sorted().toList();
    }

    private static List<String> renames(VersionDiff d) {
        return d.renamed().stream().map(r -> r.fromPath() + " -> " + r.toPath()).sorted().toList();
    }

    @Test
    void againstAnOlderVersionFollowsMovesMadeSinceThen() {
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(new MemoryAdapter());
            jcf.addFile("a.txt", "a1\n");
            jcf.addFile("b.txt", "b1\n");
            jcf.addFile("c.txt", "c1\n");
            String v1 = jcf.saveCheckpoint("one");
            jcf.addFile("a.txt", "a2 longer\n");
            jcf.moveFile("b.txt", "moved/b.txt");
            jcf.saveCheckpoint("two");
            jcf.addFile("c.txt", "c local\n");
            jcf.addFile("e.txt", "new\n");
            jcf.removeFile("a.txt");

            VersionDiff d = jcf.getWorkingCopyDiff(v1);
            assertThat(d.fromVersion()).isEqualTo(v1);
            assertThat(d.toVersion()).isNull();
            assertThat(paths(d.added())).containsExactly("e.txt");
            assertThat(paths(d.modified())).containsExactly("c.txt");
            assertThat(paths(d.deleted())).containsExactly("a.txt");
            assertThat(renames(d)).containsExactly("b.txt -> moved/b.txt");
            FileChange c = d.modified().get(0);
            assertThat(c.before().hash()).isEqualTo(jcf.getVersion(v1).orElseThrow().fileStates().get("c.txt").hash());
            assertThat(c.after().size()).isEqualTo("c local\n".length());
            assertThat(d.stats().totalSizeChange()).isEqualTo(("c local\n".length() - 3) + 4 - 3);
            assertThat(d.stats().filesRenamed()).isEqualTo(1);
        }
    }

    @Test
    void againstHeadSaysWhatTheStatusSays() {
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(new MemoryAdapter());
            jcf.addFile("a.txt", "a1\n");
            jcf.addFile("b.txt", "b1\n");
            jcf.addFile("gone.txt", "g\n");
            jcf.saveCheckpoint("one");
            jcf.moveFile("a.txt", "renamed.txt");
            jcf.addFile("renamed.txt", "a changed too\n");
            jcf.addFile("b.txt", "b2\n");
            jcf.removeFile("gone.txt");
            jcf.addFile("new.txt", "n\n");

            WorkingCopyStatus status = jcf.getStatus();
            VersionDiff d = jcf.getWorkingCopyDiff("HEAD");
            assertThat(d.fromVersion()).isEqualTo(status.headVersionId());
            assertThat(paths(d.added())).containsExactlyElementsOf(status.added().stream().sorted().toList());
            assertThat(paths(d.modified())).containsExactlyElementsOf(status.modified().stream().sorted().toList());
            assertThat(paths(d.deleted())).containsExactlyElementsOf(status.deleted().stream().sorted().toList());
            assertThat(d.renamed()).extracting(RenameInfo::toPath)
                    .containsExactlyElementsOf(status.renamed().stream().map(RenameInfo::toPath).toList());
            assertThat(paths(d.modified())).containsExactly("b.txt", "renamed.txt");
        }
    }

    @Test
    void filesMovedByAnotherProgramArePairedByContent() throws Exception {
        Path dir = tmp.resolve("p");
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(new FileAdapter(dir));
            Path content = dir.resolve("content");
            Files.createDirectories(content);
            Files.writeString(content.resolve("report.txt"), "the same words\n");
            String v1 = jcf.saveCheckpoint("one");
            Files.writeString(content.resolve("other.txt"), "more\n");
            jcf.saveCheckpoint("two");
            Files.createDirectories(content.resolve("archive"));
            Files.move(content.resolve("report.txt"), content.resolve("archive/report.txt"));

            VersionDiff d = jcf.getWorkingCopyDiff(v1);
            assertThat(renames(d)).containsExactly("report.txt -> archive/report.txt");
            assertThat(paths(d.added())).containsExactly("other.txt");
            assertThat(d.deleted()).isEmpty();
            assertThat(d.modified()).isEmpty();
        }
    }

    @Test
    void withoutAVersionEveryFileIsAddedAndAnUnknownVersionIsRefused() {
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(new MemoryAdapter());
            jcf.addFile("a.txt", "a\n");
            jcf.addFile("b/c.txt", "c\n");
            VersionDiff d = jcf.getWorkingCopyDiff(null);
            assertThat(d.fromVersion()).isNull();
            assertThat(paths(d.added())).containsExactly("a.txt", "b/c.txt");
            assertThat(d.stats().totalSizeChange()).isEqualTo(4);
            assertThatThrownBy(() -> jcf.getWorkingCopyDiff("no-such-tag")).isInstanceOf(VersionNotFoundException.class);
        }
    }
}
