package io.kamaros.engine.model;

import org.jspecify.annotations.Nullable;

/** No version has that id, id prefix or tag. */
public class VersionNotFoundException extends JcfException {
    public VersionNotFoundException(@Nullable String versionId) {
        super("No version '" + versionId + "' in this project. Use getHistory() to list versions, or a tag name.",
                ErrorCodes.VERSION_NOT_FOUND, detailsOf("versionId", versionId), true, null);
    }
}
