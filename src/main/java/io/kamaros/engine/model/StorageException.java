package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The storage underneath (disk, adapter) failed; nothing already stored was changed. */
public class StorageException extends JcfException {
    public StorageException(String message, @Nullable Map<String, ?> details) {
        super(message, ErrorCodes.STORAGE_ERROR, details, false, null);
    }

    public StorageException(String message, @Nullable Map<String, ?> details, @Nullable Throwable cause) {
        super(message, ErrorCodes.STORAGE_ERROR, details, false, cause);
    }
}
