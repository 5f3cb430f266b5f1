package io.kamaros.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Hot methods of a JFR recording of {@link SideBySideBenchmark}, per kamaros operation.
 *
 * <p>The benchmark's {@code --phases FILE} lists when each kamaros operation ran; samples
 * ({@code jdk.ExecutionSample}) are attributed to the phase they fall in, so "W1 restore" shows only
 * what the restore executed, not data generation or the wait for git. Per phase group it prints the
 * top frames by self time, and the top {@code io.kamaros} frames by inclusive time (where in the engine
 * the time goes).
 *
 * <pre>
 *   java -cp target/test-classes io.kamaros.bench.JfrHotMethods rec.jfr phases.tsv [substring-of-phase] [top]
 *   java -cp target/test-classes io.kamaros.bench.JfrHotMethods rec.jfr - [substring-of-api-method] [top]
 * </pre>
 * With {@code -} instead of a phases file, samples are grouped by the outermost {@code JcfManager} method
 * on their stack (all workloads together; stacks JFR truncated are skipped).
 * Phases are grouped by their label without the trailing version number ("W1 kamaros checkpoint v17"
 * counts as "W1 kamaros checkpoint"); the first version of a workload stays its own group.
 */
public final class JfrHotMethods {
    private record Phase(String group, Instant start, Instant end) {
    }

    private static final class Stats {
        int samples;
        int nativeSamples;
        final Map<String, Integer> self = new HashMap<>();
        /** Native samples (thread blocked in the OS: I/O, fsync): the native frame and the engine caller. */
        final Map<String, Integer> nat = new HashMap<>();
        final Map<String, Integer> engine = new HashMap<>();
    }

    public static void main(String[] args) throws Exception {
        Path recording = Path.of(args[0]);
        List<Phase> phases = new ArrayList<>();
        boolean byApi = args[1].equals("-");
        for (String line : byApi ? List.<String>of() : Files.readAllLines(Path.of(args[1]))) {
            String[] f = line.split("\t");
            String group = f[0].endsWith(" v1") ? f[0] : f[0].replaceFirst(" v\\d+$", "");
            phases.add(new Phase(group, Instant.parse(f[1]), Instant.parse(f[2])));
        }
        String filter = args.length > 2 ? args[2] : "";
        int top = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        Map<String, Stats> byGroup = new LinkedHashMap<>();
        for (Phase p : phases) {
            if (p.group.contains(filter)) {
                byGroup.putIfAbsent(p.group, new Stats());
            }
        }
        try (RecordingFile rf = new RecordingFile(recording)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                String type = e.getEventType().getName();
                boolean isNative = type.equals("jdk.NativeMethodSample");
                if (!isNative && !type.equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace st = e.getStackTrace();
                if (st == null || st.getFrames().isEmpty()) {
                    continue;
                }
                String group = byApi ? apiCall(st, filter) : phaseOf(phases, e.getStartTime());
                if (group == null || byApi && st.isTruncated()) {
                    continue;
                }
                if (byApi) {
                    byGroup.putIfAbsent(group, new Stats());
                }
                if (!byGroup.containsKey(group) || !inEngine(st)) {
                    continue; // the harness's own work (generating data, waiting for git) is not of interest
                }
                Stats s = byGroup.get(group);
                if (isNative) {
                    s.nativeSamples++;
                    String caller = "";
                    for (RecordedFrame f : st.getFrames()) {
                        String n = name(f);
                        if (n.startsWith("io.kamaros.engine")) {
                            caller = " <- " + n;
                            break;
                        }
                    }
                    s.nat.merge(name(st.getFrames().get(0)) + caller, 1, Integer::sum);
                    continue;
                }
                s.samples++;
                s.self.merge(name(st.getFrames().get(0)), 1, Integer::sum);
                // Inclusive: each distinct engine method on the stack once.
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : st.getFrames()) {
                    String n = name(f);
                    if (n.startsWith("io.kamaros.engine") && seen.add(n)) {
                        s.engine.merge(n, 1, Integer::sum);
                    }
                }
            }
        }
        for (Map.Entry<String, Stats> g : byGroup.entrySet()) {
            Stats s = g.getValue();
            long ms = 0;
            for (Phase p : phases) {
                if (p.group.equals(g.getKey())) {
                    ms += Duration.between(p.start, p.end).toMillis();
                }
            }
            System.out.printf(Locale.ROOT, "%n== %s: %d Java samples, %d native (in the OS) samples, in %,d ms of"
                    + " operations%n", g.getKey(), s.samples, s.nativeSamples, ms);
            if (s.nativeSamples > 0) {
                System.out.println("  native (blocked in the OS), with the engine method that called:");
                print(s.nat, s.nativeSamples, top);
            }
            if (s.samples == 0) {
                continue;
            }
            System.out.println("  self (top of stack):");
            print(s.self, s.samples, top);
            System.out.println("  engine methods, inclusive:");
            print(s.engine, s.samples, top);
        }
    }

    private static boolean inEngine(RecordedStackTrace st) {
        for (RecordedFrame f : st.getFrames()) {
            if (name(f).startsWith("io.kamaros.engine")) {
                return true;
            }
        }
        return false;
    }

    private static String phaseOf(List<Phase> phases, Instant t) {
        for (Phase p : phases) {
            if (!t.isBefore(p.start) && !t.isAfter(p.end)) {
                return p.group;
            }
        }
        return null;
    }

    /** Without a phases file: the outermost JcfManager method on the stack (saveCheckpoint, restoreVersion, ...). */
    private static String apiCall(RecordedStackTrace st, String filter) {
        List<RecordedFrame> frames = st.getFrames();
        for (int i = frames.size() - 1; i >= 0; i--) {
            String n = name(frames.get(i));
            if (n.startsWith("io.kamaros.engine.JcfManager.") && n.contains(filter)) {
                return n;
            }
        }
        return null;
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(Map<String, Integer> counts, int total, int top) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "    %5.1f%%  %5d  %s%n", 100.0 * e.getValue() / total,
                        e.getValue(), e.getKey()));
    }
}
