package io.kamaros.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kamaros.engine.remote.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kamaros push|fetch|pull|sync|clone} against a folder remote and a real S3 server (S3Proxy). */
class CliTransferTest {
    @TempDir
    Path dir;

    @Test
    void pushCloneEditPullAndSyncThroughAFolderRemote() throws Exception {
        assertThat(CliRunner.run(dir, "init", "novel").exit()).isZero();
        Path project = dir.resolve("novel");
        Files.writeString(project.resolve("content/chapter1.txt"), "It begins.\n");
        assertThat(CliRunner.run(project, "commit", "-m", "first").exit()).isZero();
        Path share = Files.createDirectories(dir.resolve("nas"));
        assertThat(CliRunner.run(project, "remote", "add", "origin", share.toUri().toString()).exit()).isZero();

        CliRunner.Result pushed = CliRunner.run(project, "push");
        assertThat(pushed.exit()).as(pushed.toString()).isZero();
        assertThat(pushed.out()).contains("Sent 1 version to origin");

        CliRunner.Result cloned = CliRunner.run(dir, "--json", "clone", share.toUri().toString(), "copy");
        assertThat(cloned.exit()).as(cloned.toString()).isZero();
        assertThat(cloned.json().path("versionsReceived").asInt()).isEqualTo(1);
        Path copy = dir.resolve("copy");
        assertThat(Files.readString(copy.resolve("content/chapter1.txt"))).isEqualTo("It begins.\n");

        Files.writeString(copy.resolve("content/chapter1.txt"), "It begins, again.\n");
        assertThat(CliRunner.run(copy, "commit", "-m", "second").exit()).isZero();
        CliRunner.Result synced = CliRunner.run(copy, "--json", "sync");
        assertThat(synced.exit()).as(synced.toString()).isZero();
        assertThat(synced.json().path("versionsSent").asInt()).isEqualTo(1);

        CliRunner.Result pulled = CliRunner.run(project, "pull", "origin");
        assertThat(pulled.exit()).as(pulled.toString()).isZero();
        assertThat(pulled.out()).contains("Received 1 version").contains("The current version is now");
        assertThat(Files.readString(project.resolve("content/chapter1.txt"))).isEqualTo("It begins, again.\n");
        assertThat(CliRunner.run(project, "fetch").out()).contains("Up to date with origin.");
    }

    @Test
    void cloneWithWorkTreeTracksTheFolderInPlaceAsInitWorkTreeDoes() throws Exception {
        Path pictures = Files.createDirectories(dir.resolve("pictures"));
        Files.writeString(pictures.resolve("sketch.txt"), "a sketch\n");
        assertThat(CliRunner.run(dir, "init", "--work-tree", "pictures").exit()).isZero();
        assertThat(CliRunner.run(pictures, "commit", "-m", "first").exit()).isZero();
        Path share = Files.createDirectories(dir.resolve("nas"));
        assertThat(CliRunner.run(pictures, "remote", "add", "origin", share.toUri().toString()).exit()).isZero();
        assertThat(CliRunner.run(pictures, "push").exit()).isZero();

        CliRunner.Result cloned = CliRunner.run(dir, "clone", share.toUri().toString(), "studio", "--work-tree");
        assertThat(cloned.exit()).as(cloned.toString()).isZero();
        Path studio = dir.resolve("studio");
        assertThat(Files.readString(studio.resolve("sketch.txt"))).isEqualTo("a sketch\n");
        assertThat(studio.resolve(".kamaros/manifest.json")).exists();
        assertThat(studio.resolve("content")).doesNotExist();

        // the commands find it from inside the folder, with nothing to commit and the remote kept
        CliRunner.Result status = CliRunner.run(studio, "--json", "status");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.json().path("clean").asBoolean()).as(status.toString()).isTrue();
        Files.writeString(studio.resolve("sketch.txt"), "a sketch, inked\n");
        assertThat(CliRunner.run(studio, "commit", "-m", "inked").exit()).isZero();
        CliRunner.Result pushed = CliRunner.run(studio, "push");
        assertThat(pushed.exit()).as(pushed.toString()).isZero();
        assertThat(pushed.out()).contains("Sent 1 version to origin");
    }

    @Test
    void verifyRemoteFindsADamagedPackOnlyWhenDeep() throws Exception {
        assertThat(CliRunner.run(dir, "init", "novel").exit()).isZero();
        Path project = dir.resolve("novel");
        Files.writeString(project.resolve("content/a.txt"), "alpha\n".repeat(100));
        assertThat(CliRunner.run(project, "commit", "-m", "a").exit()).isZero();
        Path share = Files.createDirectories(dir.resolve("nas"));
        assertThat(CliRunner.run(project, "remote", "add", "origin", share.toUri().toString()).exit()).isZero();
        assertThat(CliRunner.run(project, "push").exit()).isZero();
        CliRunner.Result quick = CliRunner.run(project, "verify", "--remote", "origin");
        assertThat(quick.exit()).as(quick.toString()).isZero();
        assertThat(quick.out()).contains("OK: 1 push records, 1 versions, 1 packs");

        Path pack;
        try (var files = Files.list(share.resolve("packs"))) {
            pack = files.filter(f -> f.toString().endsWith(".pack")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 2] ^= 1;
        Files.write(pack, bytes);
        assertThat(CliRunner.run(project, "verify", "--remote", "origin").exit()).isZero();
        CliRunner.Result deep = CliRunner.run(project, "--json", "verify", "--remote", "origin", "--deep");
        assertThat(deep.exit()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(deep.json().path("problems").get(0).asText()).contains("packs/" + pack.getFileName())
                .contains("do not hash to its name");
    }

    @Test
    void cloneOfAMissingRemoteFailsWithTheRemoteExitCodeAndLeavesNothing() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-share"));
        CliRunner.Result r = CliRunner.run(dir, "clone", empty.toUri().toString(), "copy");
        assertThat(r.exit()).isEqualTo(ExitCodes.FILE_NOT_FOUND);
        assertThat(r.err()).contains("holds no Kamaros history");
        assertThat(dir.resolve("copy")).doesNotExist();
    }

    @Test
    void pushAndCloneThroughS3() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(true)) {
            Map<String, String> env = new HashMap<>(CliRunner.ENV);
            env.putAll(s3.env());
            assertThat(CliRunner.run(dir, false, env, "init", "novel").exit()).isZero();
            Path project = dir.resolve("novel");
            Files.writeString(project.resolve("content/a.txt"), "a\n");
            assertThat(CliRunner.run(project, false, env, "commit", "-m", "a").exit()).isZero();
            String url = "s3://" + s3.newBucket() + "/novel";
            assertThat(CliRunner.run(project, false, env, "remote", "add", "origin", url, "--endpoint", s3.endpoint(),
                    "--path-style").exit()).isZero();
            CliRunner.Result pushed = CliRunner.run(project, false, env, "--json", "push");
            assertThat(pushed.exit()).as(pushed.toString()).isZero();
            JsonNode json = pushed.json();
            assertThat(json.path("versionsSent").asInt()).isEqualTo(1);
            assertThat(json.path("bytesSent").asLong()).isPositive();
            CliRunner.Result cloned = CliRunner.run(dir, false, env, "clone", url, "copy", "--endpoint", s3.endpoint(),
                    "--path-style");
            assertThat(cloned.exit()).as(cloned.toString()).isZero();
            assertThat(Files.readString(dir.resolve("copy/content/a.txt"))).isEqualTo("a\n");
        }
    }
}
