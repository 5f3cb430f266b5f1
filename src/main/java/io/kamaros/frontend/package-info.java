/**
 * What both front ends (the desktop app and the CLI) share over the engine: finding a project on disk,
 * showing byte counts, estimating the time a long operation has left. No JavaFX and no picocli here
 * (AppArchitectureTest), so the CLI can use it without loading the GUI, and neither front end depends
 * on the other.
 */
@NullMarked
package io.kamaros.frontend;

import org.jspecify.annotations.NullMarked;
