/**
 * The {@code kamaros} command line (picocli): one class per command over the engine's facade. Null only where a
 * type says {@code @Nullable}; an option the user may leave out is a {@code @Nullable} field.
 */
@NullMarked
package io.kamaros.cli;

import org.jspecify.annotations.NullMarked;
