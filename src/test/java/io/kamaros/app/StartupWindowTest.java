package io.kamaros.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.home.AppPaths;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.shell.MainWindowView;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.ToolTestSupport.Errors;
import io.kamaros.app.tools.AppContext;
import io.kamaros.app.welcome.WelcomeViewModel;
import io.kamaros.frontend.ProjectLocation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Start-up as the app does it: the project named on the command line starts opening before the window is
 * built, the window first shows a light "Opening…" centre, and the workspace, whose nodes are built after
 * the first frame or after the history arrived, shows the whole history with the newest version selected.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class StartupWindowTest {
    @TempDir
    static Path tmp;

    private final List<Runnable> queued = new CopyOnWriteArrayList<>(); // background work, run when the test says
    private final Errors errors = new Errors();
    private Stage stage;

    @BeforeAll
    static void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void theWindowShowsOpeningFirstThenTheWorkspaceWithTheWholeHistory(FxRobot robot) {
        ProjectLocation demo = TestApp.demoCopy(tmp.resolve("projects"));
        AppContext context = KamarosApp.createContext(new AppPaths(tmp.resolve("home")),
                new TaskRunner(queued::add, errors), () -> stage);
        KamarosApp.registerFeatures(context.tools());
        MainWindowView[] window = new MainWindowView[1];
        robot.interact(() -> {
            WelcomeViewModel welcome = new WelcomeViewModel(context.session(), context.opener(), context.recent(),
                    context.paths(), Clock.systemUTC());
            assertThat(welcome.openArguments(List.of(demo.projectFolder().toString()))).isEmpty();
            window[0] = new MainWindowView(context, stage, welcome);
            stage.setScene(new Scene((Parent) window[0].node(), 1100, 700));
            stage.show();
            window[0].prepareWorkspaceAfterFirstFrame();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#opening-placeholder").tryQuery()).isPresent();
        assertThat(robot.lookup("#welcome").tryQuery()).isEmpty();
        assertThat(robot.lookup("#workspace").tryQuery()).isEmpty();

        runQueuedWork();

        assertThat(robot.lookup("#opening-placeholder").tryQuery()).isEmpty();
        assertThat(robot.lookup("#workspace").tryQuery()).isPresent();
        var session = context.session();
        assertThat(session.getVersions()).hasSizeGreaterThan(20);
        assertThat(window[0].workspace().timeline().list().getItems()).hasSizeGreaterThanOrEqualTo(
                session.getVersions().size());
        assertThat(session.selectedVersionProperty().get()).isEqualTo(session.getHead());
        assertThat(window[0].workspace().tree().node().isVisible()).isTrue();
        // the diff viewer joins the screen right after the frame that shows the loaded history
        waitForDiffViewer(robot);
        assertThat(errors.actions).isEmpty();
    }

    /** Waits (at most 10 s) until the diff viewer is in the window; it comes after a frame, whose time is not known. */
    private static void waitForDiffViewer(FxRobot robot) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#main-split .diff-view").tryQuery().isPresent());
        } catch (TimeoutException e) {
            throw new AssertionError("the diff viewer never joined the workspace", e);
        }
    }

    @Test
    void aProjectThatOpensBeforeTheFirstFrameIsShownWithItsWholeHistory(FxRobot robot) {
        ProjectLocation demo = TestApp.demoCopy(tmp.resolve("late"));
        AppContext context = KamarosApp.createContext(new AppPaths(tmp.resolve("home-late")),
                new TaskRunner(queued::add, errors), () -> stage);
        KamarosApp.registerFeatures(context.tools());
        WelcomeViewModel welcome = new WelcomeViewModel(context.session(), context.opener(), context.recent(),
                context.paths(), Clock.systemUTC());
        MainWindowView[] window = new MainWindowView[1];
        robot.interact(() -> {
            assertThat(welcome.openArguments(List.of(demo.projectFolder().toString()))).isEmpty();
            window[0] = new MainWindowView(context, stage, welcome);
        });
        runQueuedWork(); // the project opens and its history arrives before the window shows

        robot.interact(() -> {
            stage.setScene(new Scene((Parent) window[0].node(), 1100, 700));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        var session = context.session();
        assertThat(robot.lookup("#workspace").tryQuery()).isPresent();
        assertThat(window[0].workspace().timeline().list().getItems()).hasSizeGreaterThanOrEqualTo(
                session.getVersions().size());
        assertThat(session.selectedVersionProperty().get()).isEqualTo(session.getHead());
        assertThat(robot.lookup("#main-split .diff-view").tryQuery()).isPresent(); // built after the load: shown at once
        assertThat(errors.actions).isEmpty();
    }

    /** Runs the queued background work, and the work it queues, off the FX thread as the app's runner would. */
    private void runQueuedWork() {
        while (!queued.isEmpty()) {
            queued.remove(0).run();
            WaitForAsyncUtils.waitForFxEvents();
        }
    }
}
