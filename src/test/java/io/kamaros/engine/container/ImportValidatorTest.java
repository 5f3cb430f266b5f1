package io.kamaros.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.history.Operation;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The validator alone, on a staged archive built in memory: what it makes of versions, and one refusal per rule family. */
class ImportValidatorTest {
    private StagingAdapter staging;
    private String one;
    private String two;

    @BeforeEach
    void stage() throws IOException {
        staging = new StagingAdapter(new MemoryAdapter(), ".store/temp/import-test");
        BlobStore blobs = new BlobStore(staging, 0, false);
        one = blobs.put("first text\n".getBytes(StandardCharsets.UTF_8)).hash();
        two = blobs.put("second text\n".getBytes(StandardCharsets.UTF_8)).hash();
    }

    private ImportValidator validator() {
        Operation op = new Operation("import", CancellationToken.NONE, null, e -> { });
        return new ImportValidator(ImportOptions.defaults(), op);
    }

    private static JcfManifestCodec.StateIn file(String inode, String path, String hash) {
        return new JcfManifestCodec.StateIn(inode, path, hash, null, "text", null, null, false, false);
    }

    private static JcfManifestCodec.VersionIn version(String id, String parent, List<String> tags,
                                                      JcfManifestCodec.StateIn... files) {
        return new JcfManifestCodec.VersionIn(id, parent, Instant.parse("2026-01-01T00:00:00Z"), "m " + id, "a", null,
                tags, false, List.of(files), List.of(), false, null);
    }

    private static JcfManifestCodec.Manifest manifest(Map<String, String> refs, JcfManifestCodec.VersionIn... versions) {
        return new JcfManifestCodec.Manifest("1.0.0", JsonNodeFactory.instance.objectNode(), Map.of(), List.of(versions),
                refs, List.of(), Map.of());
    }

    @Test
    void turnsEachVersionsFileSetIntoChangesAgainstItsParent() throws IOException {
        JcfManifestCodec.Manifest m = manifest(Map.of(),
                version("v1", null, List.of("first"), file("i1", "a.txt", one)),
                version("v2", "v1", List.of(), file("i1", "b.txt", two)));

        ImportValidator.Plan plan = validator().validate(m, staging);

        assertThat(plan.records).extracting(VersionRecord::id).containsExactly("v1", "v2");
        FileState added = plan.records.get(0).changes().get(0);
        assertThat(added.changeType()).isEqualTo(ChangeType.ADDED);
        assertThat(added.contentRef()).isEqualTo(BlobStore.BLOBS_DIR + "/" + one);
        assertThat(added.size()).isEqualTo("first text\n".length());
        FileState moved = plan.records.get(1).changes().get(0);
        assertThat(moved.changeType()).isEqualTo(ChangeType.RENAMED);
        assertThat(moved.previousPath()).isEqualTo("a.txt");
        assertThat(moved.previousHash()).isEqualTo(one);
        assertThat(plan.head).as("the last version when refs name no head").isEqualTo("v2");
        assertThat(plan.refs).containsEntry("head", "v2").containsEntry("tags/first", "v1");
        assertThat(plan.headState).containsOnlyKeys("b.txt");
    }

    @Test
    void versionsRuleRefusesAChildListedBeforeItsParent() {
        JcfManifestCodec.Manifest m = manifest(Map.of(),
                version("v2", "v1", List.of(), file("i1", "a.txt", one)),
                version("v1", null, List.of(), file("i1", "a.txt", one)));

        assertThatThrownBy(() -> validator().validate(m, staging)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("listed before its parent");
    }

    @Test
    void versionsRuleRefusesADuplicateId() {
        JcfManifestCodec.Manifest m = manifest(Map.of(),
                version("v1", null, List.of(), file("i1", "a.txt", one)),
                version("v1", null, List.of(), file("i1", "a.txt", one)));

        assertThatThrownBy(() -> validator().validate(m, staging)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("appears twice");
    }

    @Test
    void blobsRuleRefusesABlobThatDoesNotHashToItsName() throws IOException {
        staging.writeFile(BlobStore.BLOBS_DIR + "/" + two, "not the second text".getBytes(StandardCharsets.UTF_8));
        JcfManifestCodec.Manifest m = manifest(Map.of(), version("v1", null, List.of(), file("i1", "a.txt", one)));

        assertThatThrownBy(() -> validator().validate(m, staging)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("blob " + two + " is damaged");
    }

    @Test
    void contentsRuleRefusesAVersionWhoseContentIsMissing() {
        String absent = "0".repeat(64);
        JcfManifestCodec.Manifest m = manifest(Map.of(), version("v1", null, List.of(), file("i1", "a.txt", absent)));

        assertThatThrownBy(() -> validator().validate(m, staging)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("lacks the content");
    }

    @Test
    void refsRuleRefusesARefNamingAnUnknownVersion() {
        Map<String, String> refs = new LinkedHashMap<>();
        refs.put("tags/x", "nowhere");
        JcfManifestCodec.Manifest m = manifest(refs, version("v1", null, List.of(), file("i1", "a.txt", one)));

        assertThatThrownBy(() -> validator().validate(m, staging)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("names an unknown version nowhere");
    }
}
