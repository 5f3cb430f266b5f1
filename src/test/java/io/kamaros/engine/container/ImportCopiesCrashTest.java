package io.kamaros.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.objects.pack.PackingAdapter;
import io.kamaros.engine.project.ContentStore;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.ForwardingAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An import killed right after its commit point ({@code manifest.json} written) must leave a
 * complete project: the second copies of reverse patches and zstd dictionaries (which an archive
 * does not carry) are staged and moved into place with the rest, before the commit, so nothing of
 * the import is written after it. The kill is simulated by an {@link Error} (not an IOException the
 * importer handles) thrown on the first write of a {@code .copy} file after the manifest was written.
 */
class ImportCopiesCrashTest {
    private static final String[] WORDS = {"public", "private", "static", "final", "void", "return", "String",
            "import", "class", "throws", "new", "this", "counter", "result", "compute", "journal", "version", "blob"};
    private static final char[] PASSWORD = "import-copies".toCharArray();

    @TempDir
    Path tmp;

    /** The simulated kill: nothing catches an Error on the way out of the import. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash(String path) {
            super("simulated crash before writing " + path + " (after the commit point)");
        }
    }

    /**
     * Once {@link #arm armed}: throws {@link SimulatedCrash} at the first write of a {@code .copy}
     * file after {@code manifest.json} was written (the project's creation writes one too).
     */
    private static final class CrashAfterCommitAdapter extends ForwardingAdapter {
        private volatile boolean armed;
        private volatile boolean manifestWritten;
        private volatile String crashedAt;

        CrashAfterCommitAdapter(FileSystemAdapter delegate) {
            super(delegate);
        }

        void arm() {
            armed = true;
        }

        private void before(String path) {
            if (manifestWritten && path.endsWith(".copy")) {
                crashedAt = path;
                throw new SimulatedCrash(path);
            }
        }

        private void after(String path) {
            if (armed && path.equals(ProjectStore.MANIFEST)) {
                manifestWritten = true;
            }
        }

        @Override
        public void writeFile(String path, byte[] data) throws IOException {
            before(path);
            super.writeFile(path, data);
            after(path);
        }

        @Override
        public AtomicOutput openWrite(String path) throws IOException {
            before(path);
            return super.openWrite(path); // the manifest is committed by writeFile
        }

        @Override
        public void moveFile(String from, String to) throws IOException {
            before(to);
            super.moveFile(from, to);
        }
    }

    private static String source(SplittableRandom r, int size) {
        StringBuilder sb = new StringBuilder("package io.example;\n\n");
        while (sb.length() < size) {
            sb.append("    ".repeat(1 + r.nextInt(3)));
            for (int w = 2 + r.nextInt(5); w > 0; w--) {
                sb.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
            }
            sb.append(r.nextInt(3) == 0 ? "(" + r.nextInt(1000) + ");\n" : "{\n");
        }
        return sb.toString();
    }

    private static JcfManager open(FileSystemAdapter adapter, boolean encrypted) {
        JcfManager jcf = new JcfManager(JcfConfig.builder().author("test").build());
        jcf.init(adapter, encrypted ? PASSWORD.clone() : null);
        return jcf;
    }

    /** The stored names (without {@code .copy}) of one store folder and whether each has its copy. */
    private static Map<String, Boolean> withCopies(Path project, String folder) throws IOException {
        if (!Files.isDirectory(project.resolve(".store"))) {
            return Map.of();
        }
        // Through the pack layer: objects are in packs or (imported, older projects) one file each.
        String dir = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        List<String> names = new PackingAdapter(new FileAdapter(project), false).listFiles(dir);
        return names.stream().filter(n -> !n.endsWith(".copy"))
                .collect(Collectors.toMap(n -> n, n -> names.contains(n + ".copy")));
    }

    /** A project with a dictionary (many small text files in its first checkpoint) and reverse patches (edits). */
    private List<String> sourceProject(Path dir, boolean encrypted) throws IOException {
        Path content = dir.resolve("content");
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 130; i++) {
            Path f = content.resolve("src/pkg" + i % 5 + "/File" + i + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, source(r, 800 + r.nextInt(6000)), StandardCharsets.US_ASCII);
        }
        try (JcfManager jcf = open(new FileAdapter(dir), encrypted)) {
            jcf.saveCheckpoint("first");
            for (int v = 2; v <= 4; v++) {
                for (int i = v; i < 130; i += 9) {
                    Path edited = content.resolve("src/pkg" + i % 5 + "/File" + i + ".java");
                    Files.writeString(edited, Files.readString(edited) + "    // edited in v" + v + "\n");
                }
                jcf.saveCheckpoint("v" + v);
            }
            return jcf.getHistory().stream().map(Version::id).toList();
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void anImportKilledRightAfterItsCommitLeavesEveryCopyInPlace(boolean encrypted) throws Exception {
        Path source = tmp.resolve("source");
        List<String> ids = sourceProject(source, encrypted);
        assertThat(withCopies(source, BlobStore.DICTS_DIR)).as("the source has a dictionary").isNotEmpty();
        assertThat(withCopies(source, ContentStore.DELTAS)).as("the source has reverse patches").isNotEmpty();
        Path archive = tmp.resolve("source.jcf");
        try (JcfManager jcf = open(new FileAdapter(source), encrypted)) {
            jcf.export(archive);
        }

        Path target = tmp.resolve("target");
        CrashAfterCommitAdapter crashing = new CrashAfterCommitAdapter(new FileAdapter(target));
        JcfManager killed = open(crashing, false);
        crashing.arm();
        Throwable thrown = catchThrowable(() -> killed.importData(archive,
                encrypted ? ImportOptions.builder().password(PASSWORD.clone()).build() : ImportOptions.defaults()));
        killed.close(); // a killed process holds no lock any more
        try (JcfManager jcf = open(new FileAdapter(target), encrypted)) {
            assertThat(jcf.getHistory()).extracting(Version::id).containsExactlyInAnyOrderElementsOf(ids);
            VerificationReport report = jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build());
            assertThat(report.errors()).as("verify deep: errors").isEmpty();
            // a missing second copy is a warning (the original is intact), and a fresh import has none
            assertThat(report.warnings()).as("verify deep: warnings").isEmpty();
            for (String id : ids) {
                for (String path : jcf.getVersion(id).orElseThrow().fileStates().keySet()) {
                    assertThat(jcf.getFileContent(path, id)).as("%s in %s", path, id).isNotEmpty();
                }
            }
        }
        Map<String, Boolean> dicts = withCopies(target, BlobStore.DICTS_DIR);
        Map<String, Boolean> patches = withCopies(target, ContentStore.DELTAS);
        assertThat(dicts).as("dictionaries imported").isNotEmpty().doesNotContainValue(false);
        assertThat(patches).as("reverse patches imported").isNotEmpty().doesNotContainValue(false);
        assertThat(target.resolve(JcfImporter.PENDING_MARKER)).doesNotExist();
        assertThat(crashing.crashedAt).as("a .copy file written after the commit point (the import threw %s)",
                String.valueOf(thrown)).isNull();
        assertThat(thrown).as("the import").isNull();
    }
}
