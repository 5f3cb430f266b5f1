/** Sync with a remote: the toolbar's Sync button and what waits on each side, and Open from remote… (a clone). */
@NullMarked
package io.kamaros.app.sync;

import org.jspecify.annotations.NullMarked;
