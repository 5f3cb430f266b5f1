package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A path is not in the working copy or in the asked version (not {@code java.io}'s class). */
public class FileNotFoundException extends JcfException {
    /** A path missing from the working copy. */
    public FileNotFoundException(String path) {
        this(path, (String) null);
    }

    public FileNotFoundException(String path, @Nullable String versionId) {
        super(versionId == null
                        ? "File '" + path + "' is not in the project. Check the path (paths use '/' and are case-sensitive)."
                        : "File '" + path + "' does not exist in version " + versionId + ". Use getFileHistory to see where it lived.",
                ErrorCodes.FILE_NOT_FOUND, detailsOf("path", path, "versionId", versionId), true, null);
    }

    public FileNotFoundException(String message, @Nullable Map<String, ?> details) {
        super(message, ErrorCodes.FILE_NOT_FOUND, details, true, null);
    }
}
