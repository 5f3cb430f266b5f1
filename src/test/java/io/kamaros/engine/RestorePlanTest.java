package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileChange;
import io.kamaros.engine.model.FileNotFoundException;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.RenameInfo;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.RestorePlan;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.VersionDiff;
import io.kamaros.engine.model.WorkingCopyStatus;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.kamaros.engine.model.JcfEvent;

/** {@link JcfManager#planRestore}: the plan is exactly what the restore then does. */
class RestorePlanTest {
    @TempDir
    Path tmp;

    private static JcfManager open() {
        JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build());
        jcf.init(new MemoryAdapter());
        return jcf;
    }

    /** v1: a, b, c; v2: a changed, b removed, d added. Returns v1. */
    private static String twoVersions(JcfManager jcf) {
        jcf.addFile("a.txt", "a1\n");
        jcf.addFile("b.txt", "b1\n");
        jcf.addFile("c.txt", "c1\n");
        String v1 = jcf.saveCheckpoint("one");
        jcf.addFile("a.txt", "a2\n");
        jcf.removeFile("b.txt");
        jcf.addFile("d.txt", "d2\n");
        jcf.saveCheckpoint("two");
        return v1;
    }

    /** Plans, restores with the same arguments, and checks that the plan said exactly what happened. */
    private static RestorePlan planThenRestore(JcfManager jcf, String version, RestoreOptions options) {
        WorkingCopyStatus before = jcf.getStatus();
        int versions = jcf.getHistory().size();
        RestorePlan plan = jcf.planRestore(version, options);
        // planning changed nothing
        assertThat(jcf.getHistory()).hasSize(versions);
        assertThat(jcf.getStatus()).isEqualTo(before);

        List<String> written = new ArrayList<>();
        List<String> created = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        jcf.on("file:change", e -> {
            JcfEvent.FileChanged fc = (JcfEvent.FileChanged) e;
            if (fc.changeType() == ChangeType.DELETED) {
                deleted.add(fc.path());
            } else {
                written.add(fc.path());
                if (fc.changeType() == ChangeType.ADDED) {
                    created.add(fc.path());
                }
            }
        });
        RestoreResult result = jcf.restoreVersion(version, options);
        jcf.off("file:change");

        assertThat(plan.versionId()).isEqualTo(result.versionId());
        assertThat(plan.headVersionId()).isEqualTo(result.previousVersionId());
        assertThat(plan.written()).isEqualTo(sorted(written)).hasSize(result.filesRestored());
        assertThat(plan.created()).isEqualTo(sorted(created));
        assertThat(plan.deleted()).isEqualTo(sorted(deleted)).hasSize(result.filesDeleted());
        assertThat(plan.autoSave()).isEqualTo(result.autoSavedVersionId() != null);
        if (plan.autoSave()) {
            VersionDiff saved = jcf.getVersionDiff(result.previousVersionId(), result.autoSavedVersionId());
            TreeSet<String> paths = new TreeSet<>();
            saved.added().stream().map(FileChange::path).forEach(paths::add);
            saved.modified().stream().map(FileChange::path).forEach(paths::add);
            saved.deleted().stream().map(FileChange::path).forEach(paths::add);
            saved.renamed().stream().map(RenameInfo::toPath).forEach(paths::add);
            assertThat(plan.uncommitted()).containsExactlyElementsOf(paths);
        } else {
            assertThat(plan.uncommitted()).isEmpty();
        }
        return plan;
    }

    private static List<String> sorted(List<String> paths) {
        return paths.stream().sorted().toList();
    }

    @Test
    void wholeVersionWithoutLocalChanges() {
        try (JcfManager jcf = open()) {
            String v1 = twoVersions(jcf);
            RestorePlan plan = planThenRestore(jcf, v1, RestoreOptions.defaults());
            assertThat(plan.written()).containsExactly("a.txt", "b.txt");
            assertThat(plan.created()).containsExactly("b.txt");
            assertThat(plan.deleted()).containsExactly("d.txt");
            assertThat(plan.changedCount()).isEqualTo(1);
            assertThat(plan.autoSave()).isFalse();
            assertThat(plan.inPlace()).isTrue();
        }
    }

    @Test
    void wholeVersionWithLocalChangesIsAutoSavedFirst() {
        try (JcfManager jcf = open()) {
            String v1 = twoVersions(jcf);
            jcf.addFile("c.txt", "c local\n");
            jcf.addFile("new.txt", "not saved yet\n");
            jcf.moveFile("d.txt", "moved.txt");
            RestorePlan plan = planThenRestore(jcf, v1, RestoreOptions.defaults());
            assertThat(plan.autoSave()).isTrue();
            assertThat(plan.uncommitted()).containsExactly("c.txt", "moved.txt", "new.txt");
            // saved by the automatic checkpoint, so they are the version's to remove
            assertThat(plan.deleted()).containsExactly("moved.txt", "new.txt");
        }
    }

    @Test
    void wholeVersionWithLocalChangesAndForceSavesNothing() {
        try (JcfManager jcf = open()) {
            String v1 = twoVersions(jcf);
            jcf.addFile("c.txt", "c local\n");
            jcf.addFile("new.txt", "not saved yet\n");
            RestorePlan plan = planThenRestore(jcf, v1, RestoreOptions.builder().force(true).build());
            assertThat(plan.autoSave()).isFalse();
            assertThat(plan.written()).contains("c.txt");
        }
    }

    @Test
    void singleFileWithAndWithoutLocalChangesToIt() {
        try (JcfManager jcf = open()) {
            String v1 = twoVersions(jcf);
            jcf.addFile("c.txt", "c local\n"); // a change elsewhere: restoring a.txt does not touch it
            RestorePlan plan = planThenRestore(jcf, v1, RestoreOptions.builder().paths("a.txt").build());
            assertThat(plan.paths()).containsExactly("a.txt");
            assertThat(plan.written()).containsExactly("a.txt");
            assertThat(plan.deleted()).isEmpty();
            assertThat(plan.autoSave()).isFalse();

            jcf.addFile("a.txt", "a local\n"); // now the chosen file holds unsaved work
            RestorePlan second = planThenRestore(jcf, "HEAD~1", RestoreOptions.builder().paths("b.txt", "a.txt").build());
            assertThat(second.autoSave()).isTrue();
            // only the chosen file's unsaved change is saved first (beside HEAD); c.txt stays unsaved
            assertThat(second.uncommitted()).containsExactly("a.txt");
            assertThat(second.written()).containsExactly("a.txt", "b.txt");
        }
    }

    @Test
    void intoAnotherFolderListsWhatItWritesAndWhatIsNew() throws Exception {
        try (JcfManager jcf = open()) {
            String v1 = twoVersions(jcf);
            Path target = tmp.resolve("out");
            Files.createDirectories(target);
            Files.writeString(target.resolve("a.txt"), "there already\n");
            RestoreOptions options = RestoreOptions.builder().target(target).build();
            RestorePlan plan = jcf.planRestore(v1, options);
            assertThat(plan.inPlace()).isFalse();
            assertThat(plan.written()).containsExactly("a.txt", "b.txt", "c.txt");
            assertThat(plan.created()).containsExactly("b.txt", "c.txt");
            assertThat(plan.deleted()).isEmpty();
            assertThat(plan.autoSave()).isFalse();
            RestoreResult r = jcf.restoreVersion(v1, options);
            assertThat(r.filesRestored()).isEqualTo(plan.written().size());
            assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("a1\n");
        }
    }

    @Test
    void emptyFoldersAndFilesMovedOutsideTheApi() throws Exception {
        Path dir = tmp.resolve("p");
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(new FileAdapter(dir));
            Path content = dir.resolve("content");
            Files.createDirectories(content.resolve("empty-in-one"));
            Files.writeString(content.resolve("x.txt"), "x\n");
            String v1 = jcf.saveCheckpoint("one");
            Files.delete(content.resolve("empty-in-one"));
            Files.createDirectories(content.resolve("empty-in-two"));
            Files.writeString(content.resolve("y.txt"), "y\n");
            jcf.saveCheckpoint("two");
            Files.move(content.resolve("y.txt"), content.resolve("z.txt")); // a local rename by another program
            Files.createDirectories(content.resolve("local-empty"));

            RestorePlan plan = planThenRestore(jcf, v1, RestoreOptions.defaults());
            assertThat(plan.autoSave()).isTrue();
            assertThat(plan.uncommitted()).containsExactly("z.txt");
            assertThat(plan.deleted()).containsExactly("z.txt");
            assertThat(plan.foldersCreated()).containsExactly("empty-in-one");
            assertThat(plan.foldersRemoved()).containsExactlyInAnyOrder("empty-in-two", "local-empty");
            assertThat(Files.isDirectory(content.resolve("empty-in-one"))).isTrue();
            assertThat(Files.exists(content.resolve("empty-in-two"))).isFalse();
            assertThat(Files.exists(content.resolve("local-empty"))).isFalse();
        }
    }

    @Test
    void asyncAndForwardingOperationsOfferThePlanToo() {
        try (JcfManager jcf = open()) {
            String v1 = twoVersions(jcf);
            RestorePlan direct = jcf.planRestore(v1, RestoreOptions.defaults());
            assertThat(jcf.async().planRestore(v1, RestoreOptions.defaults()).join()).isEqualTo(direct);
            JcfOperations wrapped = new ForwardingJcfOperations(jcf) {
            };
            assertThat(wrapped.planRestore(v1, RestoreOptions.defaults())).isEqualTo(direct);
            VersionDiff diff = jcf.getWorkingCopyDiff(v1);
            assertThat(jcf.async().getWorkingCopyDiff(v1).join()).isEqualTo(diff);
            assertThat(wrapped.getWorkingCopyDiff(v1)).isEqualTo(diff);
        }
    }

    @Test
    void refusesWhatTheRestoreRefuses() {
        try (JcfManager jcf = open()) {
            String v1 = twoVersions(jcf);
            assertThatThrownBy(() -> jcf.planRestore(v1, RestoreOptions.builder().paths("nowhere.txt").build()))
                    .isInstanceOf(FileNotFoundException.class);
            assertThatThrownBy(() -> jcf.restoreVersion(v1, RestoreOptions.builder().paths("nowhere.txt").build()))
                    .isInstanceOf(FileNotFoundException.class);
            // into another folder, a file the version does not hold cannot be written
            assertThatThrownBy(() -> jcf.planRestore(v1, RestoreOptions.builder().paths("d.txt")
                    .target(tmp.resolve("out")).build())).isInstanceOf(FileNotFoundException.class);
        }
    }

    @Test
    void aChosenWorkingFileTheVersionDoesNotHoldIsRemoved() {
        try (JcfManager jcf = open()) {
            String v1 = twoVersions(jcf); // v1 has no d.txt; the working copy (HEAD) has it
            RestorePlan plan = planThenRestore(jcf, v1, RestoreOptions.builder().paths("d.txt").build());
            assertThat(plan.deleted()).containsExactly("d.txt");
            assertThat(plan.written()).isEmpty();
            assertThat(plan.autoSave()).isFalse();
            assertThat(jcf.getStatus().deleted()).containsExactly("d.txt");
        }
    }
}
