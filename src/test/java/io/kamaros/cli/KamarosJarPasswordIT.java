package io.kamaros.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.objects.ProjectKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 6 through the packaged jar as a real process: with no terminal attached and stdin
 * left open, an encrypted project without a password ends at once with exit code 7 instead of
 * waiting for input; {@code KAMAROS_PASSWORD} and {@code --password-file} open it.
 */
class KamarosJarPasswordIT {
    private static Path jar;

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void findTheJar() {
        jar = Path.of(System.getProperty("kamaros.jar", "target/kamaros.jar")).toAbsolutePath();
        assertThat(jar).isRegularFile();
    }

    private Run java(Path cwd, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + ProjectKey.TEST_ITERATIONS_PROPERTY + "=1000", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().remove(Passwords.ENV);
        pb.environment().put("JCF_AUTHOR", "Process Tester");
        pb.environment().putAll(env);
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()); // stdin stays an open pipe: reading it would block
        Process p = pb.start();
        boolean finished = p.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        assertThat(finished).as("finished without waiting for input").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void anEncryptedProjectThroughTheJar() throws Exception {
        Map<String, String> withPassword = Map.of(Passwords.ENV, "s3cret pass");
        assertThat(java(tmp, withPassword, "init", "p", "--encrypt").exit()).isZero();
        Path project = tmp.resolve("p");
        Files.writeString(project.resolve("content/a.txt"), "hello\n");
        assertThat(java(project, withPassword, "commit", "-m", "one").exit()).isZero();

        Run missing = java(project, Map.of(), "log");
        assertThat(missing.exit()).as(missing.err()).isEqualTo(ExitCodes.PASSWORD);
        assertThat(missing.err()).contains("This project is encrypted").contains("--password-file");

        Run wrong = java(project, Map.of(Passwords.ENV, "guess"), "log");
        assertThat(wrong.exit()).isEqualTo(ExitCodes.PASSWORD);
        assertThat(wrong.err()).startsWith("kamaros: Wrong password");

        Path file = Files.writeString(tmp.resolve("pw"), "s3cret pass\n");
        Run cat = java(project, Map.of(), "cat", "a.txt", "--password-file", file.toString());
        assertThat(cat.exit()).as(cat.err()).isZero();
        assertThat(cat.out()).isEqualTo("hello\n");
    }
}
