package io.kamaros.engine.model;

import org.jspecify.annotations.Nullable;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules every project path follows (spec §1.2): relative, '/'-separated, UTF-8, case-sensitive;
 * no empty, "." or ".." segments, no leading '/', no drive letter, no NUL or other control
 * characters; at most 255 bytes a segment and 4096 bytes in all. Paths that break them could escape
 * the project folder, so they are refused up front.
 *
 * <p>A backslash is an ordinary character of a file name on Linux and macOS, so there it is allowed
 * (a file {@code a\b.txt} is versioned like any other); on Windows it separates folders and is
 * refused. ZIP entry names never hold one (spec §1.2): such a file's {@code content/} entry is left
 * out of a {@code .jcf} archive and rebuilt from the history's objects on import. Names that
 * Windows cannot hold are still valid here; {@link #windowsProblemOf} tells which, so they can be
 * warned about when saved.
 */
public final class PathRules {
    public static final int MAX_SEGMENT_BYTES = 255;
    public static final int MAX_PATH_BYTES = 4096;
    /** True where '\\' separates folders, so it cannot be part of a name. */
    static final boolean BACKSLASH_SEPARATES = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .startsWith("windows");

    private PathRules() {
    }

    /** Returns the path if valid, else throws {@link ValidationException} saying what is wrong. */
    public static String check(String path) {
        String problem = problemOf(path);
        if (problem != null) {
            throw new ValidationException("Invalid path '" + printable(path) + "': " + problem + ".",
                    Map.of("field", "path", "value", path == null ? "null" : path, "reason", problem));
        }
        return path;
    }

    /** Like {@link #check} but for a folder: "" (the root) is allowed and a trailing '/' is dropped. */
    public static String checkDirectory(String dir) {
        if (dir == null || dir.isEmpty() || dir.equals("/") || dir.equals(".")) {
            return "";
        }
        String d = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
        return check(d);
    }

    public static boolean isValid(String path) {
        return problemOf(path) == null;
    }

    /** What is wrong with the path, or null when it is fine. */
    public static @Nullable String problemOf(@Nullable String path) {
        if (path == null || path.isEmpty()) {
            return "it is empty";
        }
        if (path.startsWith("/")) {
            return "it is absolute; use a path relative to the project, like 'docs/a.txt'";
        }
        if (BACKSLASH_SEPARATES && path.indexOf('\\') >= 0) {
            return "it contains a backslash, which this system cannot hold in a name; use '/' between folders";
        }
        if (path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0))) {
            return "it starts with a drive letter";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == 0) {
                return "it contains a NUL character";
            }
            if (c < 0x20 || c == 0x7f) {
                return "it contains a control character";
            }
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return "it is longer than " + MAX_PATH_BYTES + " bytes";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return "it has an empty folder name ('//' or a trailing '/')";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "it contains '" + segment + "', which could point outside the project";
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                return "the name '" + segment.substring(0, 20) + "…' is longer than " + MAX_SEGMENT_BYTES + " bytes";
            }
        }
        return null;
    }

    /** What is wrong with the path as the name of an entry in a ZIP archive: the rules above, and no '\\'. */
    public static @Nullable String zipNameProblemOf(@Nullable String name) {
        if (name != null && name.indexOf('\\') >= 0) {
            return "it contains a backslash; use '/' between folders";
        }
        return problemOf(name);
    }

    private static final Set<String> WINDOWS_RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³");

    /**
     * Why Windows could not hold this (valid) path, or null when it can: a reserved device name as a
     * folder or file name, with or without an extension ({@code CON}, {@code nul.txt}, {@code aux.c});
     * a name ending in a dot or a space; one of {@code < > : " | ? * \}. Case-only twins are a property
     * of a set of paths and are checked by the scan.
     */
    public static @Nullable String windowsProblemOf(String path) {
        // Runs for every file at every status: one pass over the chars, a substring only on a hit.
        int from = 0;
        for (int i = 0; i <= path.length(); i++) {
            char c = i < path.length() ? path.charAt(i) : '/';
            if (c == '/') {
                String problem = i > from ? windowsSegmentProblem(path, from, i) : null;
                if (problem != null) {
                    return problem;
                }
                from = i + 1;
            } else if (c == '<' || c == '>' || c == ':' || c == '"' || c == '|' || c == '?' || c == '*' || c == '\\') {
                int to = path.indexOf('/', i);
                return "Windows cannot hold the character '" + c + "' in the name '"
                        + path.substring(from, to < 0 ? path.length() : to) + "'";
            }
        }
        return null;
    }

    private static @Nullable String windowsSegmentProblem(String path, int from, int to) {
        char last = path.charAt(to - 1);
        if (last == '.' || last == ' ') {
            return "Windows drops the trailing " + (last == '.' ? "dot" : "space") + " of the name '"
                    + path.substring(from, to) + "'";
        }
        char first = Character.toUpperCase(path.charAt(from));
        if (to - from < 3 || (first != 'C' && first != 'P' && first != 'A' && first != 'N' && first != 'L')) {
            return null; // every device name starts with one of these and has 3 letters at least
        }
        String segment = path.substring(from, to);
        int dot = segment.indexOf('.');
        String stem = (dot < 0 ? segment : segment.substring(0, dot)).stripTrailing().toUpperCase(Locale.ROOT);
        if (WINDOWS_RESERVED.contains(stem)) {
            return "'" + segment + "' is a device name on Windows (" + stem + ")";
        }
        return null;
    }

    private static String printable(String path) {
        if (path == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (char c : path.toCharArray()) {
            sb.append(c < 0x20 ? '?' : c);
        }
        return sb.length() > 200 ? sb.substring(0, 200) + "…" : sb.toString();
    }

    /** The parent folder of a path ("" for top-level files). */
    public static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The file name of a path. */
    public static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

}
