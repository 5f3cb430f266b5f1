/** The desktop app's checkpoint dialog: message, preview of the changes, and the checkpoint task. */
@NullMarked
package io.kamaros.app.checkpoint;

import org.jspecify.annotations.NullMarked;
