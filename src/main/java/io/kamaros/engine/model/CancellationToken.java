package io.kamaros.engine.model;

import java.util.Map;

/**
 * Lets a caller (a GUI Cancel button, Ctrl-C in the CLI) stop a long operation. Operations check
 * it between steps; a cancelled checkpoint or restore leaves the project exactly as it was.
 * Thread-safe: cancel from any thread.
 */
public final class CancellationToken {
    /** A token nobody can cancel, for callers that do not need one. */
    public static final CancellationToken NONE = new CancellationToken();

    private volatile boolean cancelled;

    public void cancel() {
        if (this != NONE) {
            cancelled = true;
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link CancelledException} when cancel was asked. */
    public void throwIfCancelled(String operation) {
        if (cancelled) {
            throw new CancelledException("The " + operation + " was cancelled; the project is as it was before.",
                    Map.of("operation", operation));
        }
    }
}
