package io.kamaros.app.tools;

import javafx.scene.input.KeyCombination;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * A project tool in the Tools menu (export, import, verify, garbage collection, storage dashboard
 * are added this way, each in its own feature folder). A tool gets the shared {@link AppContext}
 * (session, TaskRunner, error presenter) and runs its engine calls through the TaskRunner.
 */
public interface AppTool {
    /** The menu text, already translated. */
    String label();

    /** An Ikonli icon literal (e.g. {@code "fth-download"}), or null. */
    default @Nullable String iconLiteral() {
        return null;
    }

    /** A keyboard shortcut, or null. */
    default @Nullable KeyCombination accelerator() {
        return null;
    }

    /** True when the tool needs an open project (the menu item is disabled otherwise). */
    default boolean needsProject() {
        return true;
    }

    void open(AppContext context, Window owner);
}
