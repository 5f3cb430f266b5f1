package io.kamaros.engine.remote;

import io.kamaros.engine.model.RemoteException;

/**
 * A request failed in a way that may pass when repeated (a server error, throttling, a time-out, a dropped
 * connection). {@link RemoteStore} retries it with backoff; when the retries are used up it throws {@link
 * #whenExhausted()}. {@link #mayHaveWritten()} says the write may have happened anyway (the request reached the
 * server and the answer was lost), so the store reads back before deciding.
 */
public final class TransientRemoteException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean mayHaveWritten;
    private final RemoteException whenExhausted;

    public TransientRemoteException(boolean mayHaveWritten, RemoteException whenExhausted) {
        super(whenExhausted.getMessage(), whenExhausted);
        this.mayHaveWritten = mayHaveWritten;
        this.whenExhausted = whenExhausted;
    }

    public boolean mayHaveWritten() {
        return mayHaveWritten;
    }

    public RemoteException whenExhausted() {
        return whenExhausted;
    }
}
