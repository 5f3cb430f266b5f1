/** The entry point of kamaros.jar (Launcher): picks the desktop app or the command line. */
@NullMarked
package io.kamaros;

import org.jspecify.annotations.NullMarked;
