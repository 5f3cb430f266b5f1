package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Another process (or operation) holds the project's writer lock. */
public class ConcurrentModificationException extends JcfException {
    public ConcurrentModificationException(String message, @Nullable Map<String, ?> details) {
        super(message, ErrorCodes.CONCURRENT_MODIFICATION, details, true, null);
    }

    public ConcurrentModificationException(String message, @Nullable Map<String, ?> details, @Nullable Throwable cause) {
        super(message, ErrorCodes.CONCURRENT_MODIFICATION, details, true, cause);
    }
}
