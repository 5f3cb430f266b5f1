package io.kamaros.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.RetentionPolicy;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.store.MemoryAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The retention policy over random histories (versions over simulated months, some not thinnable —
 * tagged, manual or current) and random policies: what it keeps, and that keeping is idempotent; and
 * forgetting random versions of random real histories keeps every other version byte-exact through
 * GC and reopening.
 */
class RetentionPropertiesTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Warsaw");
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    /** Up to 400 versions at random times within ~half a year before now; thinnable when the flag says so. */
    record History(List<Retention.Candidate> versions, Set<String> notThinnable) {
        Predicate<Retention.Candidate> thinnable() {
            return c -> !notThinnable.contains(c.id());
        }
    }

    @Provide
    Arbitrary<History> histories() {
        return Arbitraries.longs().between(0, 180L * 24 * 3600).list().ofMinSize(1).ofMaxSize(400)
                .flatMap(ages -> Arbitraries.integers().between(0, 9).list().ofSize(ages.size()).map(flags -> {
                    List<Retention.Candidate> versions = new ArrayList<>();
                    Set<String> fixed = new HashSet<>();
                    for (int i = 0; i < ages.size(); i++) {
                        String id = "v" + i;
                        versions.add(new Retention.Candidate(id, NOW.minusSeconds(ages.get(i)), 1000L * (i % 7 + 1)));
                        if (flags.get(i) == 0) {
                            fixed.add(id); // about one in ten: tagged or manual
                        }
                    }
                    return new History(versions, fixed);
                }));
    }

    @Provide
    Arbitrary<RetentionPolicy> policies() {
        Arbitrary<Integer> count = Arbitraries.oneOf(Arbitraries.integers().between(0, 40),
                Arbitraries.just(RetentionPolicy.UNLIMITED));
        Arbitrary<Duration> within = Arbitraries.of(Duration.ZERO, Duration.ofHours(1), Duration.ofHours(24),
                Duration.ofDays(7));
        Arbitrary<Long> max = Arbitraries.of(0L, 5_000L, 50_000L, 1_000_000L);
        return Combinators.combine(count, within, count, count, count, count, max)
                .as(RetentionPolicy::new);
    }

    @Property(tries = 300)
    void theNewestAndEveryUnthinnableVersionAreKept(@ForAll("histories") History h,
                                                   @ForAll("policies") RetentionPolicy policy) {
        Set<String> keep = Retention.keep(h.versions(), h.thinnable(), policy, ZONE, NOW);
        Retention.Candidate newest = h.versions().stream()
                .max((a, b) -> a.timestamp().equals(b.timestamp()) ? b.id().compareTo(a.id())
                        : a.timestamp().compareTo(b.timestamp())).orElseThrow();
        assertThat(keep).contains(newest.id()).containsAll(h.notThinnable());
        assertThat(h.versions()).extracting(Retention.Candidate::id).containsAll(keep);
    }

    @Property(tries = 300)
    void applyingAPolicyTwiceKeepsWhatApplyingItOnceKept(@ForAll("histories") History h,
                                                        @ForAll("policies") RetentionPolicy policy) {
        Set<String> once = Retention.keep(h.versions(), h.thinnable(), policy, ZONE, NOW);
        List<Retention.Candidate> left = h.versions().stream().filter(c -> once.contains(c.id())).toList();
        assertThat(Retention.keep(left, h.thinnable(), policy, ZONE, NOW)).isEqualTo(once);
    }

    @Property(tries = 300)
    void withoutASizeLimitEachRuleKeepsWhatItPromises(@ForAll("histories") History h,
                                                     @ForAll("policies") RetentionPolicy anyPolicy) {
        RetentionPolicy policy = anyPolicy.withMaxBytes(0);
        Set<String> keep = Retention.keep(h.versions(), h.thinnable(), policy, ZONE, NOW);
        List<Retention.Candidate> newestFirst = new ArrayList<>(h.versions());
        newestFirst.sort((a, b) -> a.timestamp().equals(b.timestamp()) ? a.id().compareTo(b.id())
                : b.timestamp().compareTo(a.timestamp()));
        int last = policy.keepLast() == RetentionPolicy.UNLIMITED ? newestFirst.size()
                : Math.min(policy.keepLast(), newestFirst.size());
        for (int i = 0; i < last; i++) {
            assertThat(keep).contains(newestFirst.get(i).id());
        }
        for (Retention.Candidate c : h.versions()) {
            if (c.timestamp().isAfter(NOW.minus(policy.keepWithin()))) {
                assertThat(keep).contains(c.id());
            }
        }
        // Daily: the newest version of each of the newest keepDaily days is kept.
        Map<LocalDate, String> newestOfDay = new LinkedHashMap<>();
        for (Retention.Candidate c : newestFirst) {
            newestOfDay.putIfAbsent(c.timestamp().atZone(ZONE).toLocalDate(), c.id());
        }
        int days = policy.keepDaily() == RetentionPolicy.UNLIMITED ? newestOfDay.size()
                : Math.min(policy.keepDaily(), newestOfDay.size());
        assertThat(keep).containsAll(new ArrayList<>(newestOfDay.values()).subList(0, days));
    }

    @Property(tries = 300)
    void aSizeLimitIsMetWheneverThinnableVersionsAllowIt(@ForAll("histories") History h,
                                                        @ForAll("policies") RetentionPolicy policy) {
        Set<String> keep = Retention.keep(h.versions(), h.thinnable(), policy, ZONE, NOW);
        long kept = h.versions().stream().filter(c -> keep.contains(c.id())).mapToLong(Retention.Candidate::bytes).sum();
        long floor = h.versions().stream().filter(c -> keep.contains(c.id()) && !h.thinnable().test(c))
                .mapToLong(Retention.Candidate::bytes).sum();
        if (policy.maxBytes() > 0 && kept > policy.maxBytes()) {
            // Over the limit only when what is left is the newest version and versions that are never thinned.
            assertThat(kept - floor).isLessThanOrEqualTo(h.versions().stream().mapToLong(Retention.Candidate::bytes)
                    .max().orElse(0));
        }
    }

    /** Random real histories (texts edited, binaries, renames, deletions, branches), random versions forgotten. */
    @Property(tries = 25)
    void forgettingRandomVersionsKeepsEveryOtherVersionByteExact(@ForAll long seed) {
        Random r = new Random(seed);
        MemoryAdapter adapter = new MemoryAdapter();
        JcfConfig config = JcfConfig.builder().author("prop").snapshotInterval(1 + r.nextInt(4)).build();
        Map<String, Map<String, byte[]>> expected = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        Map<String, byte[]> model = new TreeMap<>();
        String[] paths = {"a.txt", "b.md", "dir/c.txt", "d.bin"};
        try (JcfManager jcf = new JcfManager(config)) {
            jcf.init(adapter);
            int versions = 5 + r.nextInt(20);
            for (int v = 0; v < versions; v++) {
                if (v > 2 && r.nextInt(6) == 0) { // a branch: back to an older version
                    String back = ids.get(r.nextInt(ids.size()));
                    jcf.restoreVersion(back, RestoreOptions.builder().force(true).build());
                    model.clear();
                    model.putAll(expected.get(back));
                }
                for (int edit = 0; edit < 1 + r.nextInt(3); edit++) {
                    String p = paths[r.nextInt(paths.length)];
                    int what = r.nextInt(10);
                    if (what == 0 && model.containsKey(p)) {
                        jcf.removeFile(p);
                        model.remove(p);
                    } else if (what == 1 && model.containsKey(p) && !model.containsKey("moved/" + p)) {
                        jcf.moveFile(p, "moved/" + p);
                        model.put("moved/" + p, model.remove(p));
                    } else {
                        byte[] bytes = p.endsWith(".bin") ? SampleProject.binary(2_000 + r.nextInt(5_000), r.nextInt())
                                : (SampleProject.text(r.nextInt(30)) + "edit " + r.nextInt(1000) + "\n")
                                .getBytes(StandardCharsets.UTF_8);
                        jcf.addFile(p, bytes);
                        model.put(p, bytes);
                    }
                }
                try {
                    String id = jcf.saveCheckpoint("v" + v, CheckpointOptions.builder().allowEmpty(true).build());
                    ids.add(id);
                    expected.put(id, new TreeMap<>(model));
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + seed, e);
                }
            }
            String head = jcf.getCurrentVersion().orElseThrow().id();
            List<String> forget = new ArrayList<>();
            for (String id : ids) {
                if (!id.equals(head) && r.nextInt(3) > 0) {
                    forget.add(id);
                }
            }
            if (!forget.isEmpty()) {
                jcf.forget(forget, ForgetOptions.defaults().withForce(true));
            }
            forget.forEach(expected::remove);
            assertExact(jcf, expected);
            assertThat(jcf.getHistory()).extracting(Version::id).containsExactlyInAnyOrderElementsOf(expected.keySet());
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
        }
        try (JcfManager reopened = new JcfManager(config)) {
            reopened.init(adapter);
            assertExact(reopened, expected);
        }
    }

    private static void assertExact(JcfManager jcf, Map<String, Map<String, byte[]>> expected) {
        for (Map.Entry<String, Map<String, byte[]>> v : expected.entrySet()) {
            assertThat(jcf.getVersion(v.getKey()).orElseThrow().fileStates().keySet()).as("files of %s", v.getKey())
                    .containsExactlyInAnyOrderElementsOf(v.getValue().keySet());
            for (Map.Entry<String, byte[]> f : v.getValue().entrySet()) {
                assertThat(jcf.getFileContent(f.getKey(), v.getKey())).as("%s in %s", f.getKey(), v.getKey())
                        .isEqualTo(f.getValue());
            }
        }
    }
}
