/** The desktop app's main window: workspace, status bar, dialogs and the file manager link. */
@NullMarked
package io.kamaros.app.shell;

import org.jspecify.annotations.NullMarked;
