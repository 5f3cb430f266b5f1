package io.kamaros.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.home.AppPaths;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.shell.MainWindowView;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.ToolTestSupport.Errors;
import io.kamaros.app.toolkit.ToolTestSupport.SampleProject;
import io.kamaros.app.tools.AppContext;
import io.kamaros.engine.model.JcfConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.PieChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Each project tool opens from the Tools menu (Settings from the File menu) and works in its window. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ProjectToolsUiTest {
    @TempDir
    static Path tmp;

    private final Errors errors = new Errors();
    private AppContext context;

    @BeforeAll
    static void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    @Start
    void start(Stage stage) {
        KamarosApp.applyTheme(List.of("--theme=light"));
        context = KamarosApp.createContext(new AppPaths(tmp.resolve("home")), new TaskRunner(Runnable::run, errors),
                () -> stage);
        KamarosApp.registerFeatures(context.tools());
        MainWindowView window = KamarosApp.createWindow(context, stage);
        Scene scene = new Scene((Parent) window.node(), 1100, 720);
        KamarosApp.installStylesheet(scene);
        stage.setScene(scene);
        stage.show();
        SampleProject p = SampleProject.create(tmp.resolve("book-" + System.nanoTime()));
        context.session().open(new ProjectOpener(JcfConfig.defaults()).open(p.location));
    }

    @AfterEach
    void closeToolWindows() {
        Fx.runFx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w instanceof Stage s && s.getScene() != null && s.getScene().getRoot().getId() != null
                        && s.getScene().getRoot().getId().endsWith("-window")) {
                    s.close();
                }
            }
            if (context.session().isOpen()) {
                context.session().close();
            }
        });
    }

    private void openFromMenu(FxRobot robot, String menuKey, String itemLabel) {
        robot.clickOn(I18n.t(menuKey).replace("_", ""));
        robot.clickOn(itemLabel);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T extends Node> T find(FxRobot robot, String query) {
        Optional<T> node = robot.lookup(query).tryQuery();
        assertThat(node).as(query).isPresent();
        return node.get();
    }

    @Test
    void theToolsMenuListsEveryTool(FxRobot robot) {
        assertThat(context.tools().tools()).extracting(t -> t.label()).containsExactly(I18n.t("tools.export"),
                I18n.t("tools.import"), I18n.t("tools.verify"), I18n.t("tools.gc"), I18n.t("tools.storage"),
                I18n.t("tools.projectSettings"));
        assertThat(context.tools().settings()).isPresent();
    }

    @Test
    void verifyOpensChecksAndShowsTheVerdict(FxRobot robot) {
        openFromMenu(robot, "menu.tools", I18n.t("tools.verify"));
        find(robot, "#verify-window");
        robot.clickOn("#verify-deep");
        robot.clickOn("#verify-start");
        WaitForAsyncUtils.waitForFxEvents();
        Label headline = find(robot, "#verify-headline");
        assertThat(headline.getText()).isEqualTo(I18n.t("verify.verdict.healthy"));
        assertThat(((Button) find(robot, "#verify-repair")).isDisabled()).isTrue();
        assertThat(errors.errors).isEmpty();
    }

    @Test
    void garbageCollectionOpensWithItsPreview(FxRobot robot) {
        openFromMenu(robot, "menu.tools", I18n.t("tools.gc"));
        find(robot, "#gc-window");
        Label preview = find(robot, "#gc-preview-text");
        assertThat(preview.getText()).startsWith("Nothing to clean up");
        assertThat(((Button) find(robot, "#gc-run")).isDisabled()).isTrue();
        assertThat(errors.errors).isEmpty();
    }

    @Test
    void storageDashboardShowsItsCharts(FxRobot robot) {
        openFromMenu(robot, "menu.tools", I18n.t("tools.storage"));
        find(robot, "#storage-window");
        PieChart pie = find(robot, "#storage-pie");
        assertThat(pie.getData()).hasSize(4);
        LineChart<?, ?> files = find(robot, "#storage-files-chart");
        assertThat(files.getData()).singleElement().satisfies(s -> assertThat(s.getData()).hasSize(5));
        find(robot, "#storage-tile-dedup");
        assertThat(errors.errors).isEmpty();
    }

    @Test
    void exportAndImportOpen(FxRobot robot) {
        openFromMenu(robot, "menu.tools", I18n.t("tools.export"));
        find(robot, "#export-window");
        TextField saveAs = find(robot, "#export-file");
        assertThat(saveAs.isEditable()).as("a real path field").isTrue();
        assertThat(saveAs.getText()).as("the project's name in the person's folder, never the working folder")
                .endsWith(".jcf").doesNotStartWith(Path.of("").toAbsolutePath() + "/");
        assertThat(((Button) find(robot, "#export-start")).isDisabled()).isFalse();
        robot.interact(() -> saveAs.setText(""));
        assertThat(((Button) find(robot, "#export-start")).isDisabled()).as("nowhere to save").isTrue();
        openFromMenu(robot, "menu.tools", I18n.t("tools.import"));
        find(robot, "#import-window");
        assertThat(((Button) find(robot, "#import-start")).isDisabled()).isTrue();
    }

    @Test
    void settingsOpenFromTheFileMenuAndCheckTheEmail(FxRobot robot) {
        openFromMenu(robot, "menu.file", I18n.t("menu.file.settings"));
        find(robot, "#settings-window");
        TextField email = find(robot, "#settings-email");
        robot.clickOn(email).write("not-an-address");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((Label) find(robot, "#settings-problem")).isVisible()).isTrue();
        assertThat(((Button) find(robot, "#settings-save")).isDisabled()).isTrue();
        robot.clickOn("#settings-cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#settings-window").tryQuery()).isEmpty();
    }
}
