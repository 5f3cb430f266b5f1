package io.kamaros.engine;

import static io.kamaros.Trees.deleteTree;
import static io.kamaros.Trees.copyTree;
import static io.kamaros.engine.CrashWorkloadMain.hashTree;
import static io.kamaros.engine.CrashWorkloadMain.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.kamaros.engine.CrashWorkloadMain.Entry;
import io.kamaros.engine.container.JcfImporter;
import io.kamaros.engine.format.JournalCodec;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.store.FileAdapter;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.WorkingCopyStatus;
import io.kamaros.engine.model.JcfEvent;

/**
 * Crash safety of checkpoint, restore, garbage collection and import (issue 3).
 *
 * <p>Mode {@code gc} makes garbage (unused blobs, chunked blobs, patches, temp files, an
 * uncommitted journal line, and whole copies of old texts that patches also rebuild) and runs
 * {@code runGc} (aggressive, plain, dry run) between checkpoints; mode {@code import} imports a
 * {@code .jcf} with history into new projects ({@link #killedImportsLeaveAllOrNothing}). Most kills
 * are aimed: after a {@code BEGIN <operation>} line that follows two versions the child completed in
 * that run (so most runs have a version completed on top of an earlier one before the kill; the
 * summary counts them) plus a random part of that operation's median duration; rounds continue
 * until five in six of the kills asked for landed inside the mode's operation. After every kill
 * {@code verifyIntegrity(deep)} must report no error.
 *
 * <p><b>Killed processes.</b> A child JVM ({@link CrashWorkloadMain}) edits the working copy and
 * checkpoints (mode {@code checkpoint}), or alternates checkpoints with restores of earlier
 * versions that auto-save first (mode {@code restore}), and is killed ({@code destroyForcibly},
 * SIGKILL) at a seeded random moment. After every kill, in this JVM: the project opens; every
 * version the child's ledger says completed is in the history with exactly its files, and its
 * bytes (SHA-256 as the child hashed them from disk) read back and restore (into a folder)
 * byte-exact; when the child was idle after a completed operation, the working copy is that
 * operation's and the status is clean; {@code getStatus} works; a new checkpoint succeeds (and is
 * added to the ledger). The next round continues on the same project, so any damage accumulates;
 * at the end every ledger version is restored in place, byte-exact. Kills per mode:
 * {@code -Dkamaros.crash.kills=N} (default {@value #DEFAULT_KILLS}); seed
 * {@code -Dkamaros.crash.seed}.
 *
 * <p><b>Injected failures.</b> In process, every changing adapter call of one checkpoint and of one
 * restore is made to fail in turn ({@link FaultInjectingAdapter}); each time the project must be
 * exactly as before and the next operation must succeed.
 */
class CrashSafetyTest {
    static final int DEFAULT_KILLS = 12;
    private static final long WAIT_SECONDS = 90;

    @TempDir
    Path tmp;

    // ================================================================== killed child processes

    /** Kill counts of one mode, printed at the end. */
    private static final class Counts {
        int kills;
        int rightAfterReady;
        int randomMoment;
        int aimed;
        int inCheckpoint;
        int inRestore;
        int inGc;
        int inImport;
        int inForget;
        /** Mode forget: killed forgets found done (every version named gone) / not done (every one still there). */
        int forgetsFoundDone;
        int forgetsFoundUndone;
        int forgetsCompleted;
        int idle;
        int versionsVerified;
        int restoresVerified;
        int gcsCompleted;
        long gcRemoved;
        /** Small packs the completed GCs merged into full ones (killing a GC mid-merge is what mode gc aims at too). */
        long gcPacksMerged;
        int verifiedDeep;
        /** Kill rounds whose child completed at least two versions before it was killed. */
        int runsWithTwoVersions;
        /** Versions each round's child completed before it was killed. */
        final List<Integer> versionsPerRun = new ArrayList<>();
        /** Opens after a kill that took back a version the killed save had written in full but not committed. */
        int takenBackAtOpen;

        String summary(String mode, long millis) {
            return String.format("CRASH %s mode: %d kills (in flight: checkpoint %d, restore %d, gc %d, import %d; idle %d) "
                            + "(moments: %d right after READY, %d random, %d aimed inside an operation); after each: "
                            + "verifyIntegrity(deep) clean %d times; %d completed versions verified byte-exact, %d completed "
                            + "restores, %d completed GCs that removed %d objects and merged %d small packs; %.1f s", mode, kills, inCheckpoint,
                    inRestore, inGc, inImport, idle, rightAfterReady, randomMoment, aimed, verifiedDeep, versionsVerified,
                    restoresVerified, gcsCompleted, gcRemoved, gcPacksMerged, millis / 1000.0)
                    + (versionsPerRun.isEmpty() ? "" : String.format("; runs with >= 2 versions completed before the kill: "
                    + "%d of %d (versions per run: %s); opens that took back a save killed just before its commit: %d",
                    runsWithTwoVersions, versionsPerRun.size(), versionsPerRun, takenBackAtOpen))
                    + (mode.equals("forget") ? String.format("; forgets: %d completed, %d killed inside: %d found done, "
                    + "%d found not done (never half)", forgetsCompleted, inForget, forgetsFoundDone, forgetsFoundUndone)
                    : "");
        }
    }

    /** Kills that landed inside each operation, over every mode of this class (printed at the end). */
    private static final Map<String, Integer> IN_FLIGHT_TOTAL = new ConcurrentSkipListMap<>();

    @AfterAll
    static void printTotals() {
        if (!IN_FLIGHT_TOTAL.isEmpty()) {
            System.out.println("CRASH totals: kills inside each operation over all modes: " + IN_FLIGHT_TOTAL);
        }
    }

    private static final VerifyOptions DEEP = VerifyOptions.builder().deep(true).build();

    @Test
    void killedCheckpointsLoseNoCompletedVersion() throws Exception {
        killLoop("checkpoint");
    }

    @Test
    void killedRestoresLoseNoCompletedVersion() throws Exception {
        killLoop("restore");
    }

    @Test
    void killedGarbageCollectionsLoseNoCompletedVersion() throws Exception {
        killLoop("gc");
    }

