package io.kamaros.engine.model;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a restore did.
 *
 * @param previousVersionId  HEAD before the restore
 * @param autoSavedVersionId the automatic checkpoint of uncommitted work made first, or null
 * @param undoVersionId      restoring this version undoes the restore (the auto-save, else the previous HEAD)
 */
public record RestoreResult(String versionId, @Nullable String previousVersionId,
                            @Nullable String autoSavedVersionId, int filesRestored,
                            int filesDeleted, int patchesApplied, Duration duration) {
    public @Nullable String undoVersionId() {
        return autoSavedVersionId != null ? autoSavedVersionId : previousVersionId;
    }
}
