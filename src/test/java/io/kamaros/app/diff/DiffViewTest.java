package io.kamaros.app.diff;

import static io.kamaros.app.diff.DiffSamples.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real view in a (headless Monocle) window. Diffing runs synchronously inside {@code show} and
 * results arrive through Platform.runLater, so waiting for FX events is enough: no sleeps, no timeouts.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class DiffViewTest {
    private DiffViewModel vm;
    private DiffView view;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        vm = new DiffViewModel(Runnable::run, Platform::runLater, ResourceBundle.getBundle(DiffViewModel.BUNDLE, Locale.ROOT));
        view = new DiffView(vm);
        stage.setScene(new Scene(view, 1100, 640));
        stage.sizeToScene(); // TestFX shares one stage between test classes: an earlier one may have sized it
        stage.show();
    }

    private void show(FxRobot robot, DiffInput input) {
        robot.interact(() -> vm.show(input));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void showsATextDiffWithCountsRowsAndNavigation(FxRobot robot) {
        show(robot, new DiffInput("src/Basket.java", utf8(DiffSamples.JAVA_BEFORE), utf8(DiffSamples.JAVA_AFTER), "v3", "v4"));

        assertThat(robot.lookup("#diff-path").queryLabeled().getText()).isEqualTo("src/Basket.java");
        assertThat(robot.lookup("#diff-versions").queryLabeled().getText()).isEqualTo("v3 \u2192 v4");
        assertThat(robot.lookup("#diff-badge").queryLabeled().getText()).isEqualTo("Changed");
        assertThat(robot.lookup("#diff-added-count").queryLabeled().getText()).isEqualTo("+" + vm.addedLinesProperty().get());
        assertThat(robot.lookup("#diff-removed-count").queryLabeled().getText()).isEqualTo("\u2212" + vm.removedLinesProperty().get());
        assertThat(vm.addedLinesProperty().get()).isPositive();

        ListView<DiffLine> list = view.textPane().list();
        assertThat(list.isVisible()).isTrue();
        assertThat(list.getItems()).isSameAs(vm.getLines());
        // Rows are really drawn: the row cells carry added/removed halves and word highlights.
        Set<Node> removedHalves = robot.lookup(".diff-half.removed").queryAll();
        Set<Node> addedHalves = robot.lookup(".diff-half.added").queryAll();
        assertThat(removedHalves).isNotEmpty();
        assertThat(addedHalves).isNotEmpty();
        assertThat(robot.lookup(".diff-word").queryAll()).anyMatch(n -> !((Path) n).getElements().isEmpty());
        assertThat(robot.lookup(".syn-keyword").queryAll()).isNotEmpty();
        assertThat(robot.lookup("#diff-change-position").queryLabeled().getText())
                .isEqualTo("Change 1 of " + vm.changeCountProperty().get());

        robot.clickOn("#diff-next-change");
        assertThat(vm.currentChangeProperty().get()).isEqualTo(1);
        assertThat(robot.lookup("#diff-change-position").queryLabeled().getText()).startsWith("Change 2 of");
        assertThat(list.getSelectionModel().getSelectedIndex()).isEqualTo(vm.currentChangeLineProperty().get());
        robot.press(KeyCode.ALT, KeyCode.DOWN).release(KeyCode.DOWN, KeyCode.ALT);
        assertThat(vm.currentChangeProperty().get()).isEqualTo(2);
        robot.clickOn("#diff-previous-change");
        assertThat(vm.currentChangeProperty().get()).isEqualTo(1);

        robot.clickOn("#diff-layout-unified");
        assertThat(vm.layoutProperty().get()).isEqualTo(TextLayout.UNIFIED);
        assertThat(robot.lookup(".diff-half.removed").queryAll()).isNotEmpty();
        assertThat(vm.getLines()).noneMatch(l -> l.kind() == LineKind.CHANGED);
        robot.clickOn("#diff-layout-side-by-side");
        assertThat(vm.layoutProperty().get()).isEqualTo(TextLayout.SIDE_BY_SIDE);
    }

    @Test
    void clickingAFoldShowsTheHiddenLines(FxRobot robot) {
        show(robot, new DiffInput("notes.txt", utf8(DiffSamples.numbered(60)), utf8(DiffSamples.numbered(60, 30)), null, null));
        Node fold = robot.lookup(".diff-fold").match(Node::isVisible).query();
        assertThat(((Label) fold).getText()).isEqualTo("\u22ef  Show 26 hidden lines");
        int before = vm.getLines().size();
        robot.clickOn(fold);
        assertThat(vm.getLines()).hasSize(before + 25);
        robot.clickOn("#diff-show-all");
        assertThat(vm.getLines()).hasSize(60);
    }

    @Test
    void showsAnImageDiffAndSwitchesModes(FxRobot robot) {
        show(robot, new DiffInput("art/poster.png", DiffSamples.poster(480, 300, 0, "png"),
                DiffSamples.poster(560, 300, 1, "png"), "v1", "v2"));
        assertThat(vm.getKind()).isEqualTo(DiffKind.IMAGE);
        assertThat(robot.lookup("#diff-message").queryLabeled().getText()).matches("480\u00d7300 \u2192 560\u00d7300, .*");
        ImageView before = robot.lookup(".diff-image-before").queryAs(ImageView.class);
        assertThat(before.getImage().getWidth()).isEqualTo(480);
        assertThat(before.isVisible()).isTrue();
        assertThat(robot.lookup(".diff-image-caption").queryAll()).anyMatch(n -> ((Label) n).getText().startsWith("v2  \u00b7  560\u00d7300"));

        robot.clickOn("#diff-image-swipe");
        assertThat(vm.imageModeProperty().get()).isEqualTo(ImageMode.SWIPE);
        Slider slider = robot.lookup("#diff-image-slider").queryAs(Slider.class);
        assertThat(slider.isVisible()).isTrue();
        robot.interact(() -> slider.setValue(0.25));
        assertThat(vm.swipeProperty().get()).isEqualTo(0.25);
        ImageView top = robot.lookup(".diff-image-top").queryAs(ImageView.class);
        assertThat(top.getClip()).isNotNull();

        robot.clickOn("#diff-image-onion");
        robot.interact(() -> slider.setValue(0.8));
        assertThat(vm.onionOpacityProperty().get()).isEqualTo(0.8);
        assertThat(top.getOpacity()).isEqualTo(0.8);
        assertThat(vm.swipeProperty().get()).isEqualTo(0.25);

        robot.clickOn("#diff-image-difference");
        WaitForAsyncUtils.waitForFxEvents();
        ImageView difference = robot.lookup(".diff-image-difference").queryAs(ImageView.class);
        assertThat(difference.getImage()).isSameAs(vm.differenceImageProperty().get());
        assertThat(robot.lookup("#diff-difference-summary").queryLabeled().getText()).contains("of pixels differ");

        robot.clickOn("#diff-zoom-100");
        assertThat(vm.fitToWindowProperty().get()).isFalse();
        assertThat(difference.getFitWidth()).isEqualTo(560);
    }

    @Test
    void heavyWorkRunsOnTheBackgroundExecutorAndResultsArriveOnTheFxThread(FxRobot robot) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            List<Boolean> onFxThread = new CopyOnWriteArrayList<>();
            Executor recording = r -> pool.execute(() -> {
                onFxThread.add(Platform.isFxApplicationThread());
                r.run();
            });
            DiffViewModel threaded = new DiffViewModel(recording);
            List<Boolean> appliedOnFx = new CopyOnWriteArrayList<>();
            threaded.kindProperty().addListener((o, a, b) -> appliedOnFx.add(Platform.isFxApplicationThread()));
            robot.interact(() -> threaded.show(new DiffInput("art/poster.png", DiffSamples.poster(200, 120, 0, "png"),
                    DiffSamples.poster(200, 120, 1, "png"), null, null)));
            // The pool is FIFO: once a no-op queued after the analysis (and after the difference image it
            // queues) has run, all background work is done; then the FX queue holds the results.
            pool.submit(() -> { }).get();
            pool.submit(() -> { }).get();
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(threaded.getKind()).isEqualTo(DiffKind.IMAGE);
            assertThat(threaded.differenceProperty().get()).isNotNull();
            assertThat(onFxThread).hasSize(2).containsOnly(false);
            assertThat(appliedOnFx).isNotEmpty().containsOnly(true);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void showsBinaryIdenticalAndEmptyStates(FxRobot robot) {
        assertThat(robot.lookup("#diff-state-message").queryLabeled().getText()).isEqualTo("Select a file to see what changed.");

        byte[] data = DiffSamples.binary(3000, 3);
        byte[] changed = data.clone();
        changed[100] ^= 1;
        show(robot, new DiffInput("model.blend", data, changed, null, null));
        assertThat(robot.lookup(".diff-binary-headline").queryLabeled().getText()).isEqualTo("Binary file changed");
        assertThat(robot.lookup(".diff-binary-value").queryAll()).anyMatch(n -> ((Label) n).getText().startsWith("2.9 KB"));

        show(robot, new DiffInput("a.txt", utf8("same\n"), utf8("same\n"), null, null));
        assertThat(robot.lookup("#diff-state-message").queryLabeled().getText()).startsWith("No changes");

        show(robot, new DiffInput("empty.txt", null, new byte[0], null, null));
        assertThat(robot.lookup(".diff-placeholder").queryLabeled().getText()).isEqualTo("Added as an empty file.");
        assertThat(robot.lookup("#diff-badge").queryLabeled().getText()).isEqualTo("New file");
    }

    @Test
    void theBinaryPaneShowsPdfFactsAndThumbnailsOfBothSides(FxRobot robot) {
        byte[] before = PreviewTest.pdf(2, "Atlas draft", "Ola", null);
        byte[] after = PreviewTest.pdf(3, "Atlas", "Ola Nowak", null);
        show(robot, new DiffInput("atlas.pdf", before, after, "v1", "v2"));

        assertThat(robot.lookup(".diff-binary-headline").queryLabeled().getText()).isEqualTo("Binary file changed");
        List<String> values = robot.lookup(".diff-binary-value").queryAll().stream()
                .filter(Label.class::isInstance).map(n -> ((Label) n).getText()).toList();
        assertThat(values).contains("PDF document", "2", "3", "Atlas draft", "Atlas", "Ola", "Ola Nowak");
        Set<ImageView> pages = robot.lookup(".diff-binary-thumbnail").queryAllAs(ImageView.class);
        assertThat(pages).hasSize(2).allSatisfy(page -> {
            assertThat(page.getImage().getHeight()).isEqualTo(Preview.THUMBNAIL);
            assertThat(page.isVisible()).isTrue();
        });
        List<String> headers = robot.lookup(".diff-binary-header").queryAll().stream()
                .map(n -> ((Label) n).getText()).toList();
        assertThat(headers).contains("Pages", "Title", "Author", "Preview");
    }

    @Test
    void aDamagedPdfSaysSoInThePane(FxRobot robot) {
        byte[] good = PreviewTest.pdf(1, "Fine", "A", null);
        byte[] bad = ("%PDF-1.7\n" + "x".repeat(400)).getBytes(StandardCharsets.ISO_8859_1);
        show(robot, new DiffInput("doc.pdf", good, bad, "v1", "v2"));
        assertThat(robot.lookup(".diff-binary-problem").queryLabeled().getText())
                .isEqualTo("Kamaros could not read this file: it may be damaged.");
        assertThat(robot.lookup(".diff-binary-thumbnail").queryAll()).hasSize(1);
    }
}
