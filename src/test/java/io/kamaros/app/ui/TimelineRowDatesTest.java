package io.kamaros.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.engine.model.CheckpointOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.text.Text;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A timeline row with badges (CURRENT, "automatic", a tag) shows its whole date and time: the message is what
 * gives way ("…"), never the line with the author and the date. Checked in English and Polish (longer badges and
 * dates), at the window's first size and narrower, on the demo with an automatic save on top.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class TimelineRowDatesTest {
    private static final int[] WIDTHS = {1440, 1280, 1224, 1024};
    private static final int HEIGHT = 760;

    @TempDir
    static Path dir;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void badgedRowsShowTheirWholeDateInEnglish(FxRobot robot) throws Exception {
        check(robot, Locale.ENGLISH, "en");
    }

    @Test
    void badgedRowsShowTheirWholeDateInPolish(FxRobot robot) throws Exception {
        check(robot, Locale.forLanguageTag("pl-PL"), "pl");
    }

    private void check(FxRobot robot, Locale locale, String name) throws TimeoutException, IOException {
        Locale before = I18n.locale();
        Path home = dir.resolve(name);
        GuiFixture.prepareHome(home);
        AtomicReference<GuiFixture> fixture = new AtomicReference<>();
        List<String> problems = new ArrayList<>();
        List<Integer> checked = new ArrayList<>();
        try {
            robot.interact(() -> {
                I18n.setLocale(locale);
                fixture.set(new GuiFixture(stage, home));
            });
            ProjectSession session = fixture.get().context.session();
            robot.clickOn("#open-demo");
            waitUntil(() -> session.getVersions().size() == 25);
            // an automatic save on top: its row carries CURRENT and "automatic", the longest pair of badges
            Path work = session.location().orElseThrow().workTree();
            Files.writeString(work.resolve("notes.txt"), "an idea\n");
            session.manager().saveCheckpoint("Automatic save", CheckpointOptions.builder().automatic(true).build());
            robot.interact(session::refresh);
            waitUntil(() -> session.getVersions().size() == 26 && badgedRows(robot) >= 2);
            for (int width : WIDTHS) {
                if (width > Screen.getPrimary().getBounds().getWidth()) {
                    continue; // headless Monocle's screen is 1280 px wide
                }
                checked.add(width);
                Screens.resize(robot, stage, width, HEIGHT, 1);
                problems.addAll(cutDates(robot, name + " " + width + " px"));
                String pictures = System.getProperty("kamaros.screens.dir");
                if (pictures != null) {
                    EveryScreenFitsTest.writeScreen(robot, Path.of(pictures).resolve("timeline-" + name + "-" + width + ".png"));
                }
            }
        } finally {
            robot.interact(() -> I18n.setLocale(before));
        }
        assertThat(checked).contains(1024, 1224);
        assertThat(problems).isEmpty();
    }

    /** The rows on screen that show at least one badge. */
    private static int badgedRows(FxRobot robot) {
        AtomicReference<Integer> count = new AtomicReference<>(0);
        robot.interact(() -> count.set((int) robot.lookup("#timeline-list .list-cell").queryAll().stream()
                .filter(c -> c instanceof ListCell<?> cell && !cell.isEmpty() && !cell.lookupAll(".badge").isEmpty())
                .count()));
        return count.get();
    }

    /** Rows with a badge whose date is shown shortened: what it shows and what it should. */
    private static List<String> cutDates(FxRobot robot, String where) {
        AtomicReference<List<String>> found = new AtomicReference<>();
        robot.interact(() -> {
            List<String> out = new ArrayList<>();
            int badged = 0;
            for (Node node : robot.lookup("#timeline-list .list-cell").queryAll()) {
                if (!(node instanceof ListCell<?> cell) || cell.isEmpty() || !Screens.shown(cell)) {
                    continue;
                }
                Set<Node> badges = cell.lookupAll(".badge");
                if (badges.isEmpty()) {
                    continue;
                }
                badged++;
                if (cell.lookupAll(".version-date").isEmpty()) {
                    out.add(where + ": a row with badges shows no date");
                }
                for (Node n : cell.lookupAll(".version-date")) {
                    Label meta = (Label) n;
                    String shown = ((Text) meta.lookup(".text")).getText();
                    if (!shown.equals(meta.getText()) || meta.getWidth() + 0.5 < meta.prefWidth(-1)) {
                        out.add(where + ": \"" + shown + "\" instead of \"" + meta.getText() + "\" ("
                                + Math.round(meta.getWidth()) + " of " + Math.round(meta.prefWidth(-1)) + " px)");
                    }
                }
            }
            if (badged < 2) {
                out.add(where + ": only " + badged + " rows with badges on screen");
            }
            found.set(out);
        });
        return found.get();
    }

    private static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> condition.get());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
