package io.kamaros.engine.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Stored data does not match its hash or cannot be parsed; the engine never returns wrong bytes instead. */
public class CorruptionException extends JcfException {
    /** The details' key that says what kind of damage this is, when the engine can tell. */
    public static final String KIND = "kind";
    /** {@link #KIND}: the file read as an archive is something else (a text file renamed .jcf, another program's ZIP). */
    public static final String NOT_AN_ARCHIVE = "not-an-archive";
    /** The details' key naming where the damage is; {@link #ARCHIVE} for an archive being imported. */
    public static final String SOURCE = "source";
    /** {@link #SOURCE}: the damage is in an archive being imported; the project was not changed. */
    public static final String ARCHIVE = "archive";

    public CorruptionException(String message, @Nullable Map<String, ?> details) {
        super(message, ErrorCodes.CORRUPTION_ERROR, details, false, null);
    }

    public CorruptionException(String message, @Nullable Map<String, ?> details, @Nullable Throwable cause) {
        super(message, ErrorCodes.CORRUPTION_ERROR, details, false, cause);
    }

    /** This error, marked as found in an archive being imported (nothing of the project is damaged). */
    public CorruptionException inArchive() {
        if (isInArchive()) {
            return this;
        }
        Map<String, @Nullable Object> marked = new LinkedHashMap<>(details());
        marked.put(SOURCE, ARCHIVE);
        CorruptionException e = new CorruptionException(Objects.requireNonNullElse(getMessage(), ""), marked, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** True when the damage was found in an archive being imported, not in a project's history. */
    public boolean isInArchive() {
        return ARCHIVE.equals(details().get(SOURCE));
    }

    /** True when the file is not an archive at all, rather than a damaged one. */
    public boolean isNotAnArchive() {
        return NOT_AN_ARCHIVE.equals(details().get(KIND));
    }
}
