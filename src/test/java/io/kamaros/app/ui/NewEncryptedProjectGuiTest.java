package io.kamaros.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.engine.JcfManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
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

/**
 * Issue 14: a new project whose history is encrypted, made from the app: the password typed twice (the
 * strength said, OK only when both agree), the project closed, then opened from the recent list, where
 * a wrong password is refused in the dialog and the right one opens the history.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class NewEncryptedProjectGuiTest {
    private static final String PASSWORD = "moss lantern quietly 42";

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
        robot.interact(() -> app = new GuiFixture(stage, home));
    }

    private static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> condition.get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void anEncryptedProjectIsCreatedClosedAndOpenedAgainOnlyWithItsPassword(FxRobot robot) throws Exception {
        Path parent = Files.createDirectories(dir.resolve("projects"));
        Platform.runLater(() -> app.window.newEmptyProjectIn(parent));
        waitUntil(() -> robot.lookup("#new-project-name").tryQuery().isPresent());
        TextField name = robot.lookup("#new-project-name").queryAs(TextField.class);
        robot.interact(() -> name.setText("Secret diary"));
        Button ok = robot.lookup("#new-project-ok").queryAs(Button.class);
        assertThat(ok.isDisabled()).as("no encryption: OK at once").isFalse();

        robot.clickOn("#new-project-encrypt");
        waitUntil(() -> robot.lookup("#new-project-password").tryQuery().map(Screens::shown).orElse(false));
        assertThat(robot.lookup("#new-project-warning").queryAs(Label.class).getText())
                .isEqualTo(I18n.t("newProject.warning"));
        assertThat(ok.isDisabled()).as("encryption without a password").isTrue();
        robot.clickOn("#new-project-password").write("abc");
        assertThat(robot.lookup("#new-project-strength").queryAs(Label.class).getText())
                .isEqualTo(I18n.t("newProject.strength.weak"));
        robot.interact(() -> robot.lookup("#new-project-password").queryAs(TextField.class).setText(PASSWORD));
        robot.clickOn("#new-project-repeat").write("moss lantern");
        assertThat(robot.lookup("#new-project-problem").queryAs(Label.class).getText())
                .isEqualTo(I18n.t("newProject.password.mismatch"));
        assertThat(ok.isDisabled()).as("the two passwords differ").isTrue();
        robot.interact(() -> robot.lookup("#new-project-repeat").queryAs(TextField.class).setText(PASSWORD));
        assertThat(ok.isDisabled()).isFalse();
        robot.clickOn("#new-project-ok");

        ProjectSession session = app.context.session();
        waitUntil(() -> session.isOpen() && robot.lookup("#timeline-list").tryQuery().isPresent());
        JcfManager jcf = session.manager();
        assertThat(jcf.isEncrypted()).isTrue();
        Path folder = parent.resolve("Secret diary");
        Files.writeString(folder.resolve("entry.txt"), "Dear diary");
        jcf.saveCheckpoint("First entry");
        try (var files = Files.walk(folder.resolve(".kamaros"))) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> contains(f, "Dear diary")).toList())
                    .as("the history holds no plain text of the file").isEmpty();
        }
        robot.interact(session::close);
        waitUntil(() -> robot.lookup("#recent-projects").tryQuery().isPresent());

        ListView<?> recent = robot.lookup("#recent-projects").queryAs(ListView.class);
        robot.interact(() -> recent.getSelectionModel().select(0));
        robot.clickOn("#recent-projects").press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#password-field").tryQuery().isPresent());
        robot.clickOn("#password-field").write("moss lantern");
        robot.clickOn("#password-ok");
        waitUntil(() -> robot.lookup("#password-error").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#password-error").queryAs(Label.class).getText()).isEqualTo(I18n.t("password.wrong"));
        assertThat(session.isOpen()).isFalse();

        robot.interact(() -> robot.lookup("#password-field").queryAs(TextField.class).setText(PASSWORD));
        robot.clickOn("#password-ok");
        waitUntil(() -> session.isOpen() && session.getVersions().size() == 1);
        assertThat(session.manager().getFileContent("entry.txt")).isEqualTo("Dear diary".getBytes(StandardCharsets.UTF_8));
        assertThat(stage.getTitle()).startsWith("Secret diary");
        assertThat(app.errors).isEmpty();
    }

    private static boolean contains(Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
