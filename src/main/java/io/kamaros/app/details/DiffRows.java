package io.kamaros.app.details;

import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileChange;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.RenameInfo;
import io.kamaros.engine.model.VersionDiff;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A diff as the rows of a list of changes, one per file, sorted by path: a renamed file once under its
 * new path (with its old one), marked renamed even when its content changed too. Version details and
 * the unsaved changes list the same way.
 */
public final class DiffRows {
    private DiffRows() {
    }

    /** Makes one row; both sizes are -1 for a file only renamed. */
    @FunctionalInterface
    public interface Make<T> {
        T row(ChangeType type, String path, @Nullable String previousPath, long sizeBefore, long sizeAfter);
    }

    public static <T> List<T> of(VersionDiff d, Make<T> make, Function<T, String> pathOf) {
        Map<String, String> renamedFrom = new HashMap<>();
        for (RenameInfo r : d.renamed()) {
            renamedFrom.put(r.toPath(), r.fromPath());
        }
        List<T> out = new ArrayList<>();
        Set<String> modified = new HashSet<>();
        for (FileChange c : d.added()) {
            out.add(make.row(ChangeType.ADDED, c.path(), null, 0, size(c.after())));
        }
        for (FileChange c : d.modified()) {
            modified.add(c.path());
            String from = renamedFrom.get(c.path());
            out.add(make.row(from != null ? ChangeType.RENAMED : ChangeType.MODIFIED, c.path(), from,
                    size(c.before()), size(c.after())));
        }
        for (RenameInfo r : d.renamed()) {
            if (!modified.contains(r.toPath())) {
                out.add(make.row(ChangeType.RENAMED, r.toPath(), r.fromPath(), -1, -1));
            }
        }
        for (FileChange c : d.deleted()) {
            out.add(make.row(ChangeType.DELETED, c.path(), null, size(c.before()), 0));
        }
        out.sort(Comparator.comparing(pathOf));
        return out;
    }

    private static long size(@Nullable FileState s) {
        return s == null ? 0 : s.size();
    }
}
