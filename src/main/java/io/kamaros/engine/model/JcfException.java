package io.kamaros.engine.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Base of every error the engine raises. {@link #code()} is stable (scripts may switch on it),
 * {@link #details()} names what the error is about, and the message says what happened and what
 * the person can do.
 */
public class JcfException extends RuntimeException {
    private final String code;
    private final Map<String, @Nullable Object> details;
    private final boolean recoverable;
    private final Instant timestamp = Instant.now();

    public JcfException(String message, String code, @Nullable Map<String, ?> details) {
        this(message, code, details, false, null);
    }

    public JcfException(String message, String code, @Nullable Map<String, ?> details, boolean recoverable, @Nullable Throwable cause) {
        super(message, cause);
        this.code = code;
        this.details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.recoverable = recoverable;
    }

    public String code() {
        return code;
    }

    public Map<String, @Nullable Object> details() {
        return details;
    }

    public boolean recoverable() {
        return recoverable;
    }

    public Instant timestamp() {
        return timestamp;
    }

    /** The seed's {@code getContext()}: name, code, message, details, timestamp. */
    public Map<String, @Nullable Object> context() {
        Map<String, @Nullable Object> ctx = new LinkedHashMap<>();
        ctx.put("name", getClass().getSimpleName());
        ctx.put("code", code);
        ctx.put("message", getMessage());
        ctx.put("details", details);
        ctx.put("timestamp", timestamp.toString());
        return ctx;
    }

    /** Builds a details map that tolerates null values (Map.of does not). */
    public static Map<String, @Nullable Object> detailsOf(@Nullable Object... keyValues) {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
