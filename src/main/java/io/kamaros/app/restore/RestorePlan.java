package io.kamaros.app.restore;

import io.kamaros.engine.model.Version;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a restore will do, shown before it runs (from the engine's own plan of the restore).
 *
 * @param paths        files to restore; empty = the whole version
 * @param target       another folder to write into, or null for the project's own folder
 * @param changedFiles files whose content will be replaced
 * @param broughtBack  files that will come back (into another folder: every file written there)
 * @param removedFiles files that will be removed (not in that version)
 * @param unsaved      uncommitted changes that will be saved first as an automatic checkpoint
 */
public record RestorePlan(Version version, List<String> paths, @Nullable Path target, List<String> changedFiles,
                          List<String> broughtBack, List<String> removedFiles, int unsaved) {
    public RestorePlan {
        paths = List.copyOf(paths);
        changedFiles = List.copyOf(changedFiles);
        broughtBack = List.copyOf(broughtBack);
        removedFiles = List.copyOf(removedFiles);
    }

    public boolean inPlace() {
        return target == null;
    }

    public int changed() {
        return changedFiles.size();
    }

    public int added() {
        return broughtBack.size();
    }

    public int removed() {
        return removedFiles.size();
    }

    public int total() {
        return changed() + added() + removed();
    }
}
