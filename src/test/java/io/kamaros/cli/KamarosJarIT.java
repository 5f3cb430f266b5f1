package io.kamaros.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code kamaros.jar} run as a real process ({@code java -jar}), as people and scripts
 * run it: runs after {@code package} within {@code mvn verify} (failsafe).
 */
class KamarosJarIT {
    private static Path jar;
    private static Path script;

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void findTheJar() {
        jar = Path.of(System.getProperty("kamaros.jar", "target/kamaros.jar")).toAbsolutePath();
        script = jar.resolveSibling("kamaros");
        assertThat(jar).isRegularFile();
    }

    private Run java(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        return exec(cwd, command);
    }

    private Run exec(Path cwd, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().put("JCF_AUTHOR", "Process Tester");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("finished in time").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void initAddCommitLogThroughTheJar() throws Exception {
        Path outside = Files.writeString(tmp.resolve("poem.txt"), "Roses are red\n");
        Run init = java(tmp, "init", "proj");
        assertThat(init.exit()).as(init.err()).isZero();
        Path project = tmp.resolve("proj");
        assertThat(java(project, "add", outside.toString()).exit()).isZero();
        Run commit = java(project, "commit", "-m", "A poem", "--tag", "first");
        assertThat(commit.exit()).as(commit.err()).isZero();
        assertThat(commit.out()).contains("] A poem");

        Run log = java(project, "log", "--json");
        assertThat(log.exit()).as(log.err()).isZero();
        assertThat(log.err()).isEmpty(); // no logging noise, no JavaFX warnings
        JsonNode versions = new ObjectMapper().readTree(log.out());
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).get("message").asText()).isEqualTo("A poem");
        assertThat(versions.get(0).get("author").asText()).isEqualTo("Process Tester");
        assertThat(versions.get(0).get("tags").get(0).asText()).isEqualTo("first");
        Run cat = java(project, "cat", "poem.txt", "--version", "first");
        assertThat(cat.out()).isEqualTo("Roses are red\n");
    }

    @Test
    void aPartialCommitThroughTheJarSavesOnlyTheNamedFiles() throws Exception {
        Run init = java(tmp, "init", "proj");
        assertThat(init.exit()).as(init.err()).isZero();
        Path project = tmp.resolve("proj");
        Path content = project.resolve("content");
        Files.createDirectories(content.resolve("ch"));
        Files.writeString(content.resolve("ch/one.txt"), "one\n");
        Files.writeString(content.resolve("two.txt"), "two\n");
        assertThat(java(project, "commit", "-m", "Both").exit()).isZero();
        Files.writeString(content.resolve("ch/one.txt"), "one, edited\n");
        Files.writeString(content.resolve("two.txt"), "two, edited\n");

        Run partial = java(content.resolve("ch"), "--json", "commit", "-m", "Only one", "--", "one.txt");
        assertThat(partial.exit()).as(partial.err()).isZero();
        JsonNode saved = new ObjectMapper().readTree(partial.out());
        assertThat(saved.get("saved").get(0).asText()).isEqualTo("ch/one.txt");
        assertThat(saved.get("unsaved").get(0).asText()).isEqualTo("two.txt");
        Run status = java(project, "status", "-s");
        assertThat(status.out().strip()).isEqualTo("M two.txt");
        assertThat(Files.readString(content.resolve("two.txt"))).isEqualTo("two, edited\n");
    }

    @Test
    void versionAndExitCodesThroughTheJar() throws Exception {
        Run version = java(tmp, "--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).matches("kamaros \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n");
        assertThat(java(tmp, "init", "p").exit()).isZero();
        Run missing = java(tmp.resolve("p"), "show", "no-such-version");
        assertThat(missing.exit()).isEqualTo(ExitCodes.VERSION_NOT_FOUND);
        assertThat(missing.err()).startsWith("kamaros: No version 'no-such-version'").doesNotContain("\tat ");
        assertThat(missing.err().lines().count()).isEqualTo(1);
        Run bad = java(tmp, "frobnicate");
        assertThat(bad.exit()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        Run noProject = java(tmp, "--json", "status");
        assertThat(noProject.exit()).isEqualTo(ExitCodes.FILE_NOT_FOUND);
        assertThat(new ObjectMapper().readTree(noProject.err()).get("error").get("code").asText()).isEqualTo("NOT_A_PROJECT");
    }

    /**
     * Stopping the process during a long checkpoint (SIGTERM here; Ctrl-C's SIGINT runs the same shutdown
     * hook, but a child started from a background job may inherit SIGINT as ignored): cancelled, rolled
     * back, the project as it was.
     */
    @Test
    void interruptDuringACommitLeavesTheProjectAsItWas() throws Exception {
        assertThat(java(tmp, "init", "big").exit()).isZero();
        Path project = tmp.resolve("big");
        Random random = new Random(7);
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < 150; i++) {
            random.nextBytes(data);
            Files.write(project.resolve("content/file-" + i + ".bin"), data);
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "commit", "-m", "too big to finish");
        Path err = tmp.resolve("commit-stderr.txt");
        Process p = new ProcessBuilder(command).directory(project.toFile()).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // The checkpoint is under way once it stores objects (opening the project also takes the lock,
        // so the lock alone does not say the checkpoint began); 150 MB keep it busy well after that.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!storesObjects(project) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(p.isAlive()).as("the checkpoint still runs when interrupted").isTrue();
        p.destroy();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook let it finish
        assertThat(Files.readString(err)).contains("cancelled");

        Run log = java(project, "--json", "log");
        assertThat(new ObjectMapper().readTree(log.out())).isEmpty();
        Run verify = java(project, "verify");
        assertThat(verify.exit()).as(verify.out()).isZero();
        Run status = java(project, "--json", "status");
        assertThat(new ObjectMapper().readTree(status.out()).get("added")).hasSize(150);
        // Rolled back, not wedged: the same commit works afterwards.
        assertThat(java(project, "commit", "-m", "now").exit()).isZero();
    }

    @Test
    void theLauncherScriptUsesTheClassDataArchive() throws Exception {
        assertThat(script).isExecutable();
        assertThat(jar.resolveSibling("kamaros.jsa")).isRegularFile();
        Run version = exec(tmp, List.of("sh", script.toString(), "--version"));
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("kamaros ");
        assertThat(version.err()).isEmpty();
        // The archive is really mapped (not silently ignored because the class path changed).
        Run logged = exec(tmp, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:SharedArchiveFile=" + jar.resolveSibling("kamaros.jsa"), "-Xshare:on", "-Xlog:class+load=info",
                "-jar", jar.toString(), "--version"));
        assertThat(logged.exit()).as(logged.err()).isZero();
        assertThat(logged.out()).contains("io.kamaros.cli.KamarosCli source: shared objects file (top)");
    }

    private static boolean storesObjects(Path project) throws IOException {
        for (String dir : List.of(".store/chunks", ".store/blobs", ".store/packs")) {
            Path d = project.resolve(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    if (s.findAny().isPresent()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
