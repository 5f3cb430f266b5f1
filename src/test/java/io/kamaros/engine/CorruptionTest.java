package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.format.JournalCodec;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.model.VerificationReport.Finding;
import io.kamaros.engine.model.VerificationReport.FindingType;
import io.kamaros.engine.history.SampleProject;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.store.FileAdapter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.model.Version;

/**
 * Proof of issue 3: one flipped byte in any stored blob, chunk, patch or in manifest.json is found
 * by verifyIntegrity, and reading the damaged history gives a CorruptionException or the right
 * bytes (rebuilt another way), never wrong bytes.
 */
class CorruptionTest {
    private static final VerifyOptions DEEP = VerifyOptions.builder().deep(true).build();

    @TempDir
    Path tmp;

    /** One stored object to damage, what verify must say about it, and the contents it holds. */
    private record Target(String kind, Path file, Predicate<Finding> finding, Set<String> contents, boolean binary) {
    }

    private static void flip(Path file, int at) throws Exception {
        byte[] b = Files.readAllBytes(file);
        b[at] ^= (byte) 0xFF;
        Files.write(file, b);
    }

    @Test
    void aFlippedByteInAnyBlobChunkOrPatchIsDetectedAndNeverReadAsData() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            jcf.runGc();
            VerificationReport clean = jcf.verifyIntegrity(DEEP);
            assertThat(clean.errors()).isEmpty();
            assertThat(clean.warnings()).isEmpty();

            // Where every content is used: hash → (version, path).
            Map<String, List<String[]>> uses = new HashMap<>();
            Set<String> binaries = new HashSet<>();
            p.expected.forEach((v, files) -> files.forEach((path, bytes) -> {
                String h = BlobStore.sha256Hex(bytes);
                uses.computeIfAbsent(h, k -> new ArrayList<>()).add(new String[]{v, path});
                if (path.endsWith(".bin")) {
                    binaries.add(h);
                }
            }));

            BlobStore blobs = new BlobStore(new FileAdapter(p.dir), 6, true);
            List<Target> targets = new ArrayList<>();
            Map<String, Set<String>> chunkUsers = new HashMap<>();
            for (String h : blobs.listBlobs()) {
                boolean chunked = !blobs.chunkHashes(h).isEmpty();
                for (String c : blobs.chunkHashes(h)) {
                    chunkUsers.computeIfAbsent(c, k -> new HashSet<>()).add(h);
                }
                // A recipe has no checksum of its own: a damaged chunk name reads as a missing chunk.
                targets.add(new Target(chunked ? "recipe" : "blob", p.dir.resolve(".store/blobs/" + h),
                        f -> h.equals(f.details().get("hash")) && (f.type() == FindingType.CORRUPT_BLOB
                                || chunked && f.type() == FindingType.MISSING_CHUNK), Set.of(h), binaries.contains(h)));
            }
            for (String c : blobs.listChunks()) {
                targets.add(new Target("chunk", p.dir.resolve(".store/chunks/" + c),
                        f -> f.type() == FindingType.CORRUPT_BLOB && c.equals(f.details().get("chunk")),
                        chunkUsers.get(c), true));
            }
            for (String id : p.ids) {
                for (FileState s : jcf.getVersion(id).orElseThrow().fileStates().values()) {
                    if (s.changeType() != null && s.contentRef() != null && s.contentRef().startsWith(".store/deltas/")) {
                        String ref = s.contentRef();
                        targets.add(new Target("patch", p.dir.resolve(ref),
                                f -> f.type() == FindingType.CORRUPT_DELTA && ref.equals(f.details().get("path")),
                                Set.of(s.previousHash()), false));
                    }
                }
            }
            assertThat(targets).extracting(Target::kind).contains("blob", "recipe", "chunk", "patch");

