package io.kamaros.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.TextEncoding;
import io.kamaros.engine.model.FileChange;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.model.ListOptions;
import io.kamaros.engine.model.RenameInfo;
import io.kamaros.engine.model.VersionDiff;
import io.kamaros.frontend.ByteSize;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What differs between two versions, or between a version and the working copy, file by file;
 * text files as unified diffs (java-diff-utils), binaries by size and hash. Shared by {@code diff}
 * and {@code show}.
 */
final class Diffs {
    /** Larger texts are summarised like binaries: a line diff of them would flood the terminal. */
    static final long MAX_TEXT_DIFF_BYTES = 8L << 20;

    /** One side of a changed file; bytes are read only when a patch is printed. */
    record Side(String path, long size, String hash, boolean text, Supplier<byte[]> bytes) {
    }

    /** A changed file: status A (added), M (modified), D (deleted) or R (renamed, maybe also modified). */
    record Entry(char status, String path, @Nullable String oldPath, @Nullable Side before, @Nullable Side after) {
        boolean binary() {
            return (before != null && !isText(before)) || (after != null && !isText(after));
        }

        private static boolean isText(Side s) {
            return s.text() && s.size() <= MAX_TEXT_DIFF_BYTES;
        }

        boolean contentChanged() {
            return before == null || after == null || !before.hash().equals(after.hash());
        }
    }

    private Diffs() {
    }

    /** Changes from version {@code fromId} (null: nothing, for the first version) to version {@code toId}. */
    static List<Entry> between(JcfManager jcf, @Nullable String fromId, String toId) {
        List<Entry> out = new ArrayList<>();
        if (fromId == null) {
            for (FileInfo f : jcf.listFiles("", ListOptions.builder().versionId(toId).build())) {
                out.add(new Entry('A', f.path(), null, null, side(jcf, f, toId)));
            }
            return out;
        }
        VersionDiff d = jcf.getVersionDiff(fromId, toId);
        return entries(d, s -> side(jcf, s, fromId), s -> side(jcf, s, toId),
                r -> jcf.getVersion(fromId).orElseThrow().fileStates().get(r.fromPath()),
                r -> jcf.getVersion(toId).orElseThrow().fileStates().get(r.toPath()));
    }

    /** Changes from version {@code versionId} (null: no version yet) to the working copy, as the engine finds them. */
    static List<Entry> toWorkingCopy(JcfManager jcf, @Nullable String versionId) {
        VersionDiff d = jcf.getWorkingCopyDiff(versionId);
        Function<RenameInfo, FileState> renamedFrom =
                // A rename is only found against a version, so versionId is set when this runs.
                r -> jcf.getVersion(Objects.requireNonNull(versionId, "rename without a version"))
                        .orElseThrow().fileStates().get(r.fromPath());
        return entries(d, s -> side(jcf, s, versionId), s -> workingSide(jcf, s), renamedFrom, r -> {
            FileState was = renamedFrom.apply(r); // moved, content unchanged
            return new FileState(was.inodeId(), r.toPath(), was.hash(), was.size(), was.type(), null, null, null, null);
        });
    }

    /**
     * The entries of a diff: a rename whose content changed too is listed once (R), with both sides;
     * {@code renamedFrom} / {@code renamedTo} give the sides of a rename that changed nothing else.
     */
    private static List<Entry> entries(VersionDiff d, Function<FileState, Side> before, Function<FileState, Side> after,
                                       Function<RenameInfo, FileState> renamedFrom,
                                       Function<RenameInfo, FileState> renamedTo) {
        List<Entry> out = new ArrayList<>();
        Map<String, RenameInfo> renamedToPath = new HashMap<>();
        d.renamed().forEach(r -> renamedToPath.put(r.toPath(), r));
        for (FileChange c : d.added()) {
            out.add(new Entry('A', c.path(), null, null, after.apply(c.after())));
        }
        for (FileChange c : d.modified()) {
            RenameInfo r = renamedToPath.remove(c.path());
            out.add(new Entry(r == null ? 'M' : 'R', c.path(), r == null ? null : r.fromPath(),
                    before.apply(c.before()), after.apply(c.after())));
        }
        for (RenameInfo r : renamedToPath.values()) {
            out.add(new Entry('R', r.toPath(), r.fromPath(), before.apply(renamedFrom.apply(r)),
                    after.apply(renamedTo.apply(r))));
        }
        for (FileChange c : d.deleted()) {
            out.add(new Entry('D', c.path(), null, before.apply(c.before()), null));
        }
        out.sort(Comparator.comparing(Entry::path));
        return out;
    }

    private static Side side(JcfManager jcf, FileInfo f, String versionId) {
        // a version's files are listed with their hashes (only working-copy listings may lack one)
        return new Side(f.path(), f.size(), Objects.requireNonNull(f.hash(), "hash"), f.fileType() == FileType.TEXT,
                () -> jcf.getFileContent(f.path(), versionId));
    }

