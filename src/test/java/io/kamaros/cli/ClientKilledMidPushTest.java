package io.kamaros.cli;

import static io.kamaros.engine.HistoryAssertions.assertHasHistoryOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kamaros.ChildJvm;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.remote.S3ProxyProcess;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's "kill the client mid-push": {@code kamaros push} in a child JVM, killed (kill -9) at a random moment
 * after its first write reached the server (S3Proxy as a separate process, {@link S3ProxyProcess}), round after
 * round with new versions each time. Afterwards the project is intact, a new push completes, {@code verify --remote
 * origin --deep} is clean, every version is in exactly one push record, and a clone has every version byte-exact.
 * Rounds: {@code -Dkamaros.killedPush.rounds} (default 3), seed {@code -Dkamaros.killedPush.seed}.
 */
class ClientKilledMidPushTest {
    private static final int ROUNDS = Integer.getInteger("kamaros.killedPush.rounds", 3);
    private static final int VERSIONS_PER_ROUND = 3;

    @TempDir
    Path dir;

    @Test
    void pushesKilledAtRandomMomentsLeaveARemoteTheNextPushCompletes() throws Exception {
        try (S3ProxyProcess s3 = S3ProxyProcess.start(dir.resolve("server"))) {
            Map<String, String> env = RemoteProjects.envWithSmallPacks(s3);
            Path project = RemoteProjects.withVersions(dir, "novel", 0, 0, env);
            RemoteProjects.addOrigin(project, env, s3, "novel");
            Random random = new Random(Long.getLong("kamaros.killedPush.seed", 16));
            int inside = 0;
            StringBuilder moments = new StringBuilder();
            for (int round = 0; round < ROUNDS; round++) {
                RemoteProjects.addVersions(project, "novel", round * VERSIONS_PER_ROUND, VERSIONS_PER_ROUND, 1 << 20,
                        env);
                int writesBefore = s3.writes().size();
                Process push = ChildJvm.start(project, dir.resolve("push-" + round + ".log"), env,
                        "io.kamaros.Launcher", "push");
                RemoteProjects.waitUntil(() -> s3.writes().size() > writesBefore || !push.isAlive(), 120);
                long delay = random.nextInt(1000);
                if (!push.waitFor(delay, TimeUnit.MILLISECONDS)) {
                    push.destroyForcibly();
                    inside++;
                }
                assertThat(push.waitFor(1, TimeUnit.MINUTES)).isTrue();
                moments.append(round == 0 ? "" : ", ").append(delay).append(" ms");
                try (JcfManager jcf = RemoteProjects.open(project)) {
                    assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).valid()).as("round %d", round).isTrue();
                }
            }

            CliRunner.Result pushed = CliRunner.run(project, false, env, "push");
            assertThat(pushed.exit()).as(pushed.toString()).isZero();
            CliRunner.Result verified = CliRunner.run(project, false, env, "--json", "verify", "--remote", "origin",
                    "--deep");
            assertThat(verified.exit()).as(verified.toString()).isZero();
            JsonNode report = verified.json();
            assertThat(report.path("problems")).as(verified.toString()).isEmpty();
            Map<String, Integer> recorded = RemoteProjects.recordedVersions(s3, "novel");
            assertThat(recorded.values()).as("records per version").containsOnly(1);
            CliRunner.Result cloned = CliRunner.run(dir, false, env, "clone", s3.url("novel"), "copy", "--endpoint",
                    s3.endpoint(), "--path-style");
            assertThat(cloned.exit()).as(cloned.toString()).isZero();
            try (JcfManager source = RemoteProjects.open(project);
                 JcfManager copy = RemoteProjects.open(dir.resolve("copy"))) {
                assertThat(source.getHistory()).hasSize(ROUNDS * VERSIONS_PER_ROUND);
                assertThat(recorded.keySet()).containsExactlyInAnyOrderElementsOf(
                        source.getHistory().stream().map(Version::id).toList());
                assertHasHistoryOf(copy, source);
            }
            System.out.printf("[client killed mid-push] %d rounds, %d pushes killed inside (after their first write, "
                    + "at %s), then a push completed, deep verify clean, %d versions each in one record, the clone "
                    + "byte-exact%n", ROUNDS, inside, moments, recorded.size());
        }
    }
}
