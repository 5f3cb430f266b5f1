package io.kamaros.engine.objects.pack;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * How packs are named: new packs by the SHA-256 of their skeleton (their bytes without the entries' data),
 * packs of the older rule by the SHA-256 of all their bytes; both open, read and check.
 */
class PackNameTest {

    /** The pack's bytes with every entry's data left out, cut by its index (not by the code under test). */
    static byte[] skeleton(byte[] pack, PackIndex index) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long at = 0;
        for (PackIndex.Entry e : index.entries().stream().sorted(Comparator.comparingLong(PackIndex.Entry::offset))
                .toList()) {
            long dataStart = e.offset() + e.headerLength();
            out.write(pack, (int) at, (int) (dataStart - at));
            at = dataStart + e.storedLength();
        }
        out.write(pack, (int) at, (int) (pack.length - at));
        return out.toByteArray();
    }

    /**
     * Rewrites a sealed pack as one of the older rule would be: magic {@code "KPK" 01}, named by the SHA-256 of
     * all its bytes, its index beside it under that name. Returns the pack under its new name.
     */
    static PackWriter.SealedPack toOlderRule(FileSystemAdapter disk, PackWriter.SealedPack p) throws Exception {
        byte[] pack = disk.readFile(p.packPath());
        pack[3] = 1;
        PackWriter.SealedPack old = new PackWriter.SealedPack(PackStoreTest.hash(pack), p.index());
        disk.writeFile(old.packPath(), pack);
        disk.writeFile(old.indexPath(), disk.readFile(p.indexPath()));
        disk.deleteFile(p.packPath());
        disk.deleteFile(p.indexPath());
        return old;
    }

    /** Feeds {@code bytes} to a check in random slices. */
    private static boolean checkInSlices(byte[] bytes, String name, Random r) {
        PackName.Check check = new PackName.Check();
        for (int at = 0; at < bytes.length; ) {
            int n = Math.min(bytes.length - at, r.nextInt(3) == 0 ? r.nextInt(8) : r.nextInt(5000));
            check.update(bytes, at, n);
            at += n;
        }
        return check.matches(name);
    }

    @Test
    void aNewPackIsNamedByTheSha256OfItsSkeletonAndStartsWithTheMagicThatSaysSo() throws Exception {
        MemoryAdapter adapter = new MemoryAdapter();
        for (PackWriter.SealedPack p : PackStoreTest.write(adapter, PackStoreTest.objects(40, 3), 16 * 1024)) {
            byte[] pack = adapter.readFile(p.packPath());
            assertThat(Arrays.copyOf(pack, 4)).isEqualTo(new byte[]{'K', 'P', 'K', 2});
            assertThat(p.name()).isEqualTo(PackStoreTest.hash(skeleton(pack, p.index())))
                    .isNotEqualTo(PackStoreTest.hash(pack));
        }
    }

    @Test
    void theSameObjectsInTheSameOrderGetTheSameNamesAndOneOtherObjectAnotherName() throws Exception {
        Map<String, byte[]> objects = PackStoreTest.objects(30, 4);
        List<String> first = PackStoreTest.write(new MemoryAdapter(), objects, 1 << 20).stream()
                .map(PackWriter.SealedPack::name).toList();
        List<String> again = PackStoreTest.write(new MemoryAdapter(), objects, 1 << 20).stream()
                .map(PackWriter.SealedPack::name).toList();
        assertThat(again).isEqualTo(first);

        String someId = objects.entrySet().stream().filter(e -> e.getValue().length > 0).findFirst().orElseThrow()
                .getKey();
        byte[] body = objects.get(someId).clone();
        body[body.length / 2] ^= 1; // same id and length, other bytes: only the data's CRC tells them apart
        objects.put(someId, body);
        List<String> changed = PackStoreTest.write(new MemoryAdapter(), objects, 1 << 20).stream()
                .map(PackWriter.SealedPack::name).toList();
        assertThat(changed).doesNotContainAnyElementsOf(first);
    }

    @Test
    void aPackOfTheOlderRuleStillOpensReadsAndChecksIntactAndItsDamageIsFound() throws Exception {
        MemoryAdapter adapter = new MemoryAdapter();
        Map<String, byte[]> objects = PackStoreTest.objects(20, 5);
        PackWriter.SealedPack old = toOlderRule(adapter, PackStoreTest.write(adapter, objects, 1 << 20).get(0));

        PackReader reader = PackReader.open(adapter);
        assertThat(reader.packs()).containsOnlyKeys(old.name());
        assertThat(reader.rebuiltIndexes()).isEmpty();
        for (Map.Entry<String, byte[]> e : objects.entrySet()) {
            assertThat(reader.read(e.getKey())).isEqualTo(e.getValue());
        }
        assertThat(reader.check(old.name()).intact()).isTrue();

        byte[] pack = adapter.readFile(old.packPath());
        PackIndex.Entry victim = old.index().entries().get(3);
        pack[(int) (victim.offset() + victim.headerLength())] ^= 4;
        adapter.writeFile(old.packPath(), pack);
        PackReader.PackCheck check = PackReader.open(adapter).check(old.name());
        assertThat(check.nameMatches()).isFalse();
        assertThat(check.damagedObjects()).containsExactly(victim.objectId());
    }

    /**
     * Under both rules, a check fed the pack in any slices matches exactly the whole, intact pack: one flipped
     * byte anywhere, a byte cut off the end or one added after it, and the name no longer matches.
     */
    @Property(tries = 200)
    void aCheckMatchesOnlyTheWholeIntactPackUnderBothRules(@ForAll @IntRange(min = 0, max = 12) int count,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed, @ForAll boolean olderRule,
            @ForAll @IntRange(min = 0, max = 1 << 30) int where, @ForAll @IntRange(min = 1, max = 255) int mask)
            throws Exception {
        MemoryAdapter adapter = new MemoryAdapter();
        Random r = new Random(seed);
        List<PackWriter.SealedPack> sealed = PackStoreTest.write(adapter, PackStoreTest.objects(count, seed), 1 << 20);
        if (count == 0) {
            assertThat(sealed).isEmpty(); // an empty writer seals nothing
            return;
        }
        PackWriter.SealedPack p = olderRule ? toOlderRule(adapter, sealed.get(0)) : sealed.get(0);
        byte[] pack = adapter.readFile(p.packPath());
        assertThat(checkInSlices(pack, p.name(), r)).isTrue();

        byte[] flipped = pack.clone();
        flipped[where % pack.length] ^= (byte) mask;
        assertThat(checkInSlices(flipped, p.name(), r)).as("byte %d of %d flipped", where % pack.length, pack.length)
                .isFalse();
        assertThat(checkInSlices(Arrays.copyOf(pack, pack.length - 1), p.name(), r)).isFalse();
        assertThat(checkInSlices(Arrays.copyOf(pack, pack.length + 1), p.name(), r)).isFalse();
    }
}
