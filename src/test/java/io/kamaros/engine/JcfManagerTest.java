package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CancelledException;
import io.kamaros.engine.model.ChangeSummary;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.FileChange;
import io.kamaros.engine.model.FileExistsException;
import io.kamaros.engine.model.FileHistoryEntry;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.FileNotFoundException;
import io.kamaros.engine.model.FileTooLargeException;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.model.GcOptions;
import io.kamaros.engine.model.HistoryFilter;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.ListOptions;
import io.kamaros.engine.model.NoChangesException;
import io.kamaros.engine.model.NotInitializedException;
import io.kamaros.engine.model.OperationTimeoutException;
import io.kamaros.engine.model.ProjectStats;
import io.kamaros.engine.model.RenameInfo;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.StorageException;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionDiff;
import io.kamaros.engine.model.VersionNotFoundException;
import io.kamaros.engine.model.WorkingCopyStatus;
import io.kamaros.engine.model.JcfEvent;

/** Every public operation of the engine, on a MemoryAdapter. */
class JcfManagerTest {
    private JcfManager jcf;

    @BeforeEach
    void open() {
        jcf = new JcfManager(JcfConfig.builder().author("tester").email("t@example.com").build());
        jcf.init(new MemoryAdapter());
    }

    @AfterEach
    void close() {
        jcf.close();
    }

    private String text(String path, String version) {
        return new String(jcf.getFileContent(path, version), StandardCharsets.UTF_8);
    }

    @Test
    void seedExampleFileOperations() {
        jcf.addFile("README.md", "# My Project".getBytes(StandardCharsets.UTF_8));
        jcf.addFile("src/main.py", "print(\"Hello World\")".getBytes(StandardCharsets.UTF_8));
        jcf.addFile("config.json", "{\"debug\": true}");
        assertThat(jcf.listFiles()).extracting(FileInfo::path)
                .containsExactly("README.md", "config.json", "src/main.py");
        assertThat(new String(jcf.getFileContent("README.md"), StandardCharsets.UTF_8)).isEqualTo("# My Project");
        assertThat(jcf.listFiles("src")).extracting(FileInfo::path).containsExactly("src/main.py");
        assertThat(jcf.listFiles()).allSatisfy(f -> assertThat(f.fileType()).isEqualTo(FileType.TEXT));
    }

    @Test
    void seedExampleVersioning() {
        String v1 = jcf.saveCheckpoint("Initial", CheckpointOptions.builder().allowEmpty(true).build());
        jcf.addFile("file.txt", "content");
        String v2 = jcf.saveCheckpoint("Added file");
        List<Version> history = jcf.getHistory();
        assertThat(history).extracting(Version::id).containsExactly(v2, v1);
        assertThat(history.get(0).parentId()).isEqualTo(v1);
        assertThat(history.get(0).author()).isEqualTo("tester");
        assertThat(history.get(0).fileStates()).containsOnlyKeys("file.txt");
        assertThat(history.get(0).changes()).isEqualTo(new ChangeSummary(1, 0, 0, 0));
        assertThat(history.get(1).fileStates()).isEmpty();
    }

