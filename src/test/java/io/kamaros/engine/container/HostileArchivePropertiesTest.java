package io.kamaros.engine.container;

import static io.kamaros.engine.container.ContainerTestSupport.zip;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.model.PathRules;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Generated malformed and malicious archives: whatever the damage, an import either succeeds with
 * every imported version byte-exact, or fails with a JcfException leaving the project empty and
 * nothing written outside its folder.
 */
class HostileArchivePropertiesTest {
    private static byte[] base;

    /** A real export: two versions, a reverse patch, a binary, a rename. */
    private static synchronized byte[] base() {
        if (base == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JcfManager jcf = new JcfManager()) {
                jcf.init(new MemoryAdapter());
                jcf.addFile("notes.txt", "one\ntwo\nthree\nfour\nfive\nsix\nseven\n");
                jcf.addFile("bin/data.bin", new byte[] {0, 1, 2, 3, (byte) 0xff, 0, 7});
                jcf.saveCheckpoint("first");
                jcf.addFile("notes.txt", "one\ntwo\nTHREE\nfour\nfive\nsix\nseven\n");
                jcf.moveFile("bin/data.bin", "bin/moved.bin");
                jcf.saveCheckpoint("second");
                jcf.export(out);
            }
            base = out.toByteArray();
        }
        return base.clone();
    }

    /** Runs {@link HostileImportTest#attempt} in a fresh folder; on success checks every version's bytes. */
    private static JcfException attempt(byte[] archive, ImportOptions options) throws IOException {
        Path root = Files.createTempDirectory("kamaros-hostile-");
        try {
            JcfException e = HostileImportTest.attempt(root, archive, options);
            if (e == null) {
                try (JcfManager jcf = new JcfManager()) {
                    jcf.init(new FileAdapter(root.resolve("proj")));
                    ContainerTestSupport.snapshot(jcf); // asserts every file of every version hashes right
                }
            }
            return e;
        } finally {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    // ---------------------------------------------------------------- damaged bytes

    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, Integer>>> flips() {
        return Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.integers().between(1, 255)).as(Tuple::of).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 60)
    void flippedBytesGiveOnlyJcfExceptions(@ForAll("flips") List<Tuple.Tuple2<Integer, Integer>> flips) throws Exception {
        byte[] archive = base();
        for (Tuple.Tuple2<Integer, Integer> f : flips) {
            int at = f.get1() % archive.length;
            archive[at] ^= (byte) (int) f.get2();
        }
        attempt(archive, ImportOptions.defaults()); // asserts inside
    }

    @Property(tries = 30)
    void truncatedArchivesAreRefused(@ForAll("cuts") int cut) throws Exception {
        byte[] archive = base();
        byte[] truncated = Arrays.copyOf(archive, Math.min(cut, archive.length - 1));
        assertThat(attempt(truncated, ImportOptions.defaults())).isNotNull();
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 1 << 16);
    }

    // ---------------------------------------------------------------- hostile names

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("..", ".", "", "C:", "c:", "a", "b.txt", "\\", "..\\..", "con", "\u0000", "\u0007", "%2e%2e",
                        "\u2025", "..."),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(6));
        Arbitrary<String> prefix = Arbitraries.of("", "/", "content/", ".store/blobs/", ".store/deltas/", "C:/", "\\\\server\\");
        return Combinators.combine(prefix, segment.list().ofMinSize(1).ofMaxSize(4))
                .as((p, segs) -> p + String.join("/", segs));
    }

    @Property(tries = 80)
    void hostileNamesNeverEscape(@ForAll("names") String name) throws Exception {
        byte[] archive = zip("mimetype", "application/x-jcf", "manifest.json", HostileImportTest.oneVersion(),
                ".store/blobs/" + HostileImportTest.HELLO_HASH, HostileImportTest.HELLO, name, "evil");
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        JcfException e = attempt(archive, ImportOptions.defaults());
        if (PathRules.problemOf(trimmed) != null) {
            assertThat(e).isInstanceOf(ValidationException.class);
        }
    }

    // ---------------------------------------------------------------- manifests with wrong types

    private static final List<String> FIELDS = List.of("formatVersion", "metadata", "versionHistory", "id", "parentId",
            "timestamp", "message", "tags", "fileStates", "state", "inodeId", "hash", "size", "type", "contentRef",
            "deleted", "refs", "head", "renameLog", "config");

    @Provide
    Arbitrary<Map<String, String>> replacements() {
        Arbitrary<String> value = Arbitraries.of("1", "-5", "1e400", "\"s\"", "\"\"", "[]", "{}", "null", "true",
                "[1,{}]", "{\"a\":[]}", "\"2026-01-01T00:00:00Z\"", "\"../../x\"", "\"0000\"", "99999999999999999999",
                "\"9.0.0\"", "[\"v1\"]", "{\"inodeId\":\"i9\"}");
        return Arbitraries.maps(Arbitraries.of(FIELDS), value).ofMinSize(1).ofMaxSize(4);
    }

    static String template(Map<String, String> r) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("formatVersion", "\"1.0.0\"");
        v.put("metadata", "{\"name\":\"x\"}");
        v.put("id", "\"v1\"");
        v.put("parentId", "null");
        v.put("timestamp", "\"2026-01-01T00:00:00+00:00\"");
        v.put("message", "\"m\"");
        v.put("tags", "[\"t\"]");
        v.put("inodeId", "\"i1\"");
        v.put("hash", "\"" + HostileImportTest.HELLO_HASH + "\"");
        v.put("size", "6");
        v.put("type", "\"text\"");
        v.put("contentRef", "null");
        v.put("deleted", "false");
        v.put("head", "\"v1\"");
        v.put("renameLog", "[]");
        v.put("config", "{}");
        v.putAll(r);
        String state = r.getOrDefault("state", "{\"inodeId\":" + v.get("inodeId") + ",\"hash\":" + v.get("hash")
                + ",\"size\":" + v.get("size") + ",\"type\":" + v.get("type") + ",\"contentRef\":" + v.get("contentRef")
                + ",\"deleted\":" + v.get("deleted") + "}");
        String fileStates = r.getOrDefault("fileStates", "{\"a.txt\":" + state + "}");
        String version = "{\"id\":" + v.get("id") + ",\"parentId\":" + v.get("parentId") + ",\"timestamp\":"
                + v.get("timestamp") + ",\"message\":" + v.get("message") + ",\"tags\":" + v.get("tags")
                + ",\"fileStates\":" + fileStates + "}";
        String history = r.getOrDefault("versionHistory", "[" + version + "]");
        String refs = r.getOrDefault("refs", "{\"head\":" + v.get("head") + "}");
        return "{\"formatVersion\":" + v.get("formatVersion") + ",\"metadata\":" + v.get("metadata")
                + ",\"versionHistory\":" + history + ",\"refs\":" + refs + ",\"renameLog\":" + v.get("renameLog")
                + ",\"config\":" + v.get("config") + "}";
    }

    @Property(tries = 80)
    void manifestsWithWrongTypesGiveOnlyJcfExceptions(@ForAll("replacements") Map<String, String> r) throws Exception {
        String json = template(r);
        byte[] archive = zip("manifest.json", json, ".store/blobs/" + HostileImportTest.HELLO_HASH, HostileImportTest.HELLO);
        attempt(archive, ImportOptions.defaults()); // asserts inside
    }

    @Example
    void theUntouchedTemplateAndBaseImport() throws Exception {
        String json = template(Map.of());
        byte[] archive = zip("manifest.json", json, ".store/blobs/" + HostileImportTest.HELLO_HASH, HostileImportTest.HELLO);
        assertThat(attempt(archive, ImportOptions.defaults())).isNull();
        assertThat(attempt(base(), ImportOptions.defaults())).isNull();
    }
}
