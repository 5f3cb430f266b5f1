package io.kamaros.cli;

import static io.kamaros.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kamaros.cli.CliRunner.Result;
import io.kamaros.engine.objects.pack.PackIndex;
import io.kamaros.engine.objects.pack.PackReader;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.ProjectLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each class of failure gives its exit code and one clear line on stderr (a JSON object with --json), no stack trace. */
class CliErrorsTest {
    @TempDir
    Path tmp;
    Path project;

    @BeforeEach
    void projectWithOneVersion() throws IOException {
        project = tmp.resolve("p");
        assertThat(run(tmp, "init", "p").exit()).isZero();
        Files.write(project.resolve("content/data.bin"), randomBytes(4096));
        Files.writeString(project.resolve("content/a.txt"), "a\n");
        assertThat(run(project, "commit", "-m", "one").exit()).isZero();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    private static void assertOneLineError(Result r, int exit, String... fragments) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("kamaros: ").doesNotContain("\tat ", "Exception");
        for (String f : fragments) {
            assertThat(r.err()).contains(f);
        }
    }

    @Test
    void badArgumentsExit2() {
        assertOneLineError(run(project, "frobnicate"), ExitCodes.BAD_ARGUMENTS, "frobnicate");
        assertOneLineError(run(project, "log", "--no-such-option"), ExitCodes.BAD_ARGUMENTS, "--no-such-option", "kamaros help log");
        assertOneLineError(run(project, "commit"), ExitCodes.BAD_ARGUMENTS, "--message");
        assertOneLineError(run(project, "log", "-n", "many"), ExitCodes.BAD_ARGUMENTS, "many");
        assertOneLineError(run(project, "tag", "HEAD"), ExitCodes.BAD_ARGUMENTS, "VERSION NAME");
        assertOneLineError(run(project, "mv", "a.txt", "../escape.txt"), ExitCodes.BAD_ARGUMENTS);
        Result none = run(project);
        assertThat(none.exit()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(none.err()).contains("Usage: kamaros");
    }

    @Test
    void missingFilesAndProjectsExit3() {
        assertOneLineError(run(project, "add", "/no/such/file.txt"), ExitCodes.FILE_NOT_FOUND, "does not exist");
        assertOneLineError(run(project, "cat", "missing.txt"), ExitCodes.FILE_NOT_FOUND, "missing.txt");
        assertOneLineError(run(project, "cat", "missing.txt", "--version", "HEAD"), ExitCodes.FILE_NOT_FOUND, "missing.txt");
        assertOneLineError(run(project, "log", "--follow", "missing.txt"), ExitCodes.FILE_NOT_FOUND, "missing.txt");
        assertOneLineError(run(tmp, "status"), ExitCodes.FILE_NOT_FOUND, "No Kamaros project", "kamaros init");
        assertOneLineError(run(tmp, "import", "nothing.jcf"), ExitCodes.FILE_NOT_FOUND, "nothing.jcf");
    }

    @Test
    void unknownVersionsExit4() {
        for (List<String> args : List.of(List.of("show", "nope"), List.of("restore", "nope"),
                List.of("cat", "a.txt", "--version", "nope"), List.of("diff", "nope", "--", "a.txt"),
                List.of("tag", "nope", "t1"), List.of("show", "HEAD~5"), List.of("export", "x.jcf", "--version", "nope"))) {
            assertOneLineError(run(project, args.toArray(String[]::new)), ExitCodes.VERSION_NOT_FOUND, "kamaros log");
        }
    }

    @Test
    void damagedHistoryExits5() throws IOException {
        // One byte in the middle of every stored object: each entry of every pack.
        PackReader packs = PackReader.open(new FileAdapter(project));
        assertThat(packs.packs()).isNotEmpty();
        for (Map.Entry<String, PackIndex> pack : packs.packs().entrySet()) {
            Path file = project.resolve(".store/packs/" + pack.getKey() + ".pack");
            byte[] bytes = Files.readAllBytes(file);
            for (PackIndex.Entry e : pack.getValue().entries()) {
                if (e.storedLength() > 0) {
                    bytes[(int) (e.offset() + e.headerLength() + e.storedLength() / 2)] ^= 0x5a;
                }
            }
            Files.write(file, bytes);
        }
        Result verify = run(project, "verify", "--deep");
        assertThat(verify.exit()).as(verify.toString()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(verify.out()).contains("DAMAGED");
        Result json = run(project, "--json", "verify", "--deep");
        assertThat(json.exit()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(json.json().get("valid").asBoolean()).isFalse();
        Files.delete(project.resolve("content/data.bin")); // the working copy can no longer repair the blob
        assertOneLineError(run(project, "cat", "data.bin", "--version", "HEAD"), ExitCodes.INTEGRITY);
    }

    @Test
    void projectLockedByAnotherWriterExits6() throws IOException {
        try (ProjectLock held = new FileAdapter(project).tryLock().orElseThrow()) {
            Files.writeString(project.resolve("content/a.txt"), "changed\n");
            assertOneLineError(run(project, "commit", "-m", "blocked"), ExitCodes.LOCKED, "another program");
            Result json = run(project, "--json", "commit", "-m", "blocked");
            assertThat(json.exit()).isEqualTo(ExitCodes.LOCKED);
            JsonNode error = json.errorJson().get("error");
            assertThat(error.get("code").asText()).isEqualTo("CONCURRENT_MODIFICATION");
            assertThat(error.get("exitCode").asInt()).isEqualTo(ExitCodes.LOCKED);
            // Reading does not need the lock.
            assertThat(run(project, "log", "--oneline").exit()).isZero();
        }
        assertThat(run(project, "commit", "-m", "after").exit()).isZero();
    }

    @Test
    void generalFailuresExit1() {
        assertOneLineError(run(tmp, "init", "p"), ExitCodes.GENERAL, "already a Kamaros project");
        assertOneLineError(run(project, "commit", "-m", "same"), ExitCodes.GENERAL, "Nothing to commit");
    }

    @Test
    void jsonErrorsAreOneJsonObjectOnStderr() {
        Result r = run(project, "--json", "show", "nope");
        assertThat(r.exit()).isEqualTo(ExitCodes.VERSION_NOT_FOUND);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().count()).isEqualTo(1);
        JsonNode error = r.errorJson().get("error");
        assertThat(error.get("code").asText()).isEqualTo("VERSION_NOT_FOUND");
        assertThat(error.get("exitCode").asInt()).isEqualTo(4);
        assertThat(error.get("message").asText()).contains("nope");
        assertThat(error.get("details").get("versionId").asText()).isEqualTo("nope");
        Result bad = run(project, "--json", "log", "--bogus");
        assertThat(bad.exit()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(bad.errorJson().get("error").get("code").asText()).isEqualTo("BAD_ARGUMENTS");
    }

    @Test
    void debugAddsTheStackTrace() {
        Result r = run(project, "--debug", "show", "nope");
        assertThat(r.exit()).isEqualTo(ExitCodes.VERSION_NOT_FOUND);
        assertThat(r.err()).contains("VersionNotFoundException", "\tat ");
    }
}
