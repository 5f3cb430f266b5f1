package io.kamaros.engine.objects.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.objects.ObjectCipher;
import io.kamaros.engine.objects.SealingAdapter;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs: written, sealed under their name ({@link PackName}), indexed, read back, rebuilt, checked. */
class PackStoreTest {

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String hash(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** {@code count} objects of all three kinds, of sizes 0..2999, keyed by object id. */
    static Map<String, byte[]> objects(int count, long seed) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Random r = new Random(seed);
        for (int i = 0; i < count; i++) {
            byte[] body = random(r.nextInt(3000), seed * 1000 + i);
            String id = switch (i % 3) {
                case 0 -> "blobs/" + hash(body);
                case 1 -> "chunks/" + hash(body);
                default -> "deltas/v" + i + "_" + hash(body).substring(0, 16) + ".patch";
            };
            out.put(id, body);
        }
        return out;
    }

    static List<PackWriter.SealedPack> write(FileSystemAdapter adapter, Map<String, byte[]> objects, long target)
            throws Exception {
        try (PackWriter w = new PackWriter(adapter, target)) {
            for (Map.Entry<String, byte[]> e : objects.entrySet()) {
                assertThat(w.add(e.getKey(), e.getValue())).isTrue();
            }
            return w.finish();
        }
    }

    @Test
    void objectsAreReadBackFromSeveralBoundedPacksNamedByTheHashOfTheirSkeleton() throws Exception {
        MemoryAdapter adapter = new MemoryAdapter();
        Map<String, byte[]> objects = objects(60, 1);
        List<PackWriter.SealedPack> sealed = write(adapter, objects, 16 * 1024);

        assertThat(sealed).hasSizeGreaterThan(3);
        for (PackWriter.SealedPack p : sealed) {
            byte[] pack = adapter.readFile(p.packPath());
            assertThat(hash(PackNameTest.skeleton(pack, p.index()))).isEqualTo(p.name());
            assertThat(pack.length).isLessThanOrEqualTo(16 * 1024);
            assertThat(adapter.fileExists(p.indexPath())).isTrue();
        }
        assertThat(adapter.listFiles(".store/temp")).isEmpty();
        assertThat(adapter.listFiles(PackFormat.DIR)).hasSize(2 * sealed.size());

        PackReader reader = PackReader.open(adapter);
        assertThat(reader.rebuiltIndexes()).isEmpty();
        assertThat(reader.objectIds()).containsExactlyInAnyOrderElementsOf(objects.keySet());
        for (Map.Entry<String, byte[]> e : objects.entrySet()) {
            assertThat(reader.read(e.getKey())).isEqualTo(e.getValue());
        }
        for (PackWriter.SealedPack p : sealed) {
            assertThat(reader.check(p.name()).intact()).isTrue();
        }
    }

    @Test
    void theIndexListsEntriesSortedByKindThenName() throws Exception {
        MemoryAdapter adapter = new MemoryAdapter();
        List<PackWriter.SealedPack> sealed = write(adapter, objects(30, 2), 1 << 20);
        assertThat(sealed).hasSize(1);
        List<String> ids = sealed.get(0).index().entries().stream().map(PackIndex.Entry::objectId).toList();
        assertThat(ids).isSorted().hasSize(30);
        byte[] idx = adapter.readFile(sealed.get(0).indexPath());
        assertThat(new String(idx, 0, 3, StandardCharsets.US_ASCII)).isEqualTo("KPI");
        assertThat(ByteBuffer.wrap(idx, 12, 4).getInt()).isEqualTo(30);
    }

    @Test
    void anObjectLargerThanThePackSizeGetsAPackOfItsOwn() throws Exception {
        MemoryAdapter adapter = new MemoryAdapter();
        byte[] small = random(100, 3);
        byte[] big = random(50_000, 4);
        Map<String, byte[]> objects = new LinkedHashMap<>();
        objects.put("chunks/" + hash(small), small);
        objects.put("chunks/" + hash(big), big);
        objects.put("blobs/" + hash(random(10, 5)), random(10, 5));
        List<PackWriter.SealedPack> sealed = write(adapter, objects, 10_000);
        assertThat(sealed).extracting(p -> p.index().entries().size()).containsExactly(1, 1, 1);
        PackReader reader = PackReader.open(adapter);
        assertThat(reader.read("chunks/" + hash(big))).isEqualTo(big);
    }

    @Test
    void addingAnObjectTwiceWritesItOnce() throws Exception {
        MemoryAdapter adapter = new MemoryAdapter();
        byte[] body = random(500, 6);
        try (PackWriter w = new PackWriter(adapter)) {
            assertThat(w.add("blobs/" + hash(body), body)).isTrue();
            assertThat(w.add("blobs/" + hash(body), body)).isFalse();
            assertThat(w.holds("blobs/" + hash(body))).isTrue();
            assertThat(w.finish()).singleElement().satisfies(p -> assertThat(p.index().entries()).hasSize(1));
        }
    }

