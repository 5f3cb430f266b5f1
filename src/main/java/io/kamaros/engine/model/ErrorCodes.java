package io.kamaros.engine.model;

/** The stable error codes of {@link JcfException#code()}. */
public final class ErrorCodes {
    public static final String VALIDATION_ERROR = "VALIDATION_ERROR";
    public static final String FILE_NOT_FOUND = "FILE_NOT_FOUND";
    public static final String FILE_EXISTS = "FILE_EXISTS";
    public static final String VERSION_NOT_FOUND = "VERSION_NOT_FOUND";
    public static final String STORAGE_ERROR = "STORAGE_ERROR";
    public static final String CORRUPTION_ERROR = "CORRUPTION_ERROR";
    public static final String NO_CHANGES = "NO_CHANGES";
    public static final String CONCURRENT_MODIFICATION = "CONCURRENT_MODIFICATION";
    public static final String OPERATION_CANCELLED = "OPERATION_CANCELLED";
    public static final String OPERATION_TIMEOUT = "OPERATION_TIMEOUT";
    public static final String FILE_TOO_LARGE = "FILE_TOO_LARGE";
    public static final String NOT_INITIALIZED = "NOT_INITIALIZED";
    /** An encrypted project or archive needs its password ({@link PasswordException}). */
    public static final String PASSWORD_REQUIRED = "PASSWORD_REQUIRED";
    /** The password does not open this encrypted project or archive ({@link PasswordException}). */
    public static final String WRONG_PASSWORD = "WRONG_PASSWORD";
    /**
     * A folder opened as a project already holds files of its own under the names the history uses
     * ({@code manifest.json}, {@code .store/}); they are left alone (a {@link ValidationException}).
     */
    public static final String HISTORY_NAME_TAKEN = "HISTORY_NAME_TAKEN";

    /** A remote's bucket (or a folder remote's folder) does not exist ({@link RemoteNotFoundException}). */
    public static final String REMOTE_NOT_FOUND = "REMOTE_NOT_FOUND";
    /** The remote refused the credentials or the request ({@link RemoteAccessDeniedException}). */
    public static final String REMOTE_ACCESS_DENIED = "REMOTE_ACCESS_DENIED";
    /** No connection to the remote's endpoint could be made ({@link RemoteUnreachableException}). */
    public static final String REMOTE_UNREACHABLE = "REMOTE_UNREACHABLE";
    /**
     * The remote answered with server errors, throttling or not in time, also after retries
     * ({@link RemoteUnavailableException}); trying again later may work.
     */
    public static final String REMOTE_UNAVAILABLE = "REMOTE_UNAVAILABLE";
    /** Any other refusal of a remote, or a remote that cannot be used safely ({@link RemoteException}). */
    public static final String REMOTE_ERROR = "REMOTE_ERROR";
    /** The current version (the working copy's base) cannot be forgotten; restore another one first. */
    public static final String FORGET_CURRENT_VERSION = "FORGET_CURRENT_VERSION";
    /** A tagged version is forgotten only when forced ({@code ForgetOptions.force}). */
    public static final String FORGET_TAGGED_VERSION = "FORGET_TAGGED_VERSION";

    private ErrorCodes() {
    }
}
