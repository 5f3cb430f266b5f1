package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** No connection to the remote's endpoint could be made (wrong address, server down, no network). Nothing stored was changed. */
public class RemoteUnreachableException extends RemoteException {
    public RemoteUnreachableException(String message, @Nullable Map<String, ?> details, @Nullable Throwable cause) {
        super(message, ErrorCodes.REMOTE_UNREACHABLE, details, true, cause);
    }
}
