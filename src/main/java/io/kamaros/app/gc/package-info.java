/** The desktop app's garbage-collection tool: what can be freed, and freeing it. */
@NullMarked
package io.kamaros.app.gc;

import org.jspecify.annotations.NullMarked;
