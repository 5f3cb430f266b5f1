package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.history.SampleProject;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.FileAdapter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.GcOptions;
import io.kamaros.engine.model.GcReport;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.model.JcfEvent;

/**
 * The guards of issue 3's integrity gaps: aggressive GC checks patches before it drops a whole
 * copy; GC deletes no chunk while a recipe looks damaged; export re-checks every object it copies;
 * import refuses a project that already has versions.
 */
class IntegrityGuardsTest {
    private static final VerifyOptions DEEP = VerifyOptions.builder().deep(true).build();

    @TempDir
    Path tmp;

    private static void flip(Path file, int at) throws Exception {
        byte[] b = Files.readAllBytes(file);
        b[at] ^= 0x01;
        Files.write(file, b);
    }

    /** An old text content kept only as patches, and the patch that rebuilds it. */
    private record PatchedContent(String version, String path, String hash, String patch) {
    }

    private static List<PatchedContent> patchedContents(SampleProject p, JcfManager jcf) throws Exception {
        BlobStore blobs = new BlobStore(new FileAdapter(p.dir), 6, true);
        Set<String> headHashes = new HashSet<>();
        String head = jcf.getCurrentVersion().orElseThrow().id();
        p.expected.get(head).values().forEach(b -> headHashes.add(BlobStore.sha256Hex(b)));
        List<PatchedContent> out = new ArrayList<>();
        for (String id : p.ids) {
            for (FileState s : jcf.getVersion(id).orElseThrow().fileStates().values()) {
                String ref = s.contentRef();
                if (s.changeType() != null && ref != null && ref.startsWith(".store/deltas/") && s.previousHash() != null
                        && !blobs.contains(s.previousHash()) && !headHashes.contains(s.previousHash())) {
                    out.add(new PatchedContent(id, s.path(), s.previousHash(), ref));
                }
            }
        }
        return out;
    }

    @Test
    void aggressiveGcKeepsAWholeCopyWhosePatchIsDamaged() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            List<PatchedContent> patched = patchedContents(p, jcf);
            assertThat(patched).isNotEmpty();
            BlobStore blobs = new BlobStore(new FileAdapter(p.dir), 6, true);
            Map<String, byte[]> bytesOf = new HashMap<>();
            p.expected.values().forEach(files -> files.values().forEach(b -> bytesOf.put(BlobStore.sha256Hex(b), b)));
            // whole copies of every patched-only content stored again: all of them candidates for compaction
            for (PatchedContent c : patched) {
                blobs.put(bytesOf.get(c.hash()));
            }
            PatchedContent victim = patched.get(0);
            flip(p.dir.resolve(victim.patch()), Files.readAllBytes(p.dir.resolve(victim.patch())).length / 2);
            flip(p.dir.resolve(victim.patch() + ".copy"), Files.readAllBytes(p.dir.resolve(victim.patch())).length / 2);
            List<String> warnings = new ArrayList<>();
            jcf.on(JcfEvent.Warning.class, w -> warnings.add(w.message()));

            GcReport report = jcf.runGc(GcOptions.builder().aggressive(true).build());

