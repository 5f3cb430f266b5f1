package io.kamaros.engine;

import static io.kamaros.Trees.deleteTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.FileExistsException;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.FileNotFoundException;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.NoChangesException;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.model.Version;

/**
 * Random sequences of working-copy edits, checkpoints and restores over text and binary files,
 * checked against a plain in-memory model: every recorded version lists, reads, streams and
 * restores exactly as the model says, on a MemoryAdapter, on a FileAdapter with a short snapshot
 * interval, and after closing and reopening the project.
 */
class HistoryPropertiesTest {

    /** A small path alphabet with nested folders, so renames move files between folders. */
    static final List<String> PATHS = List.of("README.md", "notes.txt", "docs/guide.txt", "docs/img/logo.bin",
            "src/main/App.java", "data.bin");

    private static final String[] WORDS = {"alpha", "beta", "gamma", "delta", "", "  indented", "tab\there",
            "café", "日本語", "end."};

    // ------------------------------------------------------------------ generated data

    /** A file content, described by a seed so that shrinking stays cheap even for large binaries. */
    record Content(boolean text, long seed, int size, int lineEndings, boolean finalNewline) {
        static Content text(long seed, int lines, int lineEndings, boolean finalNewline) {
            return new Content(true, seed, lines, lineEndings, finalNewline);
        }

        static Content binary(long seed, int size) {
            return new Content(false, seed, size, 0, false);
        }

