package io.kamaros.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.GcOptions;
import io.kamaros.engine.model.GcReport;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project's zstd dictionary end to end: trained by the first checkpoint with many small text
 * files, recorded in the manifest, retrained by aggressive GC, carried through export and import;
 * every version stays byte-exact and verify stays clean throughout.
 */
class DictionaryProjectTest {
    private static final String[] WORDS = {"public", "private", "static", "final", "void", "return", "String",
            "import", "class", "throws", "new", "this", "counter", "result", "compute", "journal", "version", "blob"};

    @TempDir
    Path tmp;

    private static String source(SplittableRandom r, int size) {
        StringBuilder sb = new StringBuilder("package io.example;\n\n");
        while (sb.length() < size) {
            sb.append("    ".repeat(1 + r.nextInt(3)));
            for (int w = 2 + r.nextInt(5); w > 0; w--) {
                sb.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
            }
            sb.append(r.nextInt(3) == 0 ? "(" + r.nextInt(1000) + ");\n" : "{\n");
        }
        return sb.toString();
    }

    private static Map<String, byte[]> snapshot(Path content) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(content)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                out.put(content.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return out;
    }

    private static void assertVersions(JcfManager jcf, Map<String, Map<String, byte[]>> expected) {
        for (Map.Entry<String, Map<String, byte[]>> v : expected.entrySet()) {
            assertThat(jcf.getVersion(v.getKey()).orElseThrow().fileStates().keySet())
                    .containsExactlyInAnyOrderElementsOf(v.getValue().keySet());
            for (Map.Entry<String, byte[]> f : v.getValue().entrySet()) {
                assertThat(jcf.getFileContent(f.getKey(), v.getKey())).as("%s in %s", f.getKey(), v.getKey())
                        .isEqualTo(f.getValue());
            }
        }
    }

    private static List<String> dicts(Path project) throws IOException {
        Path dir = project.resolve(BlobStore.DICTS_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            List<String> dicts = names.stream().filter(n -> !n.endsWith(".copy")).toList();
            assertThat(names).as("each dictionary kept twice").hasSize(2 * dicts.size());
            return dicts;
        }
    }

    @Test
    void trainedOnTheFirstBigCheckpointRetrainedByAggressiveGcAndCarriedThroughExport() throws Exception {
        Path dir = tmp.resolve("p");
        Path content = dir.resolve("content");
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 160; i++) {
            Path f = content.resolve("src/pkg" + i % 7 + "/File" + i + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, source(r, 800 + r.nextInt(9000)), StandardCharsets.US_ASCII);
        }
        Files.write(content.resolve("noise.bin"), new byte[]{1, 2, 3, (byte) 200, 0, 0, 7});
        Map<String, Map<String, byte[]>> expected = new LinkedHashMap<>();
        try (JcfManager jcf = SampleProject.open(dir)) {
            String v1 = jcf.saveCheckpoint("import");
            expected.put(v1, snapshot(content));
            List<String> first = dicts(dir);
            assertThat(first).hasSize(1);
            String dict = first.get(0);
            assertThat(Files.readString(dir.resolve("manifest.json"))).contains("\"zstdDictionary\":\"" + dict + "\"");
            BlobStore blobs = new BlobStore(new FileAdapter(dir), 6, true);
            String hash = jcf.getVersion(v1).orElseThrow().fileStates().get("src/pkg0/File0.java").hash();
            assertThat(blobs.dictionaryIdOf(hash)).isEqualTo(BlobStore.dictionaryId(dict));

            // Later versions: edits (reverse patches) and new small files, compressed with the same dictionary.
            for (int v = 2; v <= 4; v++) {
                Path edited = content.resolve("src/pkg" + v % 7 + "/File" + v + ".java");
                Files.writeString(edited, Files.readString(edited) + "    // edited in v" + v + "\n");
                Files.writeString(content.resolve("src/pkg2/New" + v + ".java"), source(r, 3000));
                String id = jcf.saveCheckpoint("v" + v);
                expected.put(id, snapshot(content));
            }
            assertThat(dicts(dir)).containsExactly(dict);
            assertVersions(jcf, expected);
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();

            GcReport gc = jcf.runGc(GcOptions.builder().aggressive(true).build());
            assertThat(gc.spaceFreed()).as("level-19 recompression with a dictionary of the kept blobs").isPositive();
            List<String> after = dicts(dir);
            assertThat(after).hasSize(1).doesNotContain(dict);
            assertThat(Files.readString(dir.resolve("manifest.json"))).contains("\"zstdDictionary\":\"" + after.get(0) + "\"");
            assertVersions(jcf, expected);
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();

            Files.writeString(content.resolve("src/pkg3/Later.java"), source(r, 2000));
            String v5 = jcf.saveCheckpoint("after gc");
            expected.put(v5, snapshot(content));
            String later = jcf.getVersion(v5).orElseThrow().fileStates().get("src/pkg3/Later.java").hash();
            assertThat(blobs.dictionaryIdOf(later)).isEqualTo(BlobStore.dictionaryId(after.get(0)));

            Path archive = tmp.resolve("p.jcf");
            jcf.export(archive);
            try (JcfManager copy = SampleProject.open(tmp.resolve("copy"))) {
                copy.importData(archive);
                assertThat(dicts(tmp.resolve("copy"))).containsExactlyElementsOf(after);
                assertVersions(copy, expected);
                assertThat(copy.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
            }
        }
    }

    @Test
    void aFewFilesGetNoDictionary() throws Exception {
        Path dir = tmp.resolve("small");
        Path content = dir.resolve("content");
        SplittableRandom r = new SplittableRandom(3);
        Files.createDirectories(content);
        for (int i = 0; i < 20; i++) {
            Files.writeString(content.resolve("f" + i + ".txt"), source(r, 2000));
        }
        try (JcfManager jcf = SampleProject.open(dir)) {
            jcf.saveCheckpoint("few");
            assertThat(dicts(dir)).isEmpty();
            assertThat(Files.readString(dir.resolve("manifest.json"))).doesNotContain("zstdDictionary");
        }
    }
}
