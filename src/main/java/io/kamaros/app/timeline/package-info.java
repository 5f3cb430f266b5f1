/** The desktop app's timeline: the version graph laid out as rows. */
@NullMarked
package io.kamaros.app.timeline;

import org.jspecify.annotations.NullMarked;