    @Test
    void aWriterWithNothingAddedWritesNothing() throws Exception {
        MemoryAdapter adapter = new MemoryAdapter();
        try (PackWriter w = new PackWriter(adapter)) {
            assertThat(w.finish()).isEmpty();
        }
        assertThat(adapter.listFiles("")).isEmpty();
    }

    @Test
    void badObjectIdsAreRefusedAndAbsentObjectsAreNoSuchFile() throws Exception {
        MemoryAdapter adapter = new MemoryAdapter();
        try (PackWriter w = new PackWriter(adapter)) {
            for (String bad : List.of("blobs/xyz", "trees/" + "a".repeat(64), "blobs", "deltas/", "deltas/a/b",
                    "deltas/" + "x".repeat(256))) {
                assertThatThrownBy(() -> w.add(bad, new byte[1])).as(bad).isInstanceOf(ValidationException.class);
            }
        }
        PackReader reader = PackReader.open(adapter);
        assertThatThrownBy(() -> reader.read("blobs/" + "a".repeat(64))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void rollbackDeletesThePacksTheWriterSealedAndItsTempFile() throws Exception {
        MemoryAdapter adapter = new MemoryAdapter();
        PackWriter w = new PackWriter(adapter, 4096);
        for (Map.Entry<String, byte[]> e : objects(20, 7).entrySet()) {
            w.add(e.getKey(), e.getValue());
        }
        assertThat(w.sealed()).isNotEmpty();
        w.rollback();
        assertThat(adapter.listFiles("")).isEmpty();
    }

    @Test
    void aMissingOrDamagedIndexIsRebuiltByScanningItsPackAndCanBeWrittenAgain() throws Exception {
        MemoryAdapter adapter = new MemoryAdapter();
        Map<String, byte[]> objects = objects(40, 8);
        List<PackWriter.SealedPack> sealed = write(adapter, objects, 20_000);
        assertThat(sealed).hasSizeGreaterThanOrEqualTo(2);
        adapter.deleteFile(sealed.get(0).indexPath());
        byte[] idx = adapter.readFile(sealed.get(1).indexPath());
        idx[idx.length / 2] ^= 0x10;
        adapter.writeFile(sealed.get(1).indexPath(), idx);

        PackReader reader = PackReader.open(adapter);
        assertThat(reader.rebuiltIndexes()).containsExactlyInAnyOrder(sealed.get(0).name(), sealed.get(1).name());
        assertThat(reader.packs().get(sealed.get(0).name()).entries()).isEqualTo(sealed.get(0).index().entries());
        for (Map.Entry<String, byte[]> e : objects.entrySet()) {
            assertThat(reader.read(e.getKey())).isEqualTo(e.getValue());
        }
        assertThat(reader.check(sealed.get(0).name()).indexIntact()).isFalse();

        assertThat(reader.writeRebuiltIndexes()).isEqualTo(2);
        assertThat(PackReader.open(adapter).rebuiltIndexes()).isEmpty();
        assertThat(adapter.readFile(sealed.get(1).indexPath())).isEqualTo(sealed.get(1).index().encode());
    }

    @Test
    void anEntryWhoseNameNoObjectCanHaveIsNotTakenIntoARebuiltIndex() throws Exception {
        MemoryAdapter adapter = new MemoryAdapter();
        byte[] good = random(300, 15);
        String goodId = "chunks/" + hash(good);
        ByteArrayOutputStream pack = new ByteArrayOutputStream();
        pack.write(PackFormat.PACK_MAGIC);
        for (String bad : List.of("..", "a\0b")) {
            byte[] name = bad.getBytes(StandardCharsets.UTF_8);
            byte[] data = random(50, 16);
            // Checksums intact: only the name is wrong (a crafted pack, not a damaged one).
            pack.write(PackFormat.entryHeader(new PackFormat.ObjectName(PackFormat.Kind.PATCH, bad, name), data));
            pack.write(data);
        }
        byte[] data = random(50, 17);
        pack.write(PackFormat.entryHeader(new PackFormat.ObjectName(PackFormat.Kind.BLOB, "xyz",
                "xyz".getBytes(StandardCharsets.UTF_8)), data));
        pack.write(data);
        pack.write(PackFormat.entryHeader(PackFormat.parseId(goodId), good));
        pack.write(good);
        pack.write(PackFormat.trailer(4));
        byte[] bytes = pack.toByteArray();
        adapter.writeFile(PackFormat.packPath(hash(bytes)), bytes);

        PackReader reader = PackReader.open(adapter);
        assertThat(reader.rebuiltIndexes()).containsExactly(hash(bytes));
        assertThat(reader.objectIds()).containsExactly(goodId);
        assertThat(reader.read(goodId)).isEqualTo(good);
    }

    @Test
    void checkNamesTheDamagedObjectAndThePackWhoseBytesNoLongerMatchItsName() throws Exception {
        MemoryAdapter adapter = new MemoryAdapter();
        Map<String, byte[]> objects = objects(10, 9);
        PackWriter.SealedPack p = write(adapter, objects, 1 << 20).get(0);
        PackIndex.Entry victim = p.index().entries().get(4);
        byte[] pack = adapter.readFile(p.packPath());
        pack[(int) (victim.offset() + victim.headerLength() + victim.storedLength() / 2)] ^= 1;
        adapter.writeFile(p.packPath(), pack);

        PackReader reader = PackReader.open(adapter);
        PackReader.PackCheck check = reader.check(p.name());
        assertThat(check.nameMatches()).isFalse();
        assertThat(check.damagedObjects()).containsExactly(victim.objectId());
        assertThatThrownBy(() -> reader.read(victim.objectId()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(victim.objectId()).hasMessageContaining(p.name())
                .satisfies(e -> assertThat(((CorruptionException) e).details())
                        .containsEntry("corruptedItem", victim.objectId()).containsEntry("pack", p.name()));
    }

    @Test
    void anObjectHeldByTwoPacksIsReadFromTheIntactCopyAndAForgottenPackIsNotRead() throws Exception {
        MemoryAdapter adapter = new MemoryAdapter();
        byte[] body = random(1000, 10);
        String id = "chunks/" + hash(body);
        PackWriter.SealedPack first = write(adapter, Map.of(id, body), 1 << 20).get(0);
        byte[] other = random(10, 11);
        Map<String, byte[]> second = new LinkedHashMap<>();
        second.put("blobs/" + hash(other), other);
        second.put(id, body);
        PackWriter.SealedPack copy = write(adapter, second, 1 << 20).get(0);
        byte[] pack = adapter.readFile(first.packPath());
        pack[pack.length - 100] ^= 1; // inside the only entry's data
        adapter.writeFile(first.packPath(), pack);

        PackReader reader = PackReader.open(adapter);
        assertThat(reader.packsOf(id)).containsExactlyInAnyOrder(first.name(), copy.name());
        assertThat(reader.read(id)).isEqualTo(body);
        reader.remove(copy.name());
        assertThatThrownBy(() -> reader.read(id)).isInstanceOf(CorruptionException.class);
        reader.remove(first.name());
        assertThat(reader.contains(id)).isFalse();
    }

    @Test
    void inAnEncryptedProjectEachObjectIsSealedAsItsLooseFileWouldBe() throws Exception {
        MemoryAdapter raw = new MemoryAdapter();
        ObjectCipher cipher = new ObjectCipher(random(32, 12));
        SealingAdapter sealing = new SealingAdapter(raw, cipher);
        byte[] plain = "the same text, many times over. ".repeat(40).getBytes(StandardCharsets.UTF_8);
        String id = "blobs/" + hash(plain);
        PackWriter.SealedPack p = write(sealing, Map.of(id, plain), 1 << 20).get(0);

        byte[] stored = raw.readFile(p.packPath());
        assertThat(indexOf(stored, "the same text".getBytes(StandardCharsets.UTF_8))).isNegative();
        PackIndex.Entry e = p.index().entries().get(0);
        byte[] data = Arrays.copyOfRange(stored, (int) (e.offset() + e.headerLength()),
                (int) (e.offset() + e.entryLength()));
        assertThat(cipher.open(data, id)).isEqualTo(plain); // the loose file's sealing, same object id

        assertThat(PackReader.open(sealing).read(id)).isEqualTo(plain);
        assertThat(PackReader.open(raw).read(id)).isEqualTo(data); // without the key: ciphertext only
        assertThatThrownBy(() -> PackReader.open(new SealingAdapter(raw, new ObjectCipher(random(32, 13)))).read(id))
                .isInstanceOf(CorruptionException.class);
    }

    @Test
    void onDiskOnePackAndOneIndexAreWrittenAndNoTempFileIsLeft(@TempDir Path dir) throws Exception {
        FileAdapter adapter = new FileAdapter(dir, true, true);
        adapter.init();
        Map<String, byte[]> objects = objects(200, 14);
        List<PackWriter.SealedPack> sealed = write(adapter, objects, PackFormat.TARGET_PACK_BYTES);
        assertThat(sealed).hasSize(1);
        try (Stream<Path> files = Files.walk(dir.resolve(".store"))) {
            assertThat(files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/')))
                    .containsExactlyInAnyOrder(sealed.get(0).packPath(), sealed.get(0).indexPath());
        }
        PackReader reader = PackReader.open(adapter);
        for (Map.Entry<String, byte[]> e : objects.entrySet()) {
            assertThat(reader.read(e.getKey())).isEqualTo(e.getValue());
        }
        assertThat(reader.check(sealed.get(0).name()).intact()).isTrue();
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
