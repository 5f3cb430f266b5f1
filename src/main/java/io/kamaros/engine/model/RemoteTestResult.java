package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code Remotes.test} found: whether the remote can be read and written with the writes its protocol needs
 * (create-if-absent, compare-and-set), and if not, why, in plain words.
 *
 * @param code    {@code null} when usable, else the {@link ErrorCodes} of what stands in the way
 * @param message one sentence for people
 */
public record RemoteTestResult(RemoteConfig remote, Status status, @Nullable String code, String message,
                               Map<String, Object> details) {
    public enum Status {
        /** Listed, written, read back and deleted a probe; conditional writes refuse as they must. */
        READY,
        /** The bucket or folder does not exist. */
        NOT_FOUND,
        /** The credentials are missing, wrong or lack a right (list, read, write or delete). */
        ACCESS_DENIED,
        /** No connection to the endpoint. */
        UNREACHABLE,
        /** Server errors, throttling or time-outs, also after retries. */
        UNAVAILABLE,
        /** The server ignores If-None-Match / If-Match, so concurrent pushes could overwrite each other. */
        NO_CONDITIONAL_WRITES,
        /** Anything else (the message says what). */
        FAILED
    }

    public RemoteTestResult {
        details = Map.copyOf(details);
    }

    public boolean ready() {
        return status == Status.READY;
    }
}
