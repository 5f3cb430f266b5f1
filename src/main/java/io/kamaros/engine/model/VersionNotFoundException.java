package io.kamaros.engine.model;

/** No version has that id, id prefix or tag. */
public class VersionNotFoundException extends JcfException {
    public VersionNotFoundException(String versionId) {
        super("No version '" + versionId + "' in this project. Use getHistory() to list versions, or a tag name.",
                ErrorCodes.VERSION_NOT_FOUND, detailsOf("versionId", versionId), true, null);
    }
}
