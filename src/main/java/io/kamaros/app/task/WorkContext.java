package io.kamaros.app.task;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CancellationToken;

/** What a piece of background work gets: the token Cancel sets, and a way to report its own progress. */
public interface WorkContext {
    CancellationToken cancellation();

    /** Progress of work that is not an engine operation (e.g. copying dropped files). */
    void progress(String message, long done, long total);

    /** Shows the progress of a project the work opened itself (tracking a new folder) until the work ends. */
    void follow(JcfManager manager);
}
