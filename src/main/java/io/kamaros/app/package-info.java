/** The desktop app (JavaFX): the application class that starts the main window. */
@NullMarked
package io.kamaros.app;

import org.jspecify.annotations.NullMarked;
