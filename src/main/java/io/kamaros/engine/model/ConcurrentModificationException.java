package io.kamaros.engine.model;

import java.util.Map;

/** Another process (or operation) holds the project's writer lock. */
public class ConcurrentModificationException extends JcfException {
    public ConcurrentModificationException(String message, Map<String, ?> details) {
        super(message, ErrorCodes.CONCURRENT_MODIFICATION, details, true, null);
    }

    public ConcurrentModificationException(String message, Map<String, ?> details, Throwable cause) {
        super(message, ErrorCodes.CONCURRENT_MODIFICATION, details, true, cause);
    }
}
