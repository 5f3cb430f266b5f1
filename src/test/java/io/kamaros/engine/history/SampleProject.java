package io.kamaros.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A project with every storage shape (for GC, verify and corruption tests): text edited in every
 * version (reverse patches, compacted blobs with snapshotInterval 3), a 1.2 MiB binary (chunks)
 * changed once, a rename, a deletion, a restore of an old version and a branch saved from it, and
 * tags. {@link #expected} is what every version must contain, byte for byte (kept apart from the
 * engine: what the test wrote).
 */
public final class SampleProject {
    public static final int SNAPSHOT_INTERVAL = 3;

    public final Path dir;
    public final JcfManager jcf;
    public final List<String> ids = new ArrayList<>();
    public final Map<String, Map<String, byte[]>> expected = new LinkedHashMap<>();
    private final Map<String, byte[]> model = new TreeMap<>();

    private SampleProject(Path dir, JcfManager jcf) {
        this.dir = dir;
        this.jcf = jcf;
    }

    /**
     * The tests built on this project damage, delete and inspect single object files, so they keep
     * the one-file-per-object layout: the layout older projects have, which every build must keep
     * reading, checking and repairing. The pack layout has its own tests (PackedProjectTest).
     */
    public static JcfConfig config() {
        return JcfConfig.builder().author("tester").email("t@example.com").snapshotInterval(SNAPSHOT_INTERVAL)
                .looseObjects(true).build();
    }

    public static JcfManager open(Path dir) {
        JcfManager jcf = new JcfManager(config());
        jcf.init(new FileAdapter(dir));
        return jcf;
    }

    public static JcfManager open(FileSystemAdapter adapter) {
        JcfManager jcf = new JcfManager(config());
        jcf.init(adapter);
        return jcf;
    }

    public static SampleProject create(Path dir) {
        return create(dir, open(dir));
    }

    /** Builds the history in {@code jcf} (opened on {@code dir}). */
    public static SampleProject create(Path dir, JcfManager jcf) {
        SampleProject p = new SampleProject(dir, jcf);
        p.build();
        return p;
    }

    public static String text(int version) {
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line < 200; line++) {
            sb.append("line ").append(line).append(line == (version * 7) % 200 ? " edited in v" + version : "").append('\n');
        }
        return sb.toString();
    }

    public static byte[] binary(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        b[0] = 0;
        return b;
    }

    private static String notes(int version) {
        StringBuilder sb = new StringBuilder("# Notes\n");
        for (int line = 0; line < 50; line++) {
            sb.append("- point ").append(line).append(line == 10 && version > 0 ? " (revised " + version + ")" : "")
                    .append('\n');
        }
        return sb.toString();
    }

    private void build() {
        byte[] big = binary(1_200_000, 1);
        put("a.txt", text(0));
        put("notes/b.md", notes(0));
        put("keep.txt", "keep me\n");
        put("big.bin", big);
        save("v0");
        put("a.txt", text(1));
        save("v1");
        put("a.txt", text(2));
        put("notes/b.md", notes(2));
        save("v2");
        put("a.txt", text(3));
        jcf.moveFile("notes/b.md", "docs/b.md");
        model.put("docs/b.md", model.remove("notes/b.md"));
        save("v3 rename");
        put("a.txt", text(4));
        jcf.removeFile("keep.txt");
        model.remove("keep.txt");
        save("v4 delete");
        byte[] big2 = big.clone();
        for (int i = 600_000; i < 601_000; i++) {
            big2[i] ^= 0x5a;
        }
        put("big.bin", big2);
        put("a.txt", text(5));
        save("v5 binary edit");
        put("a.txt", text(6));
        save("v6");
        put("a.txt", text(7));
        save("v7");
        // Back to v3, then a branch from it.
        jcf.restoreVersion(ids.get(3), RestoreOptions.builder().force(true).build());
        model.clear();
        model.putAll(expected.get(ids.get(3)));
        put("a.txt", text(8));
        put("c.txt", "on the branch\n");
        save("v8 branch");
        jcf.tagVersion(ids.get(1), "first");
        jcf.tagVersion(ids.get(8), "latest"); // last: manifest.json.bak then holds every version
    }

    private void put(String path, String content) {
        put(path, content.getBytes(StandardCharsets.UTF_8));
    }

    private void put(String path, byte[] content) {
        jcf.addFile(path, content);
        model.put(path, content);
    }

    private void save(String message) {
        String id = jcf.saveCheckpoint(message);
        ids.add(id);
        expected.put(id, new TreeMap<>(model));
    }

    /** Every version lists exactly the files written and gives their bytes exactly. */
    public void assertEveryVersionExact() {
        assertEveryVersionExact(jcf);
    }

    public void assertEveryVersionExact(JcfManager m) {
        for (Map.Entry<String, Map<String, byte[]>> v : expected.entrySet()) {
            assertThat(m.getVersion(v.getKey()).orElseThrow().fileStates().keySet())
                    .as("files of %s", v.getKey()).containsExactlyInAnyOrderElementsOf(v.getValue().keySet());
            for (Map.Entry<String, byte[]> f : v.getValue().entrySet()) {
                assertThat(m.getFileContent(f.getKey(), v.getKey())).as("%s in %s", f.getKey(), v.getKey())
                        .isEqualTo(f.getValue());
            }
        }
    }

    /** Path (relative to the project folder) → size of every file under {@code .store/}, and the manifests. */
    public Map<String, Long> storeFiles() throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                if (Files.isRegularFile(f) && !rel.startsWith("content/") && !rel.equals(".store/lock")) {
                    out.put(rel, Files.size(f));
                }
            }
        }
        return out;
    }

    public static long total(Map<String, Long> files) {
        return files.values().stream().mapToLong(Long::longValue).sum();
    }
}
