package io.kamaros.engine.container;

import static io.kamaros.engine.container.ContainerTestSupport.utf8;
import static io.kamaros.engine.container.ContainerTestSupport.zip;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.ImportResult;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documents' spellings: snake_case keys, created_at / modified_at, fromPath / toPath, zone-less times. */
class DocsLayoutImportTest {

    @Test
    void docSpelledManifestImports() throws Exception {
        String one = "alpha\nbeta\ngamma\n";
        String two = "alpha\nBETA\ngamma\n";
        String h1 = BlobStore.sha256Hex(utf8(one));
        String h2 = BlobStore.sha256Hex(utf8(two));
        String json = "{\"format_version\":\"1.2.0\",\"metadata\":{\"name\":\"Docs\",\"created_at\":\"2026-01-01T10:00:00\","
                + "\"last_modified\":\"2026-01-02T10:00:00\",\"author\":\"Ada\",\"extra\":{\"k\":\"v\"}},"
                + "\"file_map\":{\"b.txt\":{\"inodeId\":\"i1\",\"type\":\"text\",\"created_at\":\"2026-01-01T10:00:00\","
                + "\"modified_at\":\"2026-01-02T10:00:00\"}},"
                + "\"version_history\":["
                + "{\"id\":\"v1\",\"parent_id\":null,\"timestamp\":\"2026-01-01T10:00:00\",\"message\":\"one\",\"author\":\"x\","
                + "\"fileStates\":{\"a.txt\":{\"inodeId\":\"i1\",\"path\":\"a.txt\",\"hash\":\"" + h1 + "\",\"size\":" + one.length() + "}}},"
                + "{\"id\":\"v2\",\"parent_id\":\"v1\",\"timestamp\":\"2026-01-02T10:00:00.123456789+02:00\",\"message\":\"two\","
                + "\"author\":\"y\",\"tags\":[\"stable\"],\"fileStates\":{\"b.txt\":{\"inodeId\":\"i1\",\"path\":\"b.txt\",\"hash\":\""
                + h2 + "\",\"changeType\":\"renamed\"},\"a.txt\":{\"inodeId\":\"i1\",\"path\":\"a.txt\",\"hash\":\"" + h1
                + "\",\"deleted\":true}}}],"
                + "\"rename_log\":[{\"inodeId\":\"i1\",\"fromPath\":\"a.txt\",\"toPath\":\"b.txt\",\"versionId\":\"v2\","
                + "\"timestamp\":\"2026-01-02T10:00:00\"}],"
                + "\"refs\":{\"head\":\"v2\"}}";
        byte[] archive = zip("mimetype", "application/x-jcf", ".store/manifest.json", json,
                ".store/blobs/" + h1, one, ".store/blobs/" + h2, two, ".store/blobs/index.json", "{}");
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new MemoryAdapter());
            ImportResult r = jcf.importData(new ByteArrayInputStream(archive));
            assertThat(r.projectName()).isEqualTo("Docs");
            assertThat(r.versionsImported()).isEqualTo(2);
            assertThat(r.filesImported()).isEqualTo(1); // no content/ in the archive: HEAD is written out
            List<Version> history = jcf.getHistory();
            Version v2 = history.get(0);
            assertThat(v2.id()).isEqualTo("v2");
            assertThat(v2.parentId()).isEqualTo("v1");
            assertThat(v2.tags()).containsExactly("stable");
            assertThat(v2.timestamp()).isEqualTo(Instant.parse("2026-01-02T08:00:00.123Z")); // journal precision: ms (spec §2)
            assertThat(history.get(1).timestamp()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
            FileState b = v2.fileStates().get("b.txt");
            assertThat(b.changeType()).isEqualTo(ChangeType.RENAMED);
            assertThat(b.previousPath()).isEqualTo("a.txt");
            assertThat(v2.fileStates()).containsOnlyKeys("b.txt");
            assertThat(new String(jcf.getFileContent("a.txt", "v1"), StandardCharsets.UTF_8)).isEqualTo(one);
            assertThat(new String(jcf.getFileContent("b.txt"), StandardCharsets.UTF_8)).isEqualTo(two);
            assertThat(jcf.getStatus().isClean()).isTrue();
            assertThat(jcf.getVersion("stable").orElseThrow().id()).isEqualTo("v2");
        }
    }
}
