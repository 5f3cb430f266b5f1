package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A checkpoint found nothing to save (use {@code allowEmpty} to save one anyway). */
public class NoChangesException extends JcfException {
    public NoChangesException(String message, @Nullable Map<String, ?> details) {
        super(message, ErrorCodes.NO_CHANGES, details, true, null);
    }

    public NoChangesException(String message, @Nullable Map<String, ?> details, @Nullable Throwable cause) {
        super(message, ErrorCodes.NO_CHANGES, details, true, cause);
    }
}
