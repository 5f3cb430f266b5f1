package io.kamaros.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the real command line in this process, capturing stdout, stderr and the exit code. */
final class CliRunner {
    static final Map<String, String> ENV = Map.of("JCF_AUTHOR", "Tess Ter", "JCF_EMAIL", "tess@example.com");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exit, byte[] stdout, String err) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not JSON: " + out(), e);
            }
        }

        JsonNode errorJson() {
            try {
                return JSON.readTree(err);
            } catch (IOException e) {
                throw new UncheckedIOException("stderr is not JSON: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out() + "--- stderr\n" + err;
        }
    }

    private CliRunner() {
    }

    static Result run(Path cwd, String... args) {
        return run(cwd, false, args);
    }

    static Result run(Path cwd, boolean terminal, String... args) {
        return run(cwd, terminal, ENV, args);
    }

    static Result run(Path cwd, boolean terminal, Map<String, String> env, String... args) {
        return run(cwd, terminal, env, null, args);
    }

    /** With {@code prompt} standing in for a terminal's no-echo password prompt (null: no terminal). */
    static Result run(Path cwd, boolean terminal, Map<String, String> env, Passwords.Prompt prompt, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = new KamarosCli(cwd, o, e, env, terminal, prompt).execute(args);
        o.flush();
        e.flush();
        return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
}
