package io.kamaros.app.toolkit;

import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Runs work on the FX thread right after the scene's next frame is laid out (its rendering comes next), so that
 * the work does not delay that frame: at start-up the window, then the loaded history, are shown first.
 */
public final class AfterFrame {
    private AfterFrame() {
    }

    /** Runs {@code work} once, after the next layout pass of {@code scene} (one is asked for). */
    public static void run(Scene scene, Runnable work) {
        Runnable afterLayout = new Runnable() {
            private boolean queued;

            @Override
            public void run() {
                if (!queued) {
                    queued = true;
                    Platform.runLater(() -> {
                        scene.removePostLayoutPulseListener(this); // not while the scene runs them
                        work.run();
                    });
                }
            }
        };
        scene.addPostLayoutPulseListener(afterLayout);
        Platform.requestNextPulse();
    }
}
