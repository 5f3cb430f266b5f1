package io.kamaros.app.toolkit;

import java.lang.management.ManagementFactory;

/**
 * With {@code -Dkamaros.timing=true}, the points of the app's start-up, printed as
 * "kamaros-timing: WHAT N ms after JVM start" (counted from the first JVM's start when the launcher started
 * this one, see {@code io.kamaros.app.DesktopLauncher}); {@code bench/startup.sh} reads "window shown" and "project window
 * with … versions shown", the others show where the time between them goes. Off, nothing is computed.
 */
public final class StartupTiming {
    /** Set on the app's JVM by the launcher's: the first JVM's start time (epoch ms), from which the timing counts. */
    public static final String LAUNCHED_AT = "kamaros.launchedAt";
    private static final boolean ON = Boolean.getBoolean("kamaros.timing");
    private static final long JVM_START = ON
            ? Long.getLong(LAUNCHED_AT, ManagementFactory.getRuntimeMXBean().getStartTime()) : 0;

    private StartupTiming() {
    }

    public static boolean on() {
        return ON;
    }

    /** Prints {@code what} with the time since the JVM started, when timing is on. */
    public static void mark(String what) {
        if (ON) {
            System.out.println("kamaros-timing: " + what + " " + (System.currentTimeMillis() - JVM_START)
                    + " ms after JVM start");
        }
    }
}
