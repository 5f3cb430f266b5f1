package io.kamaros.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child process that runs {@code kamaros} commands read from stdin, one a line (arguments separated by tabs), in
 * the folder given, through the same {@link KamarosCli} as {@code kamaros} itself. After each it prints {@code EXIT
 * code startMillis endMillis}. One JVM serves a test's many commands: a race of 20 rounds between two processes
 * would otherwise spend most of its time starting JVMs.
 */
public final class CliCommandsMain {
    static final String EXIT = "EXIT ";

    private CliCommandsMain() {
    }

    public static void main(String[] args) throws Exception {
        Path cwd = Path.of(args[0]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            long start = System.currentTimeMillis();
            int code = new KamarosCli(cwd, out, out, System.getenv(), false).execute(line.split("\t"));
            out.println(EXIT + code + " " + start + " " + System.currentTimeMillis());
        }
    }
}
