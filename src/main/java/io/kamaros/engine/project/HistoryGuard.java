package io.kamaros.engine.project;

import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.format.JournalCodec;
import io.kamaros.engine.format.Json;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.FileSystemAdapter.HistoryOverlap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import io.kamaros.engine.history.ChangeScanner;

/**
 * The one place that keeps the engine's own writes away from a project's history storage: a
 * restore target, an export file or a working-copy path that is, contains or lies inside the
 * history (as the adapter knows it, see {@link FileSystemAdapter#historyOverlap}) is refused with a
 * {@link ValidationException}; and a folder whose own files carry the history's names is not
 * taken over when it is opened as a project.
 */
public final class HistoryGuard {
    /** What the history keeps at the top of a project folder (the CLI keeps its settings in {@code .jcf/}). */
    public static final Set<String> HISTORY_NAMES = FileAdapter.HISTORY_NAMES;

    private HistoryGuard() {
    }

    /** Refuses a folder or file outside the project (restore target, export file) that overlaps the history. */
    public static void checkTarget(FileSystemAdapter adapter, Path target, String field) {
        HistoryOverlap overlap = overlap(adapter, target);
        if (overlap == HistoryOverlap.NONE) {
            return;
        }
        String what = overlap == HistoryOverlap.CONTAINS ? "contains this project's history"
                : "is (or is inside) this project's history";
        throw new ValidationException("Refused: " + target + " " + what + " (" + adapter.describe()
                + "). Writing there could overwrite the history itself; pick a folder outside the project.",
                Map.of("field", field, "value", target.toString(), "reason", "history-storage",
                        "overlap", overlap.name().toLowerCase(Locale.ROOT)));
    }

    /** Refuses a file to be written inside a restore target when (through a link) it would land in the history. */
    public static void checkWrittenFolder(FileSystemAdapter adapter, Path folder, String path) {
        if (overlap(adapter, folder) == HistoryOverlap.INSIDE) {
            throw new ValidationException("Refused: '" + path + "' would be written into this project's history ("
                    + folder + " leads there, through a link). Pick a folder outside the project.",
                    Map.of("field", "target", "value", folder.toString(), "path", path, "reason", "history-storage"));
        }
    }

    /** Refuses a working-copy path (relative to the working copy) that would reach the history storage. */
    public static void checkPath(FileSystemAdapter adapter, String path) {
        boolean reaches;
        try {
            reaches = adapter.reachesHistory(ChangeScanner.CONTENT + "/" + path);
        } catch (IOException e) {
            throw new ValidationException("Cannot tell whether '" + path + "' lies in this project's history ("
                    + e.getMessage() + "), so it is refused.", Map.of("field", "path", "value", path), e);
        }
        if (reaches) {
            throw new ValidationException("Refused: '" + path + "' lies in this project's history storage, which "
                    + "Kamaros keeps to itself; pick another name.",
                    Map.of("field", "path", "value", path, "reason", "history-storage"));
        }
    }

    /** {@link #checkPath} for many working-copy paths (the files a restore or an import writes). */
    public static void checkPaths(FileSystemAdapter adapter, Collection<String> paths) {
        if (paths.isEmpty()) {
            return;
        }
        String bad;
        try {
            bad = adapter.firstReachingHistory(paths.stream().map(p -> ChangeScanner.CONTENT + "/" + p).toList());
        } catch (IOException e) {
            throw new ValidationException("Cannot tell whether these files would land in this project's history ("
                    + e.getMessage() + "), so nothing was written.", Map.of("field", "path"), e);
        }
        if (bad != null) {
            String path = bad.substring(ChangeScanner.CONTENT.length() + 1);
            throw new ValidationException("Refused: '" + path + "' would be written into this project's history "
                    + "storage, which Kamaros keeps to itself; nothing was written. Restore or import into another "
                    + "folder instead.", Map.of("field", "path", "value", path, "reason", "history-storage"));
        }
    }

    private static HistoryOverlap overlap(FileSystemAdapter adapter, Path target) {
        try {
            return adapter.historyOverlap(target);
        } catch (IOException e) {
            throw new ValidationException("Cannot tell whether " + target + " overlaps this project's history ("
                    + e.getMessage() + "), so it is refused.", Map.of("field", "target", "value", target.toString()), e);
        }
    }

    /**
     * Before a project is opened or created in {@code adapter}: refuses when files there carry the
     * history's names but are not a Kamaros history (a web app's {@code manifest.json}, a folder
     * named {@code .store}), which creating or saving the project would overwrite.
     */
    public static void checkNamesFree(FileSystemAdapter adapter) throws IOException {
        boolean journal = adapter.fileExists(JournalCodec.JOURNAL_PATH);
        if (journal) {
            return; // a history lives here (damaged or not, it is ours)
        }
        if (adapter.fileExists(ProjectStore.MANIFEST) && !adapter.fileExists(ProjectStore.MANIFEST_BACKUP)
                && !looksLikeManifest(adapter.readFile(ProjectStore.MANIFEST))) {
            throw nameTaken(adapter, ProjectStore.MANIFEST);
        }
        if (adapter.fileExists(".store")) {
            throw nameTaken(adapter, ".store");
        }
        if (!adapter.fileExists(ProjectStore.MANIFEST) && !adapter.fileExists(ProjectStore.MANIFEST_BACKUP)) {
            for (String f : adapter.listFiles(".store")) {
                if (!f.equals("lock") && !f.startsWith(BlobStore.TEMP_DIR.substring(".store/".length()) + "/")
                        && !f.contains(FileAdapter.TEMP_PREFIX)) {
                    throw nameTaken(adapter, ".store");
                }
            }
        }
    }

    private static ValidationException nameTaken(FileSystemAdapter adapter, String name) {
        return new ValidationException(adapter.describe() + " already holds '" + name + "' of its own, not a Kamaros "
                + "history; it is left alone (a project would overwrite it). To version this folder in place, open "
                + "it as a work tree (the app's 'Open folder', 'kamaros init --work-tree FOLDER'); or choose an "
                + "empty folder for the project.", ErrorCodes.HISTORY_NAME_TAKEN,
                Map.of("field", "adapter", "value", adapter.describe(), "name", name));
    }

    /** A JSON object with a member only a Kamaros manifest has. */
    private static boolean looksLikeManifest(byte[] bytes) {
        try {
            Map<String, Object> m = Json.readObject(bytes);
            return m != null && (m.containsKey("formatVersion") || m.containsKey("format_version")
                    || m.containsKey("checksum") && m.containsKey("metadata"));
        } catch (IOException | RuntimeException e) {
            // not JSON at all: not a manifest anyone could open, but a damaged one of ours looks alike;
            // only a manifest whose history (journal) is missing too reaches here, so it is not ours
            return false;
        }
    }

    /**
     * The entries at the top of a project folder on disk that a new project leaves unversioned (only
     * {@code content/} is the working copy), for a warning; empty for other layouts.
     */
    public static List<String> unversionedTopEntries(FileSystemAdapter adapter) {
        List<String> out = new ArrayList<>();
        if (!(adapter instanceof FileAdapter fa) || fa.workTree().isPresent()) {
            return out;
        }
        try (Stream<Path> s = Files.list(fa.rootPath())) {
            s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(ChangeScanner.CONTENT) && !HISTORY_NAMES.contains(n)
                            && !n.startsWith(FileAdapter.TEMP_PREFIX))
                    .sorted().forEach(out::add);
        } catch (IOException e) {
            // a warning only
        }
        return out;
    }
}
