package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A file is already tracked at the target path (for example of a move). */
public class FileExistsException extends JcfException {
    public FileExistsException(String message, @Nullable Map<String, ?> details) {
        super(message, ErrorCodes.FILE_EXISTS, details, false, null);
    }

    public FileExistsException(String message, @Nullable Map<String, ?> details, @Nullable Throwable cause) {
        super(message, ErrorCodes.FILE_EXISTS, details, false, cause);
    }
}
