package io.kamaros.engine;

import static io.kamaros.engine.KilledRemotes.assertClonesExactly;
import static io.kamaros.engine.KilledRemotes.assertOpensAndVerifiesDeep;
import static io.kamaros.engine.KilledRemotes.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.KilledRemotes.Child;
import io.kamaros.engine.KilledRemotes.Kind;
import io.kamaros.engine.KilledRemotes.Remote;
import io.kamaros.engine.history.SampleProject;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.RemotePruneResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 16: {@code remote prune} killed (kill -9) for real, on a folder remote and on S3Proxy running as a process
 * of its own. The prune runs in a child JVM ({@link RemoteKillChild}) that pauses at a named point — a request of
 * its reading, of the rewrite of a pack holding a forgotten version's bytes (download, upload of the new pack or
 * its index), the upload of its mark, or a delete of a marked pack or mark — and is killed there.
 *
 * <p>Each round: the owner forgets one more version and pushes (so each prune has a pack to rewrite, and deletes
 * what the last one marked: the delay is 0, a mark is due at the next run); a teammate commits a version and
 * pushes it in a second child at the same moment as the prune starts — in every other round re-adding the bytes the
 * owner just forgot, which the prune takes for garbage (the race the two phases exist for). After each kill: the
 * owner's project verifies deep, the teammate's push succeeded, the remote verifies deep, and a clone holds exactly
 * the versions recorded there and not forgotten, byte-exact. At the end prunes run to completion: the bytes of the
 * versions forgotten and not re-added are in no object of the remote, and no mark is left.
 *
 * <p>A delay of 0 is safe here because the rounds run one after another: a push that raced a prune has ended before
 * the next prune deletes what that one marked (the real delay, 1 h, only has to exceed the longest push).
 * Rounds: {@code -Dkamaros.killedPrune.rounds} (default 8), seed {@code -Dkamaros.killedPrune.seed}.
 */
class KilledRemotePruneTest {
    private static final int ROUNDS = Integer.getInteger("kamaros.killedPrune.rounds", 8);
    private static final int SCRATCH = 120_000;

