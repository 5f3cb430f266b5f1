package io.kamaros.engine.model;

import java.util.Map;

/** A file is already tracked at the target path (for example of a move). */
public class FileExistsException extends JcfException {
    public FileExistsException(String message, Map<String, ?> details) {
        super(message, ErrorCodes.FILE_EXISTS, details, false, null);
    }

    public FileExistsException(String message, Map<String, ?> details, Throwable cause) {
        super(message, ErrorCodes.FILE_EXISTS, details, false, cause);
    }
}
