package io.kamaros.engine.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An encrypted project was opened (or an encrypted archive imported) without its password
 * ({@link ErrorCodes#PASSWORD_REQUIRED}) or with a wrong one ({@link ErrorCodes#WRONG_PASSWORD}).
 * Raised after reading only {@code manifest.json}: nothing else was read or written. Recoverable:
 * ask for the password and try again.
 */
public class PasswordException extends JcfException {
    public PasswordException(String code, String message, @Nullable Map<String, ?> details) {
        super(message, code, details, true, null);
    }
}
