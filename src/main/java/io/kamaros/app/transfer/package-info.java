/** The desktop app's import and export tools. */
@NullMarked
package io.kamaros.app.transfer;

import org.jspecify.annotations.NullMarked;
