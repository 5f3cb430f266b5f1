package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.history.SampleProject;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemoteTransferResult;
import io.kamaros.engine.remote.PartInfo;
import io.kamaros.engine.remote.RemoteStore;
import io.kamaros.engine.remote.S3Backend;
import io.kamaros.engine.remote.S3ProxyProcess;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: the server (S3Proxy as a process of its own, {@link S3ProxyProcess}) killed (kill -9) in the middle of
 * the multipart upload of a pack above the multipart threshold, then started again on the same folder and port.
 * The push fails with a stable code and changes nothing in the project; the next push continues the same upload:
 * it sends only the parts the server does not hold (the server's own log of the requests it received, with their
 * bytes, says which), completes it, and the remote verifies deep and clones byte-exact.
 *
 * <p>The threshold is 8 MiB and parts are 5 MiB (S3's smallest) instead of 64 and 16 MiB, so that a pack of 26 MiB
 * goes up in 6 parts, 4 at a time, as a 100 MiB one would with the defaults, in a test a quarter of the size.
 */
class ServerKilledMidMultipartUploadTest {
    private static final long THRESHOLD = 8L << 20;
    private static final long PART = 5L << 20;

    @TempDir
    Path dir;

    @Test
    void aMultipartUploadCutByTheServersDeathIsContinuedWithoutSendingAPartThatArrived() throws Exception {
        long started = System.nanoTime();
        try (S3ProxyProcess s3 = S3ProxyProcess.start(dir.resolve("server"))) {
            Map<String, String> env = s3.env();
            RemoteConfig config = s3.config("origin", "novel");
            RemoteStore.Settings settings = RemoteStore.Settings.defaults().withMultipart(THRESHOLD, PART);
            byte[] video = SampleProject.binary(26 << 20, 5);
            Path project = dir.resolve("a");
            try (JcfManager a = new JcfManager(JcfConfig.builder().author("Tess Ter").packBytes(32L << 20).build())) {
                a.init(new FileAdapter(project));
                a.addFile("video.bin", video);
                a.addFile("notes.txt", "the first cut\n");
                a.saveCheckpoint("big");
                Remotes remotes = new Remotes(a.getAdapter(), env, settings, a, null);
                remotes.add(config);
                List<Path> localPacks = packs(project);
                assertThat(localPacks).hasSize(1);
                Path pack = localPacks.get(0);
                long packSize = Files.size(pack);
                String key = "novel/packs/" + pack.getFileName();
                int partCount = (int) ((packSize + PART - 1) / PART);
                assertThat(packSize).as("the pack is above the multipart threshold").isGreaterThan(THRESHOLD);
                Map<String, String> before = snapshot(project);

                CompletableFuture<RemoteTransferResult> push = CompletableFuture.supplyAsync(() -> remotes.push("origin"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (partsArrived(s3.writes(), key).size() < 2) {
                    assertThat(push).as("the push is still sending").isNotDone();
                    assertThat(System.nanoTime()).as("two parts arrived in time").isLessThan(deadline);
                    Thread.sleep(5); // polls the server's log: the moment two parts have arrived
                }
                s3.kill();
                Set<Integer> loggedBeforeKill = partsArrived(s3.writes(), key);
                JcfException failure = failureOf(push);
                assertThat(failure.code()).isIn(ErrorCodes.REMOTE_UNREACHABLE, ErrorCodes.REMOTE_UNAVAILABLE);
                assertThat(snapshot(project)).as("the project after the failed push").isEqualTo(before);

                s3.restart();
                // the parts the server holds intact after the restart: the size and MD5 of that part of the pack
                Map<Integer, Long> there = new TreeMap<>();
                int partial = 0;
                byte[] packBytes = Files.readAllBytes(pack);
                try (S3Backend server = new S3Backend(config, env)) {
                    List<String> uploads = server.pendingUploads("packs/" + pack.getFileName());
                    assertThat(uploads).as("the unfinished upload survived the restart").hasSize(1);
                    for (PartInfo p : server.uploadedParts("packs/" + pack.getFileName(), uploads.get(0))) {
                        int from = (int) ((p.number() - 1) * PART);
                        byte[] expected = Arrays.copyOfRange(packBytes, from, (int) Math.min(packSize, from + PART));
                        if (p.size() == expected.length && p.etag().replace("\"", "")
                                .equalsIgnoreCase(HexFormat.of().formatHex(RemoteStore.digest("MD5").digest(expected)))) {
                            there.put(p.number(), p.size());
                        } else {
                            partial++; // cut by the kill: sent again
                        }
                    }
                }
                assertThat(there.keySet()).as("parts there after the restart").containsAll(loggedBeforeKill)
                        .hasSizeLessThan(partCount);

                RemoteTransferResult again = remotes.push("origin");
                assertThat(again.versionsSent()).isEqualTo(1);
                List<String> writes = s3.writes();
                Set<Integer> sentAgain = writes.stream().filter(l -> l.startsWith("PART " + key + "#"))
                        .map(ServerKilledMidMultipartUploadTest::partNumber).collect(Collectors.toCollection(TreeSet::new));
                assertThat(sentAgain).as("parts sent after the restart").doesNotContainAnyElementsOf(there.keySet());
                Set<Integer> all = new TreeSet<>(there.keySet());
                all.addAll(sentAgain);
                assertThat(all).as("every part, there or sent").hasSize(partCount);
                long partBytes = writes.stream().filter(l -> l.startsWith("PART " + key + "#"))
                        .mapToLong(l -> Long.parseLong(l.split(" ")[2])).sum();
                long thereBytes = there.values().stream().mapToLong(Long::longValue).sum();
                assertThat(partBytes).as("part bytes sent after the restart").isEqualTo(packSize - thereBytes);
                assertThat(writes).as("the upload completed").contains("COMPLETE " + key + " 0 ok");

                assertThat(remotes.verify("origin", true, CancellationToken.NONE).problems()).isEmpty();
                Remotes.clone(config, dir.resolve("copy"), null, env, CancellationToken.NONE, e -> { });
                try (JcfManager copy = KilledRemotes.open(dir.resolve("copy"))) {
                    HistoryAssertions.assertHasHistoryOf(copy, a);
                    assertThat(copy.getHistory()).hasSize(1);
                }
                long totalBytes = writes.stream().mapToLong(l -> Long.parseLong(l.split(" ")[2])).sum();
                System.out.printf("[server killed mid-multipart] a pack of %d bytes in %d parts; the server was killed "
                                + "when parts %s had arrived (its log), it held parts %s intact after the restart (%d cut); the push "
                                + "failed with %s; the next push sent parts %s (%d bytes, the pack less what was there) "
                                + "in %d write requests of %d bytes in all (%s), deep verify clean, the clone "
                                + "byte-exact; %.1f s%n", packSize, partCount, loggedBeforeKill, there.keySet(), partial,
                        failure.code(), sentAgain, partBytes, writes.size(), totalBytes, writes,
                        (System.nanoTime() - started) / 1e9);
            }
        }
    }

    /** The part numbers the server's log says arrived intact for {@code key} ({@code PART key#n bytes ok}). */
    private static Set<Integer> partsArrived(List<String> writes, String key) {
        return writes.stream().filter(l -> l.startsWith("PART " + key + "#") && l.endsWith(" ok"))
                .map(ServerKilledMidMultipartUploadTest::partNumber).collect(Collectors.toCollection(TreeSet::new));
    }

    private static JcfException failureOf(CompletableFuture<?> push) {
        try {
            push.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof JcfException j) {
                return j;
            }
            throw e;
        }
        throw new AssertionError("the push succeeded though its server was killed");
    }

    private static List<Path> packs(Path project) throws IOException {
        try (Stream<Path> s = Files.list(project.resolve(".store/packs"))) {
            return s.filter(f -> f.toString().endsWith(".pack")).toList();
        }
    }

    /** Every file of the project with the SHA-256 of its bytes (not the lock file, which names its last holder). */
    private static Map<String, String> snapshot(Path project) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(project)) {
            for (Path f : s.filter(f -> Files.isRegularFile(f) && !f.endsWith(".store/lock")).toList()) {
                out.put(project.relativize(f).toString(),
                        HexFormat.of().formatHex(RemoteStore.digest("SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        return out;
    }

    /** The part number of a {@code PART key#n bytes outcome} line of the server's log. */
    private static int partNumber(String line) {
        String target = line.split(" ")[1];
        return Integer.parseInt(target.substring(target.lastIndexOf('#') + 1));
    }
}