            Map<String, int[]> counts = new TreeMap<>(); // kind → {objects, detected, reads failed, reads rebuilt, dependent reads failed}
            String head = jcf.getCurrentVersion().orElseThrow().id();
            for (Target t : targets) {
                byte[] original = Files.readAllBytes(t.file());
                int[] c = counts.computeIfAbsent(t.kind(), k -> new int[5]);
                c[0]++;
                flip(t.file(), original.length / 2);
                try {
                    VerificationReport r = jcf.verifyIntegrity(DEEP);
                    assertThat(r.valid()).as("%s %s", t.kind(), t.file()).isFalse();
                    if (r.errors().stream().anyMatch(t.finding())) {
                        c[1]++;
                    } else {
                        fail("not detected: %s %s; errors: %s", t.kind(), t.file(), r.errors());
                    }
                    // Every file of every version: the right bytes or CorruptionException.
                    String failedVersion = null;
                    for (Map.Entry<String, Map<String, byte[]>> v : p.expected.entrySet()) {
                        for (Map.Entry<String, byte[]> f : v.getValue().entrySet()) {
                            boolean affected = t.contents().contains(BlobStore.sha256Hex(f.getValue()));
                            try {
                                byte[] got = jcf.getFileContent(f.getKey(), v.getKey());
                                assertThat(got).as("%s in %s after damaging %s", f.getKey(), v.getKey(), t.file())
                                        .isEqualTo(f.getValue());
                                if (affected) {
                                    c[3]++;
                                    assertThat(t.binary()).as("a binary has no second copy: %s", f.getKey()).isFalse();
                                }
                            } catch (CorruptionException e) {
                                c[affected ? 2 : 4]++; // not affected: rebuilt through the damaged object
                                // A restore must rebuild the file when the working copy holds other bytes.
                                boolean differsFromWorkingCopy = !Arrays.equals(f.getValue(),
                                        p.expected.get(head).get(f.getKey()));
                                if (failedVersion == null && differsFromWorkingCopy) {
                                    failedVersion = v.getKey();
                                }
                                if (t.binary()) {
                                    try (InputStream in = jcf.streamFile(f.getKey(), v.getKey())) {
                                        assertThatThrownBy(in::readAllBytes).isInstanceOf(CorruptionException.class);
                                    } catch (CorruptionException opening) {
                                        // refused before the first byte: as good
                                    }
                                }
                            }
                        }
                    }
                    if (failedVersion != null) {
                        String target = failedVersion;
                        assertThatThrownBy(() -> jcf.restoreVersion(target, RestoreOptions.builder().force(true).build()))
                                .isInstanceOf(CorruptionException.class);
                        assertThat(jcf.getCurrentVersion().orElseThrow().id()).isEqualTo(head);
                        for (Map.Entry<String, byte[]> f : p.expected.get(head).entrySet()) {
                            assertThat(jcf.getFileContent(f.getKey())).as("working copy untouched").isEqualTo(f.getValue());
                        }
                    }
                } finally {
                    Files.write(t.file(), original);
                }
            }
            System.out.println("[CorruptionTest] damaged objects by kind {objects, detected by verify, "
                    + "reads of the damaged contents refused with CorruptionException, of them rebuilt exactly another way, "
                    + "reads of other contents whose patch chain runs through the damaged object refused}:");
            counts.forEach((kind, c) -> System.out.printf("[CorruptionTest]   %-6s %3d objects, %3d detected (%d%%), "
                    + "%3d reads refused, %3d rebuilt, %3d dependent reads refused%n", kind, c[0], c[1], 100 * c[1] / c[0], c[2],
                    c[3], c[4]));
            counts.forEach((kind, c) -> assertThat(c[1]).as("%s detected", kind).isEqualTo(c[0]));

