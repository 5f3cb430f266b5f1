/** Forgetting a version from the timeline: the confirmation and the background work. */
@NullMarked
package io.kamaros.app.forget;

import org.jspecify.annotations.NullMarked;
