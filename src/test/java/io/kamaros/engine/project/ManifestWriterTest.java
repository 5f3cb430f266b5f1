package io.kamaros.engine.project;

import io.kamaros.engine.format.Json;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.store.FileAdapter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming manifest writer writes exactly the bytes data binding writes. */
class ManifestWriterTest {
    private static final String H = "d".repeat(64);

    private static void same(ManifestDoc m) throws Exception {
        assertThat(new String(ManifestWriter.write(m), StandardCharsets.UTF_8))
                .isEqualTo(new String(Json.mapper().writeValueAsBytes(m), StandardCharsets.UTF_8));
    }

    private static ManifestDoc read(String json) throws Exception {
        ManifestDoc m = ManifestReader.read(json.getBytes(StandardCharsets.UTF_8));
        if (m.fileMap != null) {
            m.fileMap.values().forEach(e -> {
                if (e != null) {
                    e.completeScan();
                }
            });
        }
        return m;
    }

    @Test
    void everyFieldUnknownMembersAndUntypedValues() throws Exception {
        ManifestDoc m = new ManifestDoc();
        m.integrity = "sha256";
        m.metadata.name = "Comic ☀ \"quoted\" \\ \n";
        m.metadata.created = "2026-12-04T10:00:00.000Z";
        m.metadata.lastModified = "2026-12-04T11:00:00.000Z";
        m.metadata.author = "Ada";
        m.metadata.email = "ada@example.org";
        m.metadata.application = "Kamaros";
        m.metadata.setUnknown("studio", Map.of("city", "Łódź"));
        m.refs.put("head", "v2");
        m.refs.put("tags/final", "v1");
        m.journal.length = 1234;
        m.journal.count = 2;
        m.config.put("compressionLevel", 6);
        m.config.put("autoGC", false);
        m.config.put("ratio", 0.25);
        m.config.put("encryption", new LinkedHashMap<>(Map.of("iterations", 600000)));
        m.config.put("list", List.of(1, 2_000_000_000_000L, "x", true, List.of()));
        m.revision = 42;
        ManifestDoc.FileEntry e = new ManifestDoc.FileEntry();
        e.inodeId = "i1";
        e.type = "text";
        e.currentHash = H;
        e.created = "c";
        e.modified = "m";
        e.size = 10L;
        e.scanMtimeNanos = 1_700_000_000_000_000_001L;
        e.scanAtNanos = 1_700_000_009_000_000_000L;
        e.scanSize = 11L;
        e.scanHash = "e".repeat(64);
        e.scanType = "binary";
        e.setUnknown("colour", List.of("red", 1, true));
        m.fileMap.put("pages/one.txt", e);
        ManifestDoc.FileEntry plain = new ManifestDoc.FileEntry();
        plain.inodeId = "i2";
        plain.type = "binary";
        plain.currentHash = H;
        plain.size = 5L;
        plain.scanMtimeNanos = 1L;
        plain.scanAtNanos = 2L;
        plain.scanSize = 5L;
        plain.scanHash = H;
        plain.scanType = "binary";
        m.fileMap.put("art/cover.png", plain);
        m.fileMap.put("never/committed", new ManifestDoc.FileEntry());
        m.setUnknown("futureSection", Map.of("big", new BigInteger("123456789012345678901234567890")));
        same(m);
    }

    @Test
    void whatTheReaderKeepsIsWrittenAsBindingWritesIt() throws Exception {
        same(read("{\"format_version\":\"1.0.0\",\"metadata\":{\"name\":\"x\",\"last_modified\":\"t\",\"extra\":[1,2.5,null]},"
                + "\"file_map\":{\"a.txt\":{\"inodeId\":\"i\",\"type\":\"text\",\"currentHash\":\"" + H + "\",\"size\":\"12\","
                + "\"modified_at\":\"m\",\"scanSize\":12,\"scanMtimeNanos\":5,\"scanHash\":\"" + H + "\",\"scanType\":\"text\","
                + "\"scanAtNanos\":9},\"b\":{\"inodeId\":7,\"scan\":[1,2,null,\"" + H + "\"]}},"
                + "\"refs\":{\"head\":\"v\"},\"journal\":{\"path\":\".store/versions.jsonl\",\"length\":5,"
                + "\"count\":1},\"config\":{\"autoGC\":false,\"deep\":{\"a\":[{\"b\":-1.5e300}],\"n\":null}},\"revision\":\"3\","
                + "\"x\":{\"y\":[{\"z\":-1}],\"nothing\":null}}"));
        same(read("{}"));
    }

    @Test
    void aRealProjectsManifest() throws Exception {
        Path dir = Files.createTempDirectory("manifest-writer");
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new FileAdapter(dir));
            for (int i = 0; i < 50; i++) {
                jcf.addFile("notes/n" + i + ".md", "note " + i + "\n");
            }
            jcf.saveCheckpoint("first", CheckpointOptions.defaults().tags("t1"));
            jcf.addFile("notes/n1.md", "two\n");
            jcf.saveCheckpoint("second");
        }
        String text = Files.readString(dir.resolve("manifest.json"));
        same(read("{" + text.substring(text.indexOf(',') + 1)));
    }
}
