package io.kamaros.cli;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A failure found by the CLI itself (not the engine): one line for the user and an exit code. */
public class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;
    private final String code;
    private final Map<String, Object> details;

    public CliException(int exitCode, String code, @Nullable String message) {
        this(exitCode, code, message, Map.of());
    }

    public CliException(int exitCode, String code, @Nullable String message, Map<String, Object> details) {
        super(message);
        this.exitCode = exitCode;
        this.code = code;
        this.details = details;
    }

    public int exitCode() {
        return exitCode;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    static CliException badArgument(@Nullable String message) {
        return new CliException(ExitCodes.BAD_ARGUMENTS, "BAD_ARGUMENTS", message);
    }

    static CliException notFound(String message) {
        return new CliException(ExitCodes.FILE_NOT_FOUND, "FILE_NOT_FOUND", message);
    }
}
