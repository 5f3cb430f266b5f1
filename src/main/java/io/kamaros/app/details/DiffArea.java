package io.kamaros.app.details;

import io.kamaros.app.diff.DiffInput;
import javafx.scene.Node;

/**
 * The diff viewer as the rest of the app sees it. {@link DiffViewerArea} implements it with
 * the full viewer ({@code io.kamaros.app.diff.DiffView}); tests may plug in their own.
 */
public interface DiffArea {
    Node node();

    /** Shows the difference (called on the FX thread with bytes already loaded). */
    void show(DiffInput input);

    /** Shows a short text instead of a diff ("Loading…", "Pick a change to see it"). */
    void showMessage(String text);
}
