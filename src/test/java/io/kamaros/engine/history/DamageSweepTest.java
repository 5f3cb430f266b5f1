package io.kamaros.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.format.JournalCodec;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.kamaros.engine.project.ContentStore;

/**
 * Issue 12, item 2: one damaged byte anywhere in a project's folder costs at most what that byte
 * belongs to. A 10-version project with every storage shape (100 small text files compressed with
 * the project's zstd dictionary, a text file edited in every version and kept as reverse patches,
 * a chunked binary changed once, a rename, deletions, a restore with a branch, tags) has one byte
 * flipped in every one of its files in turn. Each time: how many file-versions (a file's bytes in
 * one version) are still read byte-exact, before and after {@code verifyIntegrity(deep, repair)};
 * verify must report an error for every damaged history file; the loss must stay within what the
 * file holds (a blob: its content and the older contents rebuilt from it through patches; a chunk:
 * the blobs listing it; a redundant file (manifest, its backup, the journal and its copy, a
 * dictionary and its copy, a patch and its copy): nothing). Never wrong bytes.
 *
 * <p>Positions per file: {@code -Dkamaros.damage.positions=N} (default 1: one seeded random byte;
 * {@code all} for every byte: the nightly size, several hours on two cores).
 */
class DamageSweepTest {
    /** Fresh options each time: the builder changes the instance it is called on. */
    private static VerifyOptions deep() {
        return VerifyOptions.builder().deep(true).build();
    }
    private static final String[] WORDS = {"public", "private", "static", "final", "void", "return", "String",
            "import", "class", "throws", "new", "this", "counter", "result", "compute", "journal", "version", "blob"};

    @TempDir
    Path tmp;

    private final Map<String, byte[]> model = new TreeMap<>();
    private final Map<String, Map<String, byte[]>> expected = new LinkedHashMap<>();
    private final List<String> ids = new ArrayList<>();

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

    private void put(JcfManager jcf, String path, byte[] content) {
        jcf.addFile(path, content);
        model.put(path, content);
    }

    private void put(JcfManager jcf, String path, String content) {
        put(jcf, path, content.getBytes(StandardCharsets.UTF_8));
    }

    private void save(JcfManager jcf, String message) {
        ids.add(jcf.saveCheckpoint(message));
        expected.put(ids.get(ids.size() - 1), new TreeMap<>(model));
    }

    /** The 10-version project (see the class comment). */
    private void build(Path dir) {
        SplittableRandom r = new SplittableRandom(12);
        try (JcfManager jcf = SampleProject.open(dir)) {
            for (int i = 0; i < 100; i++) {
                put(jcf, "src/F" + i + ".java", source(r, 600 + r.nextInt(2500)));
            }
            put(jcf, "a.txt", SampleProject.text(0));
            put(jcf, "notes/b.md", SampleProject.text(100));
            put(jcf, "keep.txt", "keep me\n");
            byte[] big = SampleProject.binary(700_000, 3);
            put(jcf, "big.bin", big);
            save(jcf, "v0");
            for (int i = 10; i < 100; i++) {
                jcf.removeFile("src/F" + i + ".java");
                model.remove("src/F" + i + ".java");
            }
            put(jcf, "a.txt", SampleProject.text(1));
            save(jcf, "v1 fewer sources");
            put(jcf, "a.txt", SampleProject.text(2));
            put(jcf, "notes/b.md", SampleProject.text(102));
            put(jcf, "src/F1.java", new String(model.get("src/F1.java"), StandardCharsets.UTF_8) + "// edited\n");
            save(jcf, "v2");
            put(jcf, "a.txt", SampleProject.text(3));
            jcf.moveFile("notes/b.md", "docs/b.md");
            model.put("docs/b.md", model.remove("notes/b.md"));
            save(jcf, "v3 rename");
            put(jcf, "a.txt", SampleProject.text(4));
            jcf.removeFile("keep.txt");
            model.remove("keep.txt");
            save(jcf, "v4 delete");
            byte[] big2 = big.clone();
            for (int i = 350_000; i < 351_000; i++) {
                big2[i] ^= 0x5a;
            }
            put(jcf, "big.bin", big2);
            put(jcf, "a.txt", SampleProject.text(5));
            save(jcf, "v5 binary edit");
            put(jcf, "a.txt", SampleProject.text(6));
            save(jcf, "v6");
            put(jcf, "a.txt", SampleProject.text(7));
            put(jcf, "c.txt", "new in v7\n");
            save(jcf, "v7");
            jcf.restoreVersion(ids.get(3), RestoreOptions.builder().force(true).build());
            model.clear();
            model.putAll(expected.get(ids.get(3)));
            put(jcf, "a.txt", SampleProject.text(8));
            save(jcf, "v8 branch");
            put(jcf, "a.txt", SampleProject.text(9));
            save(jcf, "v9");
            jcf.tagVersion(ids.get(1), "first");
            jcf.tagVersion(ids.get(9), "latest");
            assertThat(jcf.verifyIntegrity(deep()).errors()).isEmpty();
        }
    }

