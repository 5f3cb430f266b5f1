package io.kamaros.app.task;

import io.kamaros.app.i18n.I18n;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.JcfException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Turns an error into what a person can read: a headline, the engine's own explanation and what
 * to do next. Never a stack trace.
 */
public final class ErrorMessages {
    private ErrorMessages() {
    }

    /** A failure put into words. */
    public record Described(String headline, String detail, String whatToDo) {
    }

    public static Described describe(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof JcfException jcf) {
            String code = jcf.code() == null ? "" : jcf.code();
            String key = switch (code) {
                case ErrorCodes.FILE_NOT_FOUND -> "fileNotFound";
                case ErrorCodes.FILE_EXISTS -> "fileExists";
                case ErrorCodes.VERSION_NOT_FOUND -> "versionNotFound";
                case ErrorCodes.CORRUPTION_ERROR -> "corruption";
                case ErrorCodes.NO_CHANGES -> "noChanges";
                case ErrorCodes.CONCURRENT_MODIFICATION -> "concurrent";
                case ErrorCodes.OPERATION_CANCELLED -> "cancelled";
                case ErrorCodes.OPERATION_TIMEOUT -> "timeout";
                case ErrorCodes.FILE_TOO_LARGE -> "tooLarge";
                case ErrorCodes.VALIDATION_ERROR, ErrorCodes.HISTORY_NAME_TAKEN -> "validation";
                case ErrorCodes.STORAGE_ERROR -> "storage";
                default -> "generic";
            };
            return new Described(I18n.t("error." + key + ".headline"), clean(jcf.getMessage()),
                    I18n.t("error." + key + ".todo"));
        }
        if (e instanceof AccessDeniedException) {
            return new Described(I18n.t("error.access.headline"), clean(e.getMessage()), I18n.t("error.access.todo"));
        }
        if (e instanceof NoSuchFileException) {
            return new Described(I18n.t("error.fileNotFound.headline"), clean(e.getMessage()),
                    I18n.t("error.fileNotFound.todo"));
        }
        if (e instanceof IOException) {
            return new Described(I18n.t("error.storage.headline"), clean(e.getMessage()), I18n.t("error.storage.todo"));
        }
        if (e instanceof OutOfMemoryError) {
            return new Described(I18n.t("error.memory.headline"), "", I18n.t("error.memory.todo"));
        }
        return new Described(I18n.t("error.generic.headline"),
                e.getMessage() == null ? e.getClass().getSimpleName() : clean(e.getMessage()),
                I18n.t("error.generic.todo"));
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

    private static String clean(@Nullable String message) {
        if (message == null) {
            return "";
        }
        String m = message.strip();
        return m.length() > 600 ? m.substring(0, 600) + "…" : m;
    }
}
