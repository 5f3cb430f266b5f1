package io.kamaros.engine.project;

import io.kamaros.engine.format.Json;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming manifest reader reads what data binding reads, field for field, unknown members included. */
class ManifestReaderTest {
    private static final String H = "c".repeat(64);

    private static byte[] viaBinding(String json) throws Exception {
        ManifestDoc m = Json.mapper().readValue(json, ManifestDoc.class);
        complete(m);
        return Json.mapper().writeValueAsBytes(m);
    }

    private static byte[] viaStreaming(String json) throws Exception {
        ManifestDoc m = ManifestReader.read(json.getBytes(StandardCharsets.UTF_8));
        complete(m);
        return Json.mapper().writeValueAsBytes(m);
    }

    private static void complete(ManifestDoc m) {
        if (m.fileMap != null) {
            m.fileMap.values().forEach(e -> {
                if (e != null) {
                    e.completeScan();
                }
            });
        }
    }

    private static void agree(String json) throws Exception {
        assertThat(new String(viaStreaming(json), StandardCharsets.UTF_8))
                .isEqualTo(new String(viaBinding(json), StandardCharsets.UTF_8));
    }

    @Test
    void aManifestAsWeWriteItReadsTheSame() throws Exception {
        ManifestDoc m = new ManifestDoc();
        m.integrity = "sha256";
        m.metadata.name = "Comic ☀";
        m.metadata.created = "2026-12-04T10:00:00.000Z";
        m.metadata.lastModified = "2026-12-04T11:00:00.000Z";
        m.metadata.author = "Ada";
        m.metadata.setUnknown("studio", Map.of("city", "Łódź", "floors", 3));
        m.refs.put("head", "v2");
        m.refs.put("tags/final", "v1");
        m.journal.length = 1234;
        m.journal.count = 2;
        m.config.put("compressionLevel", 6);
        m.config.put("encryption", Map.of("iterations", 600000, "salt", "AAAA", "ratio", 0.5));
        m.revision = 42;
        ManifestDoc.FileEntry e = new ManifestDoc.FileEntry();
        e.inodeId = "i1";
        e.type = "text";
        e.currentHash = H;
        e.size = 10L;
        e.scanMtimeNanos = 1_700_000_000_000_000_001L;
        e.scanAtNanos = 1_700_000_009_000_000_000L;
        e.scanSize = 10L;
        e.scanHash = H;
        e.scanType = "text";
        e.setUnknown("colour", List.of("red", 1, 2_000_000_000_000L, true));
        m.fileMap.put("pages/one.txt", e);
        ManifestDoc.FileEntry never = new ManifestDoc.FileEntry();
        never.inodeId = "i2";
        never.type = "binary";
        m.fileMap.put("art/cover.png", never);
        m.setUnknown("futureSection", Map.of("big", new BigInteger("123456789012345678901234567890"),
                "nothing", Collections.singletonMap("x", null)));
        agree(new String(Json.mapper().writeValueAsBytes(m), StandardCharsets.UTF_8));
    }

    @Test
    void aliasesOldScanFieldsNullsAndCoercionsReadTheSame() throws Exception {
        agree("{\"format_version\":\"1.0.0\",\"metadata\":{\"name\":\"x\",\"last_modified\":\"t\",\"extra\":[1,2.5,null]},"
                + "\"file_map\":{\"a.txt\":{\"inodeId\":\"i\",\"type\":\"text\",\"currentHash\":\"" + H + "\",\"size\":\"12\","
                + "\"modified_at\":\"m\",\"scanSize\":12,\"scanMtimeNanos\":5,\"scanHash\":\"" + H + "\",\"scanType\":\"text\","
                + "\"scanAtNanos\":9},\"gone\":null,\"b\":{\"inodeId\":7,\"scan\":[1,2,null,\"" + H + "\"]}},"
                + "\"refs\":{\"head\":\"v\",\"tags/n\":null},\"journal\":{\"path\":\".store/versions.jsonl\",\"length\":5,"
                + "\"count\":1,\"someday\":{\"a\":1}},\"config\":{\"autoGC\":false,\"n\":null},\"revision\":\"3\","
                + "\"integrity\":null,\"x\":{\"y\":[{\"z\":-1}]}}");
        agree("{\"metadata\":null,\"fileMap\":null,\"refs\":null,\"journal\":null,\"config\":null,\"revision\":null}");
        agree("{}");
    }

    @Test
    void wrongShapesAreRefused() {
        for (String bad : new String[] {
            "[]", "{\"fileMap\":[]}", "{\"fileMap\":{\"a\":\"b\"}}", "{\"fileMap\":{\"a\":{\"size\":{}}}}",
            "{\"metadata\":{\"name\":{}}}", "{\"refs\":{\"head\":[]}}", "{\"journal\":{\"length\":\"many\"}}",
            "{\"revision\":99999999999999999999999}", "{\"fileMap\":{\"a\":{\"scan\":\"x\"}}}", "{} {}", "{\"a\":",
        }) {
            assertThatThrownBy(() -> ManifestReader.read(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aRealProjectsManifestReadsTheSame() throws Exception {
        Path dir = Files.createTempDirectory("manifest-reader");
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new FileAdapter(dir));
            jcf.addFile("notes/a.md", "one\n");
            jcf.addFile("b.bin", new byte[] {1, 2, 3});
            jcf.saveCheckpoint("first", CheckpointOptions.defaults().tags("t1"));
            jcf.addFile("notes/a.md", "two\n");
            jcf.saveCheckpoint("second");
        }
        byte[] bytes = Files.readAllBytes(dir.resolve("manifest.json"));
        String text = new String(bytes, StandardCharsets.UTF_8);
        String body = "{" + text.substring(text.indexOf(',') + 1); // without the checksum member
        agree(body);
        assertThat(ManifestReader.read(body.getBytes(StandardCharsets.UTF_8)).fileMap).containsKeys("notes/a.md", "b.bin");
    }
}
