/** The desktop app's background work: running tasks off the FX thread, their progress and errors. */
@NullMarked
package io.kamaros.app.task;

import org.jspecify.annotations.NullMarked;
