package io.kamaros;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a child JVM on the test classpath (target/classes and target/test-classes first, as surefire passes them in
 * {@code kamaros.test.classpath}), for the tests that kill, pause or race real processes. The child starts fast
 * (C1 only, serial GC): most of them live for a second or two.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** The command line that runs {@code mainClass} with {@code args}. */
    public static List<String> command(String mainClass, String... args) {
        String cp = System.getProperty("kamaros.test.classpath", "");
        String full = cp.isEmpty() ? System.getProperty("java.class.path")
                : cp + File.pathSeparator + System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", full, mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Starts {@code mainClass} in {@code cwd} with {@code env} added to this process's environment; stdout and stderr
     * go to {@code log} (appended to, so a restarted child keeps one log).
     */
    public static Process start(Path cwd, Path log, Map<String, String> env, String mainClass, String... args)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(mainClass, args)).directory(cwd.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return pb.start();
    }
}
