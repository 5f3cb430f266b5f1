/** The desktop app's texts: message bundles and the wording of times. */
@NullMarked
package io.kamaros.app.i18n;

import org.jspecify.annotations.NullMarked;
