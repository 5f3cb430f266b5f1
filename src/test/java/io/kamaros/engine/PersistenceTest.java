package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.kamaros.engine.model.ChangeSummary;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.RenameInfo;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.WorkingCopyStatus;

/** A project on disk survives closing and reopening, tracks a folder in place, and recovers from damage. */
class PersistenceTest {
    @TempDir
    Path tmp;

    private static JcfManager open(FileAdapter adapter) {
        JcfManager jcf = new JcfManager(JcfConfig.builder().author("tester").email("t@example.com").build());
        jcf.init(adapter);
        return jcf;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] binary(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        b[0] = 0;
        return b;
    }

    private static void assertVersion(JcfManager jcf, String id, Map<String, byte[]> files) throws IOException {
        assertThat(jcf.listFiles("", id)).extracting(FileInfo::path).as("files of %s", id)
                .containsExactlyElementsOf(files.keySet());
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            assertThat(jcf.getFileContent(e.getKey(), id)).as("%s in %s", e.getKey(), id).isEqualTo(e.getValue());
            try (InputStream in = jcf.streamFile(e.getKey(), id)) {
                assertThat(in.readAllBytes()).isEqualTo(e.getValue());
            }
        }
    }

    /** The seed's test_persistence: add, checkpoint, close, reopen with a new manager. */
    @Test
    void contentAndHistorySurviveCloseAndReopen() throws IOException {
        Path project = tmp.resolve("project");
        Map<String, byte[]> v1Files = new TreeMap<>();
        Map<String, byte[]> v2Files = new TreeMap<>();
        String v1;
        String v2;
        try (JcfManager jcf = open(new FileAdapter(project))) {
            jcf.addFile("test.txt", "Persistent data");
            jcf.addFile("img/logo.bin", binary(5000, 1));
            v1 = jcf.saveCheckpoint("Test");
            v1Files.put("img/logo.bin", binary(5000, 1));
            v1Files.put("test.txt", utf8("Persistent data"));
            jcf.addFile("test.txt", "Persistent data\r\nsecond line");
            jcf.addFile("docs/readme.md", "# Read me\n");
            v2 = jcf.saveCheckpoint("Second");
            v2Files.putAll(v1Files);
            v2Files.put("test.txt", utf8("Persistent data\r\nsecond line"));
            v2Files.put("docs/readme.md", utf8("# Read me\n"));
        }
        assertThat(project.resolve("manifest.json")).isRegularFile();
        assertThat(project.resolve("content/test.txt")).hasBinaryContent(utf8("Persistent data\r\nsecond line"));

        try (JcfManager jcf = open(new FileAdapter(project))) {
            assertThat(new String(jcf.getFileContent("test.txt"), StandardCharsets.UTF_8))
                    .isEqualTo("Persistent data\r\nsecond line");
            List<Version> history = jcf.getHistory();
            assertThat(history).extracting(Version::id, Version::message, Version::parentId)
                    .containsExactly(Tuple.tuple(v2, "Second", v1), Tuple.tuple(v1, "Test", null));
            assertThat(history.get(0).author()).isEqualTo("tester");
            assertThat(jcf.getCurrentVersion()).map(Version::id).contains(v2);
            assertThat(jcf.getStatus().isClean()).isTrue();
            assertVersion(jcf, v1, v1Files);
            assertVersion(jcf, v2, v2Files);

            jcf.restoreVersion(v1);
            assertThat(jcf.getFileContent("test.txt")).isEqualTo(utf8("Persistent data"));
            assertThat(project.resolve("content/docs/readme.md")).doesNotExist();
        }
        try (JcfManager jcf = open(new FileAdapter(project))) {
            assertThat(jcf.getCurrentVersion()).map(Version::id).contains(v1);
            assertThat(jcf.getStatus().isClean()).isTrue();
            assertThat(jcf.getHistory()).extracting(Version::id).containsExactly(v2, v1);
        }
    }

    /** A project versioning an existing folder in place (Options.workTree), edited with other programs. */
    @Test
    void workTreeFolderIsVersionedInPlaceAndEditsOnDiskAreDetected() throws IOException {
        Path work = tmp.resolve("my-folder");
        Files.createDirectories(work.resolve("sub"));
        Files.write(work.resolve("a.txt"), utf8("alpha\n"));
        Files.write(work.resolve("sub/b.bin"), binary(3000, 2));
        Files.write(work.resolve("c.txt"), utf8("charlie\r\n"));
        Path root = tmp.resolve("history");
        FileAdapter adapter = new FileAdapter(root, new FileAdapter.Options().workTree(work));

        String v1;
        String v2;
        try (JcfManager jcf = open(adapter)) {
            assertThat(jcf.listFiles()).extracting(FileInfo::path)
                    .containsExactlyInAnyOrder("a.txt", "c.txt", "sub/b.bin");
            assertThat(jcf.getStatus().added()).containsExactlyInAnyOrder("a.txt", "c.txt", "sub/b.bin");
            v1 = jcf.saveCheckpoint("existing files");
            assertThat(jcf.getStatus().isClean()).isTrue();
            assertThat(root.resolve("content")).doesNotExist();

            // edits made by other programs, straight on disk
            Files.write(work.resolve("a.txt"), utf8("alpha\nedited elsewhere\n"));
            Files.delete(work.resolve("sub/b.bin"));
            Files.createDirectories(work.resolve("moved"));
            Files.move(work.resolve("c.txt"), work.resolve("moved/c.txt"));
            Files.write(work.resolve("new.txt"), utf8("brand new"));

            WorkingCopyStatus st = jcf.getStatus();
            assertThat(st.modified()).containsExactly("a.txt");
            assertThat(st.deleted()).containsExactly("sub/b.bin");
            assertThat(st.added()).containsExactly("new.txt");
            assertThat(st.renamed()).extracting(RenameInfo::fromPath, RenameInfo::toPath)
                    .containsExactly(Tuple.tuple("c.txt", "moved/c.txt"));

            v2 = jcf.saveCheckpoint("edited on disk");
            assertThat(jcf.getVersion(v2).orElseThrow().changes()).isEqualTo(new ChangeSummary(1, 1, 1, 1));
            assertThat(jcf.getStatus().isClean()).isTrue();

            RestoreResult r = jcf.restoreVersion(v1);
            assertThat(r.autoSavedVersionId()).isNull();
            assertThat(work.resolve("a.txt")).hasBinaryContent(utf8("alpha\n"));
            assertThat(work.resolve("sub/b.bin")).hasBinaryContent(binary(3000, 2));
            assertThat(work.resolve("c.txt")).hasBinaryContent(utf8("charlie\r\n"));
            assertThat(work.resolve("moved/c.txt")).doesNotExist();
            assertThat(work.resolve("new.txt")).doesNotExist();
            assertThat(root.resolve("content")).doesNotExist();
        }
        try (JcfManager jcf = open(new FileAdapter(root, new FileAdapter.Options().workTree(work)))) {
            assertThat(jcf.getHistory()).extracting(Version::id).containsExactly(v2, v1);
            assertThat(jcf.getStatus().isClean()).isTrue();
            jcf.restoreVersion(v2);
            assertThat(work.resolve("moved/c.txt")).hasBinaryContent(utf8("charlie\r\n"));
            assertThat(work.resolve("new.txt")).hasBinaryContent(utf8("brand new"));
            assertThat(work.resolve("sub/b.bin")).doesNotExist();
        }
    }

    @Test
    void damagedManifestReopensFromTheKeptPreviousOne() throws IOException {
        Path project = tmp.resolve("project");
        String v1;
        String v2;
        try (JcfManager jcf = open(new FileAdapter(project))) {
            jcf.addFile("a.txt", "one");
            v1 = jcf.saveCheckpoint("one");
            jcf.addFile("a.txt", "two");
            jcf.addFile("b.bin", binary(2000, 3));
            v2 = jcf.saveCheckpoint("two");
        }
        assertThat(project.resolve("manifest.json.bak")).isRegularFile();
        Files.write(project.resolve("manifest.json"), utf8("{ this is not json \u0000 garbage"));

        String v3;
        try (JcfManager jcf = open(new FileAdapter(project))) {
            List<String> ids = jcf.getHistory().stream().map(Version::id).toList();
            assertThat(ids).contains(v1).isSubsetOf(v1, v2);
            assertVersion(jcf, v1, Map.of("a.txt", utf8("one")));
            if (ids.contains(v2)) {
                assertVersion(jcf, v2, new TreeMap<>(Map.of("a.txt", utf8("two"), "b.bin", binary(2000, 3))));
            }
            // the working copy still holds the newest files; a checkpoint records them again
            assertThat(jcf.getFileContent("a.txt")).isEqualTo(utf8("two"));
            jcf.addFile("c.txt", "three");
            v3 = jcf.saveCheckpoint("after repair");
            assertVersion(jcf, v3, new TreeMap<>(Map.of("a.txt", utf8("two"), "b.bin", binary(2000, 3),
                    "c.txt", utf8("three"))));
        }
        try (JcfManager jcf = open(new FileAdapter(project))) {
            assertThat(jcf.getHistory()).extracting(Version::id).contains(v3, v1);
            assertThat(jcf.getCurrentVersion()).map(Version::id).contains(v3);
            assertVersion(jcf, v1, Map.of("a.txt", utf8("one")));
            jcf.restoreVersion(v1);
            assertThat(jcf.getFileContent("a.txt")).isEqualTo(utf8("one"));
        }
    }

    @Test
    void uncommittedJournalTailIsIgnoredAndTheNextCheckpointWorks() throws IOException {
        Path project = tmp.resolve("project");
        String v1;
        try (JcfManager jcf = open(new FileAdapter(project))) {
            jcf.addFile("a.txt", "one\n");
            v1 = jcf.saveCheckpoint("one");
        }
        Path journal = project.resolve(".store/versions.jsonl");
        long committed = Files.size(journal);
        Files.write(journal, utf8("{\"id\":\"half-written\",\"changes\":[{\"pa"), StandardOpenOption.APPEND);
        Files.write(journal, new byte[] {0, (byte) 0xff, '\n', 'x'}, StandardOpenOption.APPEND);

        String v2;
        try (JcfManager jcf = open(new FileAdapter(project))) {
            assertThat(jcf.getHistory()).extracting(Version::id).containsExactly(v1);
            assertVersion(jcf, v1, Map.of("a.txt", utf8("one\n")));
            jcf.addFile("a.txt", "one\ntwo\n");
            v2 = jcf.saveCheckpoint("two");
        }
        assertThat(Files.readString(journal, StandardCharsets.ISO_8859_1)).doesNotContain("half-written");
        assertThat(Files.size(journal)).isGreaterThan(committed);
        try (JcfManager jcf = open(new FileAdapter(project))) {
            assertThat(jcf.getHistory()).extracting(Version::id).containsExactly(v2, v1);
            assertVersion(jcf, v1, Map.of("a.txt", utf8("one\n")));
            assertVersion(jcf, v2, Map.of("a.txt", utf8("one\ntwo\n")));
        }
    }

    /** listFiles documents "sorted by path"; on disk the working copy comes from a directory walk. */
    @Test
    void workingCopyListingIsSortedByPathOnDisk() {
        List<String> paths = new ArrayList<>();
        for (String name : List.of("zeta.txt", "alpha.txt", "m/inner.txt", "b.txt", "k/z.txt", "k/a.txt", "y.txt",
                "c.txt", "q/r/s.txt", "d.txt", "x.txt", "e.txt", "w.txt", "f.txt", "v.txt", "g.txt")) {
            paths.add(name);
        }
        try (JcfManager jcf = open(new FileAdapter(tmp.resolve("project")))) {
            for (String p : paths) {
                jcf.addFile(p, p);
            }
            String v = jcf.saveCheckpoint("many files");
            List<String> sorted = paths.stream().sorted().toList();
            assertThat(jcf.listFiles("", v)).extracting(FileInfo::path).containsExactlyElementsOf(sorted);
            assertThat(jcf.listFiles()).extracting(FileInfo::path).containsExactlyElementsOf(sorted);
        }
    }
}
