package io.kamaros.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.gc.GcTool;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.i18n.TimeText;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.settings.SettingsTool;
import io.kamaros.app.shell.ErrorDialog;
import io.kamaros.app.storage.StorageTool;
import io.kamaros.app.timeline.TimelineRow;
import io.kamaros.app.tools.AppTool;
import io.kamaros.app.transfer.ExportTool;
import io.kamaros.app.transfer.ImportTool;
import io.kamaros.app.verify.VerifyTool;
import io.kamaros.engine.Remotes;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
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
 * Walks the screens of the Polish app on the demo (welcome, main window with a version and its text
 * and image diffs, the checkpoint, shortcut, about and error dialogs, every tool window) and fails on
 * any visible text that is English or comes from no bundle. Only data is allowed besides: the demo's
 * file names, version messages, authors, dates and file contents.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class PolishScreensTest {
    private static final Locale POLISH = Locale.forLanguageTag("pl");
    @TempDir
    static Path dir;
    private GuiFixture app;
    private Stage stage;

    @BeforeAll
    static void home() {
        GuiFixture.prepareHome(dir.resolve("home"));
    }

    @AfterAll
    static void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    @Start
    void start(Stage stage) {
        I18n.setLocale(POLISH);
        this.stage = stage;
        app = new GuiFixture(stage, dir.resolve("home"));
    }

    private static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> condition.get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Everything the demo holds that a person typed or a file contains: shown as it is in every language. */
    private VisibleText.PolishCheck check() {
        return check(app.context.session(), dir.resolve("home"));
    }

    private VisibleText.PolishCheck check(ProjectSession session, Path work) {
        Set<String> data = new HashSet<>(List.of("Kamaros", "Moonlit Garden"));
        for (Version v : session.getVersions()) {
            data.addAll(List.of(v.message(), v.author(), v.shortId(), TimeText.absolute(v.timestamp())));
            data.addAll(v.tags());
            if (v.email() != null) {
                data.add(v.email());
            }
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path f : files.toList()) {
                data.add(f.getFileName().toString());
                data.add(f.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (session.isOpen()) { // where the project's remotes are, as the person gave them
            Remotes.of(session.manager()).list().forEach(r -> data.add(r.url()));
        }
        Set<String> names = new HashSet<>(data);
        return new VisibleText.PolishCheck().allowData(data)
                // paths in the project ("chapters/04-dawn.md") and lines of its text files, in any version
                .allowData(t -> t.contains("/") && names.stream().anyMatch(n -> t.endsWith(n)))
                .allowData(t -> session.isOpen() && lineOfADemoFile(session, t));
    }

    private final Set<String> demoLines = new HashSet<>();

    private boolean lineOfADemoFile(ProjectSession session, String text) {
        if (demoLines.isEmpty()) {
            session.location().ifPresent(l -> {
                try (Stream<Path> files = Files.walk(l.workTree())) {
                    for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains(".kamaros")).toList()) {
                        if (!f.toString().endsWith(".png")) {
                            Files.readString(f).lines().forEach(line -> demoLines.add(line.strip()));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            // earlier versions' lines: the demo generator keeps them in its history, read through the engine
            for (Version v : session.getVersions()) {
                try {
                    for (var file : session.manager().listFiles("", v.id())) {
                        if (!file.path().endsWith(".png")) {
                            new String(session.manager().getFileContent(file.path(), v.id()), StandardCharsets.UTF_8).lines().forEach(line -> demoLines.add(line.strip()));
                        }
                    }
                } catch (RuntimeException e) {
                    // a version that cannot be listed adds no lines
                }
            }
        }
        String t = text.strip();
        // syntax colours and word highlights show one line as several texts ("Status:", "**With the editor**"):
        // a piece of a line is data too (an English bundle text is still caught: see VisibleText.problems)
        return demoLines.contains(t) || t.length() >= 3 && demoLines.stream().anyMatch(line -> line.contains(t));
    }

    private List<String> problemsIn(Window window) {
        return onFx(() -> check().problems(VisibleText.collect(window)));
    }

    private static <T> T onFx(Callable<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(s).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private void selectVersion(FxRobot robot, String message) throws TimeoutException {
        ListView<TimelineRow> list = robot.lookup("#timeline-list").queryAs(ListView.class);
        robot.interact(() -> {
            for (int i = 0; i < list.getItems().size(); i++) {
                if (list.getItems().get(i).version().message().equals(message)) {
                    list.getSelectionModel().clearAndSelect(i);
                    list.scrollTo(i);
                }
            }
        });
        waitUntil(() -> app.context.session().selectedVersionProperty().get() != null
                && app.context.session().selectedVersionProperty().get().message().equals(message));
    }

    private void showChange(FxRobot robot, String path) throws TimeoutException {
        waitUntil(() -> robot.lookup("#change-list .list-cell").queryAll().stream()
                .anyMatch(c -> ((ListCell<?>) c).getItem() != null && ((ListCell<?>) c).getItem().toString().contains(path)));
        Node change = robot.lookup("#change-list .list-cell").match((ListCell<?> c) -> c.getItem() != null
                && c.getItem().toString().contains(path)).query();
        robot.clickOn(change);
        waitUntil(() -> robot.lookup("#diff-path").tryQuery().map(n -> path.equals(((Label) n).getText())).orElse(false));
    }

    private List<Window> otherWindows() {
        return onFx(() -> Window.getWindows().stream().filter(w -> w != stage && w.isShowing()).toList());
    }

    /** The problems in the windows open besides the main one; there must be one, with texts to check. */
    private List<String> inOtherWindows(String screen) {
        List<Window> windows = otherWindows();
        assertThat(windows).as(screen + " is open").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Window w : windows) {
            assertThat(onFx(() -> VisibleText.collect(w))).as("texts of " + screen).hasSizeGreaterThan(2);
            problems.addAll(tagged(screen, problemsIn(w)));
        }
        return problems;
    }

    private void closeOthers(FxRobot robot) {
        robot.interact(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != stage && w instanceof Stage s) {
                    s.close();
                }
            }
        });
    }

    @Test
    void everyScreenIsPolish(FxRobot robot) throws Exception {
        List<String> problems = new ArrayList<>();
        problems.addAll(tagged("welcome", problemsIn(stage)));

        ProjectSession session = app.context.session();
        robot.clickOn("#open-demo");
        waitUntil(() -> session.getVersions().size() == 25 && session.getHead() != null);
        problems.addAll(tagged("main window", problemsIn(stage)));

        selectVersion(robot, "Editor's notes on chapters 1 and 4");
        showChange(robot, "chapters/04-dawn.md");
        problems.addAll(tagged("text diff", problemsIn(stage)));

        selectVersion(robot, "Colour the fox");
        showChange(robot, "illustrations/fox.png");
        waitUntil(() -> robot.lookup("#diff-image-side-by-side").tryQuery().map(Node::isVisible).orElse(false));
        problems.addAll(tagged("image diff", problemsIn(stage)));

        // dialogs: save a checkpoint (after an edit), shortcuts, an error
        Path work = session.location().orElseThrow().workTree();
        Files.writeString(work.resolve("new-idea.txt"), "A fox that can read.\n");
        robot.press(KeyCode.F5).release(KeyCode.F5);
        waitUntil(() -> session.getStatus() != null && session.getStatus().added().contains("new-idea.txt"));
        problems.addAll(tagged("main window with unsaved changes", problemsIn(stage)));
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#checkpoint-message").tryQuery().isPresent());
        problems.addAll(inOtherWindows("checkpoint dialog"));
        closeOthers(robot);

        robot.press(KeyCode.F1).release(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        problems.addAll(inOtherWindows("shortcuts"));
        closeOthers(robot);

        Path fake = work.resolve("letter.jcf");
        String notAnArchive = "This file is not a Kamaros archive (.jcf): it is not a ZIP file. Nothing was imported.";
        String readOnly = work + ": Read-only file system";
        robot.interact(() -> new ErrorDialog(() -> stage).present(I18n.t("task.importJcf", fake.getFileName()),
                new CorruptionException(notAnArchive, Map.of(CorruptionException.KIND, CorruptionException.NOT_AN_ARCHIVE))));
        robot.interact(() -> new ErrorDialog(() -> stage).present(I18n.t("checkpoint.save"),
                new FileSystemException(work.toString(), null, "Read-only file system")));
        WaitForAsyncUtils.waitForFxEvents();
        problems.addAll(inOtherWindows("error dialog"));
        closeOthers(robot);

        // every tool window
        for (AppTool tool : List.of(new ExportTool(), new ImportTool(), new VerifyTool(), new GcTool(), new StorageTool(),
                new SettingsTool())) {
            robot.interact(() -> tool.open(app.context, stage));
            WaitForAsyncUtils.waitForFxEvents();
            problems.addAll(inOtherWindows(tool.label()));
            closeOthers(robot);
        }

        assertThat(problems).isEmpty();
    }

    /** Every screen of {@link Screens#walk} (the same walk that checks sizes), in Polish. */
    @Test
    void everyScreenOfTheWalkIsPolish(FxRobot robot) throws Exception {
        Path home = dir.resolve("walk");
        List<String> problems = new ArrayList<>();
        List<String> opened = Screens.walk(robot, home, POLISH, screen -> {
            List<VisibleText.Shown> shown = onFx(() -> VisibleText.collect(screen.window()));
            assertThat(shown).as("texts of " + screen.name()).isNotEmpty();
            problems.addAll(tagged(screen.name(), onFx(() -> check(screen.context().session(), home).problems(shown))));
        });
        assertThat(opened).containsExactlyElementsOf(Screens.ALL);
        assertThat(problems).isEmpty();
    }

    private static List<String> tagged(String screen, List<String> problems) {
        return problems.stream().map(p -> screen + ": " + p).toList();
    }
}
