package io.kamaros.engine.container;

import static io.kamaros.engine.container.ContainerTestSupport.historyOrder;
import static io.kamaros.engine.container.ContainerTestSupport.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CancelledException;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ExportOptions;
import io.kamaros.engine.model.ExportResult;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.ImportResult;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.objects.pack.PackingAdapter;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.format.Json;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.objects.pack.PackReader;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** export → import reproduces every version byte-exact, and the archive is a proper JCF ZIP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JcfRoundTripTest {
    @TempDir
    Path dir;

    private MemoryAdapter source;
    private Map<String, ContainerTestSupport.VersionView> expected;
    private List<String> expectedOrder;
    private Map<String, String> expectedTagged = new TreeMap<>();
    private String expectedHead;
    private String v3;

    private static String story(int version) {
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line < 120; line++) {
            sb.append("line ").append(line).append(line == (version * 7) % 120 ? " edited in v" + version : "").append('\n');
        }
        return sb.toString();
    }

    @BeforeAll
    void buildProject() throws IOException {
        source = new MemoryAdapter();
        byte[] big = new byte[(1 << 20) + 12_345];
        new SplittableRandom(42).nextBytes(big);
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("Ada").snapshotInterval(3).build())) {
            jcf.init(source);
            jcf.addFile("story.txt", story(0));
            jcf.addFile("docs/notes.md", "# Notes\n");
            jcf.addFile("art/big.bin", big);
            jcf.addFile("art/pic.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
            String v1 = jcf.saveCheckpoint("v1", CheckpointOptions.builder().tags("first").build());
            for (int v = 2; v <= 9; v++) {
                jcf.addFile("story.txt", story(v));
                if (v == 3) {
                    big[500_000] ^= 0x5a;
                    jcf.addFile("art/big.bin", big);
                }
                if (v == 4) {
                    jcf.moveFile("docs/notes.md", "docs/renamed.md");
                }
                if (v == 5) {
                    jcf.removeFile("art/pic.png");
                    jcf.addFile("story-copy.txt", story(1));
                }
                if (v == 6) {
                    jcf.moveFile("story-copy.txt", "archive/story-copy.txt");
                    jcf.addFile("archive/story-copy.txt", story(2)); // renamed and edited
                }
                String id = jcf.saveCheckpoint("v" + v, CheckpointOptions.builder().author(v % 2 == 0 ? "Bob" : null)
                        .email(v == 7 ? "bob@example.org" : null).build());
                if (v == 3) {
                    v3 = id;
                }
            }
            assertThat(jcf.tagVersion(v3, "review")).isTrue();
            // a branch: back to v3 (uncommitted work auto-saved), then a new line of history
            jcf.addFile("scratch.txt", "uncommitted\n");
            jcf.restoreVersion(v3, RestoreOptions.defaults());
            jcf.addFile("story.txt", story(100));
            jcf.saveCheckpoint("branch from v3");
            expected = snapshot(jcf);
            expectedOrder = historyOrder(jcf);
            expectedHead = jcf.getCurrentVersion().orElseThrow().id();
            for (Version v : jcf.getHistory()) {
                v.tags().forEach(t -> expectedTagged.put(t, v.id()));
            }
            assertThat(v1).isNotNull();
        }
        // the test data really has what the round trip must carry
        PackingAdapter stored = new PackingAdapter(source, false); // reads the packs the project wrote
        assertThat(source.listFiles(".store/deltas")).as("objects are in packs").isEmpty();
        assertThat(stored.listFiles(".store/deltas")).isNotEmpty();
        assertThat(stored.listFiles(".store/chunks")).isNotEmpty();
        assertThat(expected.values().stream().anyMatch(ContainerTestSupport.VersionView::autoSaved)).isTrue();
        assertThat(expected.values().stream().map(ContainerTestSupport.VersionView::parentId).distinct().count())
                .isLessThan(expected.size()); // two children of v3
    }

    private JcfManager openSource() {
        JcfManager jcf = new JcfManager(JcfConfig.builder().snapshotInterval(3).build());
        jcf.init(source);
        return jcf;
    }

    private void assertSameHistory(JcfManager imported) {
        assertThat(historyOrder(imported)).isEqualTo(expectedOrder);
        assertThat(snapshot(imported)).isEqualTo(expected);
        assertThat(imported.getCurrentVersion().orElseThrow().id()).isEqualTo(expectedHead);
        Map<String, String> tagged = new TreeMap<>();
        for (Version v : imported.getHistory()) {
            v.tags().forEach(t -> tagged.put(t, v.id()));
        }
        assertThat(tagged).isEqualTo(expectedTagged).containsKeys("first", "review");
    }

    @Test
    void roundTripIntoMemoryAndOnDiskReproducesEveryVersion() throws Exception {
        Path file = dir.resolve("out/project.jcf");
        ExportResult exported;
        try (JcfManager jcf = openSource()) {
            exported = jcf.export(file);
        }
        assertThat(exported.file()).isEqualTo(file.toAbsolutePath());
        assertThat(exported.bytesWritten()).isEqualTo(Files.size(file));
        assertThat(exported.versions()).isEqualTo(expected.size());
        assertThat(Files.list(file.getParent()).toList()).containsExactly(file.toAbsolutePath());

        try (JcfManager mem = new JcfManager()) {
            mem.init(new MemoryAdapter());
            ImportResult r = mem.importData(file);
            assertThat(r.versionsImported()).isEqualTo(expected.size());
            assertSameHistory(mem);
            assertThat(mem.getStatus().isClean()).isTrue();
        }

        Path project = dir.resolve("imported");
        try (JcfManager disk = new JcfManager(); InputStream in = Files.newInputStream(file)) {
            disk.init(new FileAdapter(project));
            ImportResult r = disk.importData(in, ImportOptions.defaults());
            assertThat(r.versionsImported()).isEqualTo(expected.size());
            assertSameHistory(disk);
            assertThat(disk.getStatus().isClean()).isTrue();
            // the imported project keeps working: a new checkpoint on top, and the oldest version restores
            disk.addFile("after-import.txt", "more\n");
            String next = disk.saveCheckpoint("after import");
            assertThat(disk.getVersion(next).orElseThrow().parentId()).isEqualTo(expectedHead);
            disk.restoreVersion(expectedOrder.get(expectedOrder.size() - 1));
            assertThat(Files.readString(project.resolve("content/story.txt"))).isEqualTo(story(0));
        }
        // reopened from disk: the journal and manifest written by the import are complete
        try (JcfManager reopened = new JcfManager()) {
            reopened.init(new FileAdapter(project));
            Map<String, ContainerTestSupport.VersionView> again = snapshot(reopened);
            assertThat(again).containsAllEntriesOf(expected);
            assertThat(Files.exists(project.resolve(".store/temp"))
                    ? ContainerTestSupport.filesUnder(project.resolve(".store/temp")) : List.of()).isEmpty();
        }
    }

    @Test
    void archiveIsAValidZipWithTheStoredMimetypeFirst() throws Exception {
        Path file = dir.resolve("layout.jcf");
        try (JcfManager jcf = openSource()) {
            jcf.export(file, ExportOptions.builder().compressionLevel(9).build());
        }
        byte[] bytes = Files.readAllBytes(file);
        assertThat(ContainerTestSupport.getInt(bytes, 0)).isEqualTo(0x04034b50);
        assertThat(bytes[8] | bytes[9] << 8).as("method STORED").isZero();
        assertThat(bytes[28] | bytes[29] << 8).as("no extra field").isZero();
        assertThat(new String(bytes, 30, 8, StandardCharsets.US_ASCII)).isEqualTo("mimetype");
        assertThat(new String(bytes, 38, 17, StandardCharsets.US_ASCII)).isEqualTo("application/x-jcf");
        assertThat(bytes[55]).as("next local header right after the 17 bytes").isEqualTo((byte) 'P');

        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                names.add(e.getName());
                try (InputStream in = zip.getInputStream(e)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
            ZipEntry mime = zip.getEntry("mimetype");
            assertThat(mime.getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(zip.getInputStream(mime).readAllBytes()).isEqualTo("application/x-jcf".getBytes(StandardCharsets.US_ASCII));
            // HEAD branches from v3, where pic.png still existed; already-compressed media is STORED
            assertThat(zip.getEntry("content/art/pic.png").getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(zip.getEntry("content/story.txt").getMethod()).isEqualTo(ZipEntry.DEFLATED);
            // random bytes do not deflate: STORED (spec §1.2: level-1 deflate of 4 KiB saves < 10 %)
            assertThat(zip.getEntry("content/art/big.bin").getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(zip.getEntry("content/docs/renamed.md")).isNull(); // renamed in v4, after the branch point
            assertThat(zip.getEntry("content/docs/notes.md")).isNotNull();
            JsonNode manifest = Json.mapper().readTree(zip.getInputStream(zip.getEntry("manifest.json")));
            assertThat(manifest.get("formatVersion").asText()).isEqualTo("1.0.0");
            assertThat(manifest.get("versionHistory").size()).isEqualTo(expected.size());
            assertThat(manifest.get("refs").get("head").asText()).isEqualTo(expectedHead);
            assertThat(manifest.get("renameLog").size()).isGreaterThanOrEqualTo(2);
            JsonNode first = manifest.get("versionHistory").get(0);
            assertThat(first.has("parentId")).isTrue();
            assertThat(first.get("parentId").isNull()).isTrue();
            assertThat(zip.getInputStream(zip.getEntry("content/story.txt")).readAllBytes())
                    .isEqualTo(story(100).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(names.get(0)).isEqualTo("mimetype");
        assertThat(names.get(1)).isEqualTo("manifest.json");
        int firstStore = names.indexOf(names.stream().filter(n -> n.startsWith(".store/")).findFirst().orElseThrow());
        assertThat(names.subList(2, firstStore)).allMatch(n -> n.startsWith("content/"));
        assertThat(names.subList(firstStore, names.size())).allMatch(n -> n.startsWith(".store/blobs/")
                || n.startsWith(".store/chunks/") || n.startsWith(".store/deltas/"));
        assertThat(names).noneMatch(n -> n.contains("versions.jsonl") || n.contains("lock") || n.contains("temp")
                || n.endsWith(".bak"));

        Path unzip = Path.of("/usr/bin/unzip");
        if (Files.isExecutable(unzip)) {
            Process p = new ProcessBuilder(unzip.toString(), "-t", file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("No errors detected");
        }
    }

    @Test
    void singleVersionExportHoldsOnlyThatVersionsFiles() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportResult r;
        try (JcfManager jcf = openSource()) {
            r = jcf.export(out, ExportOptions.builder().versionId(v3).build());
        }
        assertThat(r.versions()).isEqualTo(1);
        assertThat(r.file()).isNull();
        ContainerTestSupport.VersionView want = expected.get(v3);
        Path file = dir.resolve("v3.jcf");
        Files.write(file, out.toByteArray());
        List<String> content = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            zip.stream().filter(e -> e.getName().startsWith("content/")).forEach(e -> content.add(e.getName().substring(8)));
        }
        assertThat(content).containsExactlyInAnyOrderElementsOf(want.files().keySet());

        try (JcfManager mem = new JcfManager()) {
            mem.init(new MemoryAdapter());
            ImportResult imported = mem.importData(new ByteArrayInputStream(out.toByteArray()));
            assertThat(imported.versionsImported()).isEqualTo(1);
            assertThat(imported.filesImported()).isEqualTo(want.files().size());
            Map<String, ContainerTestSupport.VersionView> got = snapshot(mem);
            assertThat(got).containsOnlyKeys(v3);
            assertThat(got.get(v3).files()).isEqualTo(want.files());
            assertThat(got.get(v3).message()).isEqualTo(want.message());
            assertThat(got.get(v3).tags()).contains("review");
        }
    }

    @Test
    void singleVersionExportRebuildsContentKeptOnlyAsPatches() throws Exception {
        String patchOnly = expectedOrder.stream()
                .filter(id -> !source.fileExists(".store/blobs/" + expected.get(id).files().get("story.txt")))
                .findFirst().orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JcfManager jcf = openSource()) {
            jcf.export(out, ExportOptions.builder().versionId(patchOnly).build());
        }
        try (JcfManager mem = new JcfManager()) {
            MemoryAdapter target = new MemoryAdapter();
            mem.init(target);
            mem.importData(new ByteArrayInputStream(out.toByteArray()));
            assertThat(snapshot(mem).get(patchOnly).files()).isEqualTo(expected.get(patchOnly).files());
            // the archive carries it whole, and the import put that blob into a pack
            assertThat(PackReader.open(target).contains("blobs/" + expected.get(patchOnly).files().get("story.txt"))).isTrue();
        }
        // HEAD only, without history
        ByteArrayOutputStream headOnly = new ByteArrayOutputStream();
        try (JcfManager jcf = openSource()) {
            assertThat(jcf.export(headOnly, ExportOptions.builder().includeHistory(false).build()).versions()).isEqualTo(1);
        }
        try (JcfManager mem = new JcfManager()) {
            mem.init(new MemoryAdapter());
            mem.importData(new ByteArrayInputStream(headOnly.toByteArray()));
            assertThat(snapshot(mem)).containsOnlyKeys(expectedHead);
            assertThat(snapshot(mem).get(expectedHead).files()).isEqualTo(expected.get(expectedHead).files());
        }
    }

    @Test
    void importRefusesAProjectThatIsNotEmpty() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JcfManager jcf = openSource()) {
            jcf.export(out);
        }
        try (JcfManager other = new JcfManager()) {
            other.init(new MemoryAdapter());
            other.addFile("mine.txt", "keep me");
            assertThatThrownBy(() -> other.importData(new ByteArrayInputStream(out.toByteArray())))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("not empty");
            other.saveCheckpoint("mine");
            assertThatThrownBy(() -> other.importData(new ByteArrayInputStream(out.toByteArray())))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("already has 1 versions");
            assertThat(other.getHistory()).hasSize(1);
        }
    }

    @Test
    void eventsAndCancel() throws Exception {
        List<String> seen = new ArrayList<>();
        Path target = dir.resolve("cancel/never.jcf");
        Files.createDirectories(target.getParent());
        try (JcfManager jcf = openSource()) {
            jcf.on("export:*", e -> seen.add(e.type()));
            ExportResult ok = jcf.export(new ByteArrayOutputStream());
            assertThat(seen.get(0)).isEqualTo("export:start");
            assertThat(seen).contains("export:progress");
            assertThat(seen.get(seen.size() - 1)).isEqualTo("export:complete");
            assertThat(ok.entries()).isGreaterThan(5);

            seen.clear();
            CancellationToken token = new CancellationToken();
            jcf.on("export:progress", e -> {
                if (((JcfEvent.Progress) e).filesDone() >= 3) {
                    token.cancel();
                }
            });
            assertThatThrownBy(() -> jcf.export(target, ExportOptions.builder().cancel(token).build()))
                    .isInstanceOf(CancelledException.class);
            assertThat(seen).contains("export:error");
            assertThat(Files.list(target.getParent()).toList()).isEmpty();
        }

        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (JcfManager jcf = openSource()) {
            jcf.export(archive);
        }
        Path project = dir.resolve("cancelled-import");
        try (JcfManager disk = new JcfManager()) {
            disk.init(new FileAdapter(project));
            List<String> events = new ArrayList<>();
            disk.on("import:*", e -> events.add(e.type()));
            CancellationToken token = new CancellationToken();
            disk.on("import:progress", e -> {
                if ("validating".equals(((JcfEvent.Progress) e).phase())) {
                    token.cancel();
                }
            });
            assertThatThrownBy(() -> disk.importData(new ByteArrayInputStream(archive.toByteArray()),
                    ImportOptions.builder().cancel(token).build())).isInstanceOf(CancelledException.class);
            assertThat(events.get(0)).isEqualTo("import:start");
            assertThat(events).contains("import:error").doesNotContain("import:complete");
            assertThat(disk.getHistory()).isEmpty();
            assertThat(ContainerTestSupport.filesUnder(project.resolve("content"))).isEmpty();
            assertThat(ContainerTestSupport.filesUnder(project.resolve(".store/temp"))).isEmpty();
            assertThat(ContainerTestSupport.filesUnder(project.resolve(".store/blobs"))).isEmpty();

            events.clear();
            ImportResult r = disk.importData(new ByteArrayInputStream(archive.toByteArray()));
            assertThat(events.get(0)).isEqualTo("import:start");
            assertThat(events.get(events.size() - 1)).isEqualTo("import:complete");
            assertThat(r.versionsImported()).isEqualTo(expected.size());
        }
    }
}
