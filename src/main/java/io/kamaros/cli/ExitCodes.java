package io.kamaros.cli;

import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.JcfException;
import org.jspecify.annotations.Nullable;

/**
 * The CLI's exit codes (spec §5, plus 6 for a project another program is changing, 7 for a missing
 * or wrong password, 8 for a commit saved with warnings and 9 for a remote that cannot be used).
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int GENERAL = 1;
    public static final int BAD_ARGUMENTS = 2;
    public static final int FILE_NOT_FOUND = 3;
    public static final int VERSION_NOT_FOUND = 4;
    public static final int INTEGRITY = 5;
    public static final int LOCKED = 6;
    /** An encrypted project (or archive) needs its password, or the one given is wrong. */
    public static final int PASSWORD = 7;
    /**
     * The checkpoint was saved, but the working copy holds entries it did not save as they are
     * (unreadable files, links, special files, invalid names) or names Windows cannot restore; the
     * list is printed (and in {@code --json} output, {@code unversionable}).
     */
    public static final int SAVED_WITH_WARNINGS = 8;

    /** A remote cannot be used: unreachable, access denied, unavailable or refusing (see {@code kamaros remote test}). */
    public static final int REMOTE = 9;

    private ExitCodes() {
    }

    /** Maps the engine's stable error codes, so scripts can tell failures apart without parsing text. */
    public static int of(JcfException e) {
        return ofCode(e.code());
    }

    /** {@link #of(JcfException)} by the error's code alone (null: {@link #OK}). */
    public static int ofCode(@Nullable String code) {
        if (code == null) {
            return OK;
        }
        return switch (code) {
            case ErrorCodes.FILE_NOT_FOUND, ErrorCodes.REMOTE_NOT_FOUND -> FILE_NOT_FOUND;
            case ErrorCodes.REMOTE_ACCESS_DENIED, ErrorCodes.REMOTE_UNREACHABLE, ErrorCodes.REMOTE_UNAVAILABLE,
                    ErrorCodes.REMOTE_ERROR -> REMOTE;
            case ErrorCodes.VERSION_NOT_FOUND -> VERSION_NOT_FOUND;
            case ErrorCodes.CORRUPTION_ERROR -> INTEGRITY;
            case ErrorCodes.CONCURRENT_MODIFICATION -> LOCKED;
            case ErrorCodes.PASSWORD_REQUIRED, ErrorCodes.WRONG_PASSWORD -> PASSWORD;
            case ErrorCodes.VALIDATION_ERROR, ErrorCodes.FILE_EXISTS, ErrorCodes.FILE_TOO_LARGE,
                    ErrorCodes.HISTORY_NAME_TAKEN, ErrorCodes.FORGET_CURRENT_VERSION,
                    ErrorCodes.FORGET_TAGGED_VERSION -> BAD_ARGUMENTS;
            default -> GENERAL;
        };
    }
}
