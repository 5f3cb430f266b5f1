/**
 * The engine's values: records, options and exceptions that the facade takes and returns. Immutable; null
 * only where a type says {@code @Nullable}.
 */
@NullMarked
package io.kamaros.engine.model;

import org.jspecify.annotations.NullMarked;