    @Test
    void everyVersionOfATextFileComesBackByteExact() {
        List<String> versions = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            sb.append("line ").append(i).append(i % 3 == 0 ? "\r\n" : "\n");
            contents.add(sb.toString());
            jcf.addFile("doc.txt", sb.toString());
            versions.add(jcf.saveCheckpoint("edit " + i));
        }
        for (int i = 0; i < versions.size(); i++) {
            assertThat(text("doc.txt", versions.get(i))).isEqualTo(contents.get(i));
            try (InputStream in = jcf.streamFile("doc.txt", versions.get(i))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(contents.get(i));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void noChangesIsAnErrorUnlessAllowed() {
        jcf.addFile("a.txt", "a");
        jcf.saveCheckpoint("one");
        assertThatThrownBy(() -> jcf.saveCheckpoint("two")).isInstanceOf(NoChangesException.class)
                .extracting(e -> ((JcfException) e).code()).isEqualTo("NO_CHANGES");
        assertThat(jcf.saveCheckpoint("empty", CheckpointOptions.builder().allowEmpty(true).build())).isNotBlank();
    }

    @Test
    void statusShowsUncommittedWork() {
        jcf.addFile("a.txt", "a");
        jcf.addFile("b.txt", "b");
        jcf.addFile("c.txt", "c");
        assertThat(jcf.getStatus().added()).containsExactly("a.txt", "b.txt", "c.txt");
        jcf.saveCheckpoint("base");
        assertThat(jcf.getStatus().isClean()).isTrue();
        jcf.addFile("a.txt", "a2");
        jcf.removeFile("b.txt");
        jcf.moveFile("c.txt", "docs/c.txt");
        jcf.addFile("d.txt", "d");
        WorkingCopyStatus st = jcf.getStatus();
        assertThat(st.modified()).containsExactly("a.txt");
        assertThat(st.deleted()).containsExactly("b.txt");
        assertThat(st.added()).containsExactly("d.txt");
        assertThat(st.renamed()).extracting(RenameInfo::fromPath, RenameInfo::toPath)
                .containsExactly(Tuple.tuple("c.txt", "docs/c.txt"));
    }

    @Test
    void restoreMovesHeadKeepsLaterVersionsAndBranches() {
        jcf.addFile("a.txt", "one");
        String v1 = jcf.saveCheckpoint("v1");
        jcf.addFile("a.txt", "two");
        jcf.addFile("b.txt", "bee");
        String v2 = jcf.saveCheckpoint("v2");
        RestoreResult r = jcf.restoreVersion(v1);
        assertThat(r.autoSavedVersionId()).isNull();
        assertThat(new String(jcf.getFileContent("a.txt"), StandardCharsets.UTF_8)).isEqualTo("one");
        assertThatThrownBy(() -> jcf.getFileContent("b.txt")).isInstanceOf(FileNotFoundException.class);
        assertThat(jcf.getCurrentVersion()).map(Version::id).contains(v1);
        assertThat(jcf.getHistory()).hasSize(2);
        jcf.addFile("c.txt", "sea");
        String v3 = jcf.saveCheckpoint("branch");
        assertThat(jcf.getVersion(v3).orElseThrow().parentId()).isEqualTo(v1);
        assertThat(text("b.txt", v2)).isEqualTo("bee");
    }

    @Test
    void restoreAutoSavesUncommittedWorkSoItCanBeUndone() {
        jcf.addFile("a.txt", "one");
        String v1 = jcf.saveCheckpoint("v1");
        jcf.addFile("a.txt", "unsaved work");
        RestoreResult r = jcf.restoreVersion(v1);
        assertThat(r.autoSavedVersionId()).isNotNull();
        assertThat(jcf.getVersion(r.autoSavedVersionId()).orElseThrow().autoSaved()).isTrue();
        assertThat(new String(jcf.getFileContent("a.txt"), StandardCharsets.UTF_8)).isEqualTo("one");
        jcf.restoreVersion(r.undoVersionId());
        assertThat(new String(jcf.getFileContent("a.txt"), StandardCharsets.UTF_8)).isEqualTo("unsaved work");
    }

    @Test
    void forceRestoreDiscardsUncommittedWork() {
        jcf.addFile("a.txt", "one");
        String v1 = jcf.saveCheckpoint("v1");
        jcf.addFile("a.txt", "scratch");
        RestoreResult r = jcf.restoreVersion(v1, RestoreOptions.builder().force(true).build());
        assertThat(r.autoSavedVersionId()).isNull();
        assertThat(jcf.getHistory()).hasSize(1);
        assertThat(new String(jcf.getFileContent("a.txt"), StandardCharsets.UTF_8)).isEqualTo("one");
    }

    @Test
    void restoreSingleFilesKeepsHead(@TempDir Path tmp) throws Exception {
        jcf.addFile("a.txt", "a1");
        jcf.addFile("b.txt", "b1");
        String v1 = jcf.saveCheckpoint("v1");
        jcf.addFile("a.txt", "a2");
        jcf.addFile("b.txt", "b2");
        String v2 = jcf.saveCheckpoint("v2");
        jcf.restoreVersion(v1, RestoreOptions.builder().paths("a.txt").build());
        assertThat(jcf.getCurrentVersion().orElseThrow().id()).isEqualTo(v2);
        assertThat(new String(jcf.getFileContent("a.txt"), StandardCharsets.UTF_8)).isEqualTo("a1");
        assertThat(new String(jcf.getFileContent("b.txt"), StandardCharsets.UTF_8)).isEqualTo("b2");
        assertThat(jcf.getStatus().modified()).containsExactly("a.txt");

        jcf.restoreVersion(v1, RestoreOptions.builder().target(tmp.resolve("out")).build());
        assertThat(Files.readString(tmp.resolve("out/b.txt"))).isEqualTo("b1");
        assertThat(new String(jcf.getFileContent("b.txt"), StandardCharsets.UTF_8)).isEqualTo("b2");
    }

    @Test
    void fileHistoryFollowsRenames() {
        jcf.addFile("draft.txt", "1");
        String v1 = jcf.saveCheckpoint("v1");
        jcf.moveFile("draft.txt", "final.txt");
        String v2 = jcf.saveCheckpoint("rename");
        jcf.addFile("final.txt", "2");
        String v3 = jcf.saveCheckpoint("edit");
        List<FileHistoryEntry> h = jcf.getFileHistory("final.txt");
        assertThat(h).extracting(FileHistoryEntry::versionId).containsExactly(v1, v2, v3);
        assertThat(h).extracting(FileHistoryEntry::changeType)
                .containsExactly(ChangeType.ADDED, ChangeType.RENAMED, ChangeType.MODIFIED);
        assertThat(jcf.getFileHistory("draft.txt")).hasSize(3);
    }

    @Test
    void renameMadeOutsideTheApiIsDetectedByContent() throws Exception {
        MemoryAdapter mem = new MemoryAdapter();
        try (JcfManager m = new JcfManager()) {
            m.init(mem);
            m.addFile("pics/cat.png", new byte[] {1, 2, 3, 0, 5});
            m.saveCheckpoint("v1");
            mem.moveFile("content/pics/cat.png", "content/pics/kitten.png");
            WorkingCopyStatus st = m.getStatus();
            assertThat(st.renamed()).extracting(RenameInfo::toPath).containsExactly("pics/kitten.png");
            String v2 = m.saveCheckpoint("moved");
            assertThat(m.getVersion(v2).orElseThrow().changes().renamed()).isEqualTo(1);
        }
    }

    @Test
    void versionDiffReportsEveryKindOfChange() {
        jcf.addFile("keep.txt", "k");
        jcf.addFile("edit.txt", "e1");
        jcf.addFile("gone.txt", "g");
        jcf.addFile("old.txt", "o");
        String v1 = jcf.saveCheckpoint("v1");
        jcf.addFile("edit.txt", "e2 longer");
        jcf.removeFile("gone.txt");
        jcf.moveFile("old.txt", "new.txt");
        jcf.addFile("fresh.txt", "f");
        String v2 = jcf.saveCheckpoint("v2");
        VersionDiff d = jcf.getVersionDiff(v1, v2);
        assertThat(d.added()).extracting(FileChange::path).containsExactly("fresh.txt");
        assertThat(d.modified()).extracting(FileChange::path).containsExactly("edit.txt");
        assertThat(d.deleted()).extracting(FileChange::path).containsExactly("gone.txt");
        assertThat(d.renamed()).containsExactly(new RenameInfo(d.renamed().get(0).inodeId(), "old.txt", "new.txt"));
        assertThat(d.stats().totalSizeChange()).isEqualTo(7 + 1 - 1);
    }

    @Test
    void tagsAndReferences() {
        jcf.addFile("a.txt", "a");
        String v1 = jcf.saveCheckpoint("v1", CheckpointOptions.builder().tags("first").build());
        jcf.addFile("a.txt", "b");
        String v2 = jcf.saveCheckpoint("v2");
        assertThat(jcf.tagVersion(v2, "stable")).isTrue();
        assertThat(jcf.tagVersion(v1, "stable")).isFalse();
        assertThat(jcf.getVersion("stable")).map(Version::id).contains(v2);
        assertThat(jcf.getVersion("first")).map(Version::id).contains(v1);
        assertThat(jcf.getVersion("HEAD~1")).map(Version::id).contains(v1);
        assertThat(jcf.getVersion(v2.substring(0, 8))).map(Version::id).contains(v2);
        assertThat(jcf.getVersion("nope")).isEmpty();
        assertThat(jcf.getVersion(v2).orElseThrow().tags()).containsExactly("stable");
        assertThat(jcf.getHistory(HistoryFilter.builder().tags("first").build())).extracting(Version::id).containsExactly(v1);
        assertThatThrownBy(() -> jcf.restoreVersion("nope")).isInstanceOf(VersionNotFoundException.class)
                .extracting(e -> ((JcfException) e).details().get("versionId")).isEqualTo("nope");
    }

    @Test
    void historyFilters() {
        jcf.addFile("a.txt", "a");
        jcf.saveCheckpoint("Fix typo", CheckpointOptions.builder().author("alice").build());
        jcf.addFile("b.png", new byte[] {0, 1});
        jcf.saveCheckpoint("Add logo", CheckpointOptions.builder().author("bob").build());
        assertThat(jcf.getHistory(HistoryFilter.builder().author("ALICE").build())).extracting(Version::message).containsExactly("Fix typo");
        assertThat(jcf.getHistory(HistoryFilter.builder().message("logo").build())).hasSize(1);
        assertThat(jcf.getHistory(HistoryFilter.builder().path("b.png").build())).extracting(Version::message).containsExactly("Add logo");
        assertThat(jcf.getHistory(HistoryFilter.builder().limit(1).build())).extracting(Version::message).containsExactly("Add logo");
    }

    @Test
    void badPathsAreRejectedClearly() {
        for (String bad : List.of("/abs.txt", "../up.txt", "a//b", "C:/x", "a/./b", "nul\0.txt", "")) {
            assertThatThrownBy(() -> jcf.addFile(bad, "x")).isInstanceOf(ValidationException.class)
                    .extracting(e -> ((JcfException) e).code()).isEqualTo("VALIDATION_ERROR");
        }
        jcf.addFile("Readme.md", "x");
        assertThatThrownBy(() -> jcf.addFile("README.md", "y")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("letter case");
        assertThatThrownBy(() -> jcf.getFileContent("missing.txt")).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> jcf.moveFile("missing.txt", "x.txt")).isInstanceOf(FileNotFoundException.class);
        jcf.addFile("x.txt", "x");
        assertThatThrownBy(() -> jcf.moveFile("Readme.md", "x.txt")).isInstanceOf(FileExistsException.class);
    }

    @Test
    void configIsValidated() {
        assertThatThrownBy(() -> JcfConfig.builder().compressionLevel(12).build())
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((JcfException) e).details().get("field")).isEqualTo("compressionLevel");
        assertThatThrownBy(() -> JcfConfig.builder().snapshotInterval(0).build())
                .extracting(e -> ((JcfException) e).details().get("field")).isEqualTo("snapshotInterval");
        assertThatThrownBy(() -> JcfConfig.builder().maxFileSize(-1L).build())
                .extracting(e -> ((JcfException) e).details().get("field")).isEqualTo("maxFileSize");
        assertThatThrownBy(() -> JcfConfig.builder().operationTimeout(Duration.ofSeconds(-1)).build())
                .extracting(e -> ((JcfException) e).details().get("field")).isEqualTo("operationTimeout");
        assertThat(JcfConfig.defaults().snapshotInterval()).isEqualTo(50);
        assertThat(JcfConfig.defaults().compressionLevel()).isEqualTo(6);
    }

    @Test
    void maxFileSizeIsEnforced() {
        try (JcfManager small = new JcfManager(JcfConfig.builder().maxFileSize(10L).build())) {
            small.init(new MemoryAdapter());
            assertThatThrownBy(() -> small.addFile("big.bin", new byte[11])).isInstanceOf(FileTooLargeException.class);
            assertThat(small.listFiles()).isEmpty();
        }
    }

    @Test
    void eventsReportProgressAndAThrowingListenerBreaksNothing() {
        List<String> seen = new ArrayList<>();
        jcf.on("checkpoint:*", e -> seen.add(e.type()));
        jcf.on("*", e -> {
            throw new IllegalStateException("listener bug");
        });
        List<JcfEvent> handlerErrors = new ArrayList<>();
        jcf.on("handler:error", handlerErrors::add);
        List<JcfEvent.FileChanged> changes = new ArrayList<>();
        jcf.on(JcfEvent.FileChanged.class, changes::add);
        jcf.addFile("a.txt", "a");
        String id = jcf.saveCheckpoint("with listeners");
        assertThat(id).isNotBlank();
        assertThat(seen).contains("checkpoint:start", "checkpoint:progress", "checkpoint:complete");
        assertThat(handlerErrors).isNotEmpty();
        assertThat(changes).extracting(JcfEvent.FileChanged::path).containsExactly("a.txt");
    }

    @Test
    void cancelledCheckpointLeavesProjectAsItWas() {
        jcf.addFile("a.txt", "a");
        String v1 = jcf.saveCheckpoint("v1");
        jcf.addFile("b.txt", "b");
        CancellationToken cancel = new CancellationToken();
        jcf.on("checkpoint:progress", e -> cancel.cancel());
        assertThatThrownBy(() -> jcf.saveCheckpoint("v2", CheckpointOptions.builder().cancel(cancel).build()))
                .isInstanceOf(CancelledException.class);
        assertThat(jcf.getHistory()).extracting(Version::id).containsExactly(v1);
        assertThat(jcf.getStatus().added()).containsExactly("b.txt");
    }

    @Test
    void statsCountVersionsFilesAndSharing() {
        jcf.addFile("a.txt", "same");
        jcf.addFile("b.txt", "same");
        jcf.addFile("c.bin", new byte[] {0, 1, 2});
        jcf.saveCheckpoint("v1");
        jcf.addFile("a.txt", "changed");
        jcf.saveCheckpoint("v2");
        ProjectStats s = jcf.getStats();
        assertThat(s.totalVersions()).isEqualTo(2);
        assertThat(s.totalFiles()).isEqualTo(3);
        assertThat(s.filesByType()).isEqualTo(new ProjectStats.FilesByType(2, 1));
        assertThat(s.blobReferences()).isEqualTo(6);
        assertThat(s.uniqueBlobs()).isEqualTo(3);
        assertThat(s.deduplicationRatio()).isEqualTo(2.0);
        assertThat(s.largestFile().path()).isEqualTo("a.txt");
        assertThat(s.blobsSize()).isPositive();
        assertThat(s.oldestVersion()).isNotNull();
    }

    @Test
    void appendToFileGrowsAFile() {
        jcf.appendToFile("log.txt", "one\n".getBytes(StandardCharsets.UTF_8));
        jcf.appendToFile("log.txt", "two\n".getBytes(StandardCharsets.UTF_8));
        String v = jcf.saveCheckpoint("log");
        assertThat(text("log.txt", v)).isEqualTo("one\ntwo\n");
    }

    @Test
    void asyncFacadeRunsTheSameOperations() throws Exception {
        AsyncJcfManager async = jcf.async();
        async.addFile("a.txt", "async").get();
        String v = async.saveCheckpoint("async save").get();
        assertThat(async.getVersion(v).get()).isPresent();
        assertThat(async.verifyIntegrity().get().valid()).isTrue();
        assertThat(async.runGc(GcOptions.builder().dryRun(true).build()).get().dryRun()).isTrue();
        ByteArrayOutputStream jcfBytes = new ByteArrayOutputStream();
        assertThat(async.export(jcfBytes).get().versions()).isEqualTo(1);
        assertThat(async.restoreVersion("missing").handle((r, e) -> e).get())
                .hasCauseInstanceOf(VersionNotFoundException.class);
    }

    @Test
    void usingAClosedOrUninitialisedManagerIsAClearError() {
        try (JcfManager m = new JcfManager()) {
            assertThatThrownBy(m::getHistory).isInstanceOf(NotInitializedException.class).hasMessageContaining("init");
        }
        jcf.close();
        assertThatThrownBy(jcf::getHistory).isInstanceOf(NotInitializedException.class);
    }

    @Test
    void operationTimeoutStopsALongOperationWithItsOwnError() {
        try (JcfManager slow = new JcfManager(JcfConfig.builder().operationTimeout(Duration.ofNanos(1)).build())) {
            slow.init(new MemoryAdapter());
            slow.addFile("a.txt", "a");
            assertThatThrownBy(() -> slow.saveCheckpoint("too slow")).isInstanceOf(OperationTimeoutException.class)
                    .extracting(e -> ((JcfException) e).code()).isEqualTo("OPERATION_TIMEOUT");
            assertThat(slow.getHistory()).isEmpty();
        }
    }

    @Test
    void listFilesOfAVersionAndWithOptions() {
        jcf.addFile("img/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
        jcf.addFile("img/notes.txt", "n");
        jcf.addFile("top.txt", "t");
        String v1 = jcf.saveCheckpoint("v1");
        jcf.removeFile("img", true);
        assertThat(jcf.listFiles()).extracting(FileInfo::path).containsExactly("top.txt");
        assertThat(jcf.listFiles("img", v1)).extracting(FileInfo::path).containsExactly("img/logo.png", "img/notes.txt");
        assertThat(jcf.listFiles("", ListOptions.builder().versionId(v1).recursive(false).build()))
                .extracting(FileInfo::path).containsExactly("top.txt");
        assertThat(jcf.listFiles("", ListOptions.builder().versionId(v1).type(FileType.BINARY).build()))
                .extracting(FileInfo::path, FileInfo::mime).containsExactly(Tuple.tuple("img/logo.png", "image/png"));
        assertThat(jcf.listFiles("", ListOptions.builder().versionId(v1).pattern("*.txt").build())).hasSize(2);
    }

    @Test
    void onlyJcfExceptionsLeaveTheEngineEvenWhenAnAdapterThrowsSomethingElse() {
        MemoryAdapter mem = new MemoryAdapter();
        FileSystemAdapter picky = new FileSystemAdapter() {
            public byte[] readFile(String path) throws IOException {
                return mem.readFile(path);
            }

            public void writeFile(String path, byte[] data) {
                if (path.contains("refused")) {
                    throw new IllegalArgumentException("no such name here: " + path);
                }
                if (path.contains("broken")) {
                    throw new IllegalStateException("the bucket went away");
                }
                mem.writeFile(path, data);
            }

            public boolean fileExists(String path) {
                return mem.fileExists(path);
            }

            public void deleteFile(String path) {
                mem.deleteFile(path);
            }

            public List<String> listFiles(String directory) {
                return mem.listFiles(directory);
            }
        };
        try (JcfManager m = new JcfManager()) {
            m.init(picky);
            assertThatThrownBy(() -> m.addFile("refused.txt", "x")).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> m.addFile("broken.txt", "x")).isInstanceOf(StorageException.class)
                    .hasMessageContaining("the bucket went away");
            m.addFile("fine.txt", "x");
            assertThat(m.saveCheckpoint("still works")).isNotBlank();
        }
    }

    @Test
    void aColonInAFileNameIsVersionedWhereTheFileSystemAllowsIt(@TempDir Path dir) {
        try (JcfManager m = new JcfManager()) {
            m.init(new FileAdapter(dir));
            if (System.getProperty("os.name").startsWith("Windows")) { // NTFS cannot name files with ':'
                assertThatThrownBy(() -> m.addFile("notes:v2.txt", "x")).isInstanceOf(ValidationException.class);
                return;
            }
            m.addFile("notes:v2.txt", "x");
            String v = m.saveCheckpoint("colon");
            assertThat(text2(m, "notes:v2.txt", v)).isEqualTo("x");
        }
    }

    private static String text2(JcfManager m, String path, String version) {
        return new String(m.getFileContent(path, version), StandardCharsets.UTF_8);
    }
}
