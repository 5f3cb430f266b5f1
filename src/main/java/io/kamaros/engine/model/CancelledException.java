package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The operation was cancelled through its {@link CancellationToken}; the project is as it was before. */
public class CancelledException extends JcfException {
    public CancelledException(String message, @Nullable Map<String, ?> details) {
        super(message, ErrorCodes.OPERATION_CANCELLED, details, true, null);
    }

    public CancelledException(String message, @Nullable Map<String, ?> details, @Nullable Throwable cause) {
        super(message, ErrorCodes.OPERATION_CANCELLED, details, true, cause);
    }
}