            assertThat(blobs.contains(victim.hash())).as("the whole copy a damaged patch would replace is kept").isTrue();
            assertThat(warnings).anyMatch(w -> w.contains("patch that would replace it is missing or damaged"));
            int dropped = 0;
            for (PatchedContent c : patched) {
                if (!c.hash().equals(victim.hash()) && !blobs.contains(c.hash())) {
                    dropped++;
                }
            }
            System.out.printf("[IntegrityGuardsTest] aggressive GC: %d whole copies stored again, %d dropped (their "
                    + "patches checked), the one behind a damaged patch kept; report: %s%n", patched.size(), dropped, report);
            assertThat(dropped).as("the others, whose patches are sound, are compacted").isPositive();
            // every version still reads exactly: the damaged patch is bypassed through the kept copy
            p.assertEveryVersionExact(jcf);
            VerificationReport r = jcf.verifyIntegrity(DEEP);
            assertThat(r.errors()).anyMatch(f -> f.type() == VerificationReport.FindingType.CORRUPT_DELTA
                    && victim.patch().equals(f.details().get("path")));
        }
    }

    @Test
    void gcDeletesNoChunkWhileARecipeLooksDamaged() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        p.jcf.close();
        BlobStore blobs = new BlobStore(new FileAdapter(p.dir), 6, true);
        List<String> recipes = new ArrayList<>();
        for (String h : blobs.listBlobs()) {
            if (!blobs.chunkHashes(h).isEmpty()) {
                recipes.add(h);
            }
        }
        assertThat(recipes).isNotEmpty();
        String recipe = recipes.get(0);
        Path file = p.dir.resolve(".store/blobs/" + recipe);
        byte[] original = Files.readAllBytes(file);
        int checked = 0;
        // the encoding byte of the header, the chunk count, a chunk name, a chunk length
        for (int at : new int[]{3, 13, 16 + 5, 16 + 33}) {
            Files.write(file, original);
            byte[] garbage = new byte[900_000];
            new Random(at).nextBytes(garbage);
            blobs.putStream(new ByteArrayInputStream(garbage), true, CancellationToken.NONE, x -> { });
            Set<String> chunksBefore = new HashSet<>(blobs.listChunks());
            flip(file, at);
            try (JcfManager jcf = SampleProject.open(p.dir)) {
                jcf.runGc();
            }
            assertThat(new HashSet<>(blobs.listChunks())).as("byte %d of a recipe changed: chunks kept", at)
                    .containsAll(chunksBefore);
            checked++;
        }
        Files.write(file, original);
        try (JcfManager jcf = SampleProject.open(p.dir)) {
            GcReport r = jcf.runGc();
            assertThat(r.chunksRemoved()).as("with the recipe sound again, the unused chunks go").isPositive();
            p.assertEveryVersionExact(jcf);
            assertThat(jcf.verifyIntegrity(DEEP).errors()).isEmpty();
        }
        System.out.printf("[IntegrityGuardsTest] GC with a damaged recipe: %d damaged positions, no chunk deleted%n", checked);
    }

    @Test
    void exportReChecksEveryObjectAndWritesNoArchiveFromADamagedStore() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            jcf.runGc();
            List<Path> objects = new ArrayList<>();
            for (String dir : List.of(".store/blobs", ".store/chunks", ".store/deltas")) {
                try (Stream<Path> s = Files.list(p.dir.resolve(dir))) {
                    // a patch's second copy is not exported (the archive gets the patch, checked): its damage is no reason to refuse
                    objects.addAll(s.filter(f -> !f.toString().endsWith(".copy")).sorted().toList());
                }
            }
            Path out = tmp.resolve("out.jcf");
            int refused = 0;
            for (Path object : objects) {
                byte[] original = Files.readAllBytes(object);
                flip(object, original.length / 2);
                try {
                    assertThatThrownBy(() -> jcf.export(out)).as("export with %s damaged", object.getFileName())
                            .isInstanceOf(CorruptionException.class);
                    assertThat(out).doesNotExist();
                    try (Stream<Path> s = Files.list(tmp)) {
                        assertThat(s.filter(f -> f.getFileName().toString().contains("out.jcf")).toList())
                                .as("nothing left beside the archive's name").isEmpty();
                    }
                    assertThatThrownBy(() -> jcf.export(new ByteArrayOutputStream()))
                            .isInstanceOf(CorruptionException.class);
                    refused++;
                } finally {
                    Files.write(object, original);
                }
            }
            System.out.printf("[IntegrityGuardsTest] export: %d of %d damaged objects (blobs, chunks, patches) refused "
                    + "with CorruptionException, no archive written%n", refused, objects.size());
            assertThat(refused).isEqualTo(objects.size());

            // sound again: the export works and imports every version byte-exact
            jcf.export(out);
            try (JcfManager imported = SampleProject.open(tmp.resolve("imported"))) {
                imported.importData(out);
                p.assertEveryVersionExact(imported);
            }
        }
    }

    @Test
    void exportLeavesOutObjectsNoVersionUses() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("p"));
        try (JcfManager jcf = p.jcf) {
            BlobStore blobs = new BlobStore(new FileAdapter(p.dir), 6, true);
            String orphan = blobs.put("no version has this\n".getBytes(StandardCharsets.UTF_8)).hash();
            Path out = tmp.resolve("out.jcf");
            jcf.export(out);
            try (ZipFile zip = new ZipFile(out.toFile())) {
                assertThat(zip.getEntry(".store/blobs/" + orphan)).isNull();
            }
        }
    }

    /**
     * Product decision: an import goes into a new, empty project. Into a project that already has
     * versions (or files in its working copy) it is refused with a ValidationException that says
     * so, and the project is left exactly as it was.
     */
    @Test
    void importIntoAProjectWithVersionsIsRefusedAndChangesNothing() throws Exception {
        SampleProject source = SampleProject.create(tmp.resolve("source"));
        Path archive = tmp.resolve("source.jcf");
        try (JcfManager jcf = source.jcf) {
            jcf.export(archive);
        }
        SampleProject target = SampleProject.create(tmp.resolve("target"));
        Map<String, Long> storeBefore = target.storeFiles();
        try (JcfManager jcf = target.jcf) {
            assertThatThrownBy(() -> jcf.importData(archive)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("already has " + target.ids.size() + " versions")
                    .hasMessageContaining("new, empty project")
                    .satisfies(e -> assertThat(((JcfException) e).code()).isEqualTo("VALIDATION_ERROR"));
            target.assertEveryVersionExact(jcf);
        }
        assertThat(target.storeFiles()).isEqualTo(storeBefore);

        Path dirty = tmp.resolve("dirty");
        Files.createDirectories(dirty.resolve("content"));
        Files.writeString(dirty.resolve("content/mine.txt"), "not versioned yet");
        try (JcfManager jcf = SampleProject.open(dirty)) {
            assertThatThrownBy(() -> jcf.importData(archive)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("working copy is not empty");
            assertThat(jcf.getHistory()).isEmpty();
        }
        assertThat(Files.readString(dirty.resolve("content/mine.txt"))).isEqualTo("not versioned yet");
    }
}
