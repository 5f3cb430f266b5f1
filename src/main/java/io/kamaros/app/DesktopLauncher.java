package io.kamaros.app;

import io.kamaros.app.home.AppPaths;
import io.kamaros.app.toolkit.StartupTiming;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Starts the desktop app in a JVM that maps a class-data-sharing archive of the app's own classes (AppCDS),
 * which roughly halves the CPU time spent before the window shows (most of it is loading and verifying
 * ~7,000 classes of JavaFX, AtlantaFX, ControlsFX, ICU4J, Jackson and the app). Java 17 cannot add an archive to
 * a running JVM nor make one by itself (-XX:+AutoCreateSharedArchive is JDK 19+), so this JVM, which has loaded
 * almost nothing yet, starts a second one with the archive and waits for it: the first run dumps the archive
 * when the app exits (-XX:ArchiveClassesAtExit), later runs map it. The archive lives in the app's home, named
 * after the jar's size and time and the Java runtime, so a rebuilt jar or another Java makes a new one (and the
 * JVM itself refuses an archive whose class path or JVM does not match, falling back to plain loading).
 * {@code -Dkamaros.cds=false} starts the app in this JVM, as does a class path that is not all jar files (an
 * IDE's classes folder) or a runtime without a {@code bin/java} (jpackage's).
 */
public final class DesktopLauncher {
    /** Set on the second JVM: the first one's start time (epoch ms), from which the start-up timing counts. */
    public static final String LAUNCHED_AT = StartupTiming.LAUNCHED_AT;
    private static final String ARCHIVE_PREFIX = "desktop-";

    private DesktopLauncher() {
    }

    /** Called by {@code io.kamaros.Launcher} (by name) for the desktop app's arguments. */
    public static void launch(String[] args) throws IOException, InterruptedException {
        Optional<Relaunch> relaunch = System.getProperty(LAUNCHED_AT) == null
                && !"false".equals(System.getProperty("kamaros.cds")) ? Relaunch.prepare(args) : Optional.empty();
        if (relaunch.isPresent()) {
            System.exit(relaunch.get().run());
        }
        KamarosApp.launchApp(args);
    }

    /** The second JVM's command, and the archive it dumps when there is none yet. */
    private static final class Relaunch {
        private final ProcessBuilder command;
        private final Path archive;
        private final Optional<Path> dumping; // the temporary file the second JVM dumps into, moved to archive after
        private @Nullable Process process;

        private Relaunch(ProcessBuilder command, Path archive, Optional<Path> dumping) {
            this.command = command;
            this.archive = archive;
            this.dumping = dumping;
        }

        static Optional<Relaunch> prepare(String[] args) {
            Path java = Path.of(System.getProperty("java.home"), "bin",
                    System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "java.exe" : "java");
            String classPath = System.getProperty("java.class.path", "");
            List<Path> jars = new ArrayList<>();
            for (String entry : classPath.split(File.pathSeparator)) {
                if (entry.isEmpty() || !entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
                    return Optional.empty(); // CDS archives only classes from jar files
                }
                jars.add(Path.of(entry));
            }
            if (jars.isEmpty() || !Files.isExecutable(java)) {
                return Optional.empty();
            }
            try {
                Path dir = AppPaths.fromSystem().home().resolve("cds");
                Files.createDirectories(dir);
                Path archive = dir.resolve(ARCHIVE_PREFIX + key(jars) + ".jsa");
                List<String> cmd = new ArrayList<>();
                cmd.add(java.toString());
                cmd.addAll(forwardedJvmOptions());
                Optional<Path> dumping = Optional.empty();
                if (Files.isRegularFile(archive)) {
                    cmd.add("-XX:SharedArchiveFile=" + archive);
                    cmd.add("-Xshare:auto");
                } else {
                    Path temporary = dir.resolve(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
                    cmd.add("-XX:ArchiveClassesAtExit=" + temporary);
                    dumping = Optional.of(temporary);
                }
                cmd.add("-Xlog:cds=off"); // a mismatching archive is ignored quietly (plain class loading)
                cmd.add("-Xlog:cds+dynamic=off");
                cmd.add("-D" + LAUNCHED_AT + "=" + ManagementFactory.getRuntimeMXBean().getStartTime());
                cmd.add("-cp");
                cmd.add(classPath);
                cmd.add("io.kamaros.Launcher");
                cmd.addAll(List.of(args));
                return Optional.of(new Relaunch(new ProcessBuilder(cmd).inheritIO(), archive, dumping));
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // no writable home: start in this JVM
            }
        }

        /** Runs the second JVM to its end (ending it too when this one is told to end) and returns its exit code. */
        int run() throws IOException, InterruptedException {
            Process p = command.start();
            process = p;
            Runtime.getRuntime().addShutdownHook(new Thread(this::endChild, "kamaros-end-app"));
            int code = p.waitFor();
            keepArchive(code);
            return code;
        }

        private void endChild() {
            Process p = process;
            if (p != null && p.isAlive()) {
                p.destroy(); // the app closes as with Ctrl+Q; a first run then dumps its archive
                try {
                    keepArchive(p.waitFor());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** After a dump: the archive replaces older ones when the JVM ended normally or was told to (not killed). */
        private synchronized void keepArchive(int exitCode) {
            if (dumping.isEmpty() || !Files.isRegularFile(dumping.get())) {
                return;
            }
            Path temporary = dumping.get();
            boolean complete = exitCode < 128 || exitCode == 130 || exitCode == 143; // 130, 143: SIGINT, SIGTERM
            try {
                if (complete && Files.size(temporary) > 0) {
                    Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    deleteOtherArchives(archive);
                } else {
                    Files.delete(temporary);
                }
            } catch (IOException e) {
                // the next run dumps again
            }
        }

        /** Archives of older jars or runtimes; one that another running app still maps (Windows) stays for next time. */
        private static void deleteOtherArchives(Path kept) throws IOException {
            Path dir = kept.toAbsolutePath().getParent();
            if (dir == null) {
                return;
            }
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, ARCHIVE_PREFIX + "*.jsa")) {
                for (Path p : old) {
                    if (!p.getFileName().equals(kept.getFileName())) {
                        try {
                            Files.deleteIfExists(p);
                        } catch (IOException e) {
                            // in use: deleted by a later dump
                        }
                    }
                }
            }
        }

        /** Names the archive after what it was made from: the jars' sizes and times and the Java runtime. */
        private static String key(List<Path> jars) throws IOException {
            StringBuilder made = new StringBuilder(System.getProperty("java.home")).append(System.getProperty("java.vm.version"));
            for (Path jar : jars) {
                made.append(jar.toAbsolutePath()).append(Files.size(jar)).append(Files.getLastModifiedTime(jar).toMillis());
            }
            return Integer.toHexString(made.toString().hashCode());
        }

        /**
         * This JVM's options for the second one, less those about class-data sharing (the command line's archive
         * of the launcher script is not the desktop's) and less the environment's (the second JVM reads those itself).
         */
        private static List<String> forwardedJvmOptions() {
            List<String> options = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
            for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
                String value = System.getenv(variable);
                if (value != null && !value.isBlank()) {
                    for (String option : value.trim().split("\\s+")) {
                        options.remove(option);
                    }
                }
            }
            options.removeIf(o -> o.startsWith("-XX:SharedArchiveFile") || o.startsWith("-XX:ArchiveClassesAtExit")
                    || o.startsWith("-Xshare") || o.startsWith("-Xlog:cds"));
            return options;
        }
    }
}
