package io.kamaros.engine.history;

import io.kamaros.engine.model.PathRules;
import io.kamaros.engine.model.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The files and folders a partial checkpoint saves: project-relative paths, each naming a file or
 * everything under a folder ("" or "." is the whole project). Paths that are absolute or climb out
 * with {@code ..} are refused before anything is read.
 */
public final class PathSelection {
    private final List<String> roots;
    private final boolean everything;

    private PathSelection(List<String> roots) {
        this.roots = roots;
        this.everything = roots.contains("");
    }

    /** The checked selection of {@code paths}; null when {@code paths} is empty (a full checkpoint). */
    public static @Nullable PathSelection of(List<String> paths) {
        if (paths.isEmpty()) {
            return null;
        }
        Set<String> roots = new LinkedHashSet<>();
        for (String p : paths) {
            String problem = trimmed(p).isEmpty() ? null : PathRules.problemOf(trimmed(p));
            if (problem != null) {
                throw new ValidationException("Cannot save only '" + p + "': " + problem + ".",
                        Map.of("field", "paths", "value", p, "reason", problem));
            }
            roots.add(trimmed(p));
        }
        return new PathSelection(List.copyOf(roots));
    }

    /** Without a trailing '/', and "." or "/" as the root (""). */
    private static String trimmed(String p) {
        String t = p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
        return t.equals(".") || t.equals("/") ? "" : t;
    }

    /** The paths as given (checked, without duplicates). */
    public List<String> roots() {
        return roots;
    }

    /** True when {@code path} is a selected file or lies in a selected folder. */
    public boolean contains(@Nullable String path) {
        if (path == null) {
            return false;
        }
        if (everything) {
            return true;
        }
        for (String r : roots) {
            if (path.equals(r) || path.startsWith(r) && path.length() > r.length() && path.charAt(r.length()) == '/') {
                return true;
            }
        }
        return false;
    }

    /**
     * Refuses selected paths that name nothing: neither a file (or a folder holding files, or an
     * empty folder) of the working copy nor of the parent version — most likely a typing mistake,
     * which must not pass as "nothing to save".
     */
    public void requireKnown(Collection<String> workingFiles, Collection<String> workingFolders,
                             Collection<String> parentFiles, Collection<String> parentFolders) {
        List<String> unknown = new ArrayList<>();
        for (String r : roots) {
            if (r.isEmpty()) {
                continue;
            }
            PathSelection one = new PathSelection(List.of(r));
            if (workingFiles.stream().noneMatch(one::contains) && workingFolders.stream().noneMatch(one::contains)
                    && parentFiles.stream().noneMatch(one::contains) && parentFolders.stream().noneMatch(one::contains)) {
                unknown.add(r);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ValidationException("Nothing was saved: '" + String.join("', '", unknown) + "' "
                    + (unknown.size() == 1 ? "is" : "are") + " neither in the project's files nor in the current "
                    + "version. Check the spelling; paths are relative to the project folder.",
                    Map.of("field", "paths", "value", unknown.get(0), "paths", List.copyOf(unknown)));
        }
    }
}
