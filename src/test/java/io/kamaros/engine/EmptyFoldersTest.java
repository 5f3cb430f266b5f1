package io.kamaros.engine;

import static io.kamaros.Trees.deleteTree;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.NoChangesException;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.WorkingCopyStatus;

/**
 * Issue 12 item 5: empty folders (a project's skeleton matters to artists) are kept and restored
 * like files — recorded by a checkpoint, reported by status, recreated by a restore (in place and
 * into a folder), carried through export and import.
 */
class EmptyFoldersTest {
    @TempDir
    Path dir;

    private static JcfManager open(Path folder) {
        JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build());
        jcf.init(new FileAdapter(folder));
        return jcf;
    }

    private Path content() {
        return dir.resolve("p").resolve("content");
    }

    private void write(String rel, String text) throws IOException {
        Path p = content().resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private void mkdir(String rel) throws IOException {
        Files.createDirectories(content().resolve(rel));
    }

    @Test
    void anEmptyFolderIsCheckpointedAndADeletedOneComesBackOnRestore() throws IOException {
        write("scene.blend", "scene");
        mkdir("renders/final");
        mkdir("textures");
        Files.writeString(content().resolve("textures/.DS_Store"), "litter"); // ignored: still empty
        try (JcfManager jcf = open(dir.resolve("p"))) {
            WorkingCopyStatus st = jcf.getStatus();
            assertThat(st.foldersAdded()).containsExactly("renders/final", "textures");
            String v1 = jcf.saveCheckpoint("skeleton");
            assertThat(jcf.getVersion(v1).orElseThrow().emptyFolders()).containsExactly("renders/final", "textures");
            assertThat(jcf.getStatus().isClean()).isTrue();

            deleteTree(content().resolve("renders"));
            st = jcf.getStatus();
            assertThat(st.foldersRemoved()).containsExactly("renders/final");
            assertThat(st.isClean()).isFalse();

            jcf.restoreVersion(v1);
            assertThat(content().resolve("renders/final")).isEmptyDirectory();
            assertThat(jcf.getStatus().isClean()).isTrue();
        }
    }

    @Test
    void aNewEmptyFolderAloneIsAChangeToSave() throws IOException {
        write("a.txt", "a");
        try (JcfManager jcf = open(dir.resolve("p"))) {
            String v1 = jcf.saveCheckpoint("first");
            mkdir("new folder");
            assertThat(jcf.getStatus().changeCount()).isEqualTo(1);
            String v2 = jcf.saveCheckpoint("a folder");
            assertThat(v2).isNotEqualTo(v1);
            assertThat(jcf.getVersion(v1).orElseThrow().emptyFolders()).isEmpty();
            assertThat(jcf.getVersion(v2).orElseThrow().emptyFolders()).containsExactly("new folder");

            // Back to v1: the folder it does not have is removed along with files; then forward again.
            jcf.restoreVersion(v1);
            assertThat(content().resolve("new folder")).doesNotExist();
            jcf.restoreVersion(v2);
            assertThat(content().resolve("new folder")).isEmptyDirectory();
        }
    }

    @Test
    void aFolderThatGetsFilesAndLosesThemAgain() throws IOException {
        write("a.txt", "a");
        mkdir("f");
        try (JcfManager jcf = open(dir.resolve("p"))) {
            String v1 = jcf.saveCheckpoint("empty f");
            write("f/x.txt", "x");
            assertThat(jcf.getStatus().foldersRemoved()).as("its file implies it now").containsExactly("f");
            String v2 = jcf.saveCheckpoint("f has a file");
            assertThat(jcf.getVersion(v2).orElseThrow().emptyFolders()).isEmpty();
            Files.delete(content().resolve("f/x.txt"));
            assertThat(jcf.getStatus().foldersAdded()).containsExactly("f");
            String v3 = jcf.saveCheckpoint("f empty again");
            assertThat(jcf.getVersion(v3).orElseThrow().emptyFolders()).containsExactly("f");

            jcf.restoreVersion(v2);
            assertThat(content().resolve("f/x.txt")).hasContent("x");
            jcf.restoreVersion(v1); // deleting f/x.txt must not take the empty folder with it
            assertThat(content().resolve("f")).isEmptyDirectory();
            assertThat(jcf.getStatus().isClean()).isTrue();
        }
    }

    @Test
    void restoreIntoAFolderRecreatesTheEmptyFolders() throws IOException {
        write("a.txt", "a");
        mkdir("skeleton/audio");
        try (JcfManager jcf = open(dir.resolve("p"))) {
            String v1 = jcf.saveCheckpoint("skeleton");
            Path out = dir.resolve("out");
            jcf.restoreVersion(v1, RestoreOptions.builder().target(out).build());
            assertThat(out.resolve("a.txt")).hasContent("a");
            assertThat(out.resolve("skeleton/audio")).isEmptyDirectory();
        }
    }

    @Test
    void exportAndImportKeepEmptyFolders() throws IOException {
        write("a.txt", "a");
        mkdir("skeleton/audio");
        Path archive = dir.resolve("p.jcf");
        String v1;
        String v2;
        try (JcfManager jcf = open(dir.resolve("p"))) {
            v1 = jcf.saveCheckpoint("skeleton");
            deleteTree(content().resolve("skeleton"));
            mkdir("later");
            v2 = jcf.saveCheckpoint("other skeleton");
            jcf.export(archive);
        }
        try (JcfManager imported = open(dir.resolve("q"))) {
            imported.importData(archive);
            assertThat(imported.getVersion(v1).orElseThrow().emptyFolders()).containsExactly("skeleton/audio");
            assertThat(imported.getVersion(v2).orElseThrow().emptyFolders()).containsExactly("later");
            Path q = dir.resolve("q").resolve("content");
            assertThat(q.resolve("later")).isEmptyDirectory();
            imported.restoreVersion(v1);
            assertThat(q.resolve("skeleton/audio")).isEmptyDirectory();
            assertThat(q.resolve("later")).doesNotExist();
        }
    }

    @Test
    void restoringChosenFilesLeavesFoldersAlone() throws IOException {
        write("a.txt", "a");
        mkdir("kept");
        try (JcfManager jcf = open(dir.resolve("p"))) {
            String v1 = jcf.saveCheckpoint("first");
            Files.delete(content().resolve("kept"));
            mkdir("new");
            write("a.txt", "changed");
            jcf.restoreVersion(v1, RestoreOptions.builder().paths("a.txt").build());
            assertThat(content().resolve("a.txt")).hasContent("a");
            assertThat(content().resolve("kept")).doesNotExist();
            assertThat(content().resolve("new")).isEmptyDirectory();
        }
    }

    @Test
    void anEncryptedProjectKeepsEmptyFoldersToo() throws IOException {
        write("a.txt", "a");
        mkdir("skeleton");
        JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build());
        jcf.init(new FileAdapter(dir.resolve("p")), "a long password".toCharArray());
        try (jcf) {
            String v1 = jcf.saveCheckpoint("first");
            assertThat(jcf.getVersion(v1).orElseThrow().emptyFolders()).containsExactly("skeleton");
            Files.delete(content().resolve("skeleton"));
            jcf.restoreVersion(v1);
            assertThat(content().resolve("skeleton")).isEmptyDirectory();
        }
    }

    @Test
    void anArchiveListingAFileAsAnEmptyFolderIsRefused() throws IOException {
        write("a.txt", "a");
        mkdir("skeleton");
        Path archive = dir.resolve("p.jcf");
        try (JcfManager jcf = open(dir.resolve("p"))) {
            jcf.saveCheckpoint("first");
            jcf.export(archive);
        }
        Path bad = dir.resolve("bad.jcf");
        rewriteManifest(archive, bad, json -> json.replace("\"emptyFolders\":[\"skeleton\"]",
                "\"emptyFolders\":[\"a.txt\"]"));
        try (JcfManager imported = open(dir.resolve("q"))) {
            Assertions.assertThatThrownBy(() -> imported.importData(bad))
                    .isInstanceOf(CorruptionException.class).hasMessageContaining("both as a file and as an empty folder");
            assertThat(imported.getHistory()).isEmpty();
        }
    }

    @Test
    void anAdapterThatCannotListFoldersNeverRecordsThemAsDeleted() throws IOException {
        write("a.txt", "a");
        mkdir("skeleton");
        String v1;
        try (JcfManager jcf = open(dir.resolve("p"))) {
            v1 = jcf.saveCheckpoint("first");
        }
        // A decorator that does not pass folder listing on (as user adapters written before may not).
        JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build());
        jcf.init(new UnreadableAdapter(new FileAdapter(dir.resolve("p"))));
        try (jcf) {
            assertThat(jcf.getStatus().isClean()).as("unknown folders are taken as HEAD has them").isTrue();
            write("b.txt", "b");
            String v2 = jcf.saveCheckpoint("second");
            assertThat(jcf.getVersion(v2).orElseThrow().emptyFolders()).containsExactly("skeleton");
            jcf.restoreVersion(v1);
            assertThat(content().resolve("skeleton")).isEmptyDirectory();
        }
    }

    /**
     * Random edits of a small tree (empty folders made and removed, files written into them and
     * deleted), checkpointed now and then; afterwards every version, restored in place (in a
     * shuffled order) and into a folder, must give back the tree exactly as it was saved: the same
     * files and the same empty folders. The expected empty folders are read off the disk at each
     * checkpoint, independently of the engine. Sequences: -Dkamaros.emptyFolders.rounds (default
     * 12; nightly 300).
     */
    @Test
    void everyVersionGivesBackItsTreeOfFilesAndEmptyFolders() throws IOException {
        int rounds = Integer.getInteger("kamaros.emptyFolders.rounds", 12);
        for (int round = 0; round < rounds; round++) {
            Random rnd = new Random(round * 7919L + 1);
            Path project = dir.resolve("r" + round);
            Path c = project.resolve("content");
            Files.createDirectories(c);
            Map<String, SortedMap<String, String>> expected = new LinkedHashMap<>();
            String[] names = {"a", "b", "a/x", "a/y", "b/x", "a/x/deep"};
            try (JcfManager jcf = open(project)) {
                for (int step = 0; step < 14; step++) {
                    String folder = names[rnd.nextInt(names.length)];
                    switch (rnd.nextInt(5)) {
                        case 0 -> Files.createDirectories(c.resolve(folder));
                        case 1 -> {
                            Path f = c.resolve(folder).resolve("f" + rnd.nextInt(2) + ".txt");
                            Files.createDirectories(f.getParent());
                            Files.writeString(f, "s" + step);
                        }
                        case 2 -> {
                            if (Files.exists(c.resolve(folder))) {
                                deleteTree(c.resolve(folder));
                            }
                        }
                        case 3 -> {
                            Path f = c.resolve(folder).resolve("f0.txt");
                            Files.deleteIfExists(f);
                        }
                        default -> {
                            SortedMap<String, String> tree = tree(c);
                            try {
                                expected.put(jcf.saveCheckpoint("step " + step), tree);
                            } catch (NoChangesException e) {
                                assertThat(expected).isNotEmpty();
                            }
                        }
                    }
                }
                SortedMap<String, String> last = tree(c);
                try {
                    expected.put(jcf.saveCheckpoint("last"), last);
                } catch (NoChangesException e) {
                    assertThat(expected).isNotEmpty();
                }
                List<String> ids = new ArrayList<>(expected.keySet());
                Collections.shuffle(ids, rnd);
                for (String id : ids) {
                    jcf.restoreVersion(id);
                    assertThat(tree(c)).as("round %d, version restored in place", round).isEqualTo(expected.get(id));
                    assertThat(jcf.getStatus().isClean()).isTrue();
                    Path out = dir.resolve("out-" + round + "-" + id);
                    jcf.restoreVersion(id, RestoreOptions.builder().target(out).build());
                    assertThat(tree(out)).as("round %d, version restored into a folder", round)
                            .isEqualTo(expected.get(id));
                }
            }
        }
    }

    /** Files (path → content) and empty folders (path/ → "") under {@code root}, as the disk has them. */
    private static SortedMap<String, String> tree(Path root) throws IOException {
        SortedMap<String, String> out = new TreeMap<>();
        try (var s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (p.equals(root)) {
                    continue;
                }
                if (Files.isRegularFile(p)) {
                    out.put(rel, Files.readString(p));
                } else if (Files.isDirectory(p)) {
                    try (var entries = Files.list(p)) {
                        if (entries.findAny().isEmpty()) {
                            out.put(rel + "/", "");
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Copies a .jcf archive with its manifest.json changed by {@code edit}. */
    private static void rewriteManifest(Path from, Path to, UnaryOperator<String> edit)
            throws IOException {
        try (var in = new ZipInputStream(Files.newInputStream(from));
             var out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals("manifest.json")) {
                    String json = new String(data, StandardCharsets.UTF_8);
                    String changed = edit.apply(json);
                    assertThat(changed).isNotEqualTo(json);
                    data = changed.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
    }
}
