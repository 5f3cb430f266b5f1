/** The desktop app's small shared controls: tool windows, change badges, task progress. */
@NullMarked
package io.kamaros.app.toolkit;

import org.jspecify.annotations.NullMarked;
