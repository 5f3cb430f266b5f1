package io.kamaros.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.MemoryAdapter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Reading through a {@link ReadCache} (what a forget does) gives exactly what reading without one gives, whatever
 * the cache's size and the order of the reads, and never hides a damaged patch it did not already check.
 */
class ReadCacheTest {

    /** A history of texts edited at random, with whole copies every {@code interval} versions: long patch chains. */
    private static MemoryAdapter history(Random r, int interval, boolean loose) {
        MemoryAdapter mem = new MemoryAdapter();
        List<List<String>> files = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            files.add(new ArrayList<>(List.of("# file " + f, "first line")));
        }
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().snapshotInterval(interval).looseObjects(loose).build())) {
            jcf.init(mem);
            int versions = 10 + r.nextInt(40);
            for (int v = 0; v < versions; v++) {
                for (int e = 0; e < 1 + r.nextInt(2); e++) {
                    int f = r.nextInt(files.size());
                    List<String> lines = files.get(f);
                    int at = r.nextInt(lines.size() + 1);
                    if (r.nextInt(4) == 0 && lines.size() > 2) {
                        lines.remove(Math.min(at, lines.size() - 1));
                    } else {
                        lines.add(at, "line " + v + "." + e + " " + "x".repeat(r.nextInt(40)));
                    }
                    jcf.addFile("text-" + f + ".md", String.join("\n", lines) + "\n");
                }
                jcf.saveCheckpoint("v" + v, CheckpointOptions.builder().allowEmpty(true).build()); // edits may cancel out
            }
        }
        return mem;
    }

    private static List<String> contents(ProjectStore store) {
        Set<String> out = new LinkedHashSet<>();
        for (VersionRecord v : store.graph().all()) {
            for (FileState s : v.changes()) {
                if (!s.deleted() && s.hash() != null) {
                    out.add(s.hash());
                }
            }
        }
        return new ArrayList<>(out);
    }

    @Property(tries = 30)
    void readingThroughACacheGivesWhatReadingWithoutOneGives(@ForAll long seed,
                                                             @ForAll @IntRange(min = 1, max = 8) int interval,
                                                             @ForAll @IntRange(max = 20_000) int cacheBytes)
            throws Exception {
        Random r = new Random(seed);
        MemoryAdapter mem = history(r, interval, false);
        ProjectStore store = ProjectStore.open(mem, JcfConfig.defaults(), "p");
        ContentStore content = store.content();
        List<String> hashes = contents(store);
        if (r.nextBoolean()) {
            Collections.shuffle(hashes, r); // oldest first (a forget's order) or any order
        }
        ReadCache cache = new ReadCache(cacheBytes);
        Set<String> known = new HashSet<>();
        for (String h : hashes) {
            byte[] cached = content.read(h, cache);
            assertThat(BlobStore.sha256Hex(cached)).isEqualTo(h);
            assertThat(cached).isEqualTo(content.read(h));
            cached[0] ^= 1; // what a caller does with its copy does not reach the cache
            assertThat(content.read(h, cache)).isEqualTo(content.read(h));
            assertThat(content.reachable(h, known)).isTrue();
        }
    }

    @Test
    void aDamagedPatchIsNotHiddenByTheCache() throws Exception {
        MemoryAdapter mem = history(new Random(7), 100, true); // one whole copy per file: every older text is patched
        ProjectStore store = ProjectStore.open(mem, JcfConfig.builder().looseObjects(true).build(), "p");
        ContentStore content = store.content();
        FileState found = null;
        for (VersionRecord v : store.graph().all()) {
            for (FileState s : v.changes()) {
                if (s.contentRef() != null && s.contentRef().startsWith(ContentStore.DELTAS)) {
                    found = s;
                }
            }
        }
        FileState patched = Objects.requireNonNull(found, "a text edit kept as a reverse patch");
        String older = Objects.requireNonNull(patched.previousHash());
        String ref = Objects.requireNonNull(patched.contentRef());
        byte[] damaged = "@@ -1,1 +1,1 @@\n-nothing\n+wrong\n".getBytes(StandardCharsets.UTF_8);
        mem.writeFile(ref, damaged);
        mem.writeFile(ContentStore.copyOf(ref), damaged);
        ReadCache cache = new ReadCache(1 << 20);
        assertThat(content.read(patched.hash(), cache)).as("the newer text still reads").isNotEmpty();
        assertThatThrownBy(() -> content.read(older, cache)).isInstanceOf(CorruptionException.class);
        assertThat(cache.contains(older)).isFalse();
    }

    @Test
    void theLeastRecentlyUsedGoFirstAndTheBoundHolds() {
        ReadCache cache = new ReadCache(100);
        cache.put("a", new byte[20]);
        cache.put("b", new byte[20]);
        cache.put("c", new byte[20]);
        cache.get("a"); // used: "b" is now the oldest
        cache.put("d", new byte[20]);
        cache.put("e", new byte[20]);
        cache.put("f", new byte[20]);
        assertThat(cache.contains("b")).isFalse();
        assertThat(cache.contains("a")).isTrue();
        assertThat(cache.size()).isEqualTo(5);
        cache.put("big", new byte[26]); // over a quarter of the bound: not kept
        assertThat(cache.contains("big")).isFalse();
        assertThat(ReadCache.none().contains("a")).isFalse();
    }
}
