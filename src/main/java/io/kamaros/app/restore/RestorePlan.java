package io.kamaros.app.restore;

import io.kamaros.engine.model.Version;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a restore will do, shown before it runs.
 *
 * @param paths       files to restore; empty = the whole version
 * @param target      another folder to write into, or null for the project's own folder
 * @param changed     files whose content will be replaced
 * @param added       files that will come back
 * @param removed     files that will be removed (not in that version)
 * @param unsaved     uncommitted changes that will be saved first as an automatic checkpoint
 * @param examples    a few of the affected paths
 */
public record RestorePlan(Version version, List<String> paths, @Nullable Path target, int changed, int added, int removed,
                          int unsaved, List<String> examples) {
    public boolean inPlace() {
        return target == null;
    }

    public int total() {
        return changed + added + removed;
    }
}
