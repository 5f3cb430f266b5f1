package io.kamaros.engine.store;

import java.io.IOException;

/** A held writer lock; close releases it. */
public interface ProjectLock extends AutoCloseable {
    ProjectLock NO_OP = () -> { };

    @Override
    void close() throws IOException;
}
