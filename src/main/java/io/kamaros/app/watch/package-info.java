/** The desktop app's live view of the project folder: watching for changes (no F5 needed) and autosave. */
@NullMarked
package io.kamaros.app.watch;

import org.jspecify.annotations.NullMarked;
