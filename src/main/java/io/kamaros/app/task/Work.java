package io.kamaros.app.task;

/** An engine call run in the background by {@link TaskRunner}. */
@FunctionalInterface
public interface Work<T> {
    T run(WorkContext context) throws Exception;
}
