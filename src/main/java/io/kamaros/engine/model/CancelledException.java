package io.kamaros.engine.model;

import java.util.Map;

/** The operation was cancelled through its {@link CancellationToken}; the project is as it was before. */
public class CancelledException extends JcfException {
    public CancelledException(String message, Map<String, ?> details) {
        super(message, ErrorCodes.OPERATION_CANCELLED, details, true, null);
    }

    public CancelledException(String message, Map<String, ?> details, Throwable cause) {
        super(message, ErrorCodes.OPERATION_CANCELLED, details, true, cause);
    }
}
