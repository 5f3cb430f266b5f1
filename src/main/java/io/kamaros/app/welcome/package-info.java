/** The desktop app's welcome screen: recent projects and how to open or create one. */
@NullMarked
package io.kamaros.app.welcome;

import org.jspecify.annotations.NullMarked;
