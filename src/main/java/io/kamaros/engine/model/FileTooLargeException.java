package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A file is larger than the configured or adapter limit. */
public class FileTooLargeException extends JcfException {
    public FileTooLargeException(String message, @Nullable Map<String, ?> details) {
        super(message, ErrorCodes.FILE_TOO_LARGE, details, false, null);
    }

    public FileTooLargeException(String message, @Nullable Map<String, ?> details, @Nullable Throwable cause) {
        super(message, ErrorCodes.FILE_TOO_LARGE, details, false, cause);
    }
}
