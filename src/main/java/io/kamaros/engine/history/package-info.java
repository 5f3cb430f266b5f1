/**
 * What happens to a project's history: operations and how they run, checkpoint, restore, change scanning,
 * queries, verify/repair, garbage collection and the debug log. Null only where a type says {@code @Nullable}.
 */
@NullMarked
package io.kamaros.engine.history;

import org.jspecify.annotations.NullMarked;
