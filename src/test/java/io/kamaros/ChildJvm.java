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
    /** The flags of a child that lives a second or two: C1 only, serial GC. */
    public static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private ChildJvm() {
    }

    /** The command line that runs {@code mainClass} with {@code args} in a {@link #FAST_START} JVM. */
    public static List<String> command(String mainClass, String... args) {
        return command(FAST_START, mainClass, args);
    }

    /** The command line that runs {@code mainClass} with {@code args} in a JVM started with {@code jvmFlags}. */
    public static List<String> command(List<String> jvmFlags, String mainClass, String... args) {
        String cp = System.getProperty("kamaros.test.classpath", "");
        String full = cp.isEmpty() ? System.getProperty("java.class.path")
                : cp + File.pathSeparator + System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", full, mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Starts {@code mainClass} in {@code cwd} with {@code env} added to this process's environment; stdout and stderr
     * go to {@code log} (appended to, so a restarted child keeps one log).
     */
    public static Process start(Path cwd, Path log, Map<String, String> env, String mainClass, String... args)
            throws IOException {
        return start(cwd, log, env, FAST_START, mainClass, args);
    }

    /** {@link #start(Path, Path, Map, String, String...)} in a JVM started with {@code jvmFlags}. */
    public static Process start(Path cwd, Path log, Map<String, String> env, List<String> jvmFlags, String mainClass,
                                String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(jvmFlags, mainClass, args)).directory(cwd.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return pb.start();
    }
}
