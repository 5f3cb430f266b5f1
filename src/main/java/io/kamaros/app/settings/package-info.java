/** The desktop app's settings: stored preferences, themes and the settings tool. */
@NullMarked
package io.kamaros.app.settings;

import org.jspecify.annotations.NullMarked;
