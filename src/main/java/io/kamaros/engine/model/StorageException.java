package io.kamaros.engine.model;

import java.util.Map;

/** The storage underneath (disk, adapter) failed; nothing already stored was changed. */
public class StorageException extends JcfException {
    public StorageException(String message, Map<String, ?> details) {
        super(message, ErrorCodes.STORAGE_ERROR, details, false, null);
    }

    public StorageException(String message, Map<String, ?> details, Throwable cause) {
        super(message, ErrorCodes.STORAGE_ERROR, details, false, cause);
    }
}
