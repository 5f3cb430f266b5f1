package io.kamaros.engine.model;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a restore did.
 *
 * @param previousVersionId  HEAD before the restore
 * @param autoSavedVersionId the automatic checkpoint of uncommitted work made first, or null
 * @param undoPaths          the files a restore of chosen files restored: restoring {@link #undoVersionId()}
 *                           with these paths ({@code RestoreOptions.paths}) undoes it; empty after a whole
 *                           restore, which is undone by restoring the whole version. Restoring chosen
 *                           files saves only the unsaved changes it overwrites, as a version beside HEAD
 *                           (HEAD does not move; the other unsaved changes stay unsaved).
 */
public record RestoreResult(String versionId, @Nullable String previousVersionId,
                            @Nullable String autoSavedVersionId, int filesRestored,
                            int filesDeleted, int patchesApplied, Duration duration, List<String> undoPaths) {
    public RestoreResult {
        undoPaths = undoPaths == null ? List.of() : List.copyOf(undoPaths);
    }

    /** A whole-version restore, or one into another folder. */
    public RestoreResult(String versionId, @Nullable String previousVersionId, @Nullable String autoSavedVersionId,
                         int filesRestored, int filesDeleted, int patchesApplied, Duration duration) {
        this(versionId, previousVersionId, autoSavedVersionId, filesRestored, filesDeleted, patchesApplied, duration,
                List.of());
    }

    public @Nullable String undoVersionId() {
        return autoSavedVersionId != null ? autoSavedVersionId : previousVersionId;
    }
}
