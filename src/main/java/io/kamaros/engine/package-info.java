/**
 * The engine's facade: {@link io.kamaros.engine.JcfManager} and its asynchronous and forwarding faces, the
 * event bus, the performance monitor and new-project import. Null only where a type says {@code @Nullable}.
 */
@NullMarked
package io.kamaros.engine;

import org.jspecify.annotations.NullMarked;
