package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The operation ran longer than {@link JcfConfig#operationTimeout()}; the project is as it was before. */
public class OperationTimeoutException extends JcfException {
    public OperationTimeoutException(String message, @Nullable Map<String, ?> details) {
        super(message, ErrorCodes.OPERATION_TIMEOUT, details, true, null);
    }

    public OperationTimeoutException(String message, @Nullable Map<String, ?> details, @Nullable Throwable cause) {
        super(message, ErrorCodes.OPERATION_TIMEOUT, details, true, cause);
    }
}
