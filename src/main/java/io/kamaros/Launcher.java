package io.kamaros;

import io.kamaros.app.KamarosApp;

/**
 * Entry point of {@code kamaros.jar}. It must not extend {@code Application}: with JavaFX on the
 * plain class path, the launcher class itself may not be an Application subclass.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        KamarosApp.launchApp(args);
    }
}
