package io.kamaros.app.task;

import org.jspecify.annotations.Nullable;

/** An engine call run in the background by {@link TaskRunner}. */
@FunctionalInterface
public interface Work<T> {
    @Nullable T run(WorkContext context) throws Exception; // null for work that only has an effect
}
