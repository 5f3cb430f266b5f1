package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Stored data does not match its hash or cannot be parsed; the engine never returns wrong bytes instead. */
public class CorruptionException extends JcfException {
    public CorruptionException(String message, @Nullable Map<String, ?> details) {
        super(message, ErrorCodes.CORRUPTION_ERROR, details, false, null);
    }

    public CorruptionException(String message, @Nullable Map<String, ?> details, @Nullable Throwable cause) {
        super(message, ErrorCodes.CORRUPTION_ERROR, details, false, cause);
    }
}
