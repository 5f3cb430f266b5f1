package io.kamaros.cli;

import static io.kamaros.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.cli.CliRunner.Result;
import io.kamaros.engine.objects.ProjectKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 6: the CLI opens encrypted projects. The password comes from {@code --password-file},
 * {@code KAMAROS_PASSWORD} or a no-echo prompt on a terminal (here a stand-in prompt), never from a
 * command-line value; {@code init --encrypt}; a wrong or missing password gives exit code 7 and the
 * engine's message, and without a terminal nothing waits for input.
 */
class CliPasswordTest {
    private static final String SECRET = "correct horse battery staple";
    private static String previousIterations;

    @TempDir
    Path tmp;

    @BeforeAll
    static void lowIterationsForTests() {
        previousIterations = System.setProperty(ProjectKey.TEST_ITERATIONS_PROPERTY, "1000");
    }

    @AfterAll
    static void restoreIterations() {
        if (previousIterations == null) {
            System.clearProperty(ProjectKey.TEST_ITERATIONS_PROPERTY);
        } else {
            System.setProperty(ProjectKey.TEST_ITERATIONS_PROPERTY, previousIterations);
        }
    }

    private static Map<String, String> envWith(String password) {
        Map<String, String> env = new HashMap<>(CliRunner.ENV);
        env.put(Passwords.ENV, password);
        return env;
    }

