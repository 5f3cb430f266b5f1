package io.kamaros.app.tools;

import io.kamaros.app.details.DiffArea;
import io.kamaros.app.home.AppPaths;
import io.kamaros.app.home.LayoutStore;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.watch.ProjectWatch;
import io.kamaros.app.welcome.RecentProjects;
import java.util.function.Supplier;

/**
 * The services the features share, wired once in {@code io.kamaros.app.KamarosApp} (and by tests with a synchronous
 * TaskRunner and a temporary home folder).
 *
 * @param diffAreas makes the diff viewer shown beside version details and file history
 * @param watch     the open project's live changes and autosave (new autosave settings are applied to it)
 */
public record AppContext(AppPaths paths, TaskRunner runner, ProjectSession session, ProjectOpener opener,
                         RecentProjects recent, LayoutStore layout, ToolRegistry tools, Supplier<DiffArea> diffAreas,
                         ProjectWatch watch) {
}
