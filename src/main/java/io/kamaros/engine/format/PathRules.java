package io.kamaros.engine.format;

import io.kamaros.engine.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The rules every project path follows (spec §1.2): relative, '/'-separated, UTF-8, case-sensitive;
 * no empty, "." or ".." segments, no leading '/', no backslash, no drive letter, no NUL or other
 * control characters; at most 255 bytes a segment and 4096 bytes in all. Paths that break them
 * could escape the project folder or be unreadable on another OS, so they are refused up front.
 */
public final class PathRules {
    public static final int MAX_SEGMENT_BYTES = 255;
    public static final int MAX_PATH_BYTES = 4096;

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
    public static String problemOf(String path) {
        if (path == null || path.isEmpty()) {
            return "it is empty";
        }
        if (path.startsWith("/")) {
            return "it is absolute; use a path relative to the project, like 'docs/a.txt'";
        }
        if (path.indexOf('\\') >= 0) {
            return "it contains a backslash; use '/' between folders";
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