    private Path passwordFile(String text) throws Exception {
        Path f = tmp.resolve("pw-" + System.nanoTime() + ".txt");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static void ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    /** No file under .store/ holds the marker in the clear. */
    private static void assertNoPlaintext(Path project, String marker) throws Exception {
        try (Stream<Path> s = Files.walk(project.resolve(".store"))) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain(marker);
            }
        }
    }

    @Test
    void initEncryptThenEveryCommandWithAPasswordFile() throws Exception {
        Path file = passwordFile(SECRET + "\n");
        String pf = file.toString();
        ok(run(tmp, "init", "p", "--encrypt", "--password-file", pf));
        Path project = tmp.resolve("p");
        assertThat(Files.readString(project.resolve("manifest.json"))).contains("wrappedKey");
        Files.writeString(project.resolve("content/a.txt"), "SECRET-MARKER one\n");
        ok(run(project, "--password-file", pf, "commit", "-m", "one"));
        Files.writeString(project.resolve("content/a.txt"), "SECRET-MARKER two\n");
        ok(run(project, "commit", "-m", "two", "--password-file", pf));
        assertNoPlaintext(project, "SECRET-MARKER");

        Result log = run(project, "log", "--password-file", pf);
        ok(log);
        assertThat(log.out()).contains("one").contains("two");
        Result cat = run(project, "cat", "a.txt", "--version", "HEAD~1", "--password-file", pf);
        ok(cat);
        assertThat(cat.out()).isEqualTo("SECRET-MARKER one\n");
        ok(run(project, "restore", "HEAD~1", "--to", tmp.resolve("out").toString(), "--password-file", pf));
        assertThat(tmp.resolve("out/a.txt")).hasContent("SECRET-MARKER one\n");
        ok(run(project, "restore", "HEAD~1", "--password-file", pf));
        assertThat(project.resolve("content/a.txt")).hasContent("SECRET-MARKER one\n");
        Result verify = run(project, "verify", "--deep", "--password-file", pf);
        ok(verify);
        ok(run(project, "status", "--password-file", pf));
        ok(run(project, "show", "HEAD", "--password-file", pf));
        ok(run(project, "diff", "HEAD~1", "HEAD", "--password-file", pf));
        ok(run(project, "stats", "--password-file", pf));
        ok(run(project, "tag", "HEAD", "t1", "--password-file", pf));
        ok(run(project, "gc", "--password-file", pf));
        ok(run(project, "export", tmp.resolve("p.jcf").toString(), "--password-file", pf));
        ok(run(tmp, "import", "p.jcf", "q", "--password-file", pf));
        Result imported = run(tmp.resolve("q"), "cat", "a.txt", "--version", "t1", "--password-file", pf);
        ok(imported);
        assertThat(imported.out()).isEqualTo("SECRET-MARKER one\n"); // HEAD was restored to "one" before tagging
    }

    @Test
    void theEnvironmentVariableWorksTooAndTheFileWinsOverIt() throws Exception {
        Map<String, String> env = envWith(SECRET);
        ok(run(tmp, false, env, "init", "p", "--encrypt"));
        Path project = tmp.resolve("p");
        Files.writeString(project.resolve("content/a.txt"), "one\n");
        ok(run(project, false, env, "commit", "-m", "one"));
        Files.writeString(project.resolve("content/a.txt"), "two\n");
        ok(run(project, false, env, "commit", "-m", "two"));
        Result log = run(project, false, env, "--json", "log");
        ok(log);
        assertThat(log.json()).hasSize(2);
        Result cat = run(project, false, env, "cat", "a.txt", "--version", "HEAD~1");
        ok(cat);
        assertThat(cat.out()).isEqualTo("one\n");
        ok(run(project, false, env, "restore", "HEAD~1"));
        assertThat(project.resolve("content/a.txt")).hasContent("one\n");
        ok(run(project, false, env, "verify"));
        // an explicit file is used before the environment
        Result wrongFile = run(project, false, env, "log", "--password-file", passwordFile("not it").toString());
        assertThat(wrongFile.exit()).as(wrongFile.toString()).isEqualTo(ExitCodes.PASSWORD);
    }

    @Test
    void aWrongPasswordExits7WithTheEnginesMessageAndChangesNothing() throws Exception {
        ok(run(tmp, false, envWith(SECRET), "init", "p", "--encrypt"));
        Path project = tmp.resolve("p");
        Files.writeString(project.resolve("content/a.txt"), "one\n");
        ok(run(project, false, envWith(SECRET), "commit", "-m", "one"));
        byte[] manifest = Files.readAllBytes(project.resolve("manifest.json"));
        for (List<String> args : List.of(List.of("log"), List.of("commit", "-m", "x"), List.of("cat", "a.txt"),
                List.of("restore", "HEAD"), List.of("verify"), List.of("status"))) {
            Result r = run(project, false, envWith("guess"), args.toArray(String[]::new));
            assertThat(r.exit()).as(args + "\n" + r).isEqualTo(ExitCodes.PASSWORD);
            assertThat(r.err()).startsWith("kamaros: Wrong password for this encrypted project").doesNotContain("Exception");
            assertThat(r.err().lines().count()).isEqualTo(1);
        }
        List<String> json = new ArrayList<>(List.of("--json", "log"));
        Result r = run(project, false, envWith("guess"), json.toArray(String[]::new));
        assertThat(r.errorJson().at("/error/code").asText()).isEqualTo("WRONG_PASSWORD");
        assertThat(r.errorJson().at("/error/exitCode").asInt()).isEqualTo(ExitCodes.PASSWORD);
        assertThat(Files.readAllBytes(project.resolve("manifest.json"))).isEqualTo(manifest);
    }

    @Test
    void aMissingPasswordWithoutATerminalIsAClearErrorNotAWait() throws Exception {
        ok(run(tmp, false, envWith(SECRET), "init", "p", "--encrypt"));
        Path project = tmp.resolve("p");
        Result r = run(project, "log"); // no file, no variable, no terminal (prompt null)
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.PASSWORD);
        assertThat(r.err()).contains("This project is encrypted").contains("--password-file").contains(Passwords.ENV)
                .doesNotContain("Exception");
        Result json = run(project, "--json", "status");
        assertThat(json.errorJson().at("/error/code").asText()).isEqualTo("PASSWORD_REQUIRED");
        Result init = run(tmp, "init", "q", "--encrypt");
        assertThat(init.exit()).as(init.toString()).isEqualTo(ExitCodes.PASSWORD);
        assertThat(init.err()).contains("needs a password");
        assertThat(tmp.resolve("q/manifest.json")).doesNotExist();
    }

    @Test
    void onATerminalThePasswordIsAskedForAndANewOneTypedTwice() throws Exception {
        List<String> asked = new ArrayList<>();
        List<String> typed = new ArrayList<>(List.of(SECRET, SECRET));
        Passwords.Prompt prompt = text -> {
            asked.add(text);
            return typed.remove(0).toCharArray();
        };
        ok(run(tmp, true, CliRunner.ENV, prompt, "init", "p", "--encrypt"));
        assertThat(asked).hasSize(2);
        assertThat(asked.get(0)).startsWith("New password");
        Path project = tmp.resolve("p");
        Files.writeString(project.resolve("content/a.txt"), "one\n");
        typed.add(SECRET);
        ok(run(project, true, CliRunner.ENV, prompt, "commit", "-m", "one"));
        assertThat(asked.get(2)).startsWith("Password for");
        typed.add("wrong");
        assertThat(run(project, true, CliRunner.ENV, prompt, "log").exit()).isEqualTo(ExitCodes.PASSWORD);
        // confirmation that differs: nothing is created
        typed.addAll(List.of("abc", "abd"));
        Result differ = run(tmp, true, CliRunner.ENV, prompt, "init", "q", "--encrypt");
        assertThat(differ.exit()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(differ.err()).contains("differ");
        assertThat(tmp.resolve("q/manifest.json")).doesNotExist();
        // a plain project never asks
        ok(run(tmp, true, CliRunner.ENV, prompt, "init", "plain"));
        int before = asked.size();
        ok(run(tmp.resolve("plain"), true, CliRunner.ENV, prompt, "log"));
        assertThat(asked).hasSize(before);
    }

    @Test
    void aPasswordFileIsReadAsItsFirstLineAndItsProblemsAreClear() throws Exception {
        ok(run(tmp, "init", "p", "--encrypt", "--password-file", passwordFile(SECRET + "\r\nsecond line\n").toString()));
        Path project = tmp.resolve("p");
        ok(run(project, false, envWith(SECRET), "log"));
        Result missing = run(project, "log", "--password-file", tmp.resolve("nope.txt").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.FILE_NOT_FOUND);
        Result empty = run(project, "log", "--password-file", passwordFile("\n").toString());
        assertThat(empty.exit()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(empty.err()).contains("empty");
    }

    @Test
    void thereIsNoOptionThatTakesThePasswordItself() {
        Result r = run(tmp, "init", "p", "--encrypt", "--password", SECRET);
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(tmp.resolve("p/manifest.json")).doesNotExist();
    }
}
