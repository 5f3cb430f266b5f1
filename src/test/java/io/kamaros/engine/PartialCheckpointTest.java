package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.NoChangesException;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.model.WorkingCopyStatus;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial checkpoints ({@link CheckpointOptions#paths()}) and discarding one file's unsaved changes
 * (a restore of that file from HEAD, undoable), on real folders, plain and encrypted.
 */
class PartialCheckpointTest {
    private static final VerifyOptions DEEP = VerifyOptions.builder().deep(true).build();

    @TempDir
    Path tmp;

    private static JcfManager open(Path dir) {
        JcfManager jcf = new JcfManager(JcfConfig.builder().author("tester").snapshotInterval(2).build());
        jcf.init(new FileAdapter(dir));
        return jcf;
    }

    private static JcfManager openEncrypted(Path dir) {
        JcfManager jcf = new JcfManager(JcfConfig.builder().author("tester").snapshotInterval(2).build());
        jcf.init(new FileAdapter(dir), "s3cret-Passw0rd".toCharArray());
        return jcf;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** v1: two text files, a text file and a binary in a folder. */
    private static String firstVersion(JcfManager jcf) {
        jcf.addFile("a.txt", "alpha\nline two\nline three\n");
        jcf.addFile("b.txt", "bravo\n");
        jcf.addFile("docs/c.txt", "charlie\n");
        jcf.addFile("docs/d.bin", new byte[] {0, 1, 2, 3, 0, (byte) 0xff});
        return jcf.saveCheckpoint("First draft");
    }

    @Test
    void onlyTheChosenChangesAreSavedAndTheRestStaysUnsavedAndUntouched() throws IOException {
        checkPartial(tmp.resolve("plain"), PartialCheckpointTest::open);
    }

    @Test
    void anEncryptedProjectSavesPartiallyTheSameWay() throws IOException {
        checkPartial(tmp.resolve("encrypted"), PartialCheckpointTest::openEncrypted);
    }

    private static void checkPartial(Path dir, Function<Path, JcfManager> opener) throws IOException {
        String v1;
        String v2;
        byte[] unsavedB = utf8("bravo, edited but not saved\n");
        FileTime bTime;
        try (JcfManager jcf = opener.apply(dir)) {
            v1 = firstVersion(jcf);
            jcf.addFile("a.txt", "alpha\nline two, edited\nline three\n");
            jcf.addFile("b.txt", unsavedB);
            jcf.addFile("docs/e.txt", "echo\n");
            jcf.removeFile("docs/d.bin");
            Path b = dir.resolve("content/b.txt");
            bTime = Files.getLastModifiedTime(b);
            List<JcfEvent.CheckpointCompleted> completed = new ArrayList<>();
            jcf.on(JcfEvent.CheckpointCompleted.class, completed::add);

            v2 = jcf.saveCheckpoint("Edit a, add e, drop d", CheckpointOptions.builder().paths("a.txt", "docs/").build());

            assertThat(jcf.listFiles("", v2)).extracting(FileInfo::path)
                    .containsExactly("a.txt", "b.txt", "docs/c.txt", "docs/e.txt");
            assertThat(jcf.getFileContent("a.txt", v2)).isEqualTo(utf8("alpha\nline two, edited\nline three\n"));
            assertThat(jcf.getFileContent("b.txt", v2)).as("b keeps v1's state").isEqualTo(utf8("bravo\n"));
            assertThat(jcf.getFileContent("docs/e.txt", v2)).isEqualTo(utf8("echo\n"));
            assertThat(jcf.getFileContent("a.txt", v1)).isEqualTo(utf8("alpha\nline two\nline three\n"));
            assertThat(jcf.getFileContent("docs/d.bin", v1)).containsExactly(0, 1, 2, 3, 0, 0xff);
            assertThat(jcf.getCurrentVersion()).map(Version::id).contains(v2);

            assertThat(Files.readAllBytes(b)).as("the unsaved file is left as it was").isEqualTo(unsavedB);
            assertThat(Files.getLastModifiedTime(b)).isEqualTo(bTime);
            WorkingCopyStatus st = jcf.getStatus();
            assertThat(st.modified()).containsExactly("b.txt");
            assertThat(st.added()).isEmpty();
            assertThat(st.deleted()).isEmpty();

            assertThat(completed).hasSize(1);
            assertThat(completed.get(0).filesChanged()).as("a modified, e added, d deleted").isEqualTo(3);
            assertThat(completed.get(0).changesLeft()).isEqualTo(1);

            VerificationReport report = jcf.verifyIntegrity(DEEP);
            assertThat(report.errors()).isEmpty();
            assertThat(report.valid()).isTrue();
        }
        try (JcfManager jcf = opener.apply(dir)) {
            assertThat(jcf.getStatus().modified()).as("after reopening").containsExactly("b.txt");
            assertThat(jcf.getFileContent("b.txt", v2)).isEqualTo(utf8("bravo\n"));
            assertThat(jcf.getFileContent("b.txt")).isEqualTo(unsavedB);
            String v3 = jcf.saveCheckpoint("The rest");
            assertThat(jcf.getFileContent("b.txt", v3)).isEqualTo(unsavedB);
            assertThat(jcf.getStatus().isClean()).isTrue();
            for (String v : List.of(v1, v2)) {
                jcf.restoreVersion(v);
            }
            assertThat(jcf.getFileContent("b.txt")).isEqualTo(utf8("bravo\n"));
            assertThat(jcf.getFileContent("a.txt")).isEqualTo(utf8("alpha\nline two, edited\nline three\n"));
            assertThat(jcf.verifyIntegrity(DEEP).errors()).isEmpty();
        }
    }

    @Test
    void aPathThatNamesNothingIsRefusedAndNothingIsSaved() {
        try (JcfManager jcf = open(tmp)) {
            String v1 = firstVersion(jcf);
            jcf.addFile("a.txt", "changed\n");
            assertThatThrownBy(() -> jcf.saveCheckpoint("typo", CheckpointOptions.builder().paths("a.txt", "a.tx").build()))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("Nothing was saved: 'a.tx' is neither in the project's files nor in the current version")
                    .satisfies(e -> {
                        JcfException je = (JcfException) e;
                        assertThat(je.code()).isEqualTo(ErrorCodes.VALIDATION_ERROR);
                        assertThat(je.details()).containsEntry("field", "paths").containsEntry("value", "a.tx");
                    });
            for (String outside : List.of("../a.txt", "/etc/passwd", "docs/../../x")) {
                assertThatThrownBy(() -> jcf.saveCheckpoint("out", CheckpointOptions.builder().paths(outside).build()))
                        .as(outside).isInstanceOf(ValidationException.class).hasMessageContaining("Cannot save only");
            }
            assertThat(jcf.getHistory()).extracting(Version::id).containsExactly(v1);
            assertThat(jcf.getStatus().modified()).containsExactly("a.txt");
        }
    }

    @Test
    void aKnownPathWithoutChangesIsNothingToSaveUnlessEmptyIsAllowed() {
        try (JcfManager jcf = open(tmp)) {
            String v1 = firstVersion(jcf);
            jcf.addFile("a.txt", "changed\n");
            assertThatThrownBy(() -> jcf.saveCheckpoint("b", CheckpointOptions.builder().paths("b.txt").build()))
                    .isInstanceOf(NoChangesException.class).hasMessageContaining("Nothing under 'b.txt' changed");
            String empty = jcf.saveCheckpoint("b", CheckpointOptions.builder().paths("b.txt").allowEmpty(true).build());
            assertThat(jcf.getVersion(empty).orElseThrow().changes().total()).isZero();
            assertThat(jcf.getVersion(empty).orElseThrow().parentId()).isEqualTo(v1);
            assertThat(jcf.getStatus().modified()).containsExactly("a.txt");
        }
    }

    @Test
    void aRenameWithOneSideChosenSavesThatSideAlone() {
        try (JcfManager jcf = open(tmp)) {
            firstVersion(jcf);
            jcf.moveFile("a.txt", "moved/a.txt");
            String v2 = jcf.saveCheckpoint("new side", CheckpointOptions.builder().paths("moved").build());
            assertThat(jcf.listFiles("", v2)).extracting(FileInfo::path).contains("a.txt", "moved/a.txt");
            WorkingCopyStatus st = jcf.getStatus();
            assertThat(st.deleted()).containsExactly("a.txt");
            assertThat(st.added()).isEmpty();
            String v3 = jcf.saveCheckpoint("old side", CheckpointOptions.builder().paths("a.txt").build());
            assertThat(jcf.listFiles("", v3)).extracting(FileInfo::path).doesNotContain("a.txt").contains("moved/a.txt");
            assertThat(jcf.getStatus().isClean()).isTrue();
        }
    }

    @Test
    void discardingOneFileIsUndoableAndLeavesTheOtherUnsavedChangesAndHeadAlone() throws IOException {
        try (JcfManager jcf = open(tmp)) {
            String v1 = firstVersion(jcf);
            byte[] editedA = utf8("alpha\nline two, rewritten\nline three\n");
            byte[] editedB = utf8("bravo, also edited\n");
            jcf.addFile("a.txt", editedA);
            jcf.addFile("b.txt", editedB);
            jcf.addFile("new.txt", "brand new\n");

            RestoreResult discard = jcf.restoreVersion("HEAD", RestoreOptions.builder().paths("a.txt").build());

            assertThat(jcf.getFileContent("a.txt")).isEqualTo(jcf.getFileContent("a.txt", v1));
            assertThat(Files.readAllBytes(tmp.resolve("content/b.txt"))).isEqualTo(editedB);
            assertThat(jcf.getCurrentVersion()).map(Version::id).as("HEAD does not move").contains(v1);
            WorkingCopyStatus st = jcf.getStatus();
            assertThat(st.modified()).containsExactly("b.txt");
            assertThat(st.added()).containsExactly("new.txt");

            Version auto = jcf.getVersion(discard.autoSavedVersionId()).orElseThrow();
            assertThat(auto.autoSaved()).isTrue();
            assertThat(auto.parentId()).as("saved beside HEAD").isEqualTo(v1);
            assertThat(auto.message()).as("put back as in HEAD: a discard, no hash")
                    .isEqualTo("Auto-save of a.txt before discarding its changes");
            assertThat(auto.changes().total()).as("only the discarded file").isEqualTo(1);
            assertThat(jcf.getFileContent("a.txt", auto.id())).isEqualTo(editedA);
            assertThat(jcf.getFileContent("b.txt", auto.id())).isEqualTo(jcf.getFileContent("b.txt", v1));
            assertThat(discard.undoVersionId()).isEqualTo(auto.id());
            assertThat(discard.undoPaths()).containsExactly("a.txt");

            RestoreResult undo = jcf.restoreVersion(discard.undoVersionId(),
                    RestoreOptions.builder().paths(discard.undoPaths()).build());
            assertThat(undo.autoSavedVersionId()).as("a.txt held HEAD's content: nothing to save").isNull();
            assertThat(Files.readAllBytes(tmp.resolve("content/a.txt"))).isEqualTo(editedA);
            assertThat(Files.readAllBytes(tmp.resolve("content/b.txt"))).isEqualTo(editedB);
            assertThat(jcf.getCurrentVersion()).map(Version::id).contains(v1);
            assertThat(jcf.getStatus().modified()).containsExactly("a.txt", "b.txt");
            assertThat(jcf.getHistory()).extracting(Version::id).containsExactlyInAnyOrder(v1, auto.id());
            assertThat(jcf.verifyIntegrity(DEEP).errors()).isEmpty();
        }
    }

    @Test
    void discardingANewFileRemovesItAndUndoBringsItBack() throws IOException {
        try (JcfManager jcf = open(tmp)) {
            String v1 = firstVersion(jcf);
            jcf.addFile("new.txt", "brand new\n");
            jcf.addFile("b.txt", "bravo, edited\n");
            RestoreResult discard = jcf.restoreVersion("HEAD", RestoreOptions.builder().paths("new.txt").build());
            assertThat(Files.exists(tmp.resolve("content/new.txt"))).isFalse();
            assertThat(jcf.getStatus().added()).isEmpty();
            assertThat(jcf.getStatus().modified()).containsExactly("b.txt");
            assertThat(jcf.getFileContent("new.txt", discard.autoSavedVersionId())).isEqualTo(utf8("brand new\n"));
            assertThat(jcf.getCurrentVersion()).map(Version::id).contains(v1);

            jcf.restoreVersion(discard.undoVersionId(), RestoreOptions.builder().paths(discard.undoPaths()).build());
            assertThat(Files.readAllBytes(tmp.resolve("content/new.txt"))).isEqualTo(utf8("brand new\n"));
            assertThat(jcf.getStatus().added()).containsExactly("new.txt");
            assertThat(jcf.getStatus().foldersAdded()).isEmpty();
        }
    }
}
