package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The remote's bucket, or a folder remote's folder, does not exist. Nothing stored was changed. */
public class RemoteNotFoundException extends RemoteException {
    public RemoteNotFoundException(String message, @Nullable Map<String, ?> details, @Nullable Throwable cause) {
        super(message, ErrorCodes.REMOTE_NOT_FOUND, details, false, cause);
    }
}
