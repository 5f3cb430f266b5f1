package io.kamaros.cli;

import io.kamaros.engine.model.ErrorCodes;
import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the CLI gets the password of an encrypted project, in this order: {@code --password-file FILE}
 * (its first line), the {@value #ENV} environment variable, then a prompt without echo when a terminal
 * is attached. Never a command-line value (other users see those in {@code ps}). The caller wipes the
 * array it gets; the engine wipes the ones it is given.
 */
final class Passwords {
    /** The environment variable holding the password. */
    static final String ENV = "KAMAROS_PASSWORD";

    /** Reads a password without echo (a terminal); null when there is no terminal. */
    @FunctionalInterface
    interface Prompt {
        char[] read(String prompt);
    }

    /** The prompt of a real terminal ({@link java.io.Console#readPassword}), or null without one. */
    static @Nullable Prompt console() {
        Console console = System.console();
        return console == null ? null : prompt -> console.readPassword("%s", prompt);
    }

    private static final String HOW = "give it with --password-file FILE or the " + ENV
            + " environment variable, or run the command in a terminal to be asked for it";

    private final @Nullable Path file;
    private final Map<String, String> env;
    private final @Nullable Prompt prompt;

    Passwords(@Nullable Path file, Map<String, String> env, @Nullable Prompt prompt) {
        this.file = file;
        this.env = env;
        this.prompt = prompt;
    }

    /** The password to open an encrypted project (or archive) with; {@code why} is the engine's message. */
    char[] forOpening(String what, @Nullable String why) {
        char[] given = given();
        if (given != null) {
            return given;
        }
        if (prompt != null) {
            char[] typed = prompt.read("Password for " + what + ": ");
            if (typed != null && typed.length > 0) {
                return typed;
            }
            wipe(typed);
        }
        throw required(why + " (" + HOW + ").");
    }

    /** The password of a new encrypted project; typed twice when it is asked for. */
    char[] forNewProject(String what) {
        char[] given = given();
        if (given != null) {
            return given;
        }
        if (prompt == null) {
            throw required("A new encrypted project needs a password: " + HOW + ".");
        }
        char[] first = prompt.read("New password for " + what + ": ");
        if (first == null || first.length == 0) {
            wipe(first);
            throw required("No password was typed; the project was not created.");
        }
        char[] second = prompt.read("Type it again: ");
        try {
            if (!Arrays.equals(first, second)) {
                wipe(first);
                throw CliException.badArgument("The two passwords differ; the project was not created.");
            }
            return first;
        } finally {
            wipe(second);
        }
    }

    /** From the file or the environment, or null when neither gives one. */
    private char @Nullable [] given() {
        if (file != null) {
            return fromFile(file);
        }
        String value = env.get(ENV);
        if (value != null && !value.isEmpty()) {
            return value.toCharArray();
        }
        return null;
    }

    /** The first line of the file (UTF-8, without its line break); the bytes read are wiped. */
    static char[] fromFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw CliException.notFound("The password file " + file + " does not exist.");
        } catch (IOException e) {
            throw new CliException(ExitCodes.GENERAL, "PASSWORD_FILE", "Cannot read the password file " + file + " ("
                    + e.getMessage() + ").");
        }
        CharBuffer chars = null;
        try {
            int end = 0;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            if (end == 0) {
                throw CliException.badArgument("The password file " + file + " is empty (its first line is the password).");
            }
            chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, end));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw CliException.badArgument("The password file " + file + " is not UTF-8 text.");
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    static CliException required(String message) {
        return new CliException(ExitCodes.PASSWORD, ErrorCodes.PASSWORD_REQUIRED, message);
    }

    static void wipe(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }
}