            jcf.runGc(); // staging left by the refused restores
            assertThat(jcf.verifyIntegrity(DEEP).valid()).isTrue();
            p.assertEveryVersionExact();
        }
    }

    /**
     * Every byte of manifest.json in turn, changed so that it mostly stays valid JSON (the low bit
     * flipped: a letter in a path, a digit of a size or of the revision): the manifest carries the
     * SHA-256 of its body, so each change is found. The project still opens, from manifest.json.bak
     * (one save older: the last save made a version) plus the version the journal proves after it,
     * so no version is dropped; verify names manifest.json; repair writes it back.
     */
    @Test
    void aChangeOfAnyByteOfManifestJsonIsDetectedAndNoVersionIsDropped() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        String newest;
        try (JcfManager jcf = p.jcf) {
            jcf.addFile("after-the-tag.txt", "the last save makes a version\n");
            newest = jcf.saveCheckpoint("newest");
        }
        Set<String> allIds = new HashSet<>(p.ids);
        allIds.add(newest);
        Path manifest = p.dir.resolve("manifest.json");
        byte[] original = Files.readAllBytes(manifest);
        assertThat(new String(original, 0, 12, StandardCharsets.US_ASCII)).isEqualTo("{\"checksum\":");
        int detected = 0;
        int opened = 0;
        long start = System.nanoTime();
        // Every byte: the manifest is refused as damaged (what open does before it falls back).
        for (int at = 0; at < original.length; at++) {
            byte[] damaged = original.clone();
            damaged[at] ^= 0x01;
            int pos = at;
            assertThatThrownBy(() -> ProjectStore.parse(damaged, "manifest.json"))
                    .as("byte %d changed", pos).isInstanceOf(CorruptionException.class);
            detected++;
        }
        // Spread over the file (and every byte of the checksum in front): the whole way through a
        // manager, open, history, HEAD and verify (every byte would take minutes).
        int step = Math.max(1, original.length / 150);
        for (int at = 0; at < original.length; at += at < 80 ? 1 : step) {
            byte[] damaged = original.clone();
            damaged[at] ^= 0x01;
            Files.write(manifest, damaged);
            try (JcfManager jcf = SampleProject.open(p.dir)) {
                opened++;
                assertThat(jcf.getHistory()).extracting(Version::id).as("byte %d: every version", at)
                        .containsExactlyInAnyOrderElementsOf(allIds);
                assertThat(jcf.getCurrentVersion().orElseThrow().id()).as("byte %d: HEAD", at).isEqualTo(newest);
                VerificationReport r = jcf.verifyIntegrity();
                if (r.errors().stream().noneMatch(f -> f.type() == FindingType.INVALID_MANIFEST
                        && "manifest.json".equals(f.details().get("path")))) {
                    fail("byte %d of manifest.json changed, not reported by verify: %s", at, r.errors());
                }
            }
        }
        Files.write(manifest, original);
        System.out.printf("[CorruptionTest] manifest.json: %d of %d changed bytes detected (%d%%); at %d of the "
                        + "positions opened through a manager: all %d versions there, HEAD right, verify reported it; "
                        + "%.1f s%n", detected, original.length, 100 * detected / original.length, opened, allIds.size(),
                (System.nanoTime() - start) / 1e9);
        assertThat(detected).isEqualTo(original.length);

        byte[] damaged = original.clone();
        damaged[original.length / 2] ^= 0x01;
        Files.write(manifest, damaged);
        try (JcfManager jcf = SampleProject.open(p.dir)) {
            VerificationReport r = jcf.verifyIntegrity(VerifyOptions.builder().deep(true).repair(true).build());
            assertThat(r.repaired()).anyMatch(s -> s.contains("manifest.json.bak") && s.contains(newest));
            assertThat(r.valid()).isTrue();
            p.assertEveryVersionExact(jcf);
        }
        try (JcfManager reopened = SampleProject.open(p.dir)) {
            assertThat(reopened.verifyIntegrity(DEEP).errors()).isEmpty();
            assertThat(reopened.getHistory()).extracting(Version::id).containsExactlyInAnyOrderElementsOf(allIds);
            assertThat(reopened.getFileContent("after-the-tag.txt", newest)).isNotEmpty();
            p.assertEveryVersionExact(reopened);
        }
    }

    /**
     * Every byte of the version journal changed in turn: each line carries the SHA-256 of its JSON,
     * so the history is refused with CorruptionException, or (a byte inside a line's checksum
     * prefix, which leaves its JSON untouched) read exactly as before. Never a different history.
     */
    @Test
    void aChangeOfAnyByteOfTheJournalIsRefusedOrHarmless() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        p.jcf.close();
        byte[] journal = Files.readAllBytes(p.dir.resolve(".store/versions.jsonl"));
        List<VersionRecord> original =
                JournalCodec.decode(journal, journal.length);
        int refused = 0;
        int harmless = 0;
        for (int at = 0; at < journal.length; at++) {
            byte[] damaged = journal.clone();
            damaged[at] ^= 0x01;
            try {
                List<VersionRecord> read =
                        JournalCodec.decode(damaged, damaged.length);
                assertThat(read).as("byte %d changed and not refused: the history must be unchanged", at)
                        .isEqualTo(original);
                harmless++;
            } catch (CorruptionException e) {
                refused++;
            }
        }
        System.out.printf("[CorruptionTest] versions.jsonl: %d changed bytes: %d refused (CorruptionException), %d in a "
                + "checksum prefix with the history read unchanged, 0 read as a different history%n", journal.length,
                refused, harmless);
        assertThat(refused + harmless).isEqualTo(journal.length);
        assertThat(refused).isGreaterThan(journal.length * 9 / 10);
    }

    /** Flipped with 0xFF (invalid UTF-8, broken JSON) and opened on a damaged backup: CorruptionException, never a guess. */
    @Test
    void aDamagedManifestWithADamagedBackupIsRefusedOnOpen() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        p.jcf.close();
        for (String name : List.of("manifest.json", "manifest.json.bak")) {
            Path f = p.dir.resolve(name);
            byte[] b = Files.readAllBytes(f);
            b[b.length / 2] ^= 0x01;
            Files.write(f, b);
        }
        assertThatThrownBy(() -> SampleProject.open(p.dir)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("checksum");
    }

    /**
     * When the backup is used and a newer version in the journal cannot be taken back (its content
     * is not stored), open and verify say exactly which version is missing instead of dropping it
     * silently.
     */
    @Test
    void aVersionTheJournalHoldsButTheStoreCannotGiveBackIsReportedByName() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        String newest;
        byte[] unique = "only in the newest version\n".getBytes(StandardCharsets.UTF_8);
        try (JcfManager jcf = p.jcf) {
            jcf.addFile("unique.txt", unique);
            newest = jcf.saveCheckpoint("newest, to be lost");
        }
        Files.delete(p.dir.resolve(".store/blobs/" + BlobStore.sha256Hex(unique)));
        Path manifest = p.dir.resolve("manifest.json");
        byte[] b = Files.readAllBytes(manifest);
        b[b.length - 10] ^= 0x01;
        Files.write(manifest, b);
        try (JcfManager jcf = SampleProject.open(p.dir)) {
            assertThat(jcf.getHistory()).extracting(Version::id).doesNotContain(newest).hasSize(p.ids.size());
            VerificationReport r = jcf.verifyIntegrity();
            assertThat(r.errors()).anyMatch(f -> f.type() == FindingType.INVALID_MANIFEST
                    && f.message().contains(newest) && f.message().contains("not recoverable")
                    && f.message().contains("unique.txt"));
            VerificationReport fixed = jcf.verifyIntegrity(VerifyOptions.builder().repair(true).build());
            assertThat(fixed.repaired()).anyMatch(s -> s.contains("not recoverable") && s.contains(newest));
            p.assertEveryVersionExact(jcf);
        }
    }

    /** A manifest written before the checksum existed (no checksum, no integrity field) still opens; the next save adds one. */
    @Test
    void aManifestWithoutChecksumFromAnOlderVersionOpensAndGetsOneAtTheNextSave() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        p.jcf.close();
        Path manifest = p.dir.resolve("manifest.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc =
                (ObjectNode) json.readTree(unframed(Files.readAllBytes(manifest)));
        doc.remove("integrity");
        Files.write(manifest, json.writeValueAsBytes(doc));
        Files.delete(p.dir.resolve("manifest.json.bak"));
        try (JcfManager jcf = SampleProject.open(p.dir)) {
            p.assertEveryVersionExact(jcf);
            assertThat(jcf.verifyIntegrity(DEEP).errors()).isEmpty();
            jcf.addFile("new.txt", "x");
            jcf.saveCheckpoint("upgrade");
        }
        assertThat(new String(Files.readAllBytes(manifest), 0, 12, StandardCharsets.US_ASCII))
                .isEqualTo("{\"checksum\":");
    }

    /** The JSON body of a checksummed manifest (the checksum member taken out). */
    private static byte[] unframed(byte[] framed) {
        String s = new String(framed, StandardCharsets.UTF_8);
        return ("{" + s.substring(s.indexOf("\",") + 2)).getBytes(StandardCharsets.UTF_8);
    }
}
