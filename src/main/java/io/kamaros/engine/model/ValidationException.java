package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Bad input: a path, option or value the engine cannot accept. {@code details().get("field")} names it. */
public class ValidationException extends JcfException {
    public ValidationException(String message, @Nullable Map<String, ?> details) {
        super(message, ErrorCodes.VALIDATION_ERROR, details, false, null);
    }

    public ValidationException(String message, @Nullable Map<String, ?> details, @Nullable Throwable cause) {
        super(message, ErrorCodes.VALIDATION_ERROR, details, false, cause);
    }

    /** A kind of bad input with a code of its own (e.g. {@link ErrorCodes#HISTORY_NAME_TAKEN}). */
    public ValidationException(String message, String code, @Nullable Map<String, ?> details) {
        super(message, code, details, false, null);
    }
}
