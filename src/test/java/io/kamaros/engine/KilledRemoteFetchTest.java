package io.kamaros.engine;

import static io.kamaros.engine.KilledRemotes.assertHistory;
import static io.kamaros.engine.KilledRemotes.assertOpensAndVerifiesDeep;
import static io.kamaros.engine.KilledRemotes.assertSameFiles;
import static io.kamaros.engine.KilledRemotes.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.Trees;
import io.kamaros.engine.KilledRemotes.Child;
import io.kamaros.engine.KilledRemotes.Kind;
import io.kamaros.engine.KilledRemotes.Remote;
import io.kamaros.engine.history.SampleProject;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 16: {@code fetch}, {@code pull} and {@code clone} killed (kill -9) for real, on a folder remote and on
 * S3Proxy running as a process of its own. The remote holds 8 versions in 4 pushes (4 packs); a project that has the
 * first 2 fetches, pulls, or a new folder clones, in a child JVM ({@link RemoteKillChild}) paused at a point drawn
 * from every named point of the operation (each request to the remote before and after it, each progress event —
 * the downloads, the moment before the commit, the restore) and killed there. After each kill the project is either
 * as it was (its 2 versions, its working copy) or has all 8 versions, each byte-exact; it opens and verifies deep;
 * running the operation again completes (every version byte-exact; after a pull or a clone the working copy is the
 * newest version's). A killed clone leaves either nothing at the target or the complete project, and its hidden
 * folder beside the target is gone once the next clone there ran. Rounds: {@code -Dkamaros.killedFetch.rounds}
 * (default 9: 3 per operation), seed {@code -Dkamaros.killedFetch.seed}.
 */
class KilledRemoteFetchTest {
    private static final int ROUNDS = Integer.getInteger("kamaros.killedFetch.rounds", 9);
    private static final int VERSIONS = 8;
    private static final int BEHIND = 6;
    private static final List<String> OPS = List.of("fetch", "pull", "clone");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void fetchesPullsAndClonesKilledAnywhereLeaveTheProjectAsItWasOrCompleteAndARerunFinishes(Kind kind)
            throws Exception {
        long started = System.nanoTime();
        try (Remote remote = Remote.start(kind, dir)) {
            Map<String, Map<String, byte[]>> all = new LinkedHashMap<>();
            Path owner = dir.resolve("owner");
            Path behind = dir.resolve("behind");
            String newest = null;
            try (JcfManager a = open(owner)) {
                remote.remotes(a).add(remote.config());
                for (int v = 0; v < VERSIONS; v++) {
                    Map<String, byte[]> files = new TreeMap<>();
                    files.put("story.txt", SampleProject.text(v).getBytes(StandardCharsets.UTF_8));
                    files.put("art/picture-" + v + ".bin", SampleProject.binary(90_000, 200 + v));
                    if (v > 0) {
                        files.putAll(all.get(newest));
                        files.put("story.txt", SampleProject.text(v).getBytes(StandardCharsets.UTF_8));
                    }
                    files.forEach(a::addFile);
                    newest = a.saveCheckpoint("owner " + v);
                    all.put(newest, files);
                    if (v % 2 == 1) {
                        remote.remotes(a).push("origin"); // one pack and one record per push
                    }
                    if (v == VERSIONS - BEHIND - 1) {
                        Remotes.clone(remote.config(), behind, null, remote.env(), CancellationToken.NONE, e -> { });
                    }
                }
            }
            Map<String, Map<String, byte[]>> before = new LinkedHashMap<>();
            all.keySet().stream().limit(VERSIONS - BEHIND).forEach(id -> before.put(id, all.get(id)));
            Map<String, byte[]> workingBefore = workingCopy(behind);

            // a full run of each operation: how many named points it passes
            Map<String, Integer> points = new HashMap<>();
            Path logs = dir.resolve("logs");
            for (String op : OPS) {
                Path learn = dir.resolve("learn-" + op);
                if (!op.equals("clone")) {
                    Trees.copyProject(behind, learn);
                }
                Child child = Child.start(remote, logs, op, learn, "none", 0, remote.cloneArgs());
                child.awaitSuccess();
                points.put(op, child.points());
                Trees.deleteTree(learn);
            }

            Random random = new Random(Long.getLong("kamaros.killedFetch.seed", 16));
            Map<String, Map<String, Integer>> killsIn = new TreeMap<>();
            int foundAsBefore = 0;
            int foundComplete = 0;
            int hiddenLeft = 0;
            for (int round = 0; round < ROUNDS; round++) {
                String op = OPS.get(round % OPS.size());
                Path project = dir.resolve("r" + round);
                if (!op.equals("clone")) {
                    Trees.copyProject(behind, project);
                }
                int nth = 1 + random.nextInt(points.get(op));
                Child child = Child.start(remote, logs, op, project, ".*", nth, remote.cloneArgs());
                Optional<String> at = child.killWhenPausedOrEnded();
                killsIn.computeIfAbsent(op, k -> new TreeMap<>()).merge(at.map(KilledRemoteFetchTest::phase)
                        .orElse("completed"), 1, Integer::sum);
                String what = op + " round " + round + " (" + kind + ", " + at.map(p -> "killed " + p)
                        .orElse("completed") + ")";

                boolean complete;
                if (op.equals("clone")) {
                    hiddenLeft += hiddenBeside(project).size();
                    complete = Files.exists(project);
                    if (complete) {
                        assertOpensAndVerifiesDeep(project, what);
                        try (JcfManager c = open(project)) {
                            assertHistory(c, all, what);
                        }
                        assertSameFiles(workingCopy(project), all.get(newest), what + ": working copy");
                    } else {
                        Remotes.clone(remote.config(), project, null, remote.env(), CancellationToken.NONE, e -> { });
                        assertThat(hiddenBeside(project)).as(what + ": hidden folders after the next clone").isEmpty();
                    }
                } else {
                    assertOpensAndVerifiesDeep(project, what);
                    try (JcfManager c = open(project)) {
                        Set<String> ids = c.getHistory().stream().map(Version::id).collect(Collectors.toSet());
                        complete = ids.size() > before.size();
                        assertHistory(c, complete ? all : before, what);
                        if (!complete) {
                            assertSameFiles(workingCopy(project), workingBefore, what + ": working copy");
                        }
                        if (op.equals("fetch")) {
                            remote.remotes(c).fetch("origin");
                        } else {
                            remote.remotes(c).pull("origin");
                        }
                    }
                }
                if (complete) {
                    foundComplete++;
                } else {
                    foundAsBefore++;
                }
                // the operation again: it completes, and the project holds every version byte-exact
                assertOpensAndVerifiesDeep(project, what + ", run again");
                try (JcfManager c = open(project)) {
                    for (Map.Entry<String, Map<String, byte[]>> v : all.entrySet()) {
                        assertSameFiles(KilledRemotes.filesOf(c, v.getKey()), v.getValue(),
                                what + ", run again: " + v.getKey());
                    }
                }
                if (!op.equals("fetch")) {
                    assertSameFiles(workingCopy(project), all.get(newest), what + ", run again: working copy");
                }
                Trees.deleteTree(project);
            }
            System.out.printf("[killed fetch/pull/clone, %s] %d rounds (named points of a full run: %s): kills landed "
                            + "in %s; found as before %d, complete %d, never half; every run again completed, every "
                            + "version byte-exact; %d hidden clone folders left by killed clones, none after the next "
                            + "clone; %.1f s%n", kind, ROUNDS, points, killsIn, foundAsBefore, foundComplete, hiddenLeft,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** The phase of a fetch, pull or clone a named point belongs to. */
    private static String phase(String point) {
        if (point.startsWith("event ")) {
            String[] parts = point.split(" ");
            return parts[parts.length - 1].equals("recording") ? "before the commit" : parts[1] + " " + parts[2];
        }
        return point.contains("packs/") ? "downloading packs" : "reading records and listings";
    }

    /** The working copy's files (path under content/ → bytes). */
    static Map<String, byte[]> workingCopy(Path project) throws IOException {
        Path content = project.resolve("content");
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(content)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                out.put(content.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return out;
    }

    /** The hidden folders a clone into {@code target} builds in ({@code .<name>.clone-…}). */
    private static List<String> hiddenBeside(Path target) throws IOException {
        try (Stream<Path> s = Files.list(target.getParent())) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("." + target.getFileName() + ".")).toList();
        }
    }
}
