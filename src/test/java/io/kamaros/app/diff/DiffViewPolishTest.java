package io.kamaros.app.diff;

import static io.kamaros.app.diff.DiffSamples.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.ui.VisibleText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The diff viewer in Polish on text, pictures and other files: no English, numbers in the Polish format. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class DiffViewPolishTest {
    private static final Locale POLISH = Locale.forLanguageTag("pl");
    private DiffViewModel vm;
    private DiffView view;

    @Start
    void start(Stage stage) {
        I18n.setLocale(POLISH);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        vm = new DiffViewModel(Runnable::run, Platform::runLater, ResourceBundle.getBundle(DiffViewModel.BUNDLE, POLISH));
        view = new DiffView(vm);
        stage.setScene(new Scene(view, 1100, 640));
        stage.sizeToScene(); // TestFX shares one stage between test classes: an earlier one may have sized it
        stage.show();
    }

    @AfterAll
    static void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    private List<String> problemsAfter(FxRobot robot, DiffInput input) {
        robot.interact(() -> vm.show(input));
        WaitForAsyncUtils.waitForFxEvents();
        Set<String> data = new HashSet<>(List.of(input.path(), "v1", "v2"));
        for (String sample : List.of(DiffSamples.JAVA_BEFORE, DiffSamples.JAVA_AFTER)) {
            sample.lines().forEach(l -> data.add(l.strip()));
        }
        List<String> problems = new ArrayList<>();
        robot.interact(() -> problems.addAll(new VisibleText.PolishCheck().allowData(data)
                .allowData(t -> data.stream().anyMatch(line -> !line.isEmpty() && line.contains(t.strip())))
                .problems(VisibleText.collect(view))));
        return problems.stream().map(p -> input.path() + ": " + p).toList();
    }

    @Test
    void textImageAndBinaryDiffsArePolish(FxRobot robot) {
        List<String> problems = new ArrayList<>();
        problems.addAll(problemsAfter(robot, new DiffInput("src/Basket.java", utf8(DiffSamples.JAVA_BEFORE),
                utf8(DiffSamples.JAVA_AFTER), "v1", "v2")));
        assertThat(robot.lookup("#diff-badge").queryLabeled().getText()).isEqualTo("Zmieniony");
        assertThat(robot.lookup("#diff-change-position").queryLabeled().getText()).startsWith("Zmiana 1 z ");

        problems.addAll(problemsAfter(robot, new DiffInput("art/poster.png", DiffSamples.poster(480, 300, 0, "png"),
                DiffSamples.poster(560, 300, 1, "png"), "v1", "v2")));
        for (String mode : List.of("#diff-image-swipe", "#diff-image-onion", "#diff-image-difference")) {
            robot.clickOn(mode);
            WaitForAsyncUtils.waitForFxEvents();
            List<String> inMode = new ArrayList<>();
            robot.interact(() -> inMode.addAll(new VisibleText.PolishCheck().allowData(List.of("art/poster.png", "v1", "v2"))
                    .problems(VisibleText.collect(view))));
            problems.addAll(inMode.stream().map(p -> mode + ": " + p).toList());
        }

        byte[] picture = DiffSamples.poster(1200, 900, 2, "png");
        problems.addAll(problemsAfter(robot, new DiffInput("art/new.png", null, picture, null, "v2")));
        // a size with a decimal is written the Polish way: "1,5 MB", never "1.5 MB"
        assertThat(vm.imageSummaryProperty().get()).doesNotContainPattern("\\d\\.\\d");

        problems.addAll(problemsAfter(robot, new DiffInput("data/model.bin", DiffSamples.binary(3000, 3),
                DiffSamples.binary(2_500_000, 4), "v1", "v2")));
        assertThat(VisibleText.collect(view).stream().map(VisibleText.Shown::text).toList())
                .anyMatch(t -> t.matches(".*\\d,\\d MB.*"));

        assertThat(problems).isEmpty();
    }
}
