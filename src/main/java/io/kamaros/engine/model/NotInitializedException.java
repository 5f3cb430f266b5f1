package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An operation was called before {@code init(adapter)} or after {@code close()}. */
public class NotInitializedException extends JcfException {
    public NotInitializedException(String message, @Nullable Map<String, ?> details) {
        super(message, ErrorCodes.NOT_INITIALIZED, details, false, null);
    }

    public NotInitializedException(String message, @Nullable Map<String, ?> details, @Nullable Throwable cause) {
        super(message, ErrorCodes.NOT_INITIALIZED, details, false, cause);
    }
}
