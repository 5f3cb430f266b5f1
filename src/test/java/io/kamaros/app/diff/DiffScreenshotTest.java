package io.kamaros.app.diff;

import static io.kamaros.app.diff.DiffSamples.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Writes target/screenshots/diff-*.png so people (and reviewers) can look at the viewer. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class DiffScreenshotTest {
    static final Path DIR = Path.of("target", "screenshots");
    private DiffViewModel vm;
    private Scene scene;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        vm = new DiffViewModel(Runnable::run, Platform::runLater, ResourceBundle.getBundle(DiffViewModel.BUNDLE, Locale.ROOT));
        scene = new Scene(new DiffView(vm), 1200, 720);
        stage.setScene(scene);
        stage.sizeToScene(); // an earlier test may have sized this shared stage
        stage.show();
    }

    @Test
    void writesScreenshotsOfEachMode(FxRobot robot) throws IOException {
        Files.createDirectories(DIR);
        DiffInput code = new DiffInput("src/main/java/com/example/shop/Basket.java", utf8(DiffSamples.JAVA_BEFORE),
                utf8(DiffSamples.JAVA_AFTER), "v3 \u00b7 Tuesday", "v4 \u00b7 today");
        shot(robot, "diff-text-side-by-side", code, v -> v.layoutProperty().set(TextLayout.SIDE_BY_SIDE));
        shot(robot, "diff-text-unified", code, v -> v.layoutProperty().set(TextLayout.UNIFIED));
        shot(robot, "diff-text-markdown", new DiffInput("book/chapter-3.md", utf8(DiffSamples.MARKDOWN_BEFORE),
                utf8(DiffSamples.MARKDOWN_AFTER), "Draft 2", "Draft 3"), v -> v.layoutProperty().set(TextLayout.SIDE_BY_SIDE));

        DiffInput poster = new DiffInput("art/poster.png", DiffSamples.poster(640, 400, 0, "png"),
                DiffSamples.poster(720, 400, 1, "png"), "v1", "v2");
        shot(robot, "diff-image-side-by-side", poster, v -> v.imageModeProperty().set(ImageMode.SIDE_BY_SIDE));
        shot(robot, "diff-image-swipe", poster, v -> {
            v.imageModeProperty().set(ImageMode.SWIPE);
            v.swipeProperty().set(0.6);
        });
        shot(robot, "diff-image-onion", poster, v -> {
            v.imageModeProperty().set(ImageMode.ONION_SKIN);
            v.onionOpacityProperty().set(0.5);
        });
        shot(robot, "diff-image-difference", poster, v -> v.imageModeProperty().set(ImageMode.DIFFERENCE));

        byte[] data = DiffSamples.binary(48_000, 5);
        byte[] changed = Arrays.copyOf(data, 51_200);
        changed[1234] ^= 0x5A;
        changed[1236] ^= 0x01;
        shot(robot, "diff-binary", new DiffInput("scenes/model.blend", data, changed, "v7", "v8"), v -> { });
        shot(robot, "diff-added", new DiffInput("book/chapter-4.md", null, utf8(DiffSamples.MARKDOWN_AFTER), null, "v5"),
                v -> v.layoutProperty().set(TextLayout.SIDE_BY_SIDE));
        // The same text diff under the dark theme: every colour must come from the palette.
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        shot(robot, "diff-text-dark", code, v -> v.layoutProperty().set(TextLayout.SIDE_BY_SIDE));
        shot(robot, "diff-image-dark", poster, v -> v.imageModeProperty().set(ImageMode.SIDE_BY_SIDE));
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
        shot(robot, "diff-identical", new DiffInput("notes.txt", utf8("a\r\nb\r\n"), utf8("a\nb\n"), "v1", "v2"), v -> { });
    }

    private void shot(FxRobot robot, String name, DiffInput input, Consumer<DiffViewModel> setup) throws IOException {
        robot.interact(() -> {
            vm.show(input);
            setup.accept(vm);
        });
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = scene.snapshot(null));
        BufferedImage png = SwingFXUtils.fromFXImage(image[0], null);
        Path file = DIR.resolve(name + ".png");
        ImageIO.write(png, "png", file.toFile());
        assertThat(Files.size(file)).isPositive();
        assertThat(png.getWidth()).isEqualTo(1200);
    }
}
