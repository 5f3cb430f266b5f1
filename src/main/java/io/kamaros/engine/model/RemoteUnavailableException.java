package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The remote answered with server errors or throttling, or not in time, also after retries; try again later. Nothing stored was changed. */
public class RemoteUnavailableException extends RemoteException {
    public RemoteUnavailableException(String message, @Nullable Map<String, ?> details, @Nullable Throwable cause) {
        super(message, ErrorCodes.REMOTE_UNAVAILABLE, details, true, cause);
    }
}
