package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The remote refused the credentials (none found, wrong, or without the right to this bucket). Nothing stored was changed. */
public class RemoteAccessDeniedException extends RemoteException {
    public RemoteAccessDeniedException(String message, @Nullable Map<String, ?> details, @Nullable Throwable cause) {
        super(message, ErrorCodes.REMOTE_ACCESS_DENIED, details, false, cause);
    }
}
