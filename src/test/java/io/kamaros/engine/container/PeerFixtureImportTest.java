package io.kamaros.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.ImportResult;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.format.Json;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original implementation's export (fixtures/README.md): .store/manifest.json, raw blobs,
 * headerless reverse patches, no mimetype. Every version's files must hash to the manifest's values.
 */
class PeerFixtureImportTest {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/kamaros-peer-export.zip");

    /** version id → (path → hash) of the non-deleted file states, from the peer's own manifest. */
    private static Map<String, Map<String, String>> expectedStates() throws Exception {
        Map<String, Map<String, String>> out = new TreeMap<>();
        try (ZipFile zip = new ZipFile(FIXTURE.toFile())) {
            JsonNode m = Json.mapper().readTree(zip.getInputStream(zip.getEntry(".store/manifest.json")));
            for (JsonNode v : m.get("versionHistory")) {
                Map<String, String> files = new TreeMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = v.get("fileStates").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().path("deleted").asBoolean(false)) {
                        files.put(e.getKey(), e.getValue().get("hash").asText());
                    }
                }
                out.put(v.get("id").asText(), files);
            }
        }
        return out;
    }

    private static void assertMatchesPeer(JcfManager jcf, Map<String, Map<String, String>> expected) {
        List<Version> history = jcf.getHistory();
        assertThat(history).hasSize(3);
        for (Version v : history) {
            Map<String, String> actual = new TreeMap<>();
            for (FileState s : v.fileStates().values()) {
                actual.put(s.path(), BlobStore.sha256Hex(jcf.getFileContent(s.path(), v.id())));
            }
            assertThat(actual).as("files of %s", v.message()).isEqualTo(expected.get(v.id()));
        }
    }

    @Test
    void everyVersionOfThePeerExportRestoresByteExact(@TempDir Path dir) throws Exception {
        Map<String, Map<String, String>> expected = expectedStates();
        assertThat(expected).hasSize(3);
        Path project = dir.resolve("peer");
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new FileAdapter(project));
            ImportResult r = jcf.importData(FIXTURE);
            assertThat(r.projectName()).isEqualTo("PeerDemo");
            assertThat(r.versionsImported()).isEqualTo(3);
            assertThat(r.filesImported()).isEqualTo(4);
            assertMatchesPeer(jcf, expected);

            List<Version> oldestFirst = new ArrayList<>(jcf.getHistory());
            Collections.reverse(oldestFirst);
            assertThat(oldestFirst.get(0).message()).isEqualTo("v1: initial");
            assertThat(oldestFirst.get(0).author()).isEqualTo("alice");
            assertThat(oldestFirst.get(1).parentId()).isEqualTo(oldestFirst.get(0).id());
            // v2 edits notes.txt (reverse patch kept) and data.bin, deletes readme.md
            assertThat(oldestFirst.get(1).changes().modified()).isEqualTo(2);
            assertThat(oldestFirst.get(1).changes().deleted()).isEqualTo(1);
            FileState notes = oldestFirst.get(1).fileStates().get("notes.txt");
            assertThat(notes.changeType()).isEqualTo(ChangeType.MODIFIED);
            assertThat(notes.contentRef()).startsWith(".store/deltas/").endsWith(".patch");
            // v3 renames logo.png to icon.png (same identity), edits notes, adds extra.json
            Version v3 = oldestFirst.get(2);
            assertThat(v3.changes().renamed()).isEqualTo(1);
            assertThat(v3.changes().added()).isEqualTo(1);
            FileState icon = v3.fileStates().get("icon.png");
            assertThat(icon.changeType()).isEqualTo(ChangeType.RENAMED);
            assertThat(icon.previousPath()).isEqualTo("logo.png");
            assertThat(jcf.getFileHistory("icon.png")).hasSizeGreaterThanOrEqualTo(2);
            assertThat(jcf.getCurrentVersion().orElseThrow().id()).isEqualTo(v3.id());
            assertThat(jcf.getStatus().isClean()).isTrue();
            assertThat(Files.readAllBytes(project.resolve("content/notes.txt")))
                    .isEqualTo(jcf.getFileContent("notes.txt", v3.id()));

            // restoring the first version works on the imported history
            jcf.restoreVersion(oldestFirst.get(0).id());
            assertThat(BlobStore.sha256Hex(Files.readAllBytes(project.resolve("content/readme.md"))))
                    .isEqualTo(expected.get(oldestFirst.get(0).id()).get("readme.md"));
        }
    }

    /** The fixture rewritten: entries dropped (value null) or replaced. */
    private static byte[] rewritten(Map<String, byte[]> changes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipFile zip = new ZipFile(FIXTURE.toFile());
             ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                byte[] data = changes.containsKey(e.getName()) ? changes.get(e.getName())
                        : zip.getInputStream(e).readAllBytes();
                if (data != null) {
                    z.putNextEntry(new ZipEntry(e.getName()));
                    z.write(data);
                    z.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    private static final String V1_NOTES = ".store/blobs/0ca2696efe4593e4754b01beaecd425ed70936048f7626a284b16d978e8af498";
    private static final String V2_PATCH = ".store/deltas/1c315893-8a69-47f3-8ce9-e3ec21e63e45_e39538e7f27a7bf5.patch";

    @Test
    void olderTextIsRebuiltThroughThePeersReversePatchesWhenItsBlobIsMissing() throws Exception {
        Map<String, byte[]> drop = new TreeMap<>();
        drop.put(V1_NOTES, null);
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new MemoryAdapter());
            jcf.importData(new ByteArrayInputStream(rewritten(drop)));
            assertMatchesPeer(jcf, expectedStates());
        }
    }

    @Test
    void aBrokenPeerPatchIsIgnoredWhenAWholeCopyExistsAndRefusedWhenNot() throws Exception {
        Map<String, byte[]> damaged = new TreeMap<>();
        damaged.put(V2_PATCH, "@@ -1,2 +1,2 @@\n-nothing\n+like this\n".getBytes(StandardCharsets.UTF_8));
        List<String> warnings = new ArrayList<>();
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new MemoryAdapter());
            jcf.on("warning", e -> warnings.add(((JcfEvent.Warning) e).message()));
            jcf.importData(new ByteArrayInputStream(rewritten(damaged)));
            assertMatchesPeer(jcf, expectedStates());
            assertThat(warnings).anyMatch(w -> w.contains(V2_PATCH));
        }
        damaged.put(V1_NOTES, null);
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new MemoryAdapter());
            byte[] archive = rewritten(damaged);
            assertThat(Assertions.catchThrowable(
                    () -> jcf.importData(new ByteArrayInputStream(archive))))
                    .isInstanceOf(CorruptionException.class).hasMessageContaining(V2_PATCH);
            assertThat(jcf.getHistory()).isEmpty();
        }
    }

    @Test
    void thePeerExportSurvivesAnotherRoundTripThroughOurFormat() throws Exception {
        Map<String, Map<String, String>> expected = expectedStates();
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        try (JcfManager jcf = new JcfManager(); InputStream in = Files.newInputStream(FIXTURE)) {
            jcf.init(new MemoryAdapter());
            jcf.importData(in);
            jcf.export(ours);
        }
        try (JcfManager again = new JcfManager()) {
            again.init(new MemoryAdapter());
            again.importData(new ByteArrayInputStream(ours.toByteArray()));
            assertMatchesPeer(again, expected);
        }
    }
}
