package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.history.SampleProject;
import io.kamaros.engine.store.FileAdapter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.model.JcfEvent;

/**
 * Issue 12, item 3: no target or path that is, contains or lies inside a project's history storage
 * is accepted (restore into a folder, export, addFile/appendToFile/removeFile/moveFile, import,
 * in-place restore), in the expanded layout and in a folder tracked in place, also through a
 * symbolic link or a {@code ..} detour; and opening a folder whose own files carry the history's
 * names is refused instead of overwriting them.
 */
class HistoryGuardTest {
    @TempDir
    Path tmp;

    /** An expanded-layout project with two versions, one holding a file named manifest.json. */
    private JcfManager expanded(Path root) {
        JcfManager jcf = SampleProject.open(new FileAdapter(root));
        jcf.addFile("a.txt", "one");
        jcf.addFile("manifest.json", "{\"user\": \"file\"}");
        jcf.addFile(".store/versions.jsonl", "not the journal");
        jcf.saveCheckpoint("first");
        jcf.addFile("a.txt", "two");
        jcf.saveCheckpoint("second");
        return jcf;
    }

    /** A folder tracked in place (history in folder/.kamaros), as the app makes it. */
    private static JcfManager tracked(Path folder) throws Exception {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("a.txt"), "one");
        JcfManager jcf = SampleProject.open(new FileAdapter(folder.resolve(".kamaros"),
                new FileAdapter.Options().workTree(folder)));
        jcf.saveCheckpoint("first");
        return jcf;
    }

    private static void assertRefused(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(ValidationException.class)
                .hasMessageContaining("history")
                .satisfies(e -> assertThat(((JcfException) e).code()).isEqualTo(ErrorCodes.VALIDATION_ERROR));
    }

    private static Map<String, byte[]> snapshot(Path dir) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("lock")).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static void assertSameFiles(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String k : before.keySet()) {
            assertThat(after.get(k)).as(k).isEqualTo(before.get(k));
        }
    }

    @Test
    void restoreIntoTheProjectRootOrItsStoreIsRefusedAndNothingChanges() throws Exception {
        Path root = tmp.resolve("p");
        List<Path> targets = new ArrayList<>(List.of(root, root.resolve(".store"), root.resolve(".store/blobs"),
                tmp, root.resolve("content/../.store"), root.resolve(".jcf")));
        Path link = tmp.resolve("link-to-project");
        Files.createDirectories(root);
        Files.createSymbolicLink(link, root);
        targets.add(link);
        targets.add(link.resolve(".store"));
        try (JcfManager jcf = expanded(root)) {
            String first = jcf.getHistory().get(jcf.getHistory().size() - 1).id();
            Map<String, byte[]> before = snapshot(root.resolve(".store"));
            byte[] manifest = Files.readAllBytes(root.resolve("manifest.json"));
            for (Path target : targets) {
                assertRefused(() -> jcf.restoreVersion(first, RestoreOptions.builder().target(target).build()));
            }
            assertThat(Files.readAllBytes(root.resolve("manifest.json"))).isEqualTo(manifest);
            assertSameFiles(before, snapshot(root.resolve(".store")));
        }
        try (JcfManager again = SampleProject.open(new FileAdapter(root))) {
            assertThat(again.getHistory()).hasSize(2);
            assertThat(again.verifyIntegrity(VerifyOptions.builder().deep(true).build()).valid()).isTrue();
        }
    }

    @Test
    void restoreIntoAnOrdinaryFolderAndIntoTheWorkingCopyStillWork() throws Exception {
        Path root = tmp.resolve("p");
        try (JcfManager jcf = expanded(root)) {
            String first = jcf.getHistory().get(1).id();
            Path out = tmp.resolve("out");
            jcf.restoreVersion(first, RestoreOptions.builder().target(out).build());
            assertThat(out.resolve("manifest.json")).hasContent("{\"user\": \"file\"}");
            assertThat(out.resolve("a.txt")).hasContent("one");
            jcf.restoreVersion(first);
            assertThat(root.resolve("content/a.txt")).hasContent("one");
            assertThat(root.resolve("content/manifest.json")).hasContent("{\"user\": \"file\"}");
        }
        try (JcfManager again = SampleProject.open(new FileAdapter(root))) {
            assertThat(again.getHistory()).hasSize(2);
        }
    }

    @Test
    void aRestoreTargetWhoseSubfolderLinksIntoTheHistoryIsRefused() throws Exception {
        Path root = tmp.resolve("p");
        try (JcfManager jcf = expanded(root)) {
            String first = jcf.getHistory().get(1).id();
            Path out = tmp.resolve("out");
            Files.createDirectories(out);
            // The version holds ".store/versions.jsonl": through this link it would land on the real journal.
            Files.createSymbolicLink(out.resolve(".store"), root.resolve(".store"));
            byte[] journal = Files.readAllBytes(root.resolve(".store/versions.jsonl"));
            assertRefused(() -> jcf.restoreVersion(first, RestoreOptions.builder().target(out).build()));
            assertThat(Files.readAllBytes(root.resolve(".store/versions.jsonl"))).isEqualTo(journal);
        }
    }

    @Test
    void inPlaceTrackingRefusesPathsIntoTheHistoryFolder() throws Exception {
        Path folder = tmp.resolve("art");
        try (JcfManager jcf = tracked(folder)) {
            Path history = folder.resolve(".kamaros");
            Map<String, byte[]> before = snapshot(history);
            assertRefused(() -> jcf.addFile(".kamaros/manifest.json", "{}"));
            assertRefused(() -> jcf.addFile(".kamaros/new.txt", "x"));
            assertRefused(() -> jcf.appendToFile(".kamaros/.store/versions.jsonl", "x".getBytes(StandardCharsets.UTF_8)));
            assertRefused(() -> jcf.removeFile(".kamaros/manifest.json"));
            assertRefused(() -> jcf.removeFile(".kamaros", true));
            assertRefused(() -> jcf.moveFile("a.txt", ".kamaros/manifest.json", true));
            assertRefused(() -> jcf.moveFile(".kamaros/manifest.json", "stolen.json"));
            // a link inside the work tree pointing at the history folder
            Files.createSymbolicLink(folder.resolve("h"), history);
            assertRefused(() -> jcf.addFile("h/manifest.json", "{}"));
            assertRefused(() -> jcf.removeFile("h/manifest.json"));
            String first = jcf.getHistory().get(0).id();
            assertRefused(() -> jcf.restoreVersion(first, RestoreOptions.builder().target(folder).build()));
            assertRefused(() -> jcf.restoreVersion(first, RestoreOptions.builder().target(history).build()));
            assertRefused(() -> jcf.export(history.resolve("x.jcf")));
            assertRefused(() -> jcf.export(history.resolve("manifest.json")));
            assertSameFiles(before, snapshot(history));
            assertThat(folder.resolve("a.txt")).hasContent("one");
            // the working copy never lists the history, nor what the link reaches
            assertThat(jcf.getStatus().added()).isEmpty();
            jcf.addFile("ok.txt", "fine");
            assertThat(jcf.saveCheckpoint("second")).isNotNull();
            assertThat(jcf.listFiles()).extracting(FileInfo::path).containsExactlyInAnyOrder("a.txt", "ok.txt");
        }
        try (JcfManager again = SampleProject.open(new FileAdapter(folder.resolve(".kamaros"),
                new FileAdapter.Options().workTree(folder)))) {
            assertThat(again.getHistory()).hasSize(2);
        }
    }

    @Test
    void anInPlaceRestoreOfAVersionHoldingTheHistorysNamesIsRefusedBeforeWriting() throws Exception {
        Path folder = tmp.resolve("art");
        Path history = folder.resolve(".kamaros");
        String version;
        // Saved while the same history was opened in the expanded layout, where ".kamaros/..." is an ordinary name.
        try (JcfManager jcf = SampleProject.open(new FileAdapter(history))) {
            jcf.addFile(".kamaros/manifest.json", "{\"evil\": true}");
            jcf.addFile("a.txt", "a");
            version = jcf.saveCheckpoint("holds a history name");
        }
        try (JcfManager jcf = SampleProject.open(new FileAdapter(history, new FileAdapter.Options().workTree(folder)))) {
            Map<String, byte[]> before = snapshot(history);
            assertRefused(() -> jcf.restoreVersion(version, RestoreOptions.builder().force(true).build()));
            assertRefused(() -> jcf.restoreVersion(version, RestoreOptions.builder().paths(".kamaros/manifest.json").build()));
            assertSameFiles(before, snapshot(history));
            assertThat(folder.resolve("a.txt")).doesNotExist(); // nothing of the refused restore was written
            jcf.restoreVersion(version, RestoreOptions.builder().paths("a.txt").build());
            assertThat(folder.resolve("a.txt")).hasContent("a");
        }
    }

    @Test
    void aWorkTreeNamedThroughALinkStillKeepsItsHistoryOut() throws Exception {
        Path real = tmp.resolve("real");
        Files.createDirectories(real);
        Files.writeString(real.resolve("a.txt"), "one");
        Path link = tmp.resolve("link");
        Files.createSymbolicLink(link, real);
        try (JcfManager jcf = SampleProject.open(new FileAdapter(real.resolve(".kamaros"),
                new FileAdapter.Options().workTree(link)))) {
            jcf.saveCheckpoint("first");
            assertThat(jcf.listFiles()).extracting(FileInfo::path).containsExactly("a.txt");
            assertRefused(() -> jcf.addFile(".kamaros/manifest.json", "{}"));
        }
    }

    @Test
    void exportOverTheManifestOrIntoTheStoreIsRefused() throws Exception {
        Path root = tmp.resolve("p");
        try (JcfManager jcf = expanded(root)) {
            byte[] manifest = Files.readAllBytes(root.resolve("manifest.json"));
            assertRefused(() -> jcf.export(root.resolve("manifest.json")));
            assertRefused(() -> jcf.export(root.resolve(".store/backup.jcf")));
            assertRefused(() -> jcf.export(tmp.resolve("p/content/../manifest.json")));
            assertThat(Files.readAllBytes(root.resolve("manifest.json"))).isEqualTo(manifest);
            assertThat(jcf.export(tmp.resolve("p.jcf")).versions()).isEqualTo(2);
            // beside the history in the project folder is fine: people keep their archives there
            assertThat(jcf.export(root.resolve("backup.jcf")).versions()).isEqualTo(2);
            String first = jcf.getHistory().get(1).id();
            jcf.restoreVersion(first, RestoreOptions.builder().target(root.resolve("old-copy")).build());
            assertThat(root.resolve("old-copy/a.txt")).hasContent("one");
        }
    }

    @Test
    void importingAnArchiveWhoseFilesWouldLandInTheHistoryIsRefused() throws Exception {
        Path root = tmp.resolve("p");
        Path archive = tmp.resolve("evil.jcf");
        Path source = tmp.resolve("src");
        try (JcfManager jcf = SampleProject.open(new FileAdapter(source))) {
            jcf.addFile(".kamaros/manifest.json", "{\"evil\": true}");
            jcf.saveCheckpoint("holds a history name");
            jcf.export(archive);
        }
        Path folder = tmp.resolve("art");
        Files.createDirectories(folder);
        try (JcfManager jcf = SampleProject.open(new FileAdapter(folder.resolve(".kamaros"),
                new FileAdapter.Options().workTree(folder)))) {
            Map<String, byte[]> before = snapshot(folder.resolve(".kamaros"));
            assertRefused(() -> jcf.importData(archive));
            assertSameFiles(before, snapshot(folder.resolve(".kamaros")));
            assertThat(jcf.getHistory()).isEmpty();
        }
        assertThat(root).doesNotExist();
    }

    @Test
    void openingAFolderWhoseOwnManifestJsonWouldBeOverwrittenIsRefused() throws Exception {
        Path folder = tmp.resolve("webapp");
        Files.createDirectories(folder);
        String users = "{\"name\": \"My App\", \"start_url\": \"/\", \"display\": \"standalone\"}";
        Files.writeString(folder.resolve("manifest.json"), users);
        Files.writeString(folder.resolve("index.html"), "<html></html>");
        JcfManager jcf = new JcfManager(SampleProject.config());
        try {
            assertThatThrownBy(() -> {
                jcf.init(new FileAdapter(folder));
                jcf.addFile("x.txt", "x");
                jcf.saveCheckpoint("first");
            }).isInstanceOf(ValidationException.class)
                    .satisfies(e -> assertThat(((JcfException) e).code()).isEqualTo(ErrorCodes.HISTORY_NAME_TAKEN))
                    .hasMessageContaining("manifest.json").hasMessageContaining("work tree");
        } finally {
            jcf.close();
        }
        assertThat(folder.resolve("manifest.json")).hasContent(users);
        assertThat(folder.resolve(".store")).doesNotExist();
    }

    @Test
    void aUsersFolderNamedLikeTheStoreIsNotTakenOver() throws Exception {
        Path folder = tmp.resolve("site");
        Files.createDirectories(folder.resolve(".store"));
        Files.writeString(folder.resolve(".store/catalog.txt"), "mine");
        try (JcfManager jcf = new JcfManager(SampleProject.config())) {
            assertThatThrownBy(() -> jcf.init(new FileAdapter(folder))).isInstanceOf(ValidationException.class)
                    .satisfies(e -> assertThat(((JcfException) e).code()).isEqualTo(ErrorCodes.HISTORY_NAME_TAKEN))
                    .hasMessageContaining(".store");
        }
        assertThat(folder.resolve("manifest.json")).doesNotExist();
        try (Stream<Path> s = Files.list(folder.resolve(".store"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("catalog.txt");
        }
    }

    @Test
    void creatingAProjectInAFolderWithFilesSaysTheyAreNotVersioned() throws Exception {
        Path folder = tmp.resolve("docs");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("notes.txt"), "mine");
        List<String> warnings = new ArrayList<>();
        try (JcfManager jcf = new JcfManager(SampleProject.config())) {
            jcf.on(JcfEvent.Warning.class, w -> warnings.add(w.message()));
            jcf.init(new FileAdapter(folder));
        }
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("notes.txt").contains("content"));
        assertThat(folder.resolve("notes.txt")).hasContent("mine");
    }
}
