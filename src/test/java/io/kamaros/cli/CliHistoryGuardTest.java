package io.kamaros.cli;

import static io.kamaros.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 3 through the command line: {@code restore --to}, {@code export}, {@code rm},
 * {@code mv} and {@code add --to} refuse anything that is, contains or lies inside the project's
 * history, in the CLI's layout and in a folder versioned in place; {@code init} in a folder whose
 * own {@code manifest.json} it would overwrite is refused. Exit code 2, one line, nothing changed.
 */
class CliHistoryGuardTest {
    @TempDir
    Path tmp;

    private static Map<String, byte[]> snapshot(Path dir) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("lock")).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static void assertRefused(Result r) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(r.err()).startsWith("kamaros: ").contains("history").doesNotContain("Exception");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    private static void assertSame(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((k, v) -> assertThat(after.get(k)).as(k).isEqualTo(v));
    }

    @Test
    void restoreAndExportIntoTheProjectAreRefused() throws Exception {
        assertThat(run(tmp, "init", "p").exit()).isZero();
        Path project = tmp.resolve("p");
        Files.writeString(project.resolve("content/manifest.json"), "{\"mine\": 1}");
        assertThat(run(project, "commit", "-m", "one").exit()).isZero();
        Files.writeString(project.resolve("content/a.txt"), "a");
        assertThat(run(project, "commit", "-m", "two").exit()).isZero();
        Map<String, byte[]> history = snapshot(project);
        history.keySet().removeIf(k -> k.startsWith("content"));
        for (String to : new String[] {".", project.toString(), ".store", "..", "content/../.store", ".jcf"}) {
            assertRefused(run(project, "restore", "HEAD~1", "--to", to));
        }
        assertRefused(run(project, "export", "manifest.json"));
        assertRefused(run(project, "export", ".store/x.jcf"));
        Map<String, byte[]> after = snapshot(project);
        after.keySet().removeIf(k -> k.startsWith("content"));
        assertSame(history, after);
        Result log = run(project, "--json", "log");
        assertThat(log.json()).hasSize(2);
        assertThat(run(project, "verify", "--deep").exit()).isZero();
        // elsewhere it works, also beside the history in the project folder
        assertThat(run(project, "export", "backup.jcf").exit()).isZero();
        assertThat(run(project, "restore", "HEAD~1", "--to", tmp.resolve("out").toString()).exit()).isZero();
        assertThat(tmp.resolve("out/manifest.json")).hasContent("{\"mine\": 1}");
    }

    @Test
    void aFolderVersionedInPlaceKeepsItsHistoryFolderToItself() throws Exception {
        Path folder = tmp.resolve("art");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("a.txt"), "a");
        assertThat(run(tmp, "init", "--work-tree", "art").exit()).isZero();
        assertThat(run(folder, "commit", "-m", "one").exit()).isZero();
        Path history = folder.resolve(".kamaros");
        Map<String, byte[]> before = snapshot(history);
        assertRefused(run(folder, "restore", "HEAD", "--to", "."));
        assertRefused(run(folder, "restore", "HEAD", "--to", ".kamaros"));
        assertRefused(run(folder, "restore", "HEAD", "--to", ".kamaros/.store"));
        assertRefused(run(folder, "rm", ".kamaros/manifest.json"));
        assertRefused(run(folder, "rm", "-r", ".kamaros"));
        assertRefused(run(folder, "mv", "a.txt", ".kamaros/manifest.json"));
        Path outside = tmp.resolve("x.txt");
        Files.writeString(outside, "x");
        assertRefused(run(folder, "add", outside.toString(), "--to", ".kamaros"));
        assertRefused(run(folder, "export", ".kamaros/manifest.json"));
        assertSame(before, snapshot(history));
        assertThat(folder.resolve("a.txt")).hasContent("a");
        Result status = run(folder, "--json", "status");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.json().get("clean").asBoolean()).isTrue(); // the history folder is never a change
        assertThat(status.json().get("files").asInt()).isEqualTo(1);
    }

    @Test
    void initInAFolderWithItsOwnManifestJsonLeavesItAlone() throws Exception {
        Path folder = tmp.resolve("webapp");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("manifest.json"), "{\"name\": \"My App\"}");
        Result r = run(tmp, "init", "webapp");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(r.err()).contains("manifest.json").contains("--work-tree").doesNotContain("Exception");
        assertThat(folder.resolve("manifest.json")).hasContent("{\"name\": \"My App\"}");
        assertThat(folder.resolve(".store")).doesNotExist();
        // what it suggests works
        assertThat(run(tmp, "init", "--work-tree", "webapp").exit()).isZero();
        assertThat(run(folder, "commit", "-m", "one").exit()).isZero();
        Result cat = run(folder, "cat", "manifest.json", "--version", "HEAD");
        assertThat(cat.out()).isEqualTo("{\"name\": \"My App\"}");
    }
}
