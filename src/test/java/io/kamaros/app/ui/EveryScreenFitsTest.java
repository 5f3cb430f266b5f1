package io.kamaros.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Cell;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeView;
import javafx.scene.image.Image;
import javafx.scene.text.Text;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Every window and dialog, in English and in Polish, opens showing its key controls: its buttons, lists and
 * text areas lie inside the window, the window inside the screen, nothing is cut to "…" in a dialog or tool
 * window, lists are lists (not a strip), the title fits, and the maximized main window stays maximized while
 * each one shows. Meaningful under a window manager: CI runs it under Xvfb + openbox too ({@code -Dgroups=gui -Dxvfb}).
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class EveryScreenFitsTest {
    /** A list or text area lower than this is a strip, not a place to read. */
    private static final double MIN_LIST_HEIGHT = 60;
    /** Room the window manager's title bar needs beside the title (icon, buttons). */
    private static final double TITLE_BAR_EXTRAS = 90;
    /**
     * No dialog or tool window needs more for its controls; wider, it was sized by a sentence on one line (a
     * wrapping label asks for its whole text's width: Project settings once opened 1,405 px wide).
     */
    static final double MAX_DIALOG_WIDTH = 900;
    /** Wider by design: five figure cards over two charts side by side. */
    private static final String DASHBOARD = "storage-window";

    @TempDir
    static Path dir;

    @Test
    void everyScreenFitsInEnglish(FxRobot robot) throws Exception {
        walk(robot, Locale.ENGLISH, "en");
    }

    @Test
    void everyScreenFitsInPolish(FxRobot robot) throws Exception {
        walk(robot, Locale.forLanguageTag("pl-PL"), "pl");
    }

    /** The dark theme: everything fits as in the light one, and text and icons stand out from what lies under them. */
    @Test
    void everyScreenFitsAndIsLegibleInTheDarkTheme(FxRobot robot) throws Exception {
        walk(robot, Locale.ENGLISH, "dark");
    }

    private void walk(FxRobot robot, Locale locale, String name) throws Exception {
        List<String> problems = new ArrayList<>();
        String pictures = System.getProperty("kamaros.screens.dir"); // e.g. to look at them under a window manager
        boolean dark = name.equals("dark");
        List<String> opened = Screens.walk(robot, dir.resolve(name), locale, dark, screen -> {
            AtomicReference<List<String>> found = new AtomicReference<>();
            robot.interact(() -> {
                List<String> all = new ArrayList<>(problems(screen));
                if (dark) {
                    all.addAll(Contrast.problems(screen.name(), screen.window()));
                    all.addAll(Contrast.surfaceProblems(screen.name(), screen.window()));
                }
                found.set(all);
            });
            problems.addAll(found.get());
            if (pictures != null) {
                writeScreen(robot, Path.of(pictures).resolve(name + "-" + screen.name() + ".png"));
            }
        });
        assertThat(opened).containsExactlyElementsOf(Screens.ALL);
        assertThat(problems).isEmpty();
    }

    /** The whole screen as a person sees it (under Xvfb: the window manager's frames too). */
    static void writeScreen(FxRobot robot, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Image image = robot.capture(Screen.getPrimary().getBounds()).getImage();
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a person would see cut off or squeezed on this screen. */
    static List<String> problems(Screens.Screen s) {
        List<String> out = new ArrayList<>();
        Window w = s.window();
        String name = s.name();
        if (!s.main().isMaximized() && !name.startsWith("diff-")) { // the diff's screens un-maximize it on purpose
            out.add(name + ": the main window is no longer maximized");
        }
        Rectangle2D screen = screenOf(w);
        if (w.getX() < screen.getMinX() - 1 || w.getY() < screen.getMinY() - 1
                || w.getX() + w.getWidth() > screen.getMaxX() + 1 || w.getY() + w.getHeight() > screen.getMaxY() + 1) {
            out.add(name + ": window " + bounds(w) + " is not inside the screen " + screen);
        }
        boolean dialogOrTool = w != s.main();
        if (dialogOrTool && !name.equals(DASHBOARD) && w.getWidth() > MAX_DIALOG_WIDTH) {
            out.add(name + ": " + w.getWidth() + " px wide, wider than any dialog's controls need (" + MAX_DIALOG_WIDTH
                    + "): a sentence on one line?");
        }
        if (dialogOrTool && w instanceof Stage st && st.getTitle() != null) {
            double title = new Text(st.getTitle()).getLayoutBounds().getWidth();
            if (w.getWidth() < title + TITLE_BAR_EXTRAS) {
                out.add(name + ": title \"" + st.getTitle() + "\" does not fit a " + w.getWidth() + " px wide window");
            }
        }
        Scene scene = w.getScene();
        Bounds sceneBounds = new BoundingBox(0, 0, scene.getWidth(), scene.getHeight());
        visit(scene.getRoot(), node -> {
            if (!Screens.shown(node) || insideScrolledOrCell(node)) {
                return;
            }
            String what = name + ": " + describe(node);
            boolean key = node instanceof ButtonBase || node instanceof ListView || node instanceof TreeView
                    || node instanceof TextArea;
            if (key) {
                Bounds b = node.localToScene(node.getLayoutBounds());
                if (b.getMinX() < -1 || b.getMinY() < -1 || b.getMaxX() > sceneBounds.getMaxX() + 1
                        || b.getMaxY() > sceneBounds.getMaxY() + 1) {
                    out.add(what + " lies outside the window (" + b + " in " + sceneBounds + ")");
                } else if (b.getWidth() < 4 || b.getHeight() < 4) {
                    out.add(what + " has no room (" + b.getWidth() + " × " + b.getHeight() + ")");
                }
                // a short list sized to show all of its rows is not a strip
                boolean showsAllRows = node instanceof ListView<?> lv && lv.getFixedCellSize() > 0
                        && b.getHeight() >= lv.getItems().size() * lv.getFixedCellSize();
                if ((node instanceof ListView || node instanceof TextArea || node instanceof TreeView)
                        && b.getHeight() < MIN_LIST_HEIGHT && !showsAllRows) {
                    out.add(what + " is a " + Math.round(b.getHeight()) + " px strip");
                }
            }
            if (node instanceof Labeled l && (dialogOrTool || node instanceof ButtonBase) && ellipsized(l)) {
                out.add(what + " is cut to \"" + displayed(l) + "\"");
            }
        });
        return out;
    }

    private static Rectangle2D screenOf(Window w) {
        List<Screen> screens = Screen.getScreensForRectangle(w.getX(), w.getY(), Math.max(1, w.getWidth()),
                Math.max(1, w.getHeight()));
        return (screens.isEmpty() ? Screen.getPrimary() : screens.get(0)).getBounds();
    }

    private static String bounds(Window w) {
        return Math.round(w.getX()) + "," + Math.round(w.getY()) + " " + Math.round(w.getWidth()) + "×"
                + Math.round(w.getHeight());
    }

    /** Rows of lists, content scrolled inside a pane and a closed combo box's list may lie outside the view. */
    private static boolean insideScrolledOrCell(Node node) {
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane || p instanceof Cell || p instanceof ListView || p instanceof TreeView
                    || p instanceof ComboBoxBase) {
                return true;
            }
        }
        return node instanceof Cell;
    }

    private static boolean ellipsized(Labeled l) {
        String text = l.getText();
        if (text == null || text.isEmpty() || l.getContentDisplay() == ContentDisplay.GRAPHIC_ONLY) {
            return false;
        }
        String shown = displayed(l);
        return shown != null && !shown.equals(l.isMnemonicParsing() ? text.replace("_", "") : text);
    }

    private static String displayed(Labeled l) {
        for (Node child : l.getChildrenUnmodifiable()) { // the label's own text, not an icon font's glyph
            if (child instanceof Text t && "LabeledText".equals(child.getClass().getSimpleName())) {
                return t.getText();
            }
        }
        return null;
    }

    private static String describe(Node node) {
        String id = node.getId() != null ? "#" + node.getId() : "";
        String text = node instanceof Labeled l && l.getText() != null ? " \"" + l.getText() + "\"" : "";
        return node.getClass().getSimpleName() + id + text;
    }

    static void visit(Node node, Consumer<Node> action) {
        action.accept(node);
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                visit(child, action);
            }
        }
    }
}
