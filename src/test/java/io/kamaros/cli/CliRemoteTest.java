package io.kamaros.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.remote.S3ProxyServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kamaros remote …} against a folder and a real S3 server (S3Proxy on 127.0.0.1). */
class CliRemoteTest {
    private static S3ProxyServer s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.start(true);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    private Path project() {
        Path p = dir.resolve("novel");
        assertThat(CliRunner.run(dir, "init", "novel").exit()).isZero();
        return p;
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(CliRunner.ENV);
        env.putAll(s3.env());
        return env;
    }

    @Test
    void aFolderRemoteIsAddedListedTestedAndRemoved() throws IOException {
        Path project = project();
        Path share = Files.createDirectories(dir.resolve("nas/kamaros"));
        String url = share.toUri().toString();
        assertThat(CliRunner.run(project, "remote", "add", "nas", url).exit()).isZero();
        CliRunner.Result list = CliRunner.run(project, "remote", "list");
        assertThat(list.out()).contains("nas\t" + url);
        CliRunner.Result json = CliRunner.run(project, "--json", "remote", "list");
        assertThat(json.json().path("remotes").get(0).path("url").asText()).isEqualTo(url);
        assertThat(CliRunner.run(project, "config").out()).doesNotContain("remotes");

        CliRunner.Result test = CliRunner.run(project, "remote", "test", "nas");
        assertThat(test.exit()).as(test.toString()).isZero();
        assertThat(test.out()).contains("is reachable and writable");
        try (var left = Files.walk(share)) {
            assertThat(left.filter(Files::isRegularFile)).as("the probe is deleted").isEmpty();
        }

        CliRunner.Result twice = CliRunner.run(project, "remote", "add", "nas", url);
        assertThat(twice.exit()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(twice.err()).contains("There is a remote named 'nas' already");
        assertThat(CliRunner.run(project, "remote", "remove", "nas").exit()).isZero();
        assertThat(CliRunner.run(project, "remote", "remove", "nas").exit()).isEqualTo(ExitCodes.FILE_NOT_FOUND);
        assertThat(CliRunner.run(project, "remote", "list").out()).isEmpty();
    }

    @Test
    void aMissingFolderIsNotFoundAndBadUrlsAreRefused() {
        Path project = project();
        String missing = dir.resolve("not-mounted/share").toUri().toString();
        assertThat(CliRunner.run(project, "remote", "add", "nas", missing).exit()).isZero();
        CliRunner.Result test = CliRunner.run(project, "--json", "remote", "test", "nas");
        assertThat(test.exit()).isEqualTo(ExitCodes.FILE_NOT_FOUND);
        assertThat(test.json().path("status").asText()).isEqualTo("NOT_FOUND");
        assertThat(test.json().path("message").asText()).contains("does not exist");

        for (String bad : new String[] {"http://x/y", "s3://", "s3://a/../b", "file:relative"}) {
            CliRunner.Result r = CliRunner.run(project, "remote", "add", "x", bad);
            assertThat(r.exit()).as(bad + ": " + r).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        }
        assertThat(CliRunner.run(project, "remote", "add", "bad name", "s3://bucket").exit())
                .isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(CliRunner.run(project, "remote", "add", "nas2", "file:///x", "--region", "eu").exit())
                .isEqualTo(ExitCodes.BAD_ARGUMENTS);
    }

    @Test
    void anS3RemoteSaysPlainlyWhatIsWrong() throws IOException {
        Path project = project();
        String bucket = s3.newBucket();
        String[] s3opts = {"--endpoint", s3.endpoint(), "--path-style"};
        run(project, env(), 0, "remote", "add", "origin", "s3://" + bucket + "/team/novel", s3opts[0], s3opts[1], s3opts[2]);
        run(project, env(), 0, "remote", "add", "nobucket", "s3://no-such-bucket-here/x", s3opts[0], s3opts[1], s3opts[2]);
        run(project, env(), 0, "remote", "add", "down", "s3://" + bucket, "--endpoint", "http://127.0.0.1:9",
                "--path-style");

        CliRunner.Result ok = run(project, env(), 0, "remote", "test", "origin");
        assertThat(ok.out()).contains("is reachable and writable");

        CliRunner.Result missing = run(project, env(), ExitCodes.FILE_NOT_FOUND, "--json", "remote", "test", "nobucket");
        assertThat(missing.json().path("status").asText()).isEqualTo("NOT_FOUND");
        assertThat(missing.json().path("message").asText()).contains("The bucket 'no-such-bucket-here' does not exist");

        Map<String, String> wrong = new HashMap<>(CliRunner.ENV);
        wrong.put("AWS_ACCESS_KEY_ID", S3ProxyServer.IDENTITY);
        wrong.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
        CliRunner.Result denied = run(project, wrong, ExitCodes.REMOTE, "remote", "test", "origin");
        assertThat(denied.err()).contains("Access denied");

        CliRunner.Result down = run(project, env(), ExitCodes.REMOTE, "--json", "remote", "test", "down");
        assertThat(down.json().path("status").asText()).isEqualTo("UNREACHABLE");
        assertThat(down.json().path("message").asText()).contains("Cannot connect to http://127.0.0.1:9");

        String settings = Files.readString(project.resolve(".jcf/config.json"), StandardCharsets.UTF_8);
        assertThat(settings).contains("s3://" + bucket + "/team/novel").doesNotContain(S3ProxyServer.CREDENTIAL)
                .doesNotContain(S3ProxyServer.IDENTITY);
        // the CLI's own settings and the remotes share the file without losing each other
        run(project, env(), 0, "config", "author", "Ada");
        assertThat(run(project, env(), 0, "remote", "list").out()).contains("origin", "nobucket", "down");
    }

    private static CliRunner.Result run(Path cwd, Map<String, String> env, int exit, String... args) {
        CliRunner.Result r = CliRunner.run(cwd, false, env, args);
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        return r;
    }
}