    /**
     * Forgets (and the GC each runs after it) killed at random moments: every version not forgotten stays
     * byte-exact, a completed forget's versions are gone, and a killed one's are either all there or all gone.
     */
    @Test
    void killedForgetsKeepEveryOtherVersionAndForgetAllOrNothing() throws Exception {
        killLoop("forget");
    }

    /** The operation a mode's aimed kills land in (mode restore alternates; the others have one). */
    private static String aimedOperation(String mode, int round) {
        return mode; // checkpoints are also killed in modes restore and gc, which make them between
    }

    /**
     * Kills the child at a moment chosen by {@code random}: right after READY (1 in 10), after a
     * random delay (1 in 10), else aimed: after the first or the second {@code BEGIN <operation>}
     * that follows two completed versions ({@link #firstBeginAfterTwoVersions}) plus a random part
     * of the median duration of that operation. Returns how it was chosen.
     */
    private static String killAt(Child child, Random random, String operation, Map<String, List<Long>> longest)
            throws Exception {
        child.await("WARM");
        child.send("GO");
        child.await("READY");
        int kind = random.nextInt(10);
        String how;
        if (kind == 0) {
            how = "right after READY";
        } else if (kind == 1) {
            int delay = 20 + random.nextInt(900);
            Thread.sleep(delay);
            how = "after " + delay + " ms";
        } else {
            int nth = firstBeginAfterTwoVersions(operation) + random.nextInt(2);
            child.awaitNth("BEGIN " + operation, nth);
            long span = median(longest.getOrDefault(operation, List.of()));
            long delay = (long) (random.nextDouble() * span);
            Thread.sleep(delay);
            how = "aimed: " + delay + " ms after BEGIN " + operation + " #" + nth;
        }
        if (!child.process.isAlive()) {
            fail("the child ended by itself (exit %d) before it was killed; its output: %s", child.process.exitValue(),
                    child.all);
        }
        child.process.destroyForcibly();
        assertThat(child.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("killed child ended").isTrue();
        child.reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        return how;
    }

    /**
     * The first {@code BEGIN <operation>} of a child's run that comes after two completed versions,
     * so that an aimed kill lands after a version completed on top of an earlier one of the same
     * run (in mode checkpoint every operation is a checkpoint; modes restore and gc make a
     * checkpoint before each of theirs, a restore also an automatic save).
     */
    private static int firstBeginAfterTwoVersions(String operation) {
        return operation.equals("checkpoint") ? 3 : 2;
    }

    /** Kills inside the mode's operation this run must reach: five in six of the kills asked for. */
    private static int inFlightTarget(int kills) {
        return (kills * 5 + 5) / 6;
    }

    private static int inFlight(Counts counts, String mode) {
        return switch (mode) {
            case "checkpoint" -> counts.inCheckpoint;
            case "restore" -> counts.inRestore;
            case "gc" -> counts.inGc;
            case "forget" -> counts.inForget;
            default -> counts.inImport;
        };
    }

    /**
     * At least {@code kills} rounds, and more until five in six of {@code kills} landed inside the
     * mode's operation (the others kill idle moments); at most four times as many rounds.
     */
    private static boolean needMore(int round, int kills, Counts counts, String mode) {
        return round < 4 * kills && (round < kills || inFlight(counts, mode) < inFlightTarget(kills));
    }

    private static void assertInFlightTarget(Counts counts, int kills, String mode) {
        assertThat(counts.kills).isGreaterThanOrEqualTo(kills);
        assertThat(inFlight(counts, mode)).as("kills inside %s", mode).isGreaterThanOrEqualTo(inFlightTarget(kills));
    }

    /** The median of the durations seen (ms), 80 before any was seen. */
    private static long median(List<Long> durations) {
        if (durations.isEmpty()) {
            return 80;
        }
        List<Long> sorted = new ArrayList<>(durations);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** Learns how long each operation takes from the BEGIN / END lines of a child's output. */
    private static void learnDurations(Child child, Map<String, List<Long>> longest) {
        Map<String, Long> begun = new HashMap<>();
        for (int i = 0; i < child.all.size(); i++) {
            String line = child.all.get(i);
            long at = child.times.get(i);
            if (line.startsWith("BEGIN ")) {
                begun.put(line.substring(6), at);
            } else if (line.startsWith("END ") && begun.containsKey(line.substring(4))) {
                String op = line.substring(4);
                long ms = TimeUnit.NANOSECONDS.toMillis(at - begun.remove(op));
                longest.computeIfAbsent(op, k -> new ArrayList<>()).add(Math.max(ms, 5));
            }
        }
    }

    private static Map<String, Long> medians(Map<String, List<Long>> durations) {
        Map<String, Long> out = new TreeMap<>();
        durations.forEach((op, d) -> out.put(op, median(d)));
        return out;
    }

    private static void countKill(Counts counts, String how, String lastMarker) {
        counts.kills++;
        if (how.startsWith("right")) {
            counts.rightAfterReady++;
        } else if (how.startsWith("aimed")) {
            counts.aimed++;
        } else {
            counts.randomMoment++;
        }
        switch (lastMarker) {
            case "BEGIN checkpoint" -> counts.inCheckpoint++;
            case "BEGIN restore" -> counts.inRestore++;
            case "BEGIN gc" -> counts.inGc++;
            case "BEGIN forget" -> counts.inForget++;
            case "BEGIN import" -> counts.inImport++;
            default -> counts.idle++;
        }
        if (lastMarker.startsWith("BEGIN ")) {
            IN_FLIGHT_TOTAL.merge(lastMarker.substring(6), 1, Integer::sum);
        }
    }

    private static String lastMarker(List<String> output) {
        String lastMarker = "READY";
        for (String line : output) {
            if (line.equals("READY") || line.equals("MUTATE") || line.equals("GARBAGE") || line.startsWith("BEGIN ")
                    || line.startsWith("END ")) {
                lastMarker = line;
            }
        }
        return lastMarker;
    }

    /** verifyIntegrity(deep) finds no error (warnings: unused objects, temp files, uncommitted work). */
    private static void assertVerifiesClean(JcfManager jcf, String where, Counts counts) {
        VerificationReport report = jcf.verifyIntegrity(DEEP);
        assertThat(report.errors()).as("%s: verifyIntegrity(deep) errors", where).isEmpty();
        assertThat(report.warnings()).as("%s: verifyIntegrity(deep) warnings", where)
                .allMatch(f -> f.type() == VerificationReport.FindingType.ORPHANED_OBJECT
                        || f.type() == VerificationReport.FindingType.STALE_TEMP
                        || f.type() == VerificationReport.FindingType.WORKING_COPY_DRIFT);
        counts.verifiedDeep++;
    }

    private void killLoop(String mode) throws Exception {
        int kills = Integer.getInteger("kamaros.crash.kills", DEFAULT_KILLS);
        long seed = Long.getLong("kamaros.crash.seed", 20261125L) + mode.hashCode();
        Random random = new Random(seed);
        Path project = tmp.resolve("project-" + mode);
        Path ledger = tmp.resolve("done-" + mode + ".log"); // outside the project
        Path wc = project.resolve("content");
        Counts counts = new Counts();
        Map<String, List<Long>> longest = new HashMap<>();
        long start = System.nanoTime();
        int verifiedUpTo = 0; // ledger entries before this index were fully checked in an earlier round

        long nextSeed = random.nextLong();
        Child next = startChild(project, ledger, mode, nextSeed);
        List<Child> started = new ArrayList<>(List.of(next));
        try {
            for (int round = 0; needMore(round, kills, counts, mode); round++) {
                CrashWorkloadMain.dropTornTail(ledger);
                long versionsBefore = CrashWorkloadMain.readLedger(ledger).stream().filter(Entry::isVersion).count();
                long childSeed = nextSeed;
                String how;
                List<String> output;
                try (Child child = next) {
                    how = killAt(child, random, aimedOperation(mode, round), longest);
                    output = List.copyOf(child.all);
                    learnDurations(child, longest);
                }
                // the next child starts (and warms up on a scratch project) while this round is checked
                nextSeed = random.nextLong();
                next = startChild(project, ledger, mode, nextSeed); // closed unused after the last round
                if (next != null) {
                    started.add(next);
                }
                assertThat(output).as("round %d child output", round).noneMatch(l -> l.startsWith("FAILED"));
                String lastMarker = lastMarker(output);
                countKill(counts, how, lastMarker);

                CrashWorkloadMain.dropTornTail(ledger);
                List<Entry> entries = CrashWorkloadMain.readLedger(ledger);
                int completed = (int) (entries.stream().filter(Entry::isVersion).count() - versionsBefore);
                counts.versionsPerRun.add(completed);
                if (completed >= 2) {
                    counts.runsWithTwoVersions++;
                }
                String where = "round " + round + " (seed " + childSeed + ", killed " + how + ", last marker '"
                        + lastMarker + "')";
                List<String> openWarnings = new CopyOnWriteArrayList<>();
                JcfManager opened = new JcfManager(JcfConfig.builder().author("parent").build());
                opened.on(JcfEvent.Warning.class, w -> openWarnings.add(w.message()));
                opened.init(new FileAdapter(project));
                if (openWarnings.stream().anyMatch(w -> w.contains("took them back"))) {
                    counts.takenBackAtOpen++;
                }
                try (JcfManager jcf = opened) {
                    assertVerifiesClean(jcf, where, counts);
                    Set<String> ids = new HashSet<>();
                    jcf.getHistory().forEach(v -> ids.add(v.id()));
                    Set<String> forgotten = settleForgets(ledger, entries, ids, where, counts, verifiedUpTo);
                    entries = CrashWorkloadMain.readLedger(ledger);
                    for (int i = 0; i < entries.size(); i++) {
                        Entry e = entries.get(i);
                        if (e.isForget() || forgotten.contains(e.versionId())) {
                            continue; // checked by settleForgets
                        }
                        if (e.kind().equals(CrashWorkloadMain.GC)) {
                            if (i >= verifiedUpTo) {
                                counts.gcsCompleted++;
                                String[] removedAndMerged = e.versionId().split("/");
                                counts.gcRemoved += Long.parseLong(removedAndMerged[0]);
                                counts.gcPacksMerged += Long.parseLong(removedAndMerged[1]);
                            }
                            continue;
                        }
                        assertThat(ids).as("%s: history holds completed %s %s", where, e.kind(), e.versionId())
                                .contains(e.versionId());
                        if (!e.isVersion()) {
                            continue;
                        }
                        // file list of every completed version each round; bytes of the new ones and a sample
                        assertThat(jcf.listFiles("", e.versionId())).extracting(FileInfo::path)
                                .as("%s: files of %s %s", where, e.kind(), e.versionId())
                                .containsExactlyInAnyOrderElementsOf(e.state().keySet());
                        if (i >= verifiedUpTo || random.nextInt(Math.max(1, entries.size() / 4)) == 0) {
                            assertContents(jcf, e, where);
                        }
                        if (i >= verifiedUpTo) {
                            Path folder = tmp.resolve("out-" + mode + "-" + round + "-" + i);
                            jcf.restoreVersion(e.versionId(), RestoreOptions.builder().target(folder).build());
                            assertThat(hashTree(folder)).as("%s: %s %s restored into a folder", where, e.kind(),
                                    e.versionId()).isEqualTo(e.state());
                            deleteTree(folder);
                            counts.versionsVerified++;
                        }
                    }
                    for (int i = verifiedUpTo; i < entries.size(); i++) {
                        if (entries.get(i).kind().equals(CrashWorkloadMain.RESTORE)) {
                            counts.restoresVerified++;
                        }
                    }
                    WorkingCopyStatus status = jcf.getStatus();
                    Entry lastVersionish = null;
                    for (Entry e : entries) {
                        if (!e.kind().equals(CrashWorkloadMain.GC) && !e.isForget()) {
                            lastVersionish = e;
                        }
                    }
                    if (lastMarker.startsWith("END ") && lastVersionish != null) {
                        Entry last = lastVersionish;
                        assertThat(hashTree(wc)).as("%s: working copy after the completed %s", where, last.kind())
                                .isEqualTo(last.state());
                        assertThat(status.isClean()).as("%s: status after the completed %s: %s", where, last.kind(), status)
                                .isTrue();
                    }
                    SortedMap<String, String> state = hashTree(wc);
                    String id = jcf.saveCheckpoint("after kill " + round, CheckpointOptions.builder().allowEmpty(true).build());
                    Entry mine = new Entry(CrashWorkloadMain.PARENT, id, state);
                    assertContents(jcf, mine, where + " (the checkpoint after the kill)");
                    CrashWorkloadMain.appendLedger(ledger, mine);
                    counts.versionsVerified++;
                    verifiedUpTo = entries.size() + 1;
                }
            }

        } finally {
            for (Child c : started) {
                c.close(); // a child still waiting for GO after a failure
            }
        }

        // Finally every completed version, after all the damage the kills could do, restored in place.
        List<Entry> entries = CrashWorkloadMain.readLedger(ledger);
        Set<String> forgotten = forgottenIn(entries);
        entries = entries.stream().filter(e -> !forgotten.contains(e.versionId())).toList();
        int restored = 0;
        try (JcfManager jcf = open(project)) {
            for (Entry e : entries) {
                if (!e.isVersion()) {
                    continue;
                }
                assertContents(jcf, e, "final check");
                jcf.restoreVersion(e.versionId(), RestoreOptions.builder().force(true).build());
                assertThat(hashTree(wc)).as("final in-place restore of %s %s", e.kind(), e.versionId())
                        .isEqualTo(e.state());
                restored++;
            }
            assertThat(jcf.getStatus().isClean()).isTrue();
            assertVerifiesClean(jcf, "final check", counts);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long versions = entries.stream().filter(Entry::isVersion).count();
        System.out.println(counts.summary(mode, millis) + "; final: " + restored + " of " + versions
                + " ledger versions restored in place byte-exact; leftover temp files in the project: "
                + countTemp(project) + "; median duration of each operation (ms): " + medians(longest));
        assertThat(restored).isEqualTo(versions);
        assertInFlightTarget(counts, kills, mode);
        if (mode.equals("gc")) {
            assertThat(counts.gcRemoved).as("the collections had real garbage to remove").isGreaterThan(0);
            assertThat(counts.gcPacksMerged).as("the collections merged small packs").isGreaterThan(0);
        }
        if (mode.equals("forget")) {
            assertThat(counts.forgetsCompleted + counts.forgetsFoundDone).as("forgets that took effect").isPositive();
        }
    }

    /** The versions the ledger says are forgotten: by completed forgets, and killed ones the parent found done. */
    private static Set<String> forgottenIn(List<Entry> entries) {
        Set<String> out = new HashSet<>();
        for (Entry e : entries) {
            if (e.kind().equals(CrashWorkloadMain.FORGOT)) {
                out.addAll(List.of(e.versionId().split(",")));
            }
        }
        return out;
    }

    /**
     * Mode forget: a completed forget's versions are all gone; a killed one's ({@code FORGETTING} with no
     * outcome) are all there or all gone, never some — the parent records which ({@code FORGOT} or
     * {@code FORGET_UNDONE}), so later rounds and the final check know. Returns the forgotten versions.
     */
    private static Set<String> settleForgets(Path ledger, List<Entry> entries, Set<String> history, String where,
                                             Counts counts, int verifiedUpTo) throws IOException {
        Set<String> settled = new HashSet<>();
        for (Entry e : entries) {
            if (e.kind().equals(CrashWorkloadMain.FORGOT) || e.kind().equals(CrashWorkloadMain.FORGET_UNDONE)) {
                settled.add(e.versionId());
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.kind().equals(CrashWorkloadMain.FORGOT) && i >= verifiedUpTo) {
                counts.forgetsCompleted++;
            }
            if (!e.kind().equals(CrashWorkloadMain.FORGETTING) || settled.contains(e.versionId())) {
                continue;
            }
            List<String> named = List.of(e.versionId().split(","));
            long there = named.stream().filter(history::contains).count();
            assertThat(there).as("%s: the killed forget of %s left all or none of its versions", where, named)
                    .isIn(0L, (long) named.size());
            if (there == 0) {
                counts.forgetsFoundDone++;
                CrashWorkloadMain.appendLedger(ledger, new Entry(CrashWorkloadMain.FORGOT, e.versionId(), new TreeMap<>()));
            } else {
                counts.forgetsFoundUndone++;
                CrashWorkloadMain.appendLedger(ledger, new Entry(CrashWorkloadMain.FORGET_UNDONE, e.versionId(),
                        new TreeMap<>()));
            }
            settled.add(e.versionId());
        }
        Set<String> forgotten = forgottenIn(CrashWorkloadMain.readLedger(ledger));
        for (String id : forgotten) {
            assertThat(history).as("%s: forgotten version %s is gone", where, id).doesNotContain(id);
        }
        return forgotten;
    }

    /**
     * A child imports a {@code .jcf} with history (text patches, a chunked file, renames) into new
     * empty projects again and again and is killed, mostly inside an import. After each kill every
     * project it touched opens and either holds the whole archive (every version byte-exact, HEAD
     * checked out, status clean, verify deep clean) or nothing at all (empty working copy, no
     * object, patch, temp file or journal line left), and importing into it again succeeds.
     */
    @Test
    void killedImportsLeaveAllOrNothing() throws Exception {
        int kills = Integer.getInteger("kamaros.crash.kills", DEFAULT_KILLS);
        Random random = new Random(Long.getLong("kamaros.crash.seed", 20261125L) + "import".hashCode());
        Template t = template("import-template", 6);
        Path root = tmp.resolve("imports");
        Path ledger = tmp.resolve("done-import.log");
        Path archive = ledger.resolveSibling("import-source.jcf");
        try (JcfManager jcf = open(t.dir())) {
            jcf.export(archive);
        }
        Counts counts = new Counts();
        Map<String, List<Long>> longest = new HashMap<>();
        int complete = 0;
        int noTrace = 0;
        int reimported = 0;
        long start = System.nanoTime();
        long nextSeed = random.nextLong();
        Child next = startChild(root, ledger, "import", nextSeed);
        List<Child> started = new ArrayList<>(List.of(next));
        try {
            for (int round = 0; needMore(round, kills, counts, "import"); round++) {
                long childSeed = nextSeed;
                String how;
                List<String> output;
                try (Child child = next) {
                    how = killAt(child, random, "import", longest);
                    output = List.copyOf(child.all);
                    learnDurations(child, longest);
                }
                nextSeed = random.nextLong();
                next = startChild(root, ledger, "import", nextSeed); // closed unused after the last round
                if (next != null) {
                    started.add(next);
                }
                assertThat(output).as("round %d child output", round).noneMatch(l -> l.startsWith("FAILED"));
                String lastMarker = lastMarker(output);
                countKill(counts, how, lastMarker);
                CrashWorkloadMain.dropTornTail(ledger);
                Set<String> completed = new HashSet<>();
                CrashWorkloadMain.readLedger(ledger).forEach(e -> completed.add(e.versionId()));
                List<Path> dirs;
                try (Stream<Path> s = Files.list(root)) {
                    dirs = s.filter(Files::isDirectory).sorted().toList();
                }
                for (Path dir : dirs) {
                    String where = "round " + round + " (seed " + childSeed + ", killed " + how + ", last marker '"
                            + lastMarker + "'), project " + dir.getFileName();
                    boolean happened;
                    try (JcfManager jcf = open(dir)) {
                        happened = !jcf.getHistory().isEmpty();
                        if (happened) {
                            assertImported(jcf, dir, t, where, counts);
                            complete++;
                        } else {
                            assertThat(completed).as("%s: a completed import is in the project", where)
                                    .doesNotContain(dir.getFileName().toString());
                            assertNoTrace(dir, where);
                            noTrace++;
                            jcf.importData(archive);
                            assertImported(jcf, dir, t, where + " (imported again)", counts);
                            reimported++;
                        }
                    }
                    if (happened) {
                        try (JcfManager again = open(dir)) {
                            assertThatThrownBy(() -> again.importData(archive)).as("%s: import into a project with versions",
                                    where).isInstanceOf(ValidationException.class);
                        }
                    }
                    deleteTree(dir);
                }
            }
        } finally {
            for (Child c : started) {
                c.close();
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println(counts.summary("import", millis) + "; projects found fully imported: " + complete
                + ", with no trace of the import: " + noTrace + " (all imported again successfully: " + reimported
                + "); median duration of each operation (ms): " + medians(longest));
        assertInFlightTarget(counts, kills, "import");
        assertThat(reimported).isEqualTo(noTrace);
    }

    /** The project holds every version of the template byte-exact, HEAD checked out, clean. */
    private static void assertImported(JcfManager jcf, Path dir, Template t, String where, Counts counts)
            throws IOException {
        assertThat(jcf.getHistory()).extracting(Version::id).as("%s: imported history", where)
                .containsExactlyInAnyOrderElementsOf(t.ids());
        for (int i = 0; i < t.ids().size(); i++) {
            assertContents(jcf, new Entry(CrashWorkloadMain.CKPT, t.ids().get(i), t.states().get(i)), where);
            counts.versionsVerified++;
        }
        assertThat(jcf.getCurrentVersion().map(Version::id)).as("%s: HEAD", where).contains(t.ids().get(t.ids().size() - 1));
        assertThat(hashTree(dir.resolve("content"))).as("%s: working copy", where)
                .isEqualTo(t.states().get(t.states().size() - 1));
        assertThat(jcf.getStatus().isClean()).as("%s: status", where).isTrue();
        assertVerifiesClean(jcf, where, counts);
        assertThat(dir.resolve(JcfImporter.PENDING_MARKER)).doesNotExist();
    }

    /** Nothing of an import that did not happen: no working-copy file, object, patch, temp file or journal line. */
    private static void assertNoTrace(Path dir, String where) throws IOException {
        assertThat(hashTree(dir.resolve("content"))).as("%s: working copy of a project without versions", where).isEmpty();
        List<String> left = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace(File.separatorChar, '/');
                // the packs' generation is not the import's: the clean-up that deleted its packs writes it (36
                // bytes, a random token), so another process that had listed them lists again before its next write
                boolean expected = rel.equals("manifest.json") || rel.equals("manifest.json.bak") || rel.equals(".store/lock")
                        || rel.equals(JournalCodec.JOURNAL_PATH) && Files.size(p) == 0
                        || rel.equals(".store/packs/generation") && Files.size(p) == 36;
                if (!expected) {
                    left.add(rel + " (" + Files.size(p) + " bytes)");
                }
            }
        }
        assertThat(left).as("%s: files left by an import that did not happen", where).isEmpty();
    }

    private static Child startChild(Path project, Path ledger, String mode, long seed) throws IOException {
        return new Child(CrashWorkloadMain.class, project.toString(), ledger.toString(), mode, String.valueOf(seed),
                "-1", "wait");
    }

    private static void assertContents(JcfManager jcf, Entry e, String where) {
        for (Map.Entry<String, String> f : e.state().entrySet()) {
            assertThat(sha256(jcf.getFileContent(f.getKey(), e.versionId())))
                    .as("%s: %s of %s %s", where, f.getKey(), e.kind(), e.versionId()).isEqualTo(f.getValue());
        }
    }

    private static long countTemp(Path project) throws IOException {
        try (Stream<Path> s = Files.walk(project)) {
            return s.filter(p -> p.getFileName().toString().startsWith(FileAdapter.TEMP_PREFIX)
                    || p.toString().contains(File.separator + "temp" + File.separator)).filter(Files::isRegularFile).count();
        }
    }

    /** A child JVM whose output lines a reader thread collects. Closing kills it. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final List<String> all = new CopyOnWriteArrayList<>();
        /** When each line of {@link #all} arrived (System.nanoTime), same index. */
        final List<Long> times = new CopyOnWriteArrayList<>();
        final Thread reader;

        Child(Class<?> main, String... args) throws IOException {
            String cp = System.getProperty("kamaros.test.classpath", "");
            String full = cp.isEmpty() ? System.getProperty("java.class.path")
                    : cp + File.pathSeparator + System.getProperty("java.class.path");
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", full, main.getName()));
            cmd.addAll(List.of(args));
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        times.add(System.nanoTime());
                        all.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "crash-child-output");
            reader.setDaemon(true);
            reader.start();
        }

        void send(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        void await(String line) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (System.nanoTime() < deadline) {
                if (all.contains(line)) {
                    return;
                }
                if (!process.isAlive() && !reader.isAlive()) {
                    break;
                }
                Thread.sleep(2);
            }
            fail("child never printed %s; its output: %s", line, all);
        }

        /** Waits until {@code line} was printed {@code n} times (or the child ended). */
        void awaitNth(String line, int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (System.nanoTime() < deadline) {
                if (all.stream().filter(line::equals).count() >= n) {
                    return;
                }
                if (!process.isAlive() && !reader.isAlive()) {
                    break;
                }
                Thread.sleep(1);
            }
            fail("child never printed %s %d times; its output: %s", line, n, all);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static JcfManager open(Path project) {
        JcfManager jcf = new JcfManager(JcfConfig.builder().author("parent").build());
        jcf.init(new FileAdapter(project));
        return jcf;
    }

    // ================================================================== injected failures

    /** A project with a few versions; {@code states.get(i)} is what version {@code ids.get(i)} holds. */
    private record Template(Path dir, List<String> ids, List<SortedMap<String, String>> states) {
    }

    private Template template(String name, int versions) throws IOException {
        Path dir = tmp.resolve(name);
        Path wc = dir.resolve("content");
        Random r = new Random(42);
        List<String> ids = new ArrayList<>();
        List<SortedMap<String, String>> states = new ArrayList<>();
        try (JcfManager jcf = open(dir)) {
            for (int v = 0; v < versions; v++) {
                CrashWorkloadMain.mutate(wc, r);
                if (v > 0) {
                    editBig(wc, r); // so that every version's large (chunked) file differs
                }
                states.add(hashTree(wc));
                ids.add(jcf.saveCheckpoint("template " + v));
            }
        }
        return new Template(dir, ids, states);
    }

    private static void editBig(Path wc, Random r) throws IOException {
        Path big = wc.resolve("media/big.bin");
        byte[] data = Files.readAllBytes(big);
        byte[] patch = new byte[20_000];
        r.nextBytes(patch);
        System.arraycopy(patch, 0, data, r.nextInt(data.length - patch.length), patch.length);
        Files.write(big, data);
    }

    /** What "the project as it was" means on disk: every file outside the working copy, by content. */
    private static SortedMap<String, byte[]> storeFiles(Path dir) throws IOException {
        SortedMap<String, byte[]> out = new TreeMap<>();
        Path content = dir.resolve("content");
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.startsWith(content)).sorted().toList()) {
                String rel = dir.relativize(p).toString().replace(File.separatorChar, '/');
                if (!rel.equals(".store/lock")) {
                    out.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    /**
     * The store is as it was: the same files with the same bytes, except that the journal may carry
     * an uncommitted tail after its committed length (cut off by the next append) and the backup
     * manifest may have been refreshed to a copy of the (unchanged) current manifest.
     */
    private static void assertStoreAsItWas(SortedMap<String, byte[]> before, SortedMap<String, byte[]> after, String where) {
        List<String> extra = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (String path : after.keySet()) {
            if (!before.containsKey(path)) {
                extra.add(path);
            }
        }
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
            String path = e.getKey();
            byte[] was = e.getValue();
            byte[] now = after.get(path);
            if (now == null) {
                missing.add(path);
            } else if (path.equals(JournalCodec.JOURNAL_PATH) || path.equals(JournalCodec.copyPath(JournalCodec.JOURNAL_PATH))) {
                // an uncommitted line at the end of the journal (and of its copy) is never read
                if (!Arrays.equals(Arrays.copyOf(now, Math.min(now.length, was.length)), was)) {
                    changed.add(path + " (committed part)");
                }
            } else if (path.equals(ProjectStore.MANIFEST_BACKUP)) {
                byte[] json = ProjectStore.decodeBackup(now);
                if (!Arrays.equals(json, ProjectStore.decodeBackup(was)) && !Arrays.equals(json, before.get(ProjectStore.MANIFEST))) {
                    changed.add(path + " (neither the old backup nor a copy of the unchanged manifest)");
                }
            } else if (!Arrays.equals(now, was)) {
                changed.add(path);
            }
        }
        if (!extra.isEmpty() || !missing.isEmpty() || !changed.isEmpty()) {
            throw new AssertionError(where + ": store not as it was: left behind " + extra + ", missing " + missing
                    + ", changed " + changed);
        }
    }

    /** Compares two folder states (path -> SHA-256) and names only the differences. */
    private static void assertSameFiles(SortedMap<String, String> expected, SortedMap<String, String> actual,
                                        String what) {
        if (expected.equals(actual)) {
            return;
        }
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        expected.forEach((p, h) -> {
            if (!actual.containsKey(p)) {
                missing.add(p);
            } else if (!actual.get(p).equals(h)) {
                changed.add(p);
            }
        });
        actual.keySet().stream().filter(p -> !expected.containsKey(p)).forEach(extra::add);
        throw new AssertionError(what + " differs: missing " + missing + ", unexpected " + extra + ", other bytes in "
                + changed);
    }

    private static boolean causedByInjection(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof FaultInjectingAdapter.InjectedFault) {
                return true;
            }
        }
        return false;
    }

    /** The history as ids and, per version, path -> SHA-256 of its bytes. */
    private static Map<String, SortedMap<String, String>> historyContents(JcfManager jcf) {
        Map<String, SortedMap<String, String>> out = new LinkedHashMap<>();
        for (Version v : jcf.getHistory()) {
            SortedMap<String, String> files = new TreeMap<>();
            for (FileInfo f : jcf.listFiles("", v.id())) {
                files.put(f.path(), sha256(jcf.getFileContent(f.path(), v.id())));
            }
            out.put(v.id(), files);
        }
        return out;
    }

    /** One operation to break: runs against the manager, returns the version it made or restored. */
    private interface Op {
        String run(JcfManager jcf);
    }

    /**
     * Runs {@code op} on a fresh copy of the template with its k-th changing adapter call failing,
     * for k = 1, 2, ... until a run makes no call fail. Returns how many changing calls the
     * operation makes; every problem found is added to {@code problems}.
     */
    private int breakEveryCall(String name, Template t, Op op, FaultCheck check, List<String> problems, int[] completedDespite)
            throws IOException {
        SortedMap<String, String> wcBefore = hashTree(t.dir().resolve("content"));
        SortedMap<String, byte[]> storeBefore = storeFiles(t.dir());
        Map<String, SortedMap<String, String>> historyBefore;
        String headBefore;
        try (JcfManager jcf = open(t.dir())) {
            historyBefore = historyContents(jcf);
            headBefore = jcf.getCurrentVersion().map(Version::id).orElse(null);
        }
        for (int k = 1; ; k++) {
            Path dir = tmp.resolve(name + "-k" + k);
            copyTree(t.dir(), dir);
            FaultInjectingAdapter faulty = new FaultInjectingAdapter(new FileAdapter(dir), k);
            Throwable thrown = null;
            String result = null;
            JcfManager jcf = new JcfManager(JcfConfig.builder().author("parent").build());
            try {
                jcf.init(faulty);
                result = op.run(jcf);
            } catch (JcfException | UncheckedIOException e) {
                thrown = e;
            }
            String where = name + ", failing call " + (faulty.failedCall() == null ? k + " (none: all " + (k - 1)
                    + " calls done)" : faulty.failedCall());
            try {
                if (faulty.failedCall() == null) {
                    assertThat(thrown).as("%s: the operation without a failure", where).isNull();
                    check.succeeded(dir, result, historyBefore, wcBefore, where);
                    jcf.close();
                    deleteTree(dir);
                    System.out.println("FAULTS " + name + ": the changing calls, each made to fail once in turn: "
                            + faulty.log());
                    return k - 1;
                }
                if (thrown == null) {
                    // failed after the commit point (clean-up of superseded copies): the operation completed
                    completedDespite[0]++;
                    check.succeeded(dir, result, historyBefore, wcBefore, where);
                } else {
                    assertThat(causedByInjection(thrown)).as("%s: error %s comes from the injected failure", where,
                            thrown).isTrue();
                    check.failed(dir, jcf, storeBefore, historyBefore, headBefore, wcBefore, where);
                    jcf.close();
                    // the next operation succeeds
                    try (JcfManager again = open(dir)) {
                        String retried = op.run(again);
                        check.succeeded(dir, retried, historyBefore, wcBefore, where + ", then retried");
                    }
                }
            } catch (AssertionError | RuntimeException e) {
                String msg = String.valueOf(e.getMessage()).strip().replaceAll("\\s+", " ");
                problems.add(msg.length() > 700 ? msg.substring(0, 700) + "…" : msg);
            } finally {
                jcf.close();
            }
            deleteTree(dir);
            if (k > 500) {
                fail("%s: more than 500 changing calls", name);
            }
        }
    }

    /** What must hold after a failed and after a completed operation. */
    private interface FaultCheck {
        void failed(Path dir, JcfManager jcf, SortedMap<String, byte[]> storeBefore,
                    Map<String, SortedMap<String, String>> historyBefore, String headBefore,
                    SortedMap<String, String> wcBefore, String where) throws IOException;

        void succeeded(Path dir, String result, Map<String, SortedMap<String, String>> historyBefore,
                       SortedMap<String, String> wcBefore, String where) throws IOException;
    }

    /** Failed: store, history, HEAD and working copy exactly as before (checked on disk and after reopening). */
    private static void assertUnchanged(Path dir, JcfManager jcf, SortedMap<String, byte[]> storeBefore,
                                        Map<String, SortedMap<String, String>> historyBefore, String headBefore,
                                        SortedMap<String, String> wcBefore, String where) throws IOException {
        assertSameFiles(wcBefore, hashTree(dir.resolve("content")), where + ": working copy");
        assertStoreAsItWas(storeBefore, storeFiles(dir), where);
        assertThat(jcf.getHistory()).extracting(Version::id).as("%s: history in the same manager", where)
                .containsExactlyElementsOf(historyBefore.keySet());
        try (JcfManager reopened = open(dir)) {
            assertThat(historyContents(reopened)).as("%s: history after reopening", where).isEqualTo(historyBefore);
            assertThat(reopened.getCurrentVersion().map(Version::id).orElse(null)).as("%s: HEAD", where)
                    .isEqualTo(headBefore);
            assertThat(reopened.getStatus().changeCount()).as("%s: status works", where).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aFailedCheckpointLeavesTheProjectAsItWasAtEveryWrite() throws IOException {
        Template t = template("ckpt-template", 4);
        Path wc = t.dir().resolve("content");
        Random r = new Random(7);
        CrashWorkloadMain.mutate(wc, r); // pending work: edits, adds, maybe deletes and renames
        editBig(wc, r);
        Files.writeString(wc.resolve("docs/added-for-the-test.txt"), "new\nfile\n");
        List<String> problems = new ArrayList<>();
        int[] completedDespite = {0};
        int calls = breakEveryCall("checkpoint", t, jcf -> jcf.saveCheckpoint("pending work"), new FaultCheck() {
            @Override
            public void failed(Path dir, JcfManager jcf, SortedMap<String, byte[]> storeBefore,
                               Map<String, SortedMap<String, String>> historyBefore, String headBefore,
                               SortedMap<String, String> wcBefore, String where) throws IOException {
                assertUnchanged(dir, jcf, storeBefore, historyBefore, headBefore, wcBefore, where);
            }

            @Override
            public void succeeded(Path dir, String id, Map<String, SortedMap<String, String>> historyBefore,
                                  SortedMap<String, String> wcBefore, String where) throws IOException {
                try (JcfManager reopened = open(dir)) {
                    Map<String, SortedMap<String, String>> now = historyContents(reopened);
                    Map<String, SortedMap<String, String>> expected = new LinkedHashMap<>();
                    expected.put(id, wcBefore);
                    expected.putAll(historyBefore);
                    assertThat(now).as("%s: history with the new version", where).isEqualTo(expected);
                    assertThat(reopened.getStatus().isClean()).as("%s: clean after the checkpoint", where).isTrue();
                }
            }
        }, problems, completedDespite);
        System.out.println("FAULTS checkpoint: " + calls + " changing adapter calls; each failed once: "
                + (calls - completedDespite[0]) + " failed the checkpoint, " + completedDespite[0]
                + " came after the commit point; problems: " + problems.size());
        problems.forEach(p -> System.out.println("  " + p));
        assertThat(calls).as("a checkpoint of edits, a chunked file and adds makes many writes").isGreaterThan(5);
        assertThat(problems).as("failures that left the project changed").isEmpty();
    }

    @Test
    void aFailedRestoreLeavesTheProjectAsItWasAtEveryWrite() throws IOException {
        Template t = template("restore-template", 4);
        String target = t.ids().get(0);
        SortedMap<String, String> targetState = t.states().get(0);
        assertThat(targetState).isNotEqualTo(t.states().get(3));
        List<String> problems = new ArrayList<>();
        int[] completedDespite = {0};
        int calls = breakEveryCall("restore", t, jcf -> jcf.restoreVersion(target).versionId(), new FaultCheck() {
            @Override
            public void failed(Path dir, JcfManager jcf, SortedMap<String, byte[]> storeBefore,
                               Map<String, SortedMap<String, String>> historyBefore, String headBefore,
                               SortedMap<String, String> wcBefore, String where) throws IOException {
                assertUnchanged(dir, jcf, storeBefore, historyBefore, headBefore, wcBefore, where);
            }

            @Override
            public void succeeded(Path dir, String restored, Map<String, SortedMap<String, String>> historyBefore,
                                  SortedMap<String, String> wcBefore, String where) throws IOException {
                assertThat(restored).isEqualTo(target);
                assertThat(hashTree(dir.resolve("content"))).as("%s: working copy restored", where).isEqualTo(targetState);
                try (JcfManager reopened = open(dir)) {
                    assertThat(historyContents(reopened)).as("%s: history", where).isEqualTo(historyBefore);
                    assertThat(reopened.getCurrentVersion().map(Version::id)).as("%s: HEAD", where).contains(target);
                    assertThat(reopened.getStatus().isClean()).as("%s: clean after the restore", where).isTrue();
                }
            }
        }, problems, completedDespite);
        System.out.println("FAULTS restore: " + calls + " changing adapter calls; each failed once: "
                + (calls - completedDespite[0]) + " failed the restore, " + completedDespite[0]
                + " came after the commit point; problems: " + problems.size());
        problems.forEach(p -> System.out.println("  " + p));
        assertThat(calls).isGreaterThan(5);
        assertThat(problems).as("failures that left the project changed").isEmpty();
    }

    @Test
    void aFailedRestoreThatAutoSavesKeepsTheWorkingCopyAtEveryWrite() throws IOException {
        Template t = template("autosave-template", 4);
        Path wc = t.dir().resolve("content");
        Random r = new Random(11);
        CrashWorkloadMain.mutate(wc, r); // uncommitted work, auto-saved by the restore
        editBig(wc, r);
        String target = t.ids().get(1);
        SortedMap<String, String> targetState = t.states().get(1);
        List<String> problems = new ArrayList<>();
        int[] completedDespite = {0};
        int calls = breakEveryCall("restore with auto-save", t,
                jcf -> {
                    RestoreResult res = jcf.restoreVersion(target);
                    return res.undoVersionId();
                }, new FaultCheck() {
                    @Override
                    public void failed(Path dir, JcfManager jcf, SortedMap<String, byte[]> storeBefore,
                                       Map<String, SortedMap<String, String>> historyBefore, String headBefore,
                                       SortedMap<String, String> wcBefore, String where) throws IOException {
                        // the work is never lost: still in the working copy, and saved if the auto-save completed
                        assertSameFiles(wcBefore, hashTree(dir.resolve("content")), where + ": working copy");
                        try (JcfManager reopened = open(dir)) {
                            Map<String, SortedMap<String, String>> now = historyContents(reopened);
                            String head = reopened.getCurrentVersion().map(Version::id).orElse(null);
                            if (now.size() == historyBefore.size()) {
                                assertThat(now).as("%s: history", where).isEqualTo(historyBefore);
                                assertThat(head).as("%s: HEAD", where).isEqualTo(headBefore);
                            } else {
                                Map<String, SortedMap<String, String>> expected = new LinkedHashMap<>();
                                expected.put(head, wcBefore);
                                expected.putAll(historyBefore);
                                assertThat(now).as("%s: history with the completed auto-save", where).isEqualTo(expected);
                                assertThat(reopened.getVersion(head).orElseThrow().autoSaved()).isTrue();
                            }
                            assertThat(reopened.getStatus().changeCount()).isGreaterThanOrEqualTo(0);
                        }
                    }

                    @Override
                    public void succeeded(Path dir, String undo, Map<String, SortedMap<String, String>> historyBefore,
                                          SortedMap<String, String> wcBefore, String where) throws IOException {
                        assertThat(hashTree(dir.resolve("content"))).as("%s: working copy restored", where)
                                .isEqualTo(targetState);
                        try (JcfManager reopened = open(dir)) {
                            Map<String, SortedMap<String, String>> now = historyContents(reopened);
                            assertThat(now).as("%s: history is the old one plus the auto-save", where)
                                    .hasSize(historyBefore.size() + 1).containsAllEntriesOf(historyBefore);
                            assertThat(now.get(undo)).as("%s: the undo version holds the saved work", where)
                                    .isEqualTo(wcBefore);
                            assertThat(reopened.getCurrentVersion().map(Version::id)).contains(target);
                            assertThat(reopened.getStatus().isClean()).as("%s: clean after the restore", where).isTrue();
                        }
                    }
                }, problems, completedDespite);
        System.out.println("FAULTS restore with auto-save: " + calls + " changing adapter calls; each failed once: "
                + (calls - completedDespite[0]) + " failed the operation, " + completedDespite[0]
                + " came after the commit point; problems: " + problems.size());
        problems.forEach(p -> System.out.println("  " + p));
        assertThat(calls).isGreaterThan(5);
        assertThat(problems).as("failures that lost or changed the working copy").isEmpty();
    }
}
