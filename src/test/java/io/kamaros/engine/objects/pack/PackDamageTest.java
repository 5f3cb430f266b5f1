package io.kamaros.engine.objects.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.store.MemoryAdapter;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.jspecify.annotations.Nullable;

/**
 * One damaged byte inside a pack costs only the object it lies in: every other object still reads
 * byte-exact, through the stored index or through an index rebuilt by scanning the pack; the
 * damaged object is refused (never wrong bytes), and the pack no longer matches its name (under either naming
 * rule, {@link PackName}). Damage to an index costs nothing.
 */
class PackDamageTest {

    @Property(tries = 300)
    void oneFlippedByteInAPackCostsAtMostTheObjectItLiesIn(@ForAll @IntRange(min = 1, max = 25) int count,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed, @ForAll @IntRange(min = 0, max = 1 << 30) int where,
            @ForAll @IntRange(min = 1, max = 255) int mask, @ForAll boolean dropIndex, @ForAll boolean olderRule)
            throws Exception {
        MemoryAdapter adapter = new MemoryAdapter();
        Map<String, byte[]> objects = PackStoreTest.objects(count, seed);
        PackWriter.SealedPack written = PackStoreTest.write(adapter, objects, 1 << 20).get(0);
        PackWriter.SealedPack p = olderRule ? PackNameTest.toOlderRule(adapter, written) : written;
        byte[] pack = adapter.readFile(p.packPath());
        int at = where % pack.length;
        pack[at] ^= (byte) mask;
        adapter.writeFile(p.packPath(), pack);
        if (dropIndex) {
            adapter.deleteFile(p.indexPath());
        }
        String hit = objectAt(p.index().entries(), at);

        PackReader reader = PackReader.open(adapter);
        for (Map.Entry<String, byte[]> e : objects.entrySet()) {
            if (e.getKey().equals(hit)) {
                // Refused: as damaged, or (its header lost while the index is rebuilt) as absent.
                assertThatThrownBy(() -> reader.read(e.getKey()))
                        .isInstanceOfAny(CorruptionException.class, NoSuchFileException.class);
            } else {
                assertThat(reader.read(e.getKey())).as("%s, byte %d of %d flipped", e.getKey(), at, pack.length)
                        .isEqualTo(e.getValue());
            }
        }
        PackReader.PackCheck check = reader.check(p.name());
        assertThat(check.nameMatches()).isFalse();
        assertThat(check.damagedObjects()).isSubsetOf(hit == null ? List.of() : List.of(hit));
    }

    @Property(tries = 200)
    void oneFlippedByteInAnIndexCostsNothing(@ForAll @IntRange(min = 1, max = 25) int count,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed, @ForAll @IntRange(min = 0, max = 1 << 30) int where,
            @ForAll @IntRange(min = 1, max = 255) int mask) throws Exception {
        MemoryAdapter adapter = new MemoryAdapter();
        Map<String, byte[]> objects = PackStoreTest.objects(count, seed);
        PackWriter.SealedPack p = PackStoreTest.write(adapter, objects, 1 << 20).get(0);
        byte[] idx = adapter.readFile(p.indexPath());
        idx[where % idx.length] ^= (byte) mask;
        adapter.writeFile(p.indexPath(), idx);

        PackReader reader = PackReader.open(adapter);
        assertThat(reader.rebuiltIndexes()).containsExactly(p.name());
        for (Map.Entry<String, byte[]> e : objects.entrySet()) {
            assertThat(reader.read(e.getKey())).isEqualTo(e.getValue());
        }
    }

    /** The object whose entry (header or data) holds byte {@code at}, or null for the pack's header and trailer. */
    private static @Nullable String objectAt(List<PackIndex.Entry> entries, int at) {
        for (PackIndex.Entry e : entries) {
            if (at >= e.offset() && at < e.offset() + e.entryLength()) {
                return e.objectId();
            }
        }
        return null;
    }
}