    private static Side side(JcfManager jcf, FileState s, @Nullable String versionId) {
        return new Side(s.path(), s.size(), s.hash(), s.type() == FileType.TEXT,
                () -> jcf.getFileContent(s.path(), versionId));
    }

    private static Side workingSide(JcfManager jcf, FileState s) {
        return new Side(s.path(), s.size(), s.hash(), s.type() == FileType.TEXT, () -> jcf.getFileContent(s.path()));
    }

    // ------------------------------------------------------------------ rendering

    static List<String> lines(@Nullable Side s) {
        if (s == null) {
            return List.of();
        }
        byte[] bytes = s.bytes().get();
        String decoded = TextEncoding.decode(bytes); // UTF-16, windows-1250, ... as such
        String text = decoded != null ? decoded : new String(bytes, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** Lines added and removed (text), or null for a binary file. */
    static int @Nullable [] lineCounts(Entry e) {
        if (e.binary()) {
            return null;
        }
        if (!e.contentChanged()) {
            return new int[] {0, 0};
        }
        Patch<String> patch = DiffUtils.diff(lines(e.before()), lines(e.after()));
        int added = 0;
        int removed = 0;
        for (AbstractDelta<String> d : patch.getDeltas()) {
            added += d.getTarget().size();
            removed += d.getSource().size();
        }
        return new int[] {added, removed};
    }

    /** The git-style patch of one entry: header, then a unified diff or a binary summary. */
    static List<String> patch(Entry e) {
        List<String> out = new ArrayList<>();
        String oldName = e.oldPath() != null ? e.oldPath() : e.path();
        out.add("diff --kamaros a/" + oldName + " b/" + e.path());
        switch (e.status()) {
            case 'A' -> out.add("new file");
            case 'D' -> out.add("deleted file");
            case 'R' -> {
                out.add("rename from " + e.oldPath());
                out.add("rename to " + e.path());
            }
            default -> {
            }
        }
        if (!e.contentChanged()) {
            return out;
        }
        if (e.binary()) {
            out.add("Binary files differ: " + describe(e.before()) + " -> " + describe(e.after()));
            return out;
        }
        List<String> a = lines(e.before());
        List<String> b = lines(e.after());
        Patch<String> patch = DiffUtils.diff(a, b);
        out.addAll(UnifiedDiffUtils.generateUnifiedDiff(e.before() == null ? "/dev/null" : "a/" + oldName,
                e.after() == null ? "/dev/null" : "b/" + e.path(), a, patch, 3));
        return out;
    }

    private static String describe(@Nullable Side s) {
        return s == null ? "(none)" : ByteSize.iec(s.size()) + " sha256:" + s.hash().substring(0, Math.min(12, s.hash().length()));
    }

    /** The JSON view of an entry; {@code withPatch} adds the unified diff text. */
    static Map<String, Object> json(Entry e, boolean withPatch) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", switch (e.status()) {
            case 'A' -> "added";
            case 'D' -> "deleted";
            case 'R' -> "renamed";
            default -> "modified";
        });
        m.put("path", e.path());
        m.put("oldPath", e.oldPath());
        m.put("binary", e.binary());
        m.put("before", sideJson(e.before()));
        m.put("after", sideJson(e.after()));
        int[] counts = lineCounts(e);
        if (counts != null) {
            m.put("linesAdded", counts[0]);
            m.put("linesRemoved", counts[1]);
        }
        if (withPatch) {
            m.put("patch", String.join("\n", patch(e)) + "\n");
        }
        return m;
    }

    private static @Nullable Map<String, Object> sideJson(@Nullable Side s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", s.path());
        m.put("size", s.size());
        m.put("hash", s.hash());
        return m;
    }

    /** Prints entries as {@code --name-only}, {@code --stat} or whole patches. */
    static void print(KamarosCli cli, List<Entry> entries, boolean stat, boolean nameOnly) {
        if (nameOnly) {
            entries.forEach(e -> cli.print(e.path()));
            return;
        }
        if (stat) {
            int width = entries.stream().mapToInt(e -> label(e).length()).max().orElse(0);
            long ins = 0;
            long del = 0;
            for (Entry e : entries) {
                int[] c = lineCounts(e);
                String label = label(e);
                String right;
                if (c == null) {
                    right = "Bin " + (e.before() == null ? 0 : e.before().size()) + " -> "
                            + (e.after() == null ? 0 : e.after().size()) + " bytes";
                } else {
                    ins += c[0];
                    del += c[1];
                    right = (c[0] + c[1]) + " " + "+".repeat(Math.min(c[0], 40)) + "-".repeat(Math.min(c[1], 40));
                }
                cli.print(" " + label + " ".repeat(width - label.length()) + " | " + right);
            }
            cli.print(" " + entries.size() + (entries.size() == 1 ? " file" : " files") + " changed, " + ins
                    + " insertions(+), " + del + " deletions(-)");
            return;
        }
        entries.forEach(e -> patch(e).forEach(cli::print));
    }

    private static String label(Entry e) {
        return e.oldPath() != null ? e.oldPath() + " => " + e.path() : e.path();
    }
}
