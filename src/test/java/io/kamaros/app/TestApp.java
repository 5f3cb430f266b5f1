package io.kamaros.app;

import static io.kamaros.Trees.copyTree;
import io.kamaros.app.demo.DemoProjectGenerator;
import io.kamaros.app.home.AppPaths;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.tools.AppContext;
import io.kamaros.frontend.ProjectLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test wiring: an {@link AppContext} whose TaskRunner runs tasks synchronously (on the calling FX
 * thread) and records failures instead of showing dialogs; a demo project generated once per JVM and
 * copied for each test that changes it.
 */
public final class TestApp {
    private static Path demoTemplate;

    /** Failures the presenter received: action and error. */
    public final List<String> errors = new ArrayList<>();
    public final List<Throwable> errorCauses = new ArrayList<>();
    public final AppContext context;
    public final Path home;

    public TestApp(Path home) {
        this(home, Runnable::run);
    }

    /** With the tasks run by {@code executor} (a test that steps through them, or runs one on its own thread). */
    public TestApp(Path home, Executor executor) {
        this.home = home;
        TaskRunner runner = new TaskRunner(executor, (action, error) -> {
            errors.add(action + ": " + error);
            errorCauses.add(error);
        });
        context = KamarosApp.createContext(new AppPaths(home), runner, () -> null);
    }

    /** A private copy of the demo project, already generated once for the whole test run. */
    public static synchronized ProjectLocation demoCopy(Path into) {
        try {
            if (demoTemplate == null) {
                Path t = Files.createTempDirectory("kamaros-demo-template");
                DemoProjectGenerator.ensure(t);
                demoTemplate = t.resolve(DemoProjectGenerator.PROJECT_NAME);
            }
            Path target = into.resolve(DemoProjectGenerator.PROJECT_NAME);
            copyTree(demoTemplate, target);
            return ProjectLocation.trackedFolder(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a private demo copy in this app's session (on the FX thread). */
    public ProjectOpener.OpenProject openDemoCopy(Path into) {
        ProjectLocation location = demoCopy(into);
        ProjectOpener.OpenProject p = context.opener().open(location);
        run(() -> context.session().open(p));
        return p;
    }

    /** Runs a command on the FX thread and waits until every task it started has finished. */
    public void run(Runnable action) {
        Fx.runAndSettle(context.runner(), action);
    }

    public <T> T call(Callable<T> action) {
        AtomicReference<T> r = new AtomicReference<>();
        run(() -> {
            try {
                r.set(action.call());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return r.get();
    }
}
