/** The desktop app's version details: a version's metadata and the changes it brings. */
@NullMarked
package io.kamaros.app.details;

import org.jspecify.annotations.NullMarked;
