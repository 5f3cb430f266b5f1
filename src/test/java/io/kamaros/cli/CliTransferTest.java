package io.kamaros.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kamaros.engine.remote.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
    void remotePruneMarksThenDeletesADuplicatePackAndDryRunChangesNothing() throws Exception {
        assertThat(CliRunner.run(dir, "init", "novel").exit()).isZero();
        Path project = dir.resolve("novel");
        byte[] big = new byte[600_000];
        byte[] kept = new byte[300_000];
        new Random(5).nextBytes(big);
        new Random(6).nextBytes(kept);
        Files.write(project.resolve("content/big.bin"), big);
        Files.write(project.resolve("content/kept.bin"), kept);
        String first = CliRunner.run(project, "--json", "commit", "-m", "first").json().path("id").asText();
        Files.delete(project.resolve("content/big.bin"));
        assertThat(CliRunner.run(project, "commit", "-m", "second").exit()).isZero();
        Path share = Files.createDirectories(dir.resolve("nas"));
        assertThat(CliRunner.run(project, "remote", "add", "origin", share.toUri().toString()).exit()).isZero();
        assertThat(CliRunner.run(project, "push").exit()).isZero();
        Set<String> before = packs(project);
        CliRunner.Result forgot = CliRunner.run(project, "forget", first);
        assertThat(forgot.exit()).as(forgot.toString()).isZero();
        Set<String> rewritten = packs(project);
        rewritten.removeAll(before);
        assertThat(rewritten).hasSize(1);
        String pack = rewritten.iterator().next();
        for (String suffix : List.of(".pack", ".idx")) { // as pushes before they sent only missing objects
            Files.copy(history(project).resolve(".store/packs/" + pack + suffix), share.resolve("packs/" + pack + suffix));
        }

        CliRunner.Result dry = CliRunner.run(project, "--json", "remote", "prune", "origin", "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(dry.json().path("marked").get(0).asText()).isEqualTo(pack);
        assertThat(share.resolve("prune")).doesNotExist();
        CliRunner.Result marked = CliRunner.run(project, "remote", "prune", "origin");
        assertThat(marked.out()).as(marked.toString()).contains("Marked 1 pack for deletion");
        CliRunner.Result waits = CliRunner.run(project, "remote", "prune", "origin");
        assertThat(waits.out()).as(waits.toString()).contains("1 pack marked earlier wait");
        CliRunner.Result deleted = CliRunner.run(project, "--json", "remote", "prune", "origin", "--delay", "0m");
        assertThat(deleted.json().path("deleted").get(0).asText()).as(deleted.toString()).isEqualTo(pack);
        assertThat(share.resolve("packs/" + pack + ".pack")).doesNotExist();
        assertThat(CliRunner.run(project, "remote", "prune", "origin", "--delay", "soon").exit())
                .isEqualTo(ExitCodes.BAD_ARGUMENTS);

        CliRunner.Result cloned = CliRunner.run(dir, "clone", share.toUri().toString(), "copy");
        assertThat(cloned.exit()).as(cloned.toString()).isZero();
        assertThat(CliRunner.run(dir.resolve("copy"), "verify").exit()).isZero();
    }

    /**
     * Through the commands: a version with a secret dump is pushed, forgotten and pushed again; a dry-run prune says
     * what it would rewrite and free, a prune marks, one with {@code --delay 0m} deletes; then no file of the folder
     * remote holds a byte of the dump, and a clone has neither the version nor the dump, but the kept files.
     */
    @Test
    void aForgottenVersionLeavesTheRemoteAfterPushAndPrune() throws Exception {
        assertThat(CliRunner.run(dir, "init", "novel").exit()).isZero();
        Path project = dir.resolve("novel");
        byte[] dump = new byte[700_000];
        byte[] art = new byte[300_000];
        new Random(7).nextBytes(dump);
        new Random(8).nextBytes(art);
        Files.write(project.resolve("content/art.bin"), art);
        assertThat(CliRunner.run(project, "commit", "-m", "first").exit()).isZero();
        Files.write(project.resolve("content/dump.bin"), dump);
        String secret = CliRunner.run(project, "--json", "commit", "-m", "oops").json().path("id").asText();
        Files.delete(project.resolve("content/dump.bin"));
        assertThat(CliRunner.run(project, "commit", "-m", "third").exit()).isZero();
        Path share = Files.createDirectories(dir.resolve("nas"));
        assertThat(CliRunner.run(project, "remote", "add", "origin", share.toUri().toString()).exit()).isZero();
        assertThat(CliRunner.run(project, "push").exit()).isZero();
        assertThat(shareHolds(share, dump)).isTrue();

        assertThat(CliRunner.run(project, "forget", secret).exit()).isZero();
        CliRunner.Result pushed = CliRunner.run(project, "push");
        assertThat(pushed.exit()).as(pushed.toString()).isZero();
        CliRunner.Result dry = CliRunner.run(project, "--json", "remote", "prune", "origin", "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(dry.json().path("rewritten").size()).as(dry.toString()).isPositive();
        assertThat(dry.json().path("bytesToFree").asLong()).as(dry.toString()).isGreaterThan(600_000);
        assertThat(share.resolve("prune")).doesNotExist();
        CliRunner.Result marked = CliRunner.run(project, "remote", "prune", "origin");
        assertThat(marked.out()).as(marked.toString()).contains("Rewrote 1 pack without the objects of forgotten versions")
                .contains("for deletion");
        CliRunner.Result deleted = CliRunner.run(project, "--json", "remote", "prune", "origin", "--delay", "0m");
        assertThat(deleted.json().path("deleted").size()).as(deleted.toString()).isPositive();
        assertThat(shareHolds(share, dump)).as("no file of the remote holds a byte of the dump").isFalse();

        CliRunner.Result cloned = CliRunner.run(dir, "clone", share.toUri().toString(), "copy");
        assertThat(cloned.exit()).as(cloned.toString()).isZero();
        Path copy = dir.resolve("copy");
        assertThat(CliRunner.run(copy, "verify").exit()).isZero();
        CliRunner.Result log = CliRunner.run(copy, "--json", "log");
        assertThat(log.out()).as(log.toString()).doesNotContain(secret).contains("third");
        assertThat(Files.readAllBytes(copy.resolve("content/art.bin"))).isEqualTo(art);
        assertThat(copy.resolve("content/dump.bin")).doesNotExist();
    }

    /** True when a file under {@code share} holds a 4 KiB stretch from the middle of {@code secret}. */
    private static boolean shareHolds(Path share, byte[] secret) throws IOException {
        String probe = new String(secret, secret.length / 2, 4096, StandardCharsets.ISO_8859_1);
        try (Stream<Path> files = Files.walk(share)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(probe)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Path history(Path project) {
        return project;
    }

    private static Set<String> packs(Path project) throws IOException {
        try (Stream<Path> files = Files.list(history(project).resolve(".store/packs"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pack"))
                    .map(n -> n.substring(0, n.length() - ".pack".length()))
                    .collect(Collectors.toCollection(HashSet::new));
        }
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
                .contains("do not match its name");
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
