package io.kamaros.cli;

import static io.kamaros.engine.HistoryAssertions.assertHasHistoryOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kamaros.ChildJvm;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.remote.ObjectInfo;
import io.kamaros.engine.remote.RemoteStore;
import io.kamaros.engine.remote.S3ProxyProcess;
import io.kamaros.engine.store.FileAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's "kill the server mid-push": {@code kamaros push} in a child JVM sends a project to S3Proxy running as a
 * separate process ({@link S3ProxyProcess}), and the server is killed (kill -9) once a third of the packs arrived.
 * The push fails with a stable code and one sentence a person understands, and nothing in the project changes; the
 * server is started again on the same folder and port, and the next push completes without sending again anything
 * that had arrived (the server's own log of write requests says so); a clone elsewhere has every version byte-exact.
 */
class ServerKilledMidPushTest {
    private static final int VERSIONS = 8;

    @TempDir
    Path dir;

    @Test
    void aPushWhoseServerDiesFailsClearlyChangesNothingAndTheNextOneSendsOnlyWhatIsMissing() throws Exception {
        try (S3ProxyProcess s3 = S3ProxyProcess.start(dir.resolve("server"))) {
            Map<String, String> env = RemoteProjects.envWithSmallPacks(s3);
            Path project = RemoteProjects.withVersions(dir, "novel", VERSIONS, 2 << 20, env);
            RemoteProjects.addOrigin(project, env, s3, "novel");
            Map<String, String> before = RemoteProjects.snapshot(project);
            int packs = RemoteProjects.localPacks(project);

            Process push = ChildJvm.start(project, dir.resolve("push.log"), env, "io.kamaros.Launcher", "--json",
                    "push");
            long killedAt = RemoteProjects.waitUntil(() -> packsArrived(s3) >= packs / 3, 120);
            int arrivedBeforeKill = packsArrived(s3);
            s3.kill();
            assertThat(push.waitFor(2, TimeUnit.MINUTES)).isTrue();
            long failedAfter = System.nanoTime() - killedAt;
            String output = Files.readString(dir.resolve("push.log"));
            assertThat(push.exitValue()).as(output).isEqualTo(ExitCodes.REMOTE);
            JsonNode error = new ObjectMapper().readTree(output.lines().filter(l -> l.startsWith("{\"error\""))
                    .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no error line in:\n" + output)))
                    .path("error");
            assertThat(error.path("code").asText()).isIn(ErrorCodes.REMOTE_UNREACHABLE, ErrorCodes.REMOTE_UNAVAILABLE);
            String message = error.path("message").asText();
            assertThat(message).contains("127.0.0.1").doesNotContain("software.amazon", "\n", "\tat ");
            assertThat(RemoteProjects.snapshot(project)).as("the project after the failed push").isEqualTo(before);

            s3.restart();
            Map<String, Long> arrived = new HashMap<>();
            try (RemoteStore remote = s3.store("novel")) {
                for (ObjectInfo o : remote.list("")) {
                    // not S3Proxy's temp files (packs/NAME.pack-UUID), which its filesystem store leaves listed after
                    // a kill -9 (S3 lists only complete objects): Kamaros reads only names of its own layout
                    if (!o.name().matches("packs/.*\\.(pack|idx)-.*")) {
                        arrived.put(o.name(), o.size());
                    }
                }
            }
            CliRunner.Result again = CliRunner.run(project, false, env, "--json", "push");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.json().path("versionsSent").asInt()).isEqualTo(VERSIONS);
            List<String> sentAgain = s3.writes().stream().map(l -> l.split(" ")[1].substring("novel/".length()))
                    .filter(name -> arrived.containsKey(name) && !name.startsWith("heads/")).toList();
            assertThat(sentAgain).as("objects that had arrived, sent again").isEmpty();
            long whole = arrived.keySet().stream().filter(n -> n.endsWith(".pack")
                    && arrived.containsKey(n.replace(".pack", ".idx"))).count();
            // the packs still missing, or fewer: the small ones among them go up merged into one upload pack
            assertThat(again.json().path("packsSent").asInt()).isBetween(1, packs - (int) whole);
            long sentBytes = s3.writes().stream().mapToLong(l -> Long.parseLong(l.split(" ")[2])).sum();
            long missingBytes = RemoteProjects.packBytes(project) - arrived.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("packs/")).mapToLong(Map.Entry::getValue).sum();
            assertThat(sentBytes).as("bytes the server received after its restart: %s; there before: %s",
                    s3.writes(), arrived)
                    .isPositive() // what was missing (merged small packs take a little less), the push record, the head
                    .isLessThanOrEqualTo(missingBytes + 64 * 1024);

            CliRunner.Result cloned = CliRunner.run(dir, false, env, "clone", s3.url("novel"), "copy", "--endpoint",
                    s3.endpoint(), "--path-style");
            assertThat(cloned.exit()).as(cloned.toString()).isZero();
            try (JcfManager source = RemoteProjects.open(project); JcfManager copy = RemoteProjects.open(dir.resolve("copy"))) {
                assertThat(copy.getHistory()).hasSize(VERSIONS);
                assertHasHistoryOf(copy, source);
            }
            System.out.printf("[server killed mid-push] %d packs; %d had arrived when the server was killed, the push "
                    + "failed %d ms later (%s: %s); after the restart %d objects were there, none sent again; the next"
                    + " push sent %d packs, the server received %d bytes (%d were missing)%n", packs, arrivedBeforeKill,
                    TimeUnit.NANOSECONDS.toMillis(failedAfter), error.path("code").asText(), message, arrived.size(),
                    again.json().path("packsSent").asInt(), sentBytes, missingBytes);
        }
    }

    private static int packsArrived(S3ProxyProcess s3) throws Exception {
        return (int) s3.writes().stream().filter(l -> l.contains(".pack ") && l.endsWith(" ok")).count();
    }
}
