/** The desktop app's own files on disk: where settings and window layout are kept. */
@NullMarked
package io.kamaros.app.home;

import org.jspecify.annotations.NullMarked;