        /** Text: {@code size} lines, LF (0), CRLF (1) or mixed (2), with or without a final newline. Binary: random bytes incl. NUL. */
        byte[] bytes() {
            Random r = new Random(seed);
            if (!text) {
                byte[] b = new byte[size];
                r.nextBytes(b);
                if (size > 0) {
                    b[r.nextInt(size)] = 0;
                }
                return b;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < size; i++) {
                int words = r.nextInt(6);
                for (int w = 0; w < words; w++) {
                    sb.append(w == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
                }
                boolean last = i == size - 1;
                if (!last || finalNewline) {
                    boolean crlf = lineEndings == 1 || lineEndings == 2 && r.nextBoolean();
                    sb.append(crlf ? "\r\n" : "\n");
                }
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return text ? "text(seed=" + seed + ", lines=" + size + ", eol=" + lineEndings + ", finalNl=" + finalNewline + ")"
                    : "binary(seed=" + seed + ", size=" + size + ")";
        }
    }

    sealed interface Action permits Write, Delete, Rename, RenameOutside, Append, Checkpoint, Restore,
            PartialCheckpoint, RestoreFile {
    }

    /** A checkpoint of only the changes under these files and folders. */
    record PartialCheckpoint(List<String> paths) implements Action {
    }

    /**
     * Restores one file of the {@code pick % n}-th recorded version (HEAD's own: a discard); with
     * {@code undo}, then takes the restore back as a front end does.
     */
    record RestoreFile(int pick, String path, boolean undo) implements Action {
    }

    /** addFile: adds a new file or replaces an existing one. */
    record Write(String path, Content content) implements Action {
    }

    record Delete(String path) implements Action {
    }

    /** moveFile through the API (identity kept). */
    record Rename(String from, String to) implements Action {
    }

    /** A move made by another program, straight on the adapter's {@code content/} files. */
    record RenameOutside(String from, String to) implements Action {
    }

    record Append(String path, Content chunk) implements Action {
    }

    record Checkpoint() implements Action {
    }

    /** Restores the {@code pick % n}-th recorded version. */
    record Restore(int pick) implements Action {
    }

    static Arbitrary<String> paths() {
        return Arbitraries.of(PATHS);
    }

    /** What a partial checkpoint names: files, folders (with and without a trailing '/'), and the whole project. */
    static Arbitrary<String> selections() {
        return Arbitraries.frequencyOf(Tuple.of(6, paths()),
                Tuple.of(3, Arbitraries.of("docs", "docs/img/", "src", "src/main")), Tuple.of(1, Arbitraries.of("", ".")));
    }

    static Arbitrary<Content> contents(int bigWeight) {
        Arbitrary<Content> text = Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 30),
                Arbitraries.integers().between(0, 2), Arbitraries.of(true, false)).as(Content::text);
        Arbitrary<Content> small = Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 3000))
                .as(Content::binary);
        Arbitrary<Content> big = Combinators.combine(Arbitraries.longs(),
                Arbitraries.integers().between(600 * 1024, 700 * 1024)).as(Content::binary);
        // a few recurring contents, so equal contents (dedup, renames found by content) come up often
        Arbitrary<Content> pooled = Arbitraries.of(Content.text(1, 3, 0, true), Content.text(2, 5, 1, false),
                Content.binary(3, 100), Content.text(4, 0, 0, false));
        return bigWeight == 0
                ? Arbitraries.frequencyOf(Tuple.of(10, text), Tuple.of(6, small), Tuple.of(4, pooled))
                : Arbitraries.frequencyOf(Tuple.of(10, text), Tuple.of(6, small), Tuple.of(4, pooled),
                        Tuple.of(bigWeight, big));
    }

    static Arbitrary<Content> chunks() {
        Arbitrary<Content> text = Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 2), Arbitraries.of(true, false)).as(Content::text);
        Arbitrary<Content> bin = Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 300))
                .as(Content::binary);
        return Arbitraries.oneOf(text, bin);
    }

    static Arbitrary<List<Action>> actionLists(int maxSize, int bigWeight) {
        Arbitrary<Action> write = Combinators.combine(paths(), contents(bigWeight)).as(Write::new);
        Arbitrary<Action> delete = paths().map(Delete::new);
        Arbitrary<Action> rename = Combinators.combine(paths(), paths()).as(Rename::new);
        Arbitrary<Action> outside = Combinators.combine(paths(), paths()).as(RenameOutside::new);
        Arbitrary<Action> append = Combinators.combine(paths(), chunks()).as(Append::new);
        Arbitrary<Action> checkpoint = Arbitraries.just(new Checkpoint());
        Arbitrary<Action> restore = Arbitraries.integers().between(0, 1000).map(Restore::new);
        Arbitrary<Action> partial = selections().list().ofMinSize(1).ofMaxSize(3).map(PartialCheckpoint::new);
        Arbitrary<Action> restoreFile = Combinators.combine(Arbitraries.integers().between(-3, 1000), paths(),
                Arbitraries.of(true, false)).as(RestoreFile::new);
        return Arbitraries.frequencyOf(Tuple.of(7, write), Tuple.of(2, delete), Tuple.of(2, rename),
                        Tuple.of(1, outside), Tuple.of(2, append), Tuple.of(5, checkpoint), Tuple.of(2, restore),
                        Tuple.of(4, partial), Tuple.of(2, restoreFile))
                .list().ofMinSize(1).ofMaxSize(maxSize);
    }

    @Provide
    Arbitrary<List<Action>> memoryActions() {
        return actionLists(30, 1);
    }

    @Provide
    Arbitrary<List<Action>> diskActions() {
        return actionLists(25, 1);
    }

    @Provide
    Arbitrary<List<Action>> textHeavyActions() {
        return actionLists(40, 0);
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = 60)
    void everyVersionMatchesTheModelOnMemory(@ForAll("memoryActions") List<Action> actions) {
        MemoryAdapter adapter = new MemoryAdapter();
        try (JcfManager jcf = open(adapter, JcfConfig.builder().author("prop").build())) {
            Model model = new Model();
            run(jcf, adapter, model, actions);
            verifyAllVersions(jcf, model);
            restoreEveryVersion(jcf, model);
        }
    }

    @Property(tries = 15)
    void everyVersionMatchesTheModelOnDiskWithShortSnapshotInterval(@ForAll("diskActions") List<Action> actions)
            throws IOException {
        Path dir = Files.createTempDirectory("kamaros-prop");
        try {
            FileAdapter adapter = new FileAdapter(dir.resolve("project"));
            try (JcfManager jcf = open(adapter, JcfConfig.builder().author("prop").snapshotInterval(3).build())) {
                Model model = new Model();
                run(jcf, adapter, model, actions);
                verifyAllVersions(jcf, model);
                restoreEveryVersion(jcf, model);
            }
            // and once more through a fresh manager on the same folder
            FileAdapter again = new FileAdapter(dir.resolve("project"));
            try (JcfManager jcf = open(again, JcfConfig.builder().author("prop").snapshotInterval(3).build())) {
                assertThat(jcf.getHistory()).isNotNull();
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Text-only edits with snapshotInterval 3: long chains of text versions, patches and compaction. */
    @Property(tries = 25)
    void textHistoriesWithShortSnapshotIntervalStayReadable(@ForAll("textHeavyActions") List<Action> actions) {
        MemoryAdapter adapter = new MemoryAdapter();
        try (JcfManager jcf = open(adapter, JcfConfig.builder().author("prop").snapshotInterval(3).build())) {
            Model model = new Model();
            run(jcf, adapter, model, actions);
            verifyAllVersions(jcf, model);
        }
    }

    @Property(tries = 30)
    void afterCloseAndReopenEveryVersionStillRestores(@ForAll("memoryActions") List<Action> actions) {
        MemoryAdapter adapter = new MemoryAdapter();
        Model model = new Model();
        try (JcfManager jcf = open(adapter, JcfConfig.builder().author("prop").build())) {
            run(jcf, adapter, model, actions);
        }
        try (JcfManager reopened = open(adapter, JcfConfig.builder().author("prop").build())) {
            assertThat(reopened.getHistory()).extracting(Version::id)
                    .containsExactlyInAnyOrderElementsOf(model.versions.keySet());
            if (model.head != null) {
                assertThat(reopened.getCurrentVersion()).map(Version::id).contains(model.headId);
            }
            verifyWorkingCopy(reopened, model);
            verifyAllVersions(reopened, model);
            restoreEveryVersion(reopened, model);
        }
    }

    // ------------------------------------------------------------------ minimal cases the properties found

    /** Removing a file and adding it again (a new identity) before one checkpoint must keep the file in the version. */
    @Example
    void removeThenAddAgainKeepsTheFileInTheNextVersion() {
        try (JcfManager jcf = open(new MemoryAdapter(), JcfConfig.builder().author("prop").build())) {
            jcf.addFile("README.md", "old\n");
            jcf.saveCheckpoint("v1");
            jcf.removeFile("README.md");
            jcf.addFile("README.md", "new\n");
            String v2 = jcf.saveCheckpoint("v2");
            assertThat(jcf.listFiles("", v2)).extracting(FileInfo::path).containsExactly("README.md");
            assertThat(jcf.getFileContent("README.md", v2)).isEqualTo("new\n".getBytes(StandardCharsets.UTF_8));
            assertThat(jcf.getStatus().isClean()).isTrue();
        }
    }

    /** Same content removed and added again: nothing changed, so no version is made. */
    @Example
    void removeThenAddTheSameContentIsNoChange() {
        try (JcfManager jcf = open(new MemoryAdapter(), JcfConfig.builder().author("prop").build())) {
            jcf.addFile("a.txt", "same\n");
            String v1 = jcf.saveCheckpoint("v1");
            jcf.removeFile("a.txt");
            jcf.addFile("a.txt", "same\n");
            assertThatThrownBy(() -> jcf.saveCheckpoint("v2")).isInstanceOf(NoChangesException.class);
            assertThat(jcf.getCurrentVersion()).map(Version::id).contains(v1);
        }
    }

    /** A new file moved over a tracked one (replace) must be in the next version under the target path. */
    @Example
    void movingANewFileOverATrackedOneKeepsTheTarget() {
        try (JcfManager jcf = open(new MemoryAdapter(), JcfConfig.builder().author("prop").build())) {
            jcf.addFile("README.md", "old\n");
            jcf.saveCheckpoint("v1");
            jcf.addFile("notes.txt", "notes\n");
            jcf.moveFile("notes.txt", "README.md", true);
            String v2 = jcf.saveCheckpoint("v2");
            assertThat(jcf.listFiles("", v2)).extracting(FileInfo::path).containsExactly("README.md");
            assertThat(jcf.getFileContent("README.md", v2)).isEqualTo("notes\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A file moved by another program, then moved back through the API, is unchanged. */
    @Example
    void moveOutsideThenBackThroughTheApiKeepsTheFile() throws IOException {
        MemoryAdapter adapter = new MemoryAdapter();
        try (JcfManager jcf = open(adapter, JcfConfig.builder().author("prop").build())) {
            jcf.addFile("a.txt", "alpha\n");
            jcf.addFile("b.txt", "beta\n");
            jcf.saveCheckpoint("v1");
            adapter.moveFile("content/a.txt", "content/docs/a.txt");
            jcf.moveFile("docs/a.txt", "a.txt");
            jcf.addFile("b.txt", "beta 2\n");
            String v2 = jcf.saveCheckpoint("v2");
            assertThat(jcf.listFiles("", v2)).extracting(FileInfo::path).containsExactly("a.txt", "b.txt");
            assertThat(jcf.getFileContent("a.txt", v2)).isEqualTo("alpha\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    // ------------------------------------------------------------------ the model and the interpreter

    /** The expected state: the working copy, HEAD's files and every recorded version's files. */
    static final class Model {
        final Map<String, byte[]> working = new TreeMap<>();
        Map<String, byte[]> head; // null before the first checkpoint
        String headId;
        final Map<String, Map<String, byte[]>> versions = new LinkedHashMap<>();
        int step;

        boolean dirty() {
            return !same(working, head == null ? Map.of() : head);
        }

        void recordVersion(String id) {
            versions.put(id, new TreeMap<>(working));
            head = versions.get(id);
            headId = id;
        }
    }

    static boolean same(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static JcfManager open(FileSystemAdapter adapter, JcfConfig config) {
        JcfManager jcf = new JcfManager(config);
        jcf.init(adapter);
        return jcf;
    }

    static void run(JcfManager jcf, FileSystemAdapter adapter, Model model, List<Action> actions) {
        for (Action a : actions) {
            model.step++;
            apply(jcf, adapter, model, a);
        }
    }

    static void apply(JcfManager jcf, FileSystemAdapter adapter, Model model, Action action) {
        String where = "step " + model.step + " " + action;
            if (action instanceof Write w) {
                byte[] data = w.content().bytes();
                jcf.addFile(w.path(), data);
                model.working.put(w.path(), data);
            } else if (action instanceof Delete d) {
                if (model.working.containsKey(d.path())) {
                    jcf.removeFile(d.path());
                    model.working.remove(d.path());
                } else {
                    assertThatThrownBy(() -> jcf.removeFile(d.path())).as(where)
                            .isInstanceOf(FileNotFoundException.class);
                }
            } else if (action instanceof Rename r) {
                if (!model.working.containsKey(r.from())) {
                    assertThatThrownBy(() -> jcf.moveFile(r.from(), r.to())).as(where)
                            .isInstanceOf(FileNotFoundException.class);
                } else if (!r.from().equals(r.to())) {
                    boolean replace = model.working.containsKey(r.to());
                    if (replace) {
                        assertThatThrownBy(() -> jcf.moveFile(r.from(), r.to())).as(where)
                                .isInstanceOf(FileExistsException.class);
                    }
                    jcf.moveFile(r.from(), r.to(), replace);
                    model.working.put(r.to(), model.working.remove(r.from()));
                } else {
                    jcf.moveFile(r.from(), r.to());
                }
            } else if (action instanceof RenameOutside r) {
                if (model.working.containsKey(r.from()) && !r.from().equals(r.to())) {
                    try {
                        adapter.moveFile("content/" + r.from(), "content/" + r.to());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    model.working.put(r.to(), model.working.remove(r.from()));
                }
            } else if (action instanceof Append ap) {
                byte[] chunk = ap.chunk().bytes();
                jcf.appendToFile(ap.path(), chunk);
                byte[] old = model.working.getOrDefault(ap.path(), new byte[0]);
                byte[] joined = Arrays.copyOf(old, old.length + chunk.length);
                System.arraycopy(chunk, 0, joined, old.length, chunk.length);
                model.working.put(ap.path(), joined);
            } else if (action instanceof Checkpoint) {
                // the first checkpoint of a new project is always saved, even of an empty folder
                boolean changed = model.dirty() || model.head == null;
                String id;
                try {
                    id = jcf.saveCheckpoint("step " + model.step);
                } catch (NoChangesException e) {
                    assertThat(changed).as(where + ": NoChangesException although the working copy differs from HEAD")
                            .isFalse();
                    return;
                }
                assertThat(changed).as(where + ": a checkpoint was saved although the working copy equals HEAD")
                        .isTrue();
                assertThat(model.versions).as(where).doesNotContainKey(id);
                model.recordVersion(id);
            } else if (action instanceof Restore r) {
                if (model.versions.isEmpty()) {
                    return;
                }
                List<String> ids = new ArrayList<>(model.versions.keySet());
                String target = ids.get(r.pick() % ids.size());
                restore(jcf, model, target, where);
            } else if (action instanceof PartialCheckpoint pc) {
                partialCheckpoint(jcf, model, pc.paths(), where);
            } else if (action instanceof RestoreFile rf) {
                if (model.versions.isEmpty()) {
                    return;
                }
                List<String> ids = new ArrayList<>(model.versions.keySet());
                String target = rf.pick() < 0 ? model.headId : ids.get(rf.pick() % ids.size());
                if (target == null) {
                    return;
                }
                restoreFile(jcf, model, target, rf.path(), rf.undo(), where);
            }
    }

    /** True when {@code path} is {@code root} or lies under it ("" and "." are the whole project). */
    static boolean under(String path, String root) {
        String r = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        return r.isEmpty() || r.equals(".") || path.equals(r) || path.startsWith(r + "/");
    }

    /**
     * The new version is HEAD with only the selected paths taken from the working copy; the working
     * copy is left as it was, and what was not selected stays an unsaved change.
     */
    static void partialCheckpoint(JcfManager jcf, Model model, List<String> selection, String where) {
        Map<String, byte[]> head = model.head == null ? Map.of() : model.head;
        Map<String, byte[]> expected = new TreeMap<>(head);
        boolean known = selection.stream().allMatch(root -> under("", root) || Stream.concat(model.working.keySet().stream(),
                head.keySet().stream()).anyMatch(p -> under(p, root)));
        for (String p : new ArrayList<>(Stream.concat(model.working.keySet().stream(), head.keySet().stream())
                .distinct().toList())) {
            if (selection.stream().anyMatch(root -> under(p, root))) {
                if (model.working.containsKey(p)) {
                    expected.put(p, model.working.get(p));
                } else {
                    expected.remove(p);
                }
            }
        }
        CheckpointOptions options = CheckpointOptions.builder().paths(selection).build();
        if (!known) {
            assertThatThrownBy(() -> jcf.saveCheckpoint("partial " + model.step, options)).as(where)
                    .isInstanceOf(ValidationException.class).hasMessageContaining("Nothing was saved");
            return;
        }
        boolean changed = !same(expected, head);
        String id;
        try {
            id = jcf.saveCheckpoint("partial " + model.step, options);
        } catch (NoChangesException e) {
            assertThat(changed).as(where + ": NoChangesException although a selected file differs from HEAD").isFalse();
            return;
        }
        assertThat(changed).as(where + ": a partial checkpoint was saved although no selected file changed").isTrue();
        model.versions.put(id, expected);
        model.head = expected;
        model.headId = id;
        verifyWorkingCopy(jcf, model);
        assertThat(jcf.getStatus().isClean()).as(where + ": the unsaved changes left").isEqualTo(!model.dirty());
    }

    /**
     * Restores one file in place. Its unsaved change is auto-saved beside HEAD (HEAD does not move,
     * the other unsaved changes stay); the undo the result offers brings the file back byte-exact.
     */
    static void restoreFile(JcfManager jcf, Model model, String target, String path, boolean undo, String where) {
        Map<String, byte[]> head = model.head == null ? Map.of() : model.head;
        byte[] before = model.working.get(path);
        if (!model.versions.get(target).containsKey(path) && before == null) {
            assertThatThrownBy(() -> jcf.restoreVersion(target, RestoreOptions.builder().paths(path).build())).as(where)
                    .isInstanceOf(FileNotFoundException.class);
            return;
        }
        boolean dirty = !Arrays.equals(before, head.get(path));
        RestoreResult result = jcf.restoreVersion(target, RestoreOptions.builder().paths(path).build());
        if (dirty) {
            assertThat(result.autoSavedVersionId()).as(where + ": the file's unsaved change must be auto-saved").isNotNull();
        }
        if (result.autoSavedVersionId() != null) {
            Version auto = jcf.getVersion(result.autoSavedVersionId()).orElseThrow();
            assertThat(auto.autoSaved()).as(where).isTrue();
            assertThat(auto.parentId()).as(where + ": saved beside HEAD").isEqualTo(model.headId);
            assertThat(auto.message()).as(where).contains(path).doesNotContain(result.autoSavedVersionId());
            Map<String, byte[]> saved = new TreeMap<>(head);
            if (before != null) {
                saved.put(path, before);
            } else {
                saved.remove(path);
            }
            model.versions.put(result.autoSavedVersionId(), saved);
        }
        assertThat(jcf.getCurrentVersion().map(Version::id).orElse(null)).as(where + ": HEAD stays").isEqualTo(model.headId);
        assertThat(result.undoPaths()).as(where).containsExactly(path);
        byte[] restored = model.versions.get(target).get(path);
        if (restored != null) {
            model.working.put(path, restored);
        } else {
            model.working.remove(path); // the version does not hold it: restoring its state removes it
        }
        verifyWorkingCopy(jcf, model);
        if (undo) {
            String undoId = Objects.requireNonNull(result.undoVersionId());
            restoreFile(jcf, model, undoId, path, false, where + " (undo)");
            assertThat(model.working.get(path)).as(where + ": undo brings the file back as it was").isEqualTo(before);
        }
    }

    /** Restores in place without force; an auto-save must be made exactly when there is uncommitted work. */
    static void restore(JcfManager jcf, Model model, String target, String where) {
        boolean dirty = model.dirty();
        String before = model.headId;
        RestoreResult result = jcf.restoreVersion(target, RestoreOptions.builder().force(false).build());
        assertThat(result.versionId()).as(where).isEqualTo(target);
        assertThat(result.previousVersionId()).as(where).isEqualTo(before);
        if (dirty) {
            assertThat(result.autoSavedVersionId()).as(where + ": uncommitted work must be auto-saved").isNotNull();
            assertThat(jcf.getVersion(result.autoSavedVersionId())).as(where)
                    .hasValueSatisfying(v -> assertThat(v.autoSaved()).isTrue());
            model.recordVersion(result.autoSavedVersionId());
        } else {
            assertThat(result.autoSavedVersionId()).as(where + ": nothing to auto-save (working copy equals HEAD)")
                    .isNull();
        }
        model.working.clear();
        model.working.putAll(model.versions.get(target));
        model.head = model.versions.get(target);
        model.headId = target;
        verifyWorkingCopy(jcf, model);
        assertThat(jcf.getCurrentVersion()).as(where).map(Version::id).contains(target);
    }

    // ------------------------------------------------------------------ checks

    static void verifyWorkingCopy(JcfManager jcf, Model model) {
        // order is checked separately (PersistenceTest.workingCopyListingIsSortedByPathOnDisk)
        assertThat(jcf.listFiles()).extracting(FileInfo::path).as("working copy files after step " + model.step)
                .containsExactlyInAnyOrderElementsOf(model.working.keySet());
        model.working.forEach((path, data) -> assertThat(jcf.getFileContent(path))
                .as("working copy %s after step %d", path, model.step).isEqualTo(data));
    }

    static void verifyAllVersions(JcfManager jcf, Model model) {
        assertThat(jcf.getHistory()).extracting(Version::id).containsExactlyInAnyOrderElementsOf(model.versions.keySet());
        model.versions.forEach((id, files) -> {
            assertThat(jcf.listFiles("", id)).extracting(FileInfo::path).as("files of version %s", id)
                    .containsExactlyElementsOf(files.keySet());
            assertThat(jcf.getVersion(id).orElseThrow().fileStates()).as("fileStates of %s", id)
                    .containsOnlyKeys(files.keySet());
            files.forEach((path, data) -> {
                assertThat(jcf.getFileContent(path, id)).as("%s in version %s", path, id).isEqualTo(data);
                try (InputStream in = jcf.streamFile(path, id)) {
                    assertThat(in.readAllBytes()).as("stream of %s in version %s", path, id).isEqualTo(data);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        });
    }

    /** Restores every recorded version in place and compares the working copy with the model. */
    static void restoreEveryVersion(JcfManager jcf, Model model) {
        for (String id : new ArrayList<>(model.versions.keySet())) {
            restore(jcf, model, id, "final restore of " + id);
        }
    }
}