    /** The named points a round aims at, in turn: where a prune works. */
    private static final List<String> AIMS = List.of("mark", "delete", "rewrite", "reading");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void prunesKilledInEveryPhaseLoseNothingARacingPushKeepsWhatItNeedsAndTheGarbageGoes(Kind kind) throws Exception {
        long started = System.nanoTime();
        try (Remote remote = Remote.start(kind, dir)) {
            Map<String, Map<String, byte[]>> expected = new LinkedHashMap<>(); // every version that must stay
            Map<String, byte[]> scratchOf = new TreeMap<>();
            Path owner = dir.resolve("owner");
            List<String> ownerVersions = new ArrayList<>();
            try (JcfManager a = open(owner)) {
                for (int v = 0; v < ROUNDS + 2; v++) {
                    a.addFile("story.txt", SampleProject.text(v));
                    byte[] scratch = SampleProject.binary(SCRATCH, 100 + v); // this version's only: garbage once forgotten
                    a.addFile("scratch.bin", scratch);
                    String id = a.saveCheckpoint("owner " + v);
                    ownerVersions.add(id);
                    scratchOf.put(id, scratch);
                    expected.put(id, Map.of("story.txt", SampleProject.text(v).getBytes(StandardCharsets.UTF_8),
                            "scratch.bin", scratch));
                }
                remote.remotes(a).add(remote.config());
                remote.remotes(a).push("origin");
            }
            Path teammate = dir.resolve("teammate");
            Remotes.clone(remote.config(), teammate, null, remote.env(), CancellationToken.NONE, e -> { });
            Map<String, byte[]> teammateFiles = new TreeMap<>(expected.get(ownerVersions.get(ownerVersions.size() - 1)));

            Random random = new Random(Long.getLong("kamaros.killedPrune.seed", 16));
            Map<String, Integer> killsIn = new TreeMap<>();
            int completed = 0;
            int raced = 0;
            List<byte[]> garbage = new ArrayList<>(); // forgotten and never re-added
            Set<String> openHalves = new TreeSet<>();
            for (int round = 0; round < ROUNDS; round++) {
                String forgotten = ownerVersions.get(1 + round);
                try (JcfManager a = open(owner)) {
                    a.forget(List.of(forgotten), ForgetOptions.defaults());
                    remote.remotes(a).push("origin");
                }
                expected.remove(forgotten);
                boolean readd = round % 2 == 0;
                try (JcfManager b = open(teammate)) {
                    teammateFiles.put("teammate.txt", ("round " + round + "\n").getBytes(StandardCharsets.UTF_8));
                    b.addFile("teammate.txt", teammateFiles.get("teammate.txt"));
                    if (readd) { // the bytes the prune is about to take for garbage, needed again
                        teammateFiles.put("readded.bin", scratchOf.get(forgotten));
                        b.addFile("readded.bin", scratchOf.get(forgotten));
                    } else {
                        garbage.add(scratchOf.get(forgotten));
                    }
                    expected.put(b.saveCheckpoint("teammate " + round), new TreeMap<>(teammateFiles));
                }

                String aim = AIMS.get(round % AIMS.size());
                String when = random.nextBoolean() ? "before" : "after";
                String pause = switch (aim) {
                    case "mark" -> when + " create prune/.*";
                    case "delete" -> when + " delete .*";
                    case "rewrite" -> when + " (getRange|create) packs/.*";
                    default -> "before (list|get|head) .*";
                };
                int nth = aim.equals("mark") ? 1 : 1 + random.nextInt(aim.equals("reading") ? 8 : 3);
                Path logs = dir.resolve("logs");
                Child prune = Child.start(remote, logs, "prune", owner, pause, nth);
                Child push = Child.start(remote, logs, "push", teammate, "none", 0);
                Optional<String> at = prune.killWhenPausedOrEnded();
                if (push.process.isAlive()) {
                    raced++; // still pushing when the prune stopped: the two ran side by side
                }
                push.awaitSuccess();
                if (at.isEmpty()) {
                    completed++;
                } else {
                    killsIn.merge(phase(at.get()), 1, Integer::sum);
                }

                String what = "round " + round + " (" + kind + ", " + at.map(p -> "killed " + p).orElse("completed") + ")";
                assertOpensAndVerifiesDeep(owner, what + ", the owner");
                assertOpensAndVerifiesDeep(teammate, what + ", the teammate");
                // the one thing verify may report: a pack a prune uploaded and was killed before its index (a half,
                // which no reader counts), until a later prune completes it
                String pruneOutput = prune.output();
                openHalves.addAll(halvesLeftBy(pruneOutput));
                openHalves.removeIf(h -> pruneOutput.contains("after create " + h.replace(".pack", ".idx")));
                List<String> halves = List.copyOf(openHalves);
                try (JcfManager a = open(owner)) {
                    assertThat(remote.remotes(a).verify("origin", true, CancellationToken.NONE).problems())
                            .as("%s: deep verify of the remote", what)
                            .allMatch(problem -> halves.stream().anyMatch(h -> problem.startsWith(h + " has no index")
                                    || problem.startsWith(h.replace(".pack", ".idx") + " does not match its pack")));
                }
                assertClonesExactly(remote, dir.resolve("check-" + round), expected, what);
            }

            // prune again until nothing is marked or waits: the garbage goes, nothing needed does
            int prunes = 0;
            try (JcfManager a = open(owner)) {
                RemotePruneResult r;
                do {
                    r = remote.remotes(a).prune("origin", Duration.ZERO, false, CancellationToken.NONE);
                    prunes++;
                } while ((!r.marked().isEmpty() || !r.waiting().isEmpty()) && prunes < 5);
                assertThat(r.marked()).as("marked by the last prune").isEmpty();
                assertThat(remote.remotes(a).verify("origin", true, CancellationToken.NONE).problems()).isEmpty();
            }
            assertClonesExactly(remote, dir.resolve("check-final"), expected, kind + " after the last prunes");
            Map<String, byte[]> objects = remote.objects();
            assertThat(objects.keySet()).as("marks left").noneMatch(n -> n.startsWith("prune/"));
            assertThat(objects.keySet()).as("halves left: a pack without its index, or an index without its pack")
                    .filteredOn(n -> n.startsWith("packs/"))
                    .allMatch(n -> objects.containsKey(n.endsWith(".pack") ? n.replace(".pack", ".idx")
                            : n.replace(".idx", ".pack")));
            for (byte[] g : garbage) {
                byte[] sample = Arrays.copyOfRange(g, SCRATCH / 2, SCRATCH / 2 + 64);
                assertThat(objects.entrySet()).as("an object holding a forgotten version's bytes")
                        .noneMatch(e -> KilledRemotes.contains(e.getValue(), sample));
            }
            System.out.printf("[killed remote prune, %s] %d rounds: kills landed in %s, %d prunes completed "
                            + "(their point was not reached); the teammate's push ran beside the prune in %d rounds; "
                            + "after each: both projects and the remote verify deep, the clone byte-exact (%d versions at "
                            + "the end); %d prunes to finish, %d forgotten versions' bytes gone from the remote; %.1f s%n",
                    kind, ROUNDS, killsIn, completed, raced, expected.size(), prunes, garbage.size(),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** The packs a killed child uploaded without their index ({@code packs/NAME.pack}). */
    private static List<String> halvesLeftBy(String output) {
        List<String> packs = output.lines().filter(l -> l.matches("AT \\d+ after create packs/.*\\.pack"))
                .map(l -> l.substring(l.indexOf("packs/"))).toList();
        return packs.stream().filter(p -> !output.contains("after create " + p.replace(".pack", ".idx"))).toList();
    }

    /** The phase of the prune a named point belongs to. */
    private static String phase(String point) {
        if (point.contains(" delete ")) {
            return "delete";
        }
        if (point.contains(" create prune/")) {
            return point.startsWith("after") ? "mark (written)" : "mark (not yet)";
        }
        if (point.contains("packs/") && (point.contains(" create ") || point.contains(" getRange "))) {
            return "rewrite";
        }
        return "reading";
    }
}
