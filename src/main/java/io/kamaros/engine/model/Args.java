package io.kamaros.engine.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Checks of the arguments callers pass to the public API, so that every caller mistake is a
 * {@link ValidationException} ({@code VALIDATION_ERROR}) naming the argument in
 * {@code details().get("field")} — never a raw {@code NullPointerException}, a "file not found" or a
 * storage error telling the person to check the disk.
 */
public final class Args {
    private Args() {
    }

    /** {@code value}, or a ValidationException saying that {@code field} is required. */
    public static <T> T required(@Nullable T value, String field, String what) {
        if (value == null) {
            throw new ValidationException(what + " is required (" + field + " was null).",
                    JcfException.detailsOf("field", field, "value", "null"));
        }
        return value;
    }

    /** A list argument that must be given and hold no null element. */
    public static <T extends Collection<?>> T elements(@Nullable T values, String field, String what) {
        T checked = required(values, field, what);
        for (Object v : checked) {
            if (v == null) {
                throw new ValidationException(what + " must not contain null (" + field + ").",
                        JcfException.detailsOf("field", field, "value", String.valueOf(checked)));
            }
        }
        return checked;
    }

    /** A version id, prefix, tag or HEAD expression: given and not blank. */
    public static String versionRef(@Nullable String ref, String field) {
        if (ref == null || ref.isBlank()) {
            throw new ValidationException("A version is required: give its id, a unique id prefix, a tag or HEAD ("
                    + field + " was " + (ref == null ? "null" : "blank") + ").",
                    JcfException.detailsOf("field", field, "value", String.valueOf(ref)));
        }
        return ref;
    }

    /** A file the caller asks the engine to read: it must exist and be a regular file. */
    public static Path existingFile(@Nullable Path given, String field) {
        Path file = required(given, field, "A file");
        if (Files.isDirectory(file)) {
            throw new ValidationException("'" + file + "' is a folder; give the path of a .jcf file.",
                    JcfException.detailsOf("field", field, "value", file.toString()));
        }
        if (!Files.exists(file)) {
            throw new ValidationException("The file '" + file + "' does not exist. Check the path.",
                    JcfException.detailsOf("field", field, "value", file.toString()));
        }
        return file;
    }

    /** A file the caller asks the engine to write: not a folder, and not below a file (missing folders are made). */
    public static Path writableFile(@Nullable Path given, String field) {
        Path file = required(given, field, "A file");
        if (Files.isDirectory(file)) {
            throw new ValidationException("'" + file + "' is a folder; give the path of the file to write, e.g. "
                    + file.resolve("backup.jcf") + ".", JcfException.detailsOf("field", field, "value", file.toString()));
        }
        for (Path p = file.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new ValidationException("'" + p + "' is a file, so '" + file + "' cannot be written below it. "
                            + "Choose another place.", JcfException.detailsOf("field", field, "value", file.toString()));
                }
                break;
            }
        }
        return file;
    }

    /** A folder to write into: it may not exist yet, but must not be a regular file. */
    public static @Nullable Path targetFolder(@Nullable Path folder, String field) {
        if (folder != null && Files.isRegularFile(folder)) {
            throw new ValidationException("'" + folder + "' is a file; restore into a folder (it is created when "
                    + "missing).", JcfException.detailsOf("field", field, "value", folder.toString()));
        }
        return folder;
    }
}
