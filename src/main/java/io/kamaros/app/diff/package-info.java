/**
 * The diff view: text, image and binary comparison of two versions of a file. Null only where a type says
 * {@code @Nullable}.
 */
@NullMarked
package io.kamaros.app.diff;

import org.jspecify.annotations.NullMarked;
