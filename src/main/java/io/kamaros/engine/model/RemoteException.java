package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A remote (S3-compatible storage or a plain folder holding a copy of a project's history) refused or failed a
 * request. The subclasses name the cases people can act on; {@link #details()} holds {@code remote} (where) and,
 * when known, {@code status} (the HTTP status) and {@code serverCode} (the server's error code).
 */
public class RemoteException extends JcfException {
    public RemoteException(String message, @Nullable Map<String, ?> details, @Nullable Throwable cause) {
        this(message, ErrorCodes.REMOTE_ERROR, details, false, cause);
    }

    protected RemoteException(String message, String code, @Nullable Map<String, ?> details, boolean recoverable,
                              @Nullable Throwable cause) {
        super(message, code, details, recoverable, cause);
    }
}