    /** What one file of the folder is, and the contents (hashes) whose loss a damaged byte in it may cause. */
    private record Target(String rel, String kind, Set<String> mayLose) {
    }

    @Test
    void oneDamagedByteCostsAtMostWhatItBelongsTo() throws Exception {
        Path pristine = tmp.resolve("pristine");
        build(pristine);
        List<Target> targets = targets(pristine);
        assertThat(targets.stream().map(Target::kind).distinct())
                .contains("dictionary", "journal", "patch", "chunk", "recipe", "blob", "manifest.json", "manifest.json.bak");
        int total = expected.values().stream().mapToInt(Map::size).sum();
        String prop = System.getProperty("kamaros.damage.positions", "1");
        int perFile = prop.equals("all") ? Integer.MAX_VALUE : Integer.parseInt(prop);

        Map<String, long[]> byKind = new TreeMap<>(); // files, trials, lost before, lost after, verify errors, lost max
        List<String> problems = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        Path work = tmp.resolve("work");
        copy(pristine, work);
        Map<String, byte[]> original = new HashMap<>();
        try (Stream<Path> s = Files.walk(pristine)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                original.put(pristine.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        for (Target t : targets) {
            long size = Files.size(pristine.resolve(t.rel()));
            if (size == 0) {
                continue;
            }
            long[] k = byKind.computeIfAbsent(t.kind(), x -> new long[6]);
            k[0]++;
            for (long at : positions(size, perFile, random)) {
                k[1]++;
                resync(original, work);
                Path file = work.resolve(t.rel());
                byte[] b = Files.readAllBytes(file);
                b[(int) at] ^= (byte) 0xFF;
                Files.write(file, b);
                String where = t.rel() + " byte " + at;

                Set<String> lostBefore = new TreeSet<>();
                boolean reported;
                boolean repairedSomething = true;
                try (JcfManager jcf = open(work)) {
                    lostBefore.addAll(unreadable(jcf, where, problems));
                    VerificationReport report = jcf.verifyIntegrity(deep());
                    reported = !report.errors().isEmpty();
                    if (t.kind().equals("working file")) {
                        reported = !report.warnings().isEmpty(); // an edit, as far as anyone can tell
                    } else if (t.kind().equals("lock")) {
                        reported = true; // holds no data
                    }
                    repairedSomething = !jcf.verifyIntegrity(deep().toBuilder().repair(true).build()).repaired().isEmpty();
                } catch (RuntimeException e) {
                    lostBefore.add("(cannot open: " + e.getMessage() + ")");
                    reported = false;
                }
                Set<String> lostAfter = new TreeSet<>(lostBefore);
                if (repairedSomething) { // else repair wrote nothing: what is readable is what was
                    lostAfter.clear();
                    try (JcfManager jcf = open(work)) {
                        lostAfter.addAll(unreadable(jcf, where, problems));
                    } catch (RuntimeException e) {
                        lostAfter.add("(cannot open after repair: " + e.getMessage() + ")");
                    }
                }
                if (!reported) {
                    problems.add(where + " (" + t.kind() + "): verify reported no error");
                } else {
                    k[4]++;
                }
                k[2] += count(lostBefore, total);
                k[3] += count(lostAfter, total);
                k[5] = Math.max(k[5], count(lostBefore, total));
                for (String lost : lostBefore) {
                    String hash = lost.substring(lost.lastIndexOf(' ') + 1);
                    if (!t.mayLose().contains(hash)) {
                        problems.add(where + " (" + t.kind() + "): lost " + lost + ", which the file does not hold");
                    }
                }
                for (String lost : lostAfter) {
                    String hash = lost.substring(lost.lastIndexOf(' ') + 1);
                    if (!t.mayLose().contains(hash)) {
                        problems.add(where + " (" + t.kind() + "): after repair lost " + lost + ", which the file does not hold");
                    }
                }
            }
        }
        System.out.printf("[DamageSweepTest] %d file-versions in %d versions; %s byte position(s) per file%n", total,
                ids.size(), prop);
        System.out.printf("[DamageSweepTest] %-18s %6s %7s %16s %16s %12s %8s%n", "kind", "files", "flips",
                "readable before", "readable after", "worst flip", "reported");
        byKind.forEach((kind, k) -> System.out.printf("[DamageSweepTest] %-18s %6d %7d %16s %16s %12s %8s%n", kind, k[0],
                k[1], pct(k[1] * total - k[2], k[1] * total), pct(k[1] * total - k[3], k[1] * total), "-" + k[5],
                k[4] + "/" + k[1]));
        problems.stream().limit(40).forEach(p -> System.out.println("[DamageSweepTest] PROBLEM " + p));
        assertThat(problems).as("one damaged byte costs at most what it belongs to, and verify reports it").isEmpty();
    }

    /**
     * What the second copies cost in store size: the sweep's project, and a text-heavy history of 50
     * small source files over {@code kamaros.damage.costVersions} versions (default 30, 300 measured for the notes; each edits
     * one or two files: every version adds a journal line and patches, the worst case for the copies).
     */
    @Test
    void whatTheSecondCopiesCost() throws Exception {
        Path small = tmp.resolve("small");
        build(small);
        printCost("10-version sweep project", small);
        Path text = tmp.resolve("text");
        int versions = Integer.getInteger("kamaros.damage.costVersions", 30);
        SplittableRandom r = new SplittableRandom(5);
        try (JcfManager jcf = SampleProject.open(text)) {
            for (int i = 0; i < 50; i++) {
                put(jcf, "src/F" + i + ".java", source(r, 2000 + r.nextInt(20_000)));
            }
            jcf.saveCheckpoint("import");
            for (int v = 1; v < versions; v++) {
                for (int k = 0; k < 1 + r.nextInt(2); k++) {
                    String f = "src/F" + r.nextInt(50) + ".java";
                    String old = new String(model.get(f), StandardCharsets.UTF_8);
                    int at = r.nextInt(old.length());
                    put(jcf, f, old.substring(0, at) + "    // edit " + v + "\n" + old.substring(at));
                }
                jcf.saveCheckpoint("v" + v);
            }
            VerificationReport report = jcf.verifyIntegrity(deep());
            assertThat(report.errors()).isEmpty();
            assertThat(report.warnings()).as("no copy missing").isEmpty();
        }
        printCost(versions + " versions of 50 text files", text);
        for (Path dir : List.of(small, text)) {
            assertThat(Files.readAllBytes(dir.resolve(JournalCodec.copyPath(JournalCodec.JOURNAL_PATH))))
                    .isEqualTo(Files.readAllBytes(dir.resolve(JournalCodec.JOURNAL_PATH)));
            try (Stream<Path> s = Files.list(dir.resolve(ContentStore.DELTAS))) {
                for (Path patch : s.filter(p -> p.toString().endsWith(".patch")).toList()) {
                    assertThat(Files.readAllBytes(Path.of(patch + ContentStore.COPY))).isEqualTo(Files.readAllBytes(patch));
                }
            }
        }
    }

    private static void printCost(String what, Path dir) throws IOException {
        long total = 0;
        long journal = 0;
        long patches = 0;
        long dicts = 0;
        long patchCopies = 0;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith("content/")) {
                    continue;
                }
                long size = Files.size(p);
                total += size;
                if (rel.equals(JournalCodec.copyPath(JournalCodec.JOURNAL_PATH))) {
                    journal += size;
                } else if (rel.startsWith(ContentStore.DELTAS) && rel.endsWith(ContentStore.COPY)) {
                    patches += size;
                    patchCopies++;
                } else if (rel.startsWith(BlobStore.DICTS_DIR + "/") && rel.endsWith(".copy")) {
                    dicts += size;
                }
            }
        }
        long copies = journal + patches + dicts;
        System.out.printf("[DamageSweepTest] cost, %s: history folder %,d bytes, of which second copies %,d (%.1f %% more "
                        + "than without): journal copy %,d, %d patch copies %,d, dictionary copy %,d%n", what, total, copies,
                100.0 * copies / Math.max(1, total - copies), journal, patchCopies, patches, dicts);
    }

    private static String pct(long part, long whole) {
        return part + "/" + whole;
    }

    /** A lost entry is "version path hash"; "(cannot open…)" stands for every file-version. */
    private static int count(Set<String> lost, int total) {
        return lost.stream().anyMatch(s -> s.startsWith("(")) ? total : lost.size();
    }

    private static JcfManager open(Path dir) {
        return SampleProject.open(dir);
    }

    /** "version path hash" of every file-version not read byte-exact; wrong bytes are a problem of their own. */
    private List<String> unreadable(JcfManager jcf, String where, List<String> problems) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, byte[]>> v : expected.entrySet()) {
            Map<String, FileState> states;
            try {
                states = jcf.getVersion(v.getKey()).map(x -> x.fileStates()).orElse(Map.of());
            } catch (RuntimeException e) {
                states = Map.of();
            }
            for (Map.Entry<String, byte[]> f : v.getValue().entrySet()) {
                String hash = BlobStore.sha256Hex(f.getValue());
                String id = v.getKey() + " " + f.getKey() + " " + hash;
                if (!states.containsKey(f.getKey())) {
                    out.add(id);
                    continue;
                }
                try {
                    byte[] got = jcf.getFileContent(f.getKey(), v.getKey());
                    if (!Arrays.equals(got, f.getValue())) {
                        problems.add(where + ": WRONG BYTES for " + id);
                        out.add(id);
                    }
                } catch (RuntimeException e) {
                    out.add(id);
                }
            }
            if (states.keySet().stream().anyMatch(p -> !v.getValue().containsKey(p))) {
                problems.add(where + ": version " + v.getKey() + " lists files it never had: " + states.keySet());
            }
        }
        return out;
    }

    /** Distinct seeded random byte offsets; every offset when asked for at least the size. */
    private static List<Long> positions(long size, int n, SplittableRandom random) {
        if (n >= size) {
            List<Long> all = new ArrayList<>();
            for (long i = 0; i < size; i++) {
                all.add(i);
            }
            return all;
        }
        Set<Long> out = new LinkedHashSet<>();
        while (out.size() < n) {
            out.add(random.nextLong(size));
        }
        return new ArrayList<>(out);
    }

    /** Puts the folder back as it was (cheaper than a fresh copy: usually one file differs). */
    private static void resync(Map<String, byte[]> original, Path dir) throws IOException {
        Set<String> seen = new HashSet<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                byte[] was = original.get(rel);
                if (was == null) {
                    Files.delete(p);
                } else {
                    seen.add(rel);
                    if (Files.size(p) != was.length || !Arrays.equals(Files.readAllBytes(p), was)) {
                        Files.write(p, was);
                    }
                }
            }
        }
        for (Map.Entry<String, byte[]> e : original.entrySet()) {
            if (!seen.contains(e.getKey())) {
                Path p = dir.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, e.getValue());
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> s = Files.walk(to)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    /** Every file of the project folder, with its kind and what it may cost. */
    private List<Target> targets(Path dir) throws IOException {
        FileAdapter adapter = new FileAdapter(dir);
        BlobStore blobs = new BlobStore(adapter, 6, true);
        byte[] journal = Files.readAllBytes(dir.resolve(JournalCodec.JOURNAL_PATH));
        List<VersionRecord> records = JournalCodec.decode(journal, journal.length);
        Set<String> blobSet = new HashSet<>(blobs.listBlobs());
        Map<String, List<String>> patchesFrom = new HashMap<>(); // base → targets
        for (VersionRecord r : records) {
            for (FileState s : r.changes()) {
                if (s.changeType() != ChangeType.DELETED && s.contentRef() != null
                        && s.contentRef().startsWith(ContentStore.DELTAS) && s.previousHash() != null) {
                    patchesFrom.computeIfAbsent(s.hash(), x -> new ArrayList<>()).add(s.previousHash());
                }
            }
        }
        Map<String, Set<String>> chunkUsers = new HashMap<>();
        for (String h : blobSet) {
            for (String c : blobs.chunkHashes(h)) {
                chunkUsers.computeIfAbsent(c, x -> new HashSet<>()).add(h);
            }
        }
        List<Target> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                String name = p.getFileName().toString();
                String kind;
                Set<String> lose = Set.of();
                if (rel.startsWith("content/")) {
                    kind = "working file";
                } else if (rel.equals("manifest.json") || rel.equals("manifest.json.bak")) {
                    kind = rel;
                } else if (rel.equals(".store/lock")) {
                    kind = "lock";
                } else if (rel.equals(JournalCodec.JOURNAL_PATH)) {
                    kind = "journal";
                } else if (rel.startsWith(JournalCodec.JOURNAL_PATH)) {
                    kind = "journal copy";
                } else if (rel.startsWith(BlobStore.DICTS_DIR + "/")) {
                    kind = name.length() == 64 ? "dictionary" : "dictionary copy";
                } else if (rel.startsWith(ContentStore.DELTAS)) {
                    kind = name.endsWith(".patch") ? "patch" : "patch copy"; // kept twice: costs nothing
                } else if (rel.startsWith(BlobStore.BLOBS_DIR + "/")) {
                    kind = blobs.chunkHashes(name).isEmpty() ? "blob" : "recipe";
                    lose = closure(Set.of(name), patchesFrom, blobSet);
                } else if (rel.startsWith(BlobStore.CHUNKS_DIR + "/")) {
                    kind = "chunk";
                    lose = closure(chunkUsers.getOrDefault(name, Set.of()), patchesFrom, blobSet);
                } else {
                    kind = "other";
                }
                out.add(new Target(rel, kind, lose));
            }
        }
        return out;
    }

    /** The contents plus every content reached from them through patches that has no blob of its own. */
    private static Set<String> closure(Set<String> start, Map<String, List<String>> patchesFrom, Set<String> blobSet) {
        Set<String> out = new HashSet<>(start);
        Deque<String> queue = new ArrayDeque<>(start);
        while (!queue.isEmpty()) {
            for (String t : patchesFrom.getOrDefault(queue.poll(), List.of())) {
                if (!blobSet.contains(t) && out.add(t)) {
                    queue.add(t);
                }
            }
        }
        return out;
    }
}
