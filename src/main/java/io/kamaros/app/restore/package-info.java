/** The desktop app's restore: planning and confirming a restore of a version or of files. */
@NullMarked
package io.kamaros.app.restore;

import org.jspecify.annotations.NullMarked;
