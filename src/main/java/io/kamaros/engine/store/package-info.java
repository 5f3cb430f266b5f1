/**
 * Where a project's bytes live: the file adapters (disk, memory, forwarding decorators), the project lock and
 * the parallel folder walk. Null only where a type says {@code @Nullable}.
 */
@NullMarked
package io.kamaros.engine.store;

import org.jspecify.annotations.NullMarked;
