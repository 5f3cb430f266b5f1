package io.kamaros;

/** Lets tests in other packages ask the launcher which front end it would start. */
public final class LauncherAccess {
    private LauncherAccess() {
    }

    public static boolean opensDesktopApp(String... args) {
        return Launcher.opensDesktopApp(args);
    }
}
