package io.kamaros.engine;

import java.util.Map;

/** Bad input: a path, option or value the engine cannot accept. {@code details().get("field")} names it. */
public class ValidationException extends JcfException {
    public ValidationException(String message, Map<String, ?> details) {
        super(message, ErrorCodes.VALIDATION_ERROR, details, false, null);
    }

    public ValidationException(String message, Map<String, ?> details, Throwable cause) {
        super(message, ErrorCodes.VALIDATION_ERROR, details, false, cause);
    }
}
