package io.kamaros.app.task;

import io.kamaros.app.i18n.I18n;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.JcfException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns an error into what a person can read: a headline (what happened), the engine's own
 * explanation as detail, and the one thing to do about it. Never a stack trace or a Java class name.
 * A disk problem is told by the I/O failure underneath the engine's error (read-only, no permission,
 * full), so the advice fits it.
 */
public final class ErrorMessages {
    /** "java.nio.file.FileSystemException: " or "ZipException: " inside a message: not for people. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.)*[A-Z][A-Za-z0-9_]*(?:Exception|Error)\\b:?\\s*");

    private ErrorMessages() {
    }

    /** A failure put into words. */
    public record Described(String headline, String detail, String whatToDo) {
    }

    /** The kinds of failure a person is told apart; each has {@code error.<key>.headline} and {@code .todo}. */
    public enum Kind {
        GENERIC("generic"), FILE_NOT_FOUND("fileNotFound"), FILE_EXISTS("fileExists"),
        VERSION_NOT_FOUND("versionNotFound"), CORRUPTION("corruption"), NOT_AN_ARCHIVE("notAnArchive"),
        DAMAGED_ARCHIVE("damagedArchive"), NO_CHANGES("noChanges"), CONCURRENT("concurrent"),
        CANCELLED("cancelled"), TIMEOUT("timeout"), TOO_LARGE("tooLarge"), VALIDATION("validation"),
        HISTORY_NAME_TAKEN("historyNameTaken"), NOT_INITIALIZED("notInitialized"),
        PASSWORD_REQUIRED("passwordRequired"), WRONG_PASSWORD("wrongPassword"), STORAGE("storage"),
        READ_ONLY("readOnly"), ACCESS("access"), DISK_FULL("diskFull"), MEMORY("memory"),
        REMOTE_NOT_FOUND("remoteNotFound"), REMOTE_ACCESS_DENIED("remoteAccessDenied"),
        REMOTE_UNREACHABLE("remoteUnreachable"), REMOTE_UNAVAILABLE("remoteUnavailable"), REMOTE("remote"),
        FORGET_CURRENT("forgetCurrent"), FORGET_TAGGED("forgetTagged");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String headlineKey() {
            return "error." + key + ".headline";
        }

        public String todoKey() {
            return "error." + key + ".todo";
        }
    }

    public static Described describe(Throwable error) {
        Throwable e = unwrap(error);
        Kind kind = kindOf(e);
        String detail = kind == Kind.MEMORY ? "" : clean(e.getMessage());
        return new Described(I18n.t(kind.headlineKey()), detail, I18n.t(kind.todoKey()));
    }

    /** Which kind of failure this is; the I/O failure underneath decides for disk problems. */
    public static Kind kindOf(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof OutOfMemoryError) {
            return Kind.MEMORY;
        }
        Kind disk = diskProblem(e);
        if (disk != null) {
            return disk;
        }
        if (e instanceof CorruptionException c) {
            return c.isNotAnArchive() ? Kind.NOT_AN_ARCHIVE : c.isInArchive() ? Kind.DAMAGED_ARCHIVE : Kind.CORRUPTION;
        }
        if (e instanceof JcfException jcf) {
            String code = jcf.code() == null ? "" : jcf.code();
            return switch (code) {
                case ErrorCodes.FILE_NOT_FOUND -> Kind.FILE_NOT_FOUND;
                case ErrorCodes.FILE_EXISTS -> Kind.FILE_EXISTS;
                case ErrorCodes.VERSION_NOT_FOUND -> Kind.VERSION_NOT_FOUND;
                case ErrorCodes.CORRUPTION_ERROR -> Kind.CORRUPTION;
                case ErrorCodes.NO_CHANGES -> Kind.NO_CHANGES;
                case ErrorCodes.CONCURRENT_MODIFICATION -> Kind.CONCURRENT;
                case ErrorCodes.OPERATION_CANCELLED -> Kind.CANCELLED;
                case ErrorCodes.OPERATION_TIMEOUT -> Kind.TIMEOUT;
                case ErrorCodes.FILE_TOO_LARGE -> Kind.TOO_LARGE;
                case ErrorCodes.VALIDATION_ERROR -> Kind.VALIDATION;
                case ErrorCodes.HISTORY_NAME_TAKEN -> Kind.HISTORY_NAME_TAKEN;
                case ErrorCodes.NOT_INITIALIZED -> Kind.NOT_INITIALIZED;
                case ErrorCodes.PASSWORD_REQUIRED -> Kind.PASSWORD_REQUIRED;
                case ErrorCodes.WRONG_PASSWORD -> Kind.WRONG_PASSWORD;
                case ErrorCodes.STORAGE_ERROR -> Kind.STORAGE;
                case ErrorCodes.REMOTE_NOT_FOUND -> Kind.REMOTE_NOT_FOUND;
                case ErrorCodes.REMOTE_ACCESS_DENIED -> Kind.REMOTE_ACCESS_DENIED;
                case ErrorCodes.REMOTE_UNREACHABLE -> Kind.REMOTE_UNREACHABLE;
                case ErrorCodes.REMOTE_UNAVAILABLE -> Kind.REMOTE_UNAVAILABLE;
                case ErrorCodes.REMOTE_ERROR -> Kind.REMOTE;
                case ErrorCodes.FORGET_CURRENT_VERSION -> Kind.FORGET_CURRENT;
                case ErrorCodes.FORGET_TAGGED_VERSION -> Kind.FORGET_TAGGED;
                default -> Kind.GENERIC;
            };
        }
        if (e instanceof NoSuchFileException) {
            return Kind.FILE_NOT_FOUND;
        }
        if (e instanceof IOException) {
            return Kind.STORAGE;
        }
        return Kind.GENERIC;
    }

    /** A read-only disk, a folder the person may not write, or a full disk, anywhere in the causes. */
    private static @Nullable Kind diskProblem(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AccessDeniedException) {
                return Kind.ACCESS;
            }
            if (t instanceof IOException io) {
                String reason = (io instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                        : String.valueOf(io.getMessage())).toLowerCase(Locale.ROOT);
                if (reason.contains("read-only file system")) {
                    return Kind.READ_ONLY;
                }
                if (reason.contains("no space left") || reason.contains("not enough space") || reason.contains("disk full")
                        || reason.contains("disk quota exceeded")) {
                    return Kind.DISK_FULL;
                }
                if (reason.contains("permission denied") || reason.contains("operation not permitted")) {
                    return Kind.ACCESS;
                }
            }
        }
        return null;
    }

    /** True for the engine's "cancelled" error: a person asked for it, so it is not shown as a failure. */
    public static boolean isCancellation(Throwable error) {
        Throwable e = unwrap(error);
        return (e instanceof JcfException jcf && ErrorCodes.OPERATION_CANCELLED.equals(jcf.code()))
                || e instanceof CancellationException;
    }

    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException
                || e instanceof UncheckedIOException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** The message without Java class names, at most 600 characters. */
    static String clean(@Nullable String message) {
        if (message == null) {
            return "";
        }
        String m = CLASS_NAME.matcher(message).replaceAll("").strip();
        return m.length() > 600 ? m.substring(0, 600) + "…" : m;
    }
}
