package io.kamaros.cli;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.UnversionableFile;
import io.kamaros.engine.model.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** JSON shapes of engine records that must not be serialized whole (a Version's file set is built lazily). */
final class Views {
    private Views() {
    }

    /** The {@code unversionable} member of status and commit JSON: one object per entry. */
    static List<Map<String, Object>> unversionable(List<UnversionableFile> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (UnversionableFile u : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", u.path());
            m.put("reason", u.reason().name());
            m.put("saved", u.saved());
            m.put("detail", u.detail());
            out.add(m);
        }
        return out;
    }

    /** Text lines for people: what was not saved, then what was saved with a warning. */
    static List<String> unversionableLines(List<UnversionableFile> list) {
        List<String> lines = new ArrayList<>();
        List<UnversionableFile> notSaved = list.stream().filter(u -> !u.saved()).toList();
        List<UnversionableFile> warned = list.stream().filter(u -> u.saved()).toList();
        if (!notSaved.isEmpty()) {
            lines.add("Not versioned (" + notSaved.size() + "):");
            notSaved.forEach(u -> lines.add("  " + label(u.reason()) + u.path() + "  (" + u.detail() + ")"));
        }
        if (!warned.isEmpty()) {
            lines.add("Saved, but Windows cannot restore these names (" + warned.size() + "):");
            warned.forEach(u -> lines.add("  " + label(u.reason()) + u.path() + "  (" + u.detail() + ")"));
        }
        return lines;
    }

    private static String label(UnversionableFile.Reason r) {
        String name = switch (r) {
            case UNREADABLE -> "unreadable:";
            case SYMLINK -> "link:";
            case SPECIAL_FILE -> "special:";
            case INVALID_NAME -> "bad name:";
            case WINDOWS_NAME -> "windows:";
        };
        return String.format("%-12s", name);
    }

    static Map<String, Object> version(Version v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("shortId", v.shortId());
        m.put("parentId", v.parentId());
        m.put("timestamp", v.timestamp());
        m.put("message", v.message());
        m.put("author", v.author());
        m.put("email", v.email());
        m.put("tags", v.tags());
        m.put("changes", v.changes());
        m.put("autoSaved", v.autoSaved());
        m.put("automatic", v.automatic());
        m.put("emptyFolders", v.emptyFolders());
        return m;
    }

    /**
     * The empty folders a version added and removed against its parent, as status shows them
     * ({@code A folder/}, {@code D folder/}; a trailing slash tells them from files).
     */
    static List<String> folderChanges(JcfManager jcf, Version v) {
        List<String> before = v.parentId() == null ? List.of()
                : jcf.getVersion(v.parentId()).map(Version::emptyFolders).orElse(List.of());
        List<String> out = new ArrayList<>();
        v.emptyFolders().stream().filter(f -> !before.contains(f)).forEach(f -> out.add("A " + f + "/"));
        before.stream().filter(f -> !v.emptyFolders().contains(f)).forEach(f -> out.add("D " + f + "/"));
        return out;
    }

    static @Nullable Map<String, Object> file(@Nullable FileState s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", s.path());
        m.put("size", s.size());
        m.put("hash", s.hash());
        m.put("type", s.type() == null ? null : s.type().jsonName());
        return m;
    }

    static @Nullable String shortId(@Nullable String id) {
        return id == null ? null : id.length() <= 8 ? id : id.substring(0, 8);
    }
}
