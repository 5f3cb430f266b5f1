/** The desktop app's unsaved changes: the working copy against HEAD, choosing files for a checkpoint, discarding. */
@NullMarked
package io.kamaros.app.unsaved;

import org.jspecify.annotations.NullMarked;
