package io.kamaros.app.demo;

import static io.kamaros.Trees.deleteTree;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.TestApp;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileHistoryEntry;
import io.kamaros.engine.model.Version;
import io.kamaros.frontend.ProjectLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoProjectGeneratorTest {
    private static final CheckpointOptions AUTOMATIC = CheckpointOptions.builder().automatic(true).build();

    @TempDir
    Path dir;

    @Test
    void theDemoHasARichHistoryWithABranch() {
        ProjectLocation location = TestApp.demoCopy(dir);
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(location.adapter());
            List<Version> history = jcf.getHistory();
            assertThat(history).hasSize(25);
            assertThat(history.stream().map(Version::author).distinct()).containsExactlyInAnyOrder(
                    "Maja Kowalska", "Tom Reed", "Ana Silva");
            assertThat(history.stream().flatMap(v -> v.tags().stream()))
                    .containsExactlyInAnyOrder("first-draft", "sent-to-editor", "alt-ending", "v1.0");
            // several simulated weeks, oldest first in the journal
            Version newest = history.get(0);
            Version oldest = history.get(history.size() - 1);
            assertThat(Duration.between(oldest.timestamp(), newest.timestamp())).isGreaterThan(Duration.ofDays(28));
            // the graph forks: one version has two children
            Map<String, Long> children = history.stream().filter(v -> v.parentId() != null)
                    .collect(Collectors.groupingBy(Version::parentId, Collectors.counting()));
            assertThat(children.values()).contains(2L);
            // HEAD is the newest version of the main line
            assertThat(jcf.getCurrentVersion().orElseThrow().tags()).contains("v1.0");
            // a rename and a deletion are in the history
            assertThat(history.stream().mapToInt(v -> v.changes().renamed()).sum()).isGreaterThanOrEqualTo(2);
            assertThat(history.stream().mapToInt(v -> v.changes().deleted()).sum()).isGreaterThanOrEqualTo(1);
            // the working copy is the files of HEAD, nothing unsaved
            assertThat(jcf.getStatus().isClean()).isTrue();
            assertThat(Files.exists(location.workTree().resolve("chapters/03-the-silver-fountain.md"))).isTrue();
            assertThat(Files.exists(location.workTree().resolve("notes/todo.txt"))).isFalse();
        }
    }

    @Test
    void anAutomaticSaveInTheDemoIsByThePersonWhoseWorkItKeeps() throws IOException {
        ProjectLocation location = TestApp.demoCopy(dir);
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().build())) { // the app before a name is given
            jcf.init(location.adapter());
            Files.writeString(location.workTree().resolve("README.md"), "more notes\n", StandardOpenOption.APPEND);
            Version onMaja = jcf.getVersion(jcf.saveCheckpoint("Automatic save", AUTOMATIC)).orElseThrow();
            assertThat(onMaja.author()).isEqualTo("Maja Kowalska"); // the current version is her last proofreading
            Version toms = jcf.getHistory().stream().filter(v -> v.message().startsWith("Fox: longer tail"))
                    .findFirst().orElseThrow();
            jcf.restoreVersion(toms.id());
            Files.writeString(location.workTree().resolve("notes-on-the-fox.txt"), "the tail again\n");
            Version onTom = jcf.getVersion(jcf.saveCheckpoint("Automatic save", AUTOMATIC)).orElseThrow();
            assertThat(onTom.author()).isEqualTo("Tom Reed"); // not the project's first author, Maja
            assertThat(onTom.email()).isEqualTo("tom@example.com");
        }
    }

    @Test
    void imagesArePngsThatChangeBetweenVersionsAndTextFollowsRenames() {
        ProjectLocation location = TestApp.demoCopy(dir);
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(location.adapter());
            List<FileHistoryEntry> fox = jcf.getFileHistory("illustrations/fox.png");
            assertThat(fox.stream().map(FileHistoryEntry::changeType)).contains(ChangeType.ADDED, ChangeType.RENAMED,
                    ChangeType.MODIFIED);
            assertThat(fox.stream().map(FileHistoryEntry::hash).distinct().count()).isGreaterThanOrEqualTo(3);
            byte[] png = jcf.getFileContent("illustrations/fox.png");
            assertThat(Arrays.copyOf(png, 4)).containsExactly(0x89, 'P', 'N', 'G');
            Map<String, Long> types = jcf.listFiles().stream().collect(Collectors.groupingBy(
                    f -> f.path().substring(f.path().lastIndexOf('.') + 1), Collectors.counting()));
            assertThat(types).containsKeys("md", "json", "yaml", "py", "png");
        }
    }

    @Test
    void generationIsDeterministic() {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Instant now = Instant.parse("2026-11-01T12:00:00Z");
        new DemoProjectGenerator().generate(mk(a), now);
        new DemoProjectGenerator().generate(mk(b), now);
        try (JcfManager ja = new JcfManager(); JcfManager jb = new JcfManager()) {
            ja.init(ProjectLocation.trackedFolder(a).adapter());
            jb.init(ProjectLocation.trackedFolder(b).adapter());
            Function<JcfManager, List<String>> summary = j -> j.getHistory().stream()
                    .map(v -> v.timestamp() + " " + v.author() + " " + v.message() + " " + v.tags()
                            + " " + v.fileStates().values().stream().map(s -> s.path() + "=" + s.hash()).sorted().toList())
                    .toList();
            assertThat(summary.apply(ja)).isEqualTo(summary.apply(jb));
        }
    }

    @Test
    void ensureGeneratesOnlyWhenMissing() throws Exception {
        Path home = dir.resolve("demo-home");
        assertThat(DemoProjectGenerator.isReady(home)).isFalse(); // the app then generates it after showing its window
        ProjectLocation first = DemoProjectGenerator.ensure(home);
        assertThat(DemoProjectGenerator.isReady(home)).isTrue();
        Path marker = first.workTree().resolve("README.md");
        Files.writeString(marker, "changed by the person");
        ProjectLocation again = DemoProjectGenerator.ensure(home);
        assertThat(again).isEqualTo(first);
        assertThat(Files.readString(marker)).isEqualTo("changed by the person"); // kept, not regenerated
        deleteTree(first.historyRoot());
        assertThat(DemoProjectGenerator.isReady(home)).isFalse();
        ProjectLocation regenerated = DemoProjectGenerator.ensure(home);
        assertThat(DemoProjectGenerator.isReady(home)).isTrue();
        assertThat(Files.readString(regenerated.workTree().resolve("README.md"))).startsWith("# Moonlit Garden");
    }

    private static Path mk(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
