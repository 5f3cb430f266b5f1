/** The desktop app's file history: the versions in which one file changed. */
@NullMarked
package io.kamaros.app.history;

import org.jspecify.annotations.NullMarked;
