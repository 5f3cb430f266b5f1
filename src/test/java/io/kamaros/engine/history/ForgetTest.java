package io.kamaros.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.ForgetResult;
import io.kamaros.engine.model.ForgottenVersions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.RetentionPolicy;
import io.kamaros.engine.model.RetentionSettings;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forgetting versions: kept versions stay byte-exact, the forgotten ones' bytes leave the disk, refusals are typed. */
class ForgetTest {
    @TempDir
    Path tmp;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Every file under .store/ and the manifests, by path relative to the project folder. */
    private static List<String> storeFileNames(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir.resolve(".store"))) {
            s.filter(Files::isRegularFile).forEach(f -> out.add(dir.relativize(f).toString().replace('\\', '/')));
        }
        return out;
    }

    @Test
    void aSecretSavedByMistakeLeavesTheDiskAfterForgetAndGc() throws Exception {
        Path dir = tmp.resolve("p");
        byte[] secretBig = SampleProject.binary(900_000, 7); // chunked: ≥ 512 KiB
        byte[] secretText = utf8("api-key = sk-live-0123456789abcdef, do not commit\n".repeat(40));
        String bigHash = BlobStore.sha256Hex(secretBig);
        String textHash = BlobStore.sha256Hex(secretText);
        List<String> secretChunks;
        Map<String, Map<String, byte[]>> expected = new LinkedHashMap<>();
        String v1;
        String v2;
        String v3;
        try (JcfManager jcf = SampleProject.open(dir)) {
            jcf.addFile("story.md", SampleProject.text(1));
            v1 = jcf.saveCheckpoint("first");
            expected.put(v1, Map.of("story.md", utf8(SampleProject.text(1))));
            jcf.addFile("story.md", SampleProject.text(2));
            jcf.addFile("keys.txt", secretText);
            jcf.addFile("dump.bin", secretBig);
            v2 = jcf.saveCheckpoint("oops, the keys");
            jcf.removeFile("keys.txt");
            jcf.removeFile("dump.bin");
            jcf.addFile("story.md", SampleProject.text(3));
            v3 = jcf.saveCheckpoint("keys removed");
            expected.put(v3, Map.of("story.md", utf8(SampleProject.text(3))));
            BlobStore blobs = new BlobStore(new FileAdapter(dir), 3, true);
            secretChunks = blobs.chunkHashes(bigHash);
            assertThat(secretChunks).isNotEmpty();
            assertThat(storeFileNames(dir)).anyMatch(f -> f.endsWith(textHash)).anyMatch(f -> f.endsWith(bigHash));

            ForgetResult dry = jcf.forget(List.of(v2.substring(0, 8)), ForgetOptions.defaults().withDryRun(true));
            assertThat(dry.dryRun()).isTrue();
            assertThat(dry.forgotten()).extracting(ForgetResult.Item::id).containsExactly(v2);
            assertThat(dry.bytesFreed()).isGreaterThan(secretBig.length / 2);
            assertThat(jcf.getHistory()).hasSize(3);

            ForgetResult done = jcf.forget(List.of(v2), ForgetOptions.defaults());
            assertThat(done.dryRun()).isFalse();
            assertThat(done.kept()).isEqualTo(2);
            assertThat(done.bytesFreed()).isGreaterThan(secretBig.length / 2);
            assertKept(jcf, expected);
            Version after = jcf.getVersion(v3).orElseThrow();
            assertThat(after.parentId()).isEqualTo(v1);
            ForgottenVersions gap = after.forgottenBefore();
            assertThat(gap).isNotNull();
            assertThat(gap.count()).isEqualTo(1);
            assertThat(gap.by()).isEqualTo(ForgottenVersions.BY_HAND);
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
        }
        List<String> files = storeFileNames(dir);
        assertThat(files).noneMatch(f -> f.endsWith(textHash)).noneMatch(f -> f.endsWith(bigHash));
        for (String chunk : secretChunks) {
            assertThat(files).noneMatch(f -> f.endsWith(chunk));
        }
        assertThat(files).noneMatch(f -> f.contains(v2)); // its patches and its journal line
        assertThat(Files.readString(dir.resolve(".store/versions.jsonl"))).doesNotContain(v2).doesNotContain("oops");
        assertThat(Files.readString(dir.resolve(".store/versions.jsonl.copy"))).doesNotContain(v2);
        try (JcfManager reopened = SampleProject.open(dir)) {
            assertKept(reopened, expected);
            assertThat(reopened.getVersion(v3).orElseThrow().forgottenBefore()).isNotNull();
        }
    }

    /**
     * The same with packs (the default layout): the secret's pack shares its bytes with kept objects, yet after
     * forget the secret's bytes are in no file of the store (a pack keeping a deleted object would still hold them).
     */
    @Test
    void aSecretSavedByMistakeLeavesThePacksAfterForget() throws Exception {
        Path dir = tmp.resolve("packed");
        byte[] secret = SampleProject.binary(200_000, 11); // random: stored raw, so its bytes would show in a pack
        JcfConfig packed = SampleProject.config().toBuilder().looseObjects(false).build();
        String oops;
        try (JcfManager jcf = new JcfManager(packed)) {
            jcf.init(new FileAdapter(dir));
            jcf.addFile("story.md", SampleProject.text(1));
            jcf.addFile("cover.bin", SampleProject.binary(300_000, 12));
            jcf.saveCheckpoint("first");
            jcf.addFile("story.md", SampleProject.text(2));
            jcf.addFile("keys.bin", secret);
            jcf.addFile("art.bin", SampleProject.binary(600_000, 13)); // kept: most of the secret's pack is live
            oops = jcf.saveCheckpoint("oops, the keys");
            jcf.removeFile("keys.bin");
            jcf.addFile("story.md", SampleProject.text(3));
            jcf.saveCheckpoint("keys removed");
            assertThat(storeHolds(dir, secret)).as("the secret is stored before forget").isTrue();

            jcf.forget(List.of(oops), ForgetOptions.defaults());
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
            String head = jcf.getCurrentVersion().orElseThrow().id();
            assertThat(jcf.getFileContent("cover.bin", head)).isEqualTo(SampleProject.binary(300_000, 12));
            assertThat(jcf.getFileContent("art.bin", head)).isEqualTo(SampleProject.binary(600_000, 13));
        }
        assertThat(storeHolds(dir, secret)).as("no file of the store holds the secret's bytes").isFalse();
    }

    /** True when some file under .store/ holds a 4 KiB stretch from the middle of {@code secret}. */
    private static boolean storeHolds(Path dir, byte[] secret) throws Exception {
        byte[] probe = Arrays.copyOfRange(secret, secret.length / 2, secret.length / 2 + 4096);
        try (Stream<Path> s = Files.walk(dir.resolve(".store"))) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(f);
                for (int i = 0; i + probe.length <= b.length; i++) {
                    if (b[i] == probe[0] && Arrays.equals(b, i, i + probe.length, probe, 0, probe.length)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void everyKeptVersionStaysByteExactWhateverIsForgotten() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("s"));
        try (JcfManager jcf = p.jcf) {
            String head = jcf.getCurrentVersion().orElseThrow().id();
            // v0 (root), v2, v4, v5 and v6: a root, single gaps, a run of two, a binary edit, texts many patches deep.
            List<String> forget = List.of(p.ids.get(0), p.ids.get(2), p.ids.get(4), p.ids.get(5), p.ids.get(6));
            assertThat(forget).doesNotContain(head);
            jcf.forget(forget, ForgetOptions.defaults());
            Map<String, Map<String, byte[]>> kept = new LinkedHashMap<>(p.expected);
            forget.forEach(kept::remove);
            assertKept(jcf, kept);
            assertThat(jcf.getHistory()).hasSize(kept.size());
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
            Version v7 = jcf.getVersion(p.ids.get(7)).orElseThrow();
            assertThat(v7.parentId()).isEqualTo(p.ids.get(3));
            assertThat(v7.forgottenBefore()).isNotNull();
            assertThat(v7.forgottenBefore().count()).isEqualTo(3);
            assertThat(jcf.getVersion(p.ids.get(1)).orElseThrow().parentId()).isNull();

            // Again, past the gaps just made (v3 followed forgotten v2): the notes add up.
            jcf.forget(List.of(p.ids.get(3)), ForgetOptions.defaults());
            kept.remove(p.ids.get(3));
            assertKept(jcf, kept);
            assertThat(jcf.getVersion(p.ids.get(7)).orElseThrow().forgottenBefore().count()).isEqualTo(5); // v2 … v6
            assertThat(jcf.getVersion(p.ids.get(7)).orElseThrow().parentId()).isEqualTo(p.ids.get(1));
        }
        try (JcfManager reopened = SampleProject.open(tmp.resolve("s"))) {
            Map<String, Map<String, byte[]>> kept = new LinkedHashMap<>(p.expected);
            List.of(0, 2, 3, 4, 5, 6).forEach(i -> kept.remove(p.ids.get(i)));
            assertKept(reopened, kept);
            assertThat(reopened.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
            reopened.addFile("after.txt", "saved after a forget\n");
            String next = reopened.saveCheckpoint("after");
            assertThat(reopened.getFileContent("after.txt", next)).isEqualTo(utf8("saved after a forget\n"));
        }
    }

    @Test
    void theCurrentVersionIsRefusedAndATaggedOneUnlessForced() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("t"));
        try (JcfManager jcf = p.jcf) {
            String head = jcf.getCurrentVersion().orElseThrow().id();
            assertThatThrownBy(() -> jcf.forget(List.of(head), ForgetOptions.defaults().withForce(true)))
                    .isInstanceOf(JcfException.class).extracting(e -> ((JcfException) e).code())
                    .isEqualTo(Forget.CURRENT_VERSION);
            assertThatThrownBy(() -> jcf.forget(List.of("first"), ForgetOptions.defaults()))
                    .isInstanceOf(JcfException.class).extracting(e -> ((JcfException) e).code())
                    .isEqualTo(Forget.TAGGED_VERSION);
            assertThat(jcf.getHistory()).hasSize(p.ids.size());
            jcf.forget(List.of("first"), ForgetOptions.defaults().withForce(true));
            assertThat(jcf.getVersion("first")).isEmpty();
            assertThat(jcf.getHistory()).hasSize(p.ids.size() - 1);
            Map<String, Map<String, byte[]>> kept = new LinkedHashMap<>(p.expected);
            kept.remove(p.ids.get(1));
            assertKept(jcf, kept);
        }
    }

    @Test
    void aPolicyForgetsExactlyWhatItDoesNotKeepAndAppliedAgainForgetsNothing() throws Exception {
        Path dir = tmp.resolve("r");
        Instant start = Instant.parse("2026-10-01T08:00:00Z");
        Map<String, Map<String, byte[]>> expected = new LinkedHashMap<>();
        Map<String, Instant> times = new HashMap<>();
        try (JcfManager jcf = SampleProject.open(dir)) {
            for (int i = 0; i < 60; i++) { // every 5 hours for 12.5 days
                Instant at = start.plus(Duration.ofHours(5L * i));
                String text = SampleProject.text(i);
                jcf.addFile("draft.md", text);
                String id = jcf.saveCheckpoint("v" + i, CheckpointOptions.builder().timestamp(at).build());
                expected.put(id, new TreeMap<>(Map.of("draft.md", utf8(text))));
                times.put(id, at);
            }
            RetentionPolicy policy = RetentionPolicy.none().withKeepLast(3).withKeepDaily(4).withKeepWeekly(2);
            ForgetOptions opts = ForgetOptions.defaults().withIncludeManual(true);
            List<Retention.Candidate> candidates = times.entrySet().stream()
                    .map(e -> new Retention.Candidate(e.getKey(), e.getValue(), 0)).toList();
            Set<String> keep = Retention.keep(candidates, c -> true, policy, ZoneId.systemDefault(), Instant.now());

            ForgetResult dry = jcf.forget(policy, opts.withDryRun(true));
            assertThat(dry.forgotten()).hasSize(60 - keep.size());
            assertThat(jcf.getHistory()).hasSize(60);
            // Without includeManual nothing is thinnable: manual checkpoints stay.
            assertThat(jcf.forget(policy, ForgetOptions.defaults()).forgotten()).isEmpty();

            ForgetResult done = jcf.forget(policy, opts);
            assertThat(done.forgotten()).extracting(ForgetResult.Item::id).doesNotContainAnyElementsOf(keep);
            assertThat(jcf.getHistory()).extracting(Version::id).containsExactlyInAnyOrderElementsOf(keep);
            expected.keySet().retainAll(keep);
            assertKept(jcf, expected);
            assertThat(jcf.forget(policy, opts).forgotten()).isEmpty();
            assertThat(jcf.getHistory().get(0).forgottenBefore()).isNull(); // newest first: the newest had no gap
        }
    }

    /**
     * Autosave's versions (the {@code automatic} flag, issue 17) are what a policy thins by default; the policy once
     * thinned only the safety checkpoints a restore makes, so a history of autosaves never thinned itself.
     */
    @Test
    void aPolicyThinsAutosavesWithoutIncludeManual() throws Exception {
        Path dir = tmp.resolve("auto");
        Instant start = Instant.parse("2026-10-01T08:00:00Z");
        try (JcfManager jcf = SampleProject.open(dir)) {
            jcf.addFile("draft.md", SampleProject.text(0));
            String manual = jcf.saveCheckpoint("by hand", CheckpointOptions.builder().timestamp(start).build());
            for (int i = 1; i <= 5; i++) {
                jcf.addFile("draft.md", SampleProject.text(i));
                jcf.saveCheckpoint("Automatic save", CheckpointOptions.builder().automatic(true)
                        .timestamp(start.plus(Duration.ofMinutes(10L * i))).build());
            }
            jcf.addFile("draft.md", SampleProject.text(9));
            String head = jcf.saveCheckpoint("now", CheckpointOptions.builder().timestamp(start.plus(Duration.ofHours(2)))
                    .build());

            ForgetResult dry = jcf.forget(RetentionPolicy.none(), ForgetOptions.defaults().withDryRun(true));
            assertThat(dry.forgotten()).hasSize(5).allMatch(ForgetResult.Item::autoSaved);
            jcf.forget(RetentionPolicy.none(), ForgetOptions.defaults());
            assertThat(jcf.getHistory()).extracting(Version::id).containsExactlyInAnyOrder(manual, head);
        }
    }

    /**
     * The retention settings are read in one place: the policy from the project's config, the switches from its
     * settings file, whether the app wrote them (true/false) or {@code kamaros config} did ("true"/"false"); other
     * members of the file stay as they were.
     */
    @Test
    void theRetentionSettingsAreKeptAndReadInOnePlace() throws Exception {
        Path dir = tmp.resolve("settings");
        RetentionSettings chosen = RetentionSettings.defaults().withPolicy(RetentionPolicy.none().withKeepDaily(3))
                .withThinManual(true).withAutoThin(false).withAutoThinInterval(Duration.ofMinutes(90));
        try (JcfManager jcf = SampleProject.open(dir)) {
            assertThat(jcf.getRetentionSettings()).isEqualTo(RetentionSettings.defaults());
            Files.createDirectories(dir.resolve(".jcf"));
            Files.writeString(dir.resolve(".jcf/config.json"), "{\"author\":\"Ala\"}");
            jcf.setRetentionSettings(chosen);
        }
        try (JcfManager jcf = SampleProject.open(dir)) {
            assertThat(jcf.getRetentionSettings()).isEqualTo(chosen);
            assertThat(jcf.getRetentionSettings().forgetOptions())
                    .isEqualTo(ForgetOptions.defaults().withIncludeManual(true));
            assertThat(Files.readString(dir.resolve(".jcf/config.json"))).contains("\"author\" : \"Ala\"");
            Files.writeString(dir.resolve(".jcf/config.json"), "{\"retentionThinTagged\":\"true\","
                    + "\"retentionAuto\":\"false\",\"retentionAutoInterval\":\"2h\"}");
            assertThat(jcf.getRetentionSettings()).isEqualTo(RetentionSettings.defaults()
                    .withPolicy(RetentionPolicy.none().withKeepDaily(3)).withThinTagged(true).withAutoThin(false)
                    .withAutoThinInterval(Duration.ofHours(2)));
        }
    }

    @Test
    void thePolicyIsKeptInTheProject() throws Exception {
        Path dir = tmp.resolve("c");
        try (JcfManager jcf = SampleProject.open(dir)) {
            assertThat(jcf.getRetentionPolicy()).isEqualTo(RetentionPolicy.timeMachine());
            jcf.setRetentionPolicy(RetentionPolicy.none().withKeepHourly(12).withMaxBytes(1 << 30));
        }
        try (JcfManager jcf = SampleProject.open(dir)) {
            assertThat(jcf.getRetentionPolicy()).isEqualTo(RetentionPolicy.none().withKeepHourly(12).withMaxBytes(1 << 30));
        }
    }

    /**
     * The kept versions' texts are linked by new patches; the whole copies that bounded the old chains were
     * mostly forgotten versions' contents. Every kept text is still within snapshotInterval patches of a whole
     * copy (as a checkpoint leaves it), so reading an old kept version does not walk the whole thinned history.
     */
    @Test
    void keptTextsStayWithinTheSnapshotIntervalOfAWholeCopy() throws Exception {
        MemoryAdapter mem = new MemoryAdapter();
        JcfConfig config = JcfConfig.builder().author("t").snapshotInterval(2).looseObjects(true).build();
        List<String> ids = new ArrayList<>();
        Map<String, Map<String, byte[]>> expected = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder("# notes\n");
        for (int line = 0; line < 200; line++) {
            text.append("a line that stays ").append(line).append('\n'); // patches are worth it: the file is large
        }
        try (JcfManager jcf = new JcfManager(config)) {
            jcf.init(mem);
            for (int v = 0; v < 60; v++) {
                text.append("line ").append(v).append('\n');
                jcf.addFile("notes.md", text.toString());
                ids.add(jcf.saveCheckpoint("v" + v));
                expected.put(ids.get(v), Map.of("notes.md", utf8(text.toString())));
            }
            List<String> forget = new ArrayList<>();
            for (int v = 0; v < 59; v++) {
                byte[] content = expected.get(ids.get(v)).get("notes.md");
                if (v % 2 == 0 || mem.fileExists(".store/blobs/" + BlobStore.sha256Hex(content))) {
                    forget.add(ids.get(v)); // every whole copy but HEAD's goes, and every other patch
                }
            }
            jcf.forget(forget, ForgetOptions.defaults());
            forget.forEach(expected::remove);
            assertKept(jcf, expected);
        }
        ProjectStore store = ProjectStore.open(mem, config, "p");
        assertThat(store.content().beyondSnapshotInterval()).isEmpty();
        try (JcfManager reopened = new JcfManager(config)) {
            reopened.init(mem);
            assertKept(reopened, expected);
            assertThat(reopened.verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors()).isEmpty();
        }
    }

    private static void assertKept(JcfManager jcf, Map<String, Map<String, byte[]>> expected) {
        for (Map.Entry<String, Map<String, byte[]>> v : expected.entrySet()) {
            assertThat(jcf.getVersion(v.getKey()).orElseThrow().fileStates().keySet()).as("files of %s", v.getKey())
                    .containsExactlyInAnyOrderElementsOf(v.getValue().keySet());
            for (Map.Entry<String, byte[]> f : v.getValue().entrySet()) {
                assertThat(jcf.getFileContent(f.getKey(), v.getKey())).as("%s in %s", f.getKey(), v.getKey())
                        .isEqualTo(f.getValue());
            }
        }
    }
}
