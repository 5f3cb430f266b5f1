package io.kamaros.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CancelledException;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerificationReport.Finding;
import io.kamaros.engine.model.VerificationReport.FindingType;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.kamaros.engine.project.ProjectStore;

/** verifyIntegrity finds each kind of damage, and repair fixes exactly what redundancy allows. */
class VerifierTest {
    private static final VerifyOptions DEEP = VerifyOptions.builder().deep(true).build();
    private static final VerifyOptions REPAIR = VerifyOptions.builder().deep(true).repair(true).build();

    @TempDir
    Path tmp;

    private static String hashOf(byte[] data) {
        return BlobStore.sha256Hex(data);
    }

    private static List<Finding> withHash(VerificationReport r, FindingType type, String hash) {
        return r.findings(type).stream().filter(f -> hash.equals(f.details().get("hash"))).toList();
    }

    private static String headId(JcfManager jcf) {
        return jcf.getCurrentVersion().orElseThrow().id();
    }

    @Test
    void aCleanProjectIsValidWithoutFindings() {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            for (VerifyOptions opts : List.of(VerifyOptions.defaults(), DEEP, REPAIR)) {
                VerificationReport r = jcf.verifyIntegrity(opts);
                assertThat(r.valid()).as("%s", opts).isTrue();
                assertThat(r.errors()).isEmpty();
                assertThat(r.warnings()).isEmpty();
                assertThat(r.repaired()).isEmpty();
            }
            p.assertEveryVersionExact();
        }
    }

    @Test
    void driftOrphansAndTempFilesAreWarningsOnly() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            jcf.addFile("a.txt", "edited, not saved\n");
            FileAdapter raw = new FileAdapter(p.dir);
            String orphan = new BlobStore(raw, 6, true).put("nobody's".getBytes(StandardCharsets.UTF_8)).hash();
            raw.writeFile(".store/temp/leftover", new byte[10]);

            VerificationReport r = jcf.verifyIntegrity(DEEP);
            assertThat(r.valid()).isTrue();
            assertThat(r.errors()).isEmpty();
            assertThat(r.findings(FindingType.WORKING_COPY_DRIFT)).singleElement()
                    .satisfies(f -> assertThat(f.details()).containsEntry("path", "a.txt").containsEntry("change", "MODIFIED"));
            assertThat(withHash(r, FindingType.ORPHANED_OBJECT, orphan)).hasSize(1);
            assertThat(r.findings(FindingType.STALE_TEMP)).singleElement()
                    .satisfies(f -> assertThat(f.details()).containsEntry("path", ".store/temp/leftover"));
            assertThat(r.warnings()).hasSize(3);

            VerificationReport repaired = jcf.verifyIntegrity(REPAIR);
            assertThat(repaired.repaired()).singleElement().asString().contains("temp");
            assertThat(repaired.findings(FindingType.STALE_TEMP)).isEmpty();
            assertThat(repaired.findings(FindingType.WORKING_COPY_DRIFT)).as("repair never touches the working copy")
                    .hasSize(1);
            assertThat(jcf.getFileContent("a.txt")).isEqualTo("edited, not saved\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void repairRewritesHeadBlobsFromTheWorkingCopy() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            String head = headId(jcf);
            String big = hashOf(p.expected.get(head).get("big.bin"));
            String text = hashOf(p.expected.get(head).get("a.txt"));
            BlobStore blobs = new BlobStore(new FileAdapter(p.dir), 6, true);
            List<String> chunks = blobs.chunkHashes(big);
            assertThat(chunks).hasSizeGreaterThan(1);
            blobs.deleteBlob(text);
            // Two chunks of the big file damaged (a read stops at the first).
            for (String c : List.of(chunks.get(1), chunks.get(chunks.size() - 1))) {
                Path chunk = p.dir.resolve(".store/chunks/" + c);
                byte[] body = Files.readAllBytes(chunk);
                body[body.length / 2] ^= (byte) 0xFF;
                Files.write(chunk, body);
            }

            VerificationReport quick = jcf.verifyIntegrity();
            assertThat(quick.valid()).isFalse();
            assertThat(withHash(quick, FindingType.MISSING_BLOB, text)).hasSize(1);
            VerificationReport deep = jcf.verifyIntegrity(DEEP);
            assertThat(withHash(deep, FindingType.CORRUPT_BLOB, big)).singleElement()
                    .satisfies(f -> assertThat(f.details()).containsEntry("chunk", chunks.get(1)));
            assertThatThrownBy(() -> jcf.getFileContent("big.bin", head)).isInstanceOf(CorruptionException.class);
            assertThatThrownBy(() -> jcf.getFileContent("a.txt", head)).isInstanceOf(CorruptionException.class);

            VerificationReport r = jcf.verifyIntegrity(REPAIR);
            assertThat(r.repaired()).anyMatch(s -> s.contains(big) && s.contains("big.bin"))
                    .anyMatch(s -> s.contains(text) && s.contains("a.txt"));
            assertThat(r.valid()).isTrue();
            assertThat(r.errors()).isEmpty();
            p.assertEveryVersionExact();
        }
    }

    @Test
    void repairRebuildsADamagedOldTextBlobThroughPatches() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            BlobStore blobs = new BlobStore(new FileAdapter(p.dir), 6, true);
            String headText = hashOf(p.expected.get(headId(jcf)).get("a.txt"));
            String victim = p.ids.stream().map(id -> hashOf(p.expected.get(id).get("a.txt")))
                    .filter(h -> !h.equals(headText)).filter(h -> {
                        try {
                            return blobs.contains(h);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).findFirst().orElseThrow();
            Path file = p.dir.resolve(".store/blobs/" + victim);
            byte[] body = Files.readAllBytes(file);
            body[body.length - 1] ^= (byte) 0xFF;
            Files.write(file, body);

            VerificationReport found = jcf.verifyIntegrity(DEEP);
            assertThat(withHash(found, FindingType.CORRUPT_BLOB, victim)).hasSize(1);

            VerificationReport r = jcf.verifyIntegrity(REPAIR);
            assertThat(r.repaired()).singleElement().asString().contains(victim).contains("patches");
            assertThat(r.valid()).isTrue();
            p.assertEveryVersionExact();
        }
    }

    @Test
    void repairDropsADanglingTag() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            ObjectMapper json = new ObjectMapper();
            Path manifest = p.dir.resolve("manifest.json");
            // a dangling ref written by a program that keeps the manifest's checksum right
            String ghost = "00000000-0000-4000-8000-000000000000";
            ManifestEdits.edit(manifest, doc -> doc.withObjectProperty("refs").put("tags/ghost", ghost));

            VerificationReport r = jcf.verifyIntegrity();
            assertThat(r.valid()).isFalse();
            assertThat(r.findings(FindingType.BROKEN_CHAIN)).singleElement()
                    .satisfies(f -> assertThat(f.details()).containsEntry("versionId", ghost));

            VerificationReport fixed = jcf.verifyIntegrity(REPAIR);
            assertThat(fixed.repaired()).singleElement().asString().contains("tags/ghost");
            assertThat(fixed.valid()).isTrue();
            assertThat(json.readTree(manifest.toFile()).get("refs").has("tags/ghost")).isFalse();
            assertThat(jcf.getVersion("first")).isPresent();
        }
    }

    @Test
    void aDamagedManifestReopensFromTheBackupAndRepairRestoresIt() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        p.jcf.close();
        Path manifest = p.dir.resolve("manifest.json");
        byte[] bytes = Files.readAllBytes(manifest);
        bytes[bytes.length / 3] ^= (byte) 0xFF;
        Files.write(manifest, bytes);

        try (JcfManager jcf = SampleProject.open(p.dir)) {
            p.assertEveryVersionExact(jcf); // the backup was written before the last tag: it has every version
            VerificationReport r = jcf.verifyIntegrity();
            assertThat(r.valid()).isFalse();
            assertThat(r.findings(FindingType.INVALID_MANIFEST)).singleElement()
                    .satisfies(f -> assertThat(f.details()).containsEntry("path", "manifest.json"));

            VerificationReport fixed = jcf.verifyIntegrity(REPAIR);
            assertThat(fixed.repaired()).anyMatch(s -> s.contains("manifest.json.bak"));
            assertThat(fixed.valid()).isTrue();
            assertThat(fixed.errors()).isEmpty();
            new ObjectMapper().readTree(manifest.toFile()); // parses again
            p.assertEveryVersionExact(jcf);
        }
        try (JcfManager reopened = SampleProject.open(p.dir)) {
            assertThat(reopened.verifyIntegrity(DEEP).valid()).isTrue();
            p.assertEveryVersionExact(reopened);
            assertThat(reopened.getVersion("first")).isPresent();
        }
    }

    @Test
    void whatRedundancyCannotRebuildStaysAnError() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            String v5 = p.ids.get(5);
            byte[] oldBig = p.expected.get(v5).get("big.bin");
            String oldHash = hashOf(oldBig);
            assertThat(oldHash).isNotEqualTo(hashOf(p.expected.get(headId(jcf)).get("big.bin")));
            new BlobStore(new FileAdapter(p.dir), 6, true).deleteBlob(oldHash);

            VerificationReport r = jcf.verifyIntegrity(REPAIR);
            assertThat(r.repaired()).isEmpty();
            assertThat(r.valid()).isFalse();
            List<Finding> missing = withHash(r, FindingType.MISSING_BLOB, oldHash);
            assertThat(missing).singleElement().satisfies(f -> {
                assertThat(f.details()).containsEntry("path", "big.bin").containsEntry("versionId", v5);
                assertThat(f.suggestion()).isNotBlank();
            });
            assertThatThrownBy(() -> jcf.getFileContent("big.bin", v5)).isInstanceOf(CorruptionException.class);
            // Everything else is intact.
            assertThat(jcf.getFileContent("a.txt", v5)).isEqualTo(p.expected.get(v5).get("a.txt"));
            assertThat(jcf.getFileContent("big.bin", p.ids.get(0))).isEqualTo(p.expected.get(p.ids.get(0)).get("big.bin"));
        }
    }

    @Test
    void missingPatchesAreFoundAndRewrittenWhenBothContentsAreReadable() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            BlobStore blobs = new BlobStore(new FileAdapter(p.dir), 6, true);
            // Every patch of a.txt: the one whose target still has a blob is redundant, the others are not.
            FileState redundant = null;
            FileState needed = null;
            Map<String, Integer> patchesTo = new HashMap<>();
            List<FileState> patched = new ArrayList<>();
            for (String id : p.ids) {
                FileState s = jcf.getVersion(id).orElseThrow().fileStates().get("a.txt");
                if (s.changeType() != null && s.contentRef() != null && s.contentRef().startsWith(".store/deltas/")) {
                    patched.add(s);
                    patchesTo.merge(s.previousHash(), 1, Integer::sum);
                }
            }
            for (FileState s : patched) {
                if (blobs.contains(s.previousHash())) {
                    redundant = redundant == null ? s : redundant;
                } else if (needed == null && patchesTo.get(s.previousHash()) == 1) {
                    needed = s; // the only way to its content
                }
            }
            assertThat(redundant).isNotNull();
            assertThat(needed).isNotNull();
            for (String ref : List.of(redundant.contentRef(), needed.contentRef())) {
                Files.delete(p.dir.resolve(ref));
                Files.delete(p.dir.resolve(ref + ".copy")); // both copies
            }

            VerificationReport r = jcf.verifyIntegrity();
            assertThat(r.findings(FindingType.MISSING_DELTA)).extracting(f -> f.details().get("path"))
                    .contains(redundant.contentRef(), needed.contentRef());
            String lostHash = needed.previousHash();
            String lostVersion = p.ids.stream().filter(id -> hashOf(p.expected.get(id).get("a.txt")).equals(lostHash))
                    .findFirst().orElseThrow();
            assertThatThrownBy(() -> jcf.getFileContent("a.txt", lostVersion)).isInstanceOf(CorruptionException.class);

            VerificationReport fixed = jcf.verifyIntegrity(REPAIR);
            String redundantRef = redundant.contentRef();
            String neededRef = needed.contentRef();
            assertThat(fixed.repaired()).anyMatch(s -> s.contains(redundantRef)).noneMatch(s -> s.contains(neededRef));
            assertThat(fixed.findings(FindingType.MISSING_DELTA)).extracting(f -> f.details().get("path"))
                    .contains(neededRef).doesNotContain(redundantRef);
            assertThat(Files.exists(p.dir.resolve(redundantRef))).isTrue();
            assertThat(fixed.valid()).isFalse();
        }
    }

    /**
     * Issue 12: a journal line damaged in both copies (here: the copy deleted, as in a project from
     * before copies existed) costs that version only. Every other version still loads; those before
     * it read exactly; its descendants keep what their own lines record; verify names the lost
     * version, and repair writes the copy back from every line still intact.
     */
    @Test
    void aJournalLineLostInBothCopiesCostsOnlyItsVersion() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        p.jcf.close();
        Path journal = p.dir.resolve(".store/versions.jsonl");
        Files.delete(p.dir.resolve(".store/versions.jsonl.copy"));
        String lost = p.ids.get(2);
        String text = Files.readString(journal);
        int at = text.indexOf("\"timestamp\":\"", text.indexOf("\"id\":\"" + lost + "\""));
        byte[] damaged = Files.readAllBytes(journal);
        damaged[at + 16] ^= 1; // a digit of the version's timestamp: its checksum fails
        Files.write(journal, damaged);
        try (JcfManager jcf = SampleProject.open(p.dir)) {
            assertThat(jcf.getHistory()).extracting(Version::id)
                    .containsExactlyInAnyOrderElementsOf(p.ids.stream().filter(id -> !id.equals(lost)).toList());
            for (String id : p.ids.subList(0, 2)) {
                for (Map.Entry<String, byte[]> f : p.expected.get(id).entrySet()) {
                    assertThat(jcf.getFileContent(f.getKey(), id)).isEqualTo(f.getValue());
                }
            }
            for (String id : p.ids.subList(3, p.ids.size())) {
                Map<String, FileState> files = jcf.getVersion(id).orElseThrow().fileStates();
                assertThat(files).containsKey("a.txt"); // changed in every version: recorded in its own line
                for (String path : files.keySet()) {
                    assertThat(jcf.getFileContent(path, id)).as("%s in %s", path, id).isEqualTo(p.expected.get(id).get(path));
                }
            }
            VerificationReport r = jcf.verifyIntegrity(DEEP);
            assertThat(r.errors()).anyMatch(f -> f.message().contains(lost) && f.message().contains("A version is lost"));
            assertThat(r.errors()).anyMatch(f -> f.type() == FindingType.BROKEN_CHAIN && f.message().contains(lost));
            VerificationReport fixed = jcf.verifyIntegrity(VerifyOptions.builder().deep(true).repair(true).build());
            assertThat(fixed.repaired()).anyMatch(s -> s.contains("copy of the version journal"));
            assertThat(fixed.valid()).isFalse();
        }
        assertThat(Files.readAllBytes(journal)).as("the damaged line is left as it is: nothing invented").isEqualTo(damaged);
    }

    @Test
    void anUnknownParentIsABrokenChain() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        p.jcf.close();
        Path journal = p.dir.resolve(".store/versions.jsonl");
        String text = Files.readString(journal);
        String parent = p.ids.get(3); // the branch v8's parent
        String ghost = "00000000-0000-4000-8000-000000000000";
        int at = text.lastIndexOf("\"parentId\":\"" + parent + "\"");
        assertThat(at).isPositive();
        String changed = text.substring(0, at) + text.substring(at).replaceFirst(parent, ghost);
        // written by a program that keeps the line's checksum right: the chain itself is what is wrong
        StringBuilder rewritten = new StringBuilder();
        for (String line : changed.split("\n")) {
            if (line.contains(ghost)) {
                String body = "{" + line.substring(line.indexOf("\",") + 2);
                line = "{\"sha256\":\"" + BlobStore.sha256Hex(
                        body.getBytes(StandardCharsets.UTF_8)) + "\"," + body.substring(1);
            }
            rewritten.append(line).append('\n');
        }
        Files.writeString(journal, rewritten.toString());
        try (JcfManager jcf = SampleProject.open(p.dir)) {
            VerificationReport r = jcf.verifyIntegrity();
            assertThat(r.valid()).isFalse();
            assertThat(r.findings(FindingType.BROKEN_CHAIN)).singleElement()
                    .satisfies(f -> assertThat(f.details()).containsEntry("versionId", p.ids.get(8)));
            assertThat(jcf.verifyIntegrity(REPAIR).findings(FindingType.BROKEN_CHAIN)).as("history is never invented")
                    .hasSize(1);
        }
    }

    @Test
    void eventsAndCancel() {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            List<JcfEvent> events = new CopyOnWriteArrayList<>();
            jcf.on("verify:*", events::add);
            VerificationReport r = jcf.verifyIntegrity(DEEP);
            assertThat(events.get(0)).isInstanceOf(JcfEvent.VerifyStarted.class);
            assertThat(((JcfEvent.VerifyStarted) events.get(0)).options().deep()).isTrue();
            assertThat(events).filteredOn(e -> e instanceof JcfEvent.Progress).extracting(e -> ((JcfEvent.Progress) e).phase())
                    .contains("manifest", "journal", "contents", "blobs", "patches", "working-copy", "complete");
            assertThat(events).filteredOn(e -> e instanceof JcfEvent.Progress)
                    .extracting(e -> ((JcfEvent.Progress) e).percent()).isSorted();
            JcfEvent last = events.get(events.size() - 1);
            assertThat(last).isInstanceOf(JcfEvent.VerifyCompleted.class);
            assertThat(((JcfEvent.VerifyCompleted) last).report()).isEqualTo(r);

            events.clear();
            CancellationToken token = new CancellationToken();
            token.cancel();
            assertThatThrownBy(() -> jcf.verifyIntegrity(VerifyOptions.builder().deep(true).cancel(token).build()))
                    .isInstanceOf(CancelledException.class);
            assertThat(events).extracting(JcfEvent::type).contains("verify:start", "verify:error")
                    .doesNotContain("verify:complete");
        }
    }
}
