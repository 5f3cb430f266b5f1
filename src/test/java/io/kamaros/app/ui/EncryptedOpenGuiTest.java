package io.kamaros.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.home.AppPaths;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.EncryptedProjects;
import io.kamaros.app.welcome.RecentProjects;
import io.kamaros.frontend.ProjectLocation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** An encrypted project from the recent list: the password dialog, a wrong try, the right one, the timeline. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class EncryptedOpenGuiTest {
    @TempDir
    Path dir;
    private Stage stage;
    private GuiFixture app;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @BeforeEach
    void app(FxRobot robot) throws Exception {
        Path home = dir.resolve("home");
        GuiFixture.prepareHome(home);
        ProjectLocation secret = EncryptedProjects.project(dir.resolve("Secret diary"));
        new RecentProjects(new AppPaths(home).recentProjectsFile()).remember(secret, Instant.now()); // first in the list
        robot.interact(() -> app = new GuiFixture(stage, home));
    }

    private static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> condition.get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void typingThePasswordOpensTheTimelineAndAWrongOneIsSaidInTheSameDialog(FxRobot robot) throws TimeoutException {
        ListView<?> recent = robot.lookup("#recent-projects").queryAs(ListView.class);
        robot.interact(() -> recent.getSelectionModel().select(0));
        robot.clickOn("#recent-projects").press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#password-field").tryQuery().isPresent());

        robot.clickOn("#password-field").write("not it");
        robot.clickOn("#password-ok");
        waitUntil(() -> robot.lookup("#password-error").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#password-error").queryAs(Label.class).getText()).isEqualTo(I18n.t("password.wrong"));
        assertThat(app.context.session().isOpen()).isFalse();

        robot.clickOn("#password-show"); // the typed text can be seen
        robot.clickOn("#password-shown").write(EncryptedProjects.PASSWORD);
        robot.clickOn("#password-ok");
        waitUntil(() -> app.context.session().getVersions().size() == 2
                && robot.lookup("#timeline-list").tryQuery().isPresent());
        assertThat(robot.lookup("#password-field").tryQuery()).isEmpty();
        assertThat(robot.lookup("#timeline-list").queryAs(ListView.class).getItems()).isNotEmpty();
        assertThat(stage.getTitle()).startsWith("Secret diary");
        assertThat(app.errors).isEmpty();
    }

    @Test
    void cancelGoesBackToTheWelcomeScreen(FxRobot robot) throws TimeoutException {
        ListView<?> recent = robot.lookup("#recent-projects").queryAs(ListView.class);
        robot.interact(() -> recent.getSelectionModel().select(0));
        robot.clickOn("#recent-projects").press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#password-cancel").tryQuery().isPresent());
        robot.clickOn("#password-cancel");
        waitUntil(() -> robot.lookup("#password-field").tryQuery().isEmpty());
        assertThat(app.context.session().isOpen()).isFalse();
        assertThat(app.context.session().passwordRequestProperty().get()).isNull();
        assertThat(robot.lookup("#welcome").tryQuery()).isPresent();
        assertThat(app.errors).isEmpty();
    }
}
