package io.kamaros;

import io.kamaros.cli.KamarosCli;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Entry point of {@code kamaros.jar}: the desktop app for no arguments, {@code --demo}, or one
 * existing {@code .jcf} file or folder; the command line for everything else. It must not extend
 * {@code Application} (with JavaFX on the plain class path the launcher may not be one), and it
 * loads the app by name so that a command-line run never loads a JavaFX class.
 */
public final class Launcher {
    // starts the app, in a second JVM with the app's class-data-sharing archive when it can
    static final String APP_CLASS = "io.kamaros.app.DesktopLauncher";

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (opensDesktopApp(args)) {
            invoke(APP_CLASS, "launch", args);
            return;
        }
        System.exit(KamarosCli.run(args));
    }

    /** The app's own options, which may come with any way of opening it. */
    private static final List<String> APP_OPTIONS = List.of("--theme=dark", "--theme=light");

    /**
     * No arguments, {@code --demo}, or a single existing .jcf file or folder that is not a command name; with or
     * without the app's options ({@code --theme=dark|light}).
     */
    static boolean opensDesktopApp(String[] given) {
        String[] args = Arrays.stream(given).filter(a -> !APP_OPTIONS.contains(a)).toArray(String[]::new);
        if (args.length == 0 || (args.length == 1 && args[0].equals("--demo"))) {
            return true;
        }
        if (args.length != 1 || args[0].startsWith("-") || isCommandName(args[0])) {
            return false;
        }
        try {
            Path p = Path.of(args[0]);
            return Files.isDirectory(p)
                    || (Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jcf"));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static boolean isCommandName(String arg) {
        return KamarosCli.COMMANDS.contains(arg);
    }

    private static void invoke(String className, String method, String[] args) throws Exception {
        try {
            Class.forName(className).getMethod(method, String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
