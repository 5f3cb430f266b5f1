package io.kamaros.cli;

import static io.kamaros.engine.HistoryAssertions.assertHasHistoryOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.ChildJvm;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.remote.S3ProxyProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's race: two processes, each with its own clone of one project, save a version and {@code kamaros push}
 * it to one S3 server at the same moment, {@code -Dkamaros.race.rounds} times (default 20, the number). The
 * server is S3Proxy as a third process, its conditional writes serialised per key as AWS S3 does them (see {@link
 * S3ProxyProcess}). Afterwards every version of both is in exactly one push record and a clone in a third folder has
 * all of them byte-exact. The two writers are {@link CliCommandsMain} processes (the real command line, one JVM per
 * writer for all rounds), told to push by two lines written to their stdin one right after the other.
 */
class TwoProcessPushRaceTest {
    private static final int ROUNDS = Integer.getInteger("kamaros.race.rounds", 20);

    @TempDir
    Path dir;

    @Test
    void twoProcessesPushingAtOnceBothEndUpOnTheRemote() throws Exception {
        try (S3ProxyProcess s3 = S3ProxyProcess.start(dir.resolve("server"))) {
            Map<String, String> env = RemoteProjects.env(s3);
            Path base = RemoteProjects.withVersions(dir, "base", 1, 1000, env);
            String[] s3Options = {"--endpoint", s3.endpoint(), "--path-style"};
            assertThat(run(base, env, "remote", "add", "origin", s3.url("race"), s3Options[0], s3Options[1],
                    s3Options[2]).exit()).isZero();
            assertThat(run(base, env, "push").exit()).isZero();
            List<Writer> writers = new ArrayList<>();
            List<Process> processes = new ArrayList<>();
            List<BufferedReader> answers = new ArrayList<>();
            for (String side : List.of("left", "right")) {
                assertThat(run(dir, env, "clone", s3.url("race"), side, s3Options[0], s3Options[1], s3Options[2])
                        .exit()).isZero();
                ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(CliCommandsMain.class.getName(),
                        dir.resolve(side).toString())).redirectErrorStream(true);
                pb.environment().putAll(env);
                Process p = pb.start();
                processes.add(p);
                writers.add(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
                answers.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
            }
            int overlapping = 0;
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    for (int i = 0; i < 2; i++) {
                        String side = i == 0 ? "left" : "right";
                        Files.writeString(dir.resolve(side + "/content/" + side + "-" + round + ".txt"),
                                side + " wrote this in round " + round + "\n");
                        send(writers.get(i), "commit", "-m", side + " " + round);
                    }
                    for (int i = 0; i < 2; i++) {
                        assertThat(answer(answers.get(i))[0]).as("commit in round %d", round).isZero();
                    }
                    send(writers.get(0), "push"); // both at the same moment
                    send(writers.get(1), "push");
                    long[] left = answer(answers.get(0));
                    long[] right = answer(answers.get(1));
                    assertThat(left[0]).as("left push in round %d", round).isZero();
                    assertThat(right[0]).as("right push in round %d", round).isZero();
                    if (Math.max(left[1], right[1]) < Math.min(left[2], right[2])) {
                        overlapping++;
                    }
                }
            } finally {
                for (int i = 0; i < 2; i++) {
                    writers.get(i).close();
                    if (!processes.get(i).waitFor(1, TimeUnit.MINUTES)) {
                        processes.get(i).destroyForcibly();
                    }
                }
            }

            Map<String, Integer> recorded = RemoteProjects.recordedVersions(s3, "race");
            assertThat(recorded).hasSize(1 + 2 * ROUNDS);
            assertThat(recorded.values()).as("records per version").containsOnly(1);
            assertThat(run(dir, env, "clone", s3.url("race"), "third", s3Options[0], s3Options[1], s3Options[2])
                    .exit()).isZero();
            try (JcfManager third = RemoteProjects.open(dir.resolve("third"));
                 JcfManager left = RemoteProjects.open(dir.resolve("left"));
                 JcfManager right = RemoteProjects.open(dir.resolve("right"))) {
                assertThat(third.getHistory()).extracting(Version::id).containsExactlyInAnyOrderElementsOf(
                        recorded.keySet());
                assertHasHistoryOf(third, left);
                assertHasHistoryOf(third, right);
            }
            System.out.printf("[two-process race] %d rounds, the two pushes overlapped in time in %d; %d versions "
                    + "in %d records, each once; the third clone has all of them%n", ROUNDS, overlapping,
                    recorded.size(), 1 + 2 * ROUNDS);
        }
    }

    private static CliRunner.Result run(Path cwd, Map<String, String> env, String... args) {
        CliRunner.Result r = CliRunner.run(cwd, false, env, args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private static void send(Writer to, String... args) throws IOException {
        to.write(String.join("\t", args) + "\n");
        to.flush();
    }

    /** The next command's exit code, start and end (ms); what it printed before is skipped. */
    private static long[] answer(BufferedReader from) throws IOException {
        StringBuilder printed = new StringBuilder();
        for (String line = from.readLine(); line != null; line = from.readLine()) {
            if (line.startsWith(CliCommandsMain.EXIT)) {
                String[] f = line.split(" ");
                long code = Long.parseLong(f[1]);
                assertThat(code).as(printed.toString()).isZero();
                return new long[] {code, Long.parseLong(f[2]), Long.parseLong(f[3])};
            }
            printed.append(line).append('\n');
        }
        throw new AssertionError("the child ended:\n" + printed);
    }
}
