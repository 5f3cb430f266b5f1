package io.kamaros.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.ForgottenVersions;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record of forgotten versions (the timeline's gap markers) travels in a {@code .jcf} export, in each
 * version's {@code extra} (the spec's place for a writer's own fields, which other readers skip), and comes
 * back on import; an archive without it (written before, or by another program) imports as before.
 */
class ForgottenVersionsTransferTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The sample project with v2 … v6 forgotten in two rounds (so v7's note adds two notes up). */
    private Map<String, ForgottenVersions> forgetAndExport(Path archive) {
        SampleProject p = SampleProject.create(tmp.resolve("s"));
        try (JcfManager jcf = p.jcf) {
            jcf.forget(List.of(p.ids.get(2), p.ids.get(4), p.ids.get(5), p.ids.get(6)), ForgetOptions.defaults());
            jcf.forget(List.of(p.ids.get(3)), ForgetOptions.defaults());
            jcf.export(archive);
            Map<String, ForgottenVersions> gaps = gapsOf(jcf);
            assertThat(gaps).as("the forget left a gap marker").isNotEmpty();
            assertThat(gaps.get(p.ids.get(7)).count()).isEqualTo(5);
            return gaps;
        }
    }

    private static Map<String, ForgottenVersions> gapsOf(JcfManager jcf) {
        Map<String, ForgottenVersions> gaps = new LinkedHashMap<>();
        for (Version v : jcf.getHistory()) {
            if (v.forgottenBefore() != null) {
                gaps.put(v.id(), v.forgottenBefore());
            }
        }
        return gaps;
    }

    @Test
    void theGapMarkersComeBackAfterExportAndImportAndReopen() throws Exception {
        Path archive = tmp.resolve("s.jcf");
        Map<String, ForgottenVersions> gaps = forgetAndExport(archive);

        try (JcfManager jcf = new JcfManager(SampleProject.config())) {
            jcf.init(new MemoryAdapter());
            jcf.importData(archive);
            assertThat(gapsOf(jcf)).isEqualTo(gaps);
        }
        Path imported = tmp.resolve("imported");
        try (JcfManager jcf = SampleProject.open(imported)) {
            jcf.importData(archive);
        }
        try (JcfManager jcf = SampleProject.open(imported)) { // kept in the imported project's own journal
            assertThat(gapsOf(jcf)).isEqualTo(gaps);
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
        }
    }

    @Test
    void theNoteSitsInTheVersionsExtraWhereOtherReadersSkipIt() throws Exception {
        Path archive = tmp.resolve("s.jcf");
        Map<String, ForgottenVersions> gaps = forgetAndExport(archive);
        JsonNode manifest = JSON.readTree(manifestOf(archive));
        int noted = 0;
        for (JsonNode v : manifest.path("versionHistory")) {
            assertThat(v.has("forgotten")).as("nothing new beside the spec's fields").isFalse();
            JsonNode note = v.path("extra").path("forgotten");
            ForgottenVersions expected = gaps.get(v.path("id").asText());
            if (expected == null) {
                assertThat(note.isMissingNode()).isTrue();
                continue;
            }
            noted++;
            assertThat(note.path("count").asInt()).isEqualTo(expected.count());
            assertThat(note.path("by").asText()).isEqualTo(expected.by());
            assertThat(note.path("oldest").isTextual()).isTrue();
        }
        assertThat(noted).isEqualTo(gaps.size());
    }

    @Test
    void anArchiveWithoutTheRecordImportsWithoutGaps() throws Exception {
        Path archive = tmp.resolve("s.jcf");
        forgetAndExport(archive);
        Path old = tmp.resolve("old.jcf");
        rewriteManifest(archive, old, v -> {
            if (v.path("extra") instanceof ObjectNode extra) {
                extra.remove("forgotten");
            }
        });
        try (JcfManager jcf = new JcfManager(SampleProject.config())) {
            jcf.init(new MemoryAdapter());
            jcf.importData(old);
            assertThat(gapsOf(jcf)).isEmpty();
            assertThat(jcf.getHistory()).hasSize(4); // v0, v1, v7, v8
        }
    }

    @Test
    void aBrokenRecordIsRefusedAndNothingIsImported() throws Exception {
        Path archive = tmp.resolve("s.jcf");
        forgetAndExport(archive);
        Path broken = tmp.resolve("broken.jcf");
        rewriteManifest(archive, broken, v -> {
            if (v.path("extra").path("forgotten") instanceof ObjectNode note) {
                note.put("count", 0);
            }
        });
        Path target = tmp.resolve("target");
        try (JcfManager jcf = new JcfManager(SampleProject.config())) {
            jcf.init(new FileAdapter(target));
            assertThatThrownBy(() -> jcf.importData(broken)).isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("extra.forgotten.count");
            assertThat(jcf.getHistory()).isEmpty();
        }
    }

    private static byte[] manifestOf(Path archive) throws IOException {
        try (var in = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals("manifest.json")) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no manifest.json in " + archive);
    }

    /** Copies an archive with each versionHistory[] entry of its manifest changed by {@code edit}. */
    private static void rewriteManifest(Path from, Path to, Consumer<ObjectNode> edit) throws IOException {
        try (var in = new ZipInputStream(Files.newInputStream(from));
             var out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals("manifest.json")) {
                    JsonNode manifest = JSON.readTree(data);
                    manifest.path("versionHistory").forEach(v -> edit.accept((ObjectNode) v));
                    data = JSON.writeValueAsString(manifest).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
    }
}
