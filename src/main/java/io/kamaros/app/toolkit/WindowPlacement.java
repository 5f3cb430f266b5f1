package io.kamaros.app.toolkit;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.event.EventType;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogEvent;
import javafx.scene.control.Labeled;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The one place that sizes and places the app's windows, so that under a real window manager every window
 * opens showing all of its content (its root's preferred size after CSS and layout, never below it, at most
 * the screen), centred on its owner and inside the screen, and grows when its content grows (a result
 * appears). The main window's first size is a share of the screen.
 *
 * <p>Under X11 window managers (openbox under Xvfb, measured) a size given to a window before it is mapped is
 * not kept: windows open at a few hundred pixels or at their minimum size. The minimum size is kept, so it is
 * set to the content's size before showing; explicit bounds are applied again once the window shows.
 *
 * <p>Dialogs are owned but not modal to the window system: on Linux, JavaFX 21 makes the owner of a modal
 * window non-resizable (its minimum and maximum size hints set to its current size) while the dialog shows,
 * and window managers such as openbox then un-maximize it (fixed in JavaFX 23, JDK-8332222, which needs Java
 * 21). Instead, {@link #prepare} keeps the owner from taking input while the dialog shows.
 */
public final class WindowPlacement {
    /** The share of the screen the main window takes the first time. */
    static final double FIRST_SHARE = 0.85;
    static final double FIRST_MAX_WIDTH = 1680;
    static final double FIRST_MAX_HEIGHT = 1050;
    /** Room for the window manager's frame around a scene (title bar, borders) before the real size is known. */
    static final double FRAME_ALLOWANCE = 40;
    static final double FRAME_SIDES = 8;
    /**
     * The most a wrapping text asks a window to be wide: about 75 characters of the app's font, a line that reads
     * well. Wider texts wrap; a window is wider only where its other controls need it.
     */
    static final double READING_WIDTH = 560;
    /**
     * How long after showing size and place changes count as the window manager's first answer (it answers the
     * first map asynchronously), not the person moving or resizing the window.
     */
    static final Duration SETTLING = Duration.millis(1500);
    /** At most this many re-centrings while a window settles. */
    private static final int MAX_RECENTRES = 12;

    private WindowPlacement() {
    }

    /** The main window's first bounds: most of the screen, centred, never smaller than its content. */
    public static Rectangle2D firstMainBounds(Rectangle2D screen, Dimension2D content) {
        double w = Math.min(screen.getWidth(), Math.max(content.getWidth(),
                Math.min(FIRST_MAX_WIDTH, screen.getWidth() * FIRST_SHARE)));
        double h = Math.min(screen.getHeight(), Math.max(content.getHeight() + FRAME_ALLOWANCE,
                Math.min(FIRST_MAX_HEIGHT, screen.getHeight() * FIRST_SHARE)));
        return centredIn(screen, w, h);
    }

    /** A {@code w × h} window centred on {@code owner}, moved (and at most shrunk) to lie inside {@code screen}. */
    public static Rectangle2D centredOn(Rectangle2D owner, double w, double h, Rectangle2D screen) {
        double width = Math.min(w, screen.getWidth());
        double height = Math.min(h, screen.getHeight());
        double x = owner.getMinX() + (owner.getWidth() - width) / 2;
        double y = owner.getMinY() + (owner.getHeight() - height) / 2;
        x = Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - width));
        y = Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - height));
        return new Rectangle2D(x, y, width, height);
    }

    private static Rectangle2D centredIn(Rectangle2D screen, double w, double h) {
        return centredOn(screen, w, h, screen);
    }

    /**
     * The preferred size of a root that is in its scene, after CSS and layout, with its wrapping texts at most
     * {@link #READING_WIDTH} wide ({@link #readableWidth}); never below its minimum size. The height is the
     * root's at that width, so wrapped lines are counted.
     */
    public static Dimension2D contentSize(Parent root) {
        root.applyCss();
        root.layout();
        // a minimum that is the preferred size (a dialog's pane) would bring the sentence's one-line width back
        boolean minIsPref = root instanceof Region r && r.getMinWidth() == Region.USE_PREF_SIZE;
        double w = Math.max(readableWidth(root), minIsPref ? 0 : root.minWidth(-1));
        double h = Math.max(root.prefHeight(w), root.minHeight(w));
        return new Dimension2D(Math.ceil(w), Math.ceil(h));
    }

    /**
     * The root's preferred width when each wrapping text (a Labeled with wrapText and no width of its own) asks for
     * at most {@link #READING_WIDTH}. A wrapping label asks for its whole text on one line, so a window sized from
     * preferred widths opens as wide as its longest sentence (Project settings: 1,405 px for a 650 px form); the
     * text wraps anyway, so the other controls decide the width, and a long text alone gets a readable line.
     */
    static double readableWidth(Parent root) {
        List<Labeled> capped = new ArrayList<>();
        capWrappingTexts(root, capped);
        try {
            return root.prefWidth(-1);
        } finally {
            for (Labeled l : capped) {
                l.setPrefWidth(Region.USE_COMPUTED_SIZE);
            }
        }
    }

    private static void capWrappingTexts(Parent parent, List<Labeled> capped) {
        for (Node n : parent.getChildrenUnmodifiable()) {
            if (n instanceof Labeled l && l.isWrapText() && l.getPrefWidth() == Region.USE_COMPUTED_SIZE
                    && l.prefWidth(-1) > READING_WIDTH) {
                l.setPrefWidth(READING_WIDTH);
                capped.add(l);
            }
            if (n instanceof Parent p) {
                capWrappingTexts(p, capped);
            }
        }
    }

    /**
     * Where a wrapping text made the root ask for more than {@link #readableWidth}, the root asks for that width
     * instead (the window sizes itself from its root's preferred size, and later from {@code sizeToScene}).
     */
    private static void preferReadableWidth(Region root, double width) {
        if (root.getPrefWidth() == Region.USE_COMPUTED_SIZE && root.prefWidth(-1) > width + 0.5) {
            root.setPrefWidth(width);
        }
    }

    /** The visual bounds of the screen that shows most of {@code window} (the primary screen without one). */
    public static Rectangle2D screenOf(@Nullable Window window) {
        if (window != null && !Double.isNaN(window.getX()) && window.getWidth() > 0) {
            List<Screen> screens = Screen.getScreensForRectangle(window.getX(), window.getY(), window.getWidth(),
                    window.getHeight());
            if (!screens.isEmpty()) {
                return screens.get(0).getVisualBounds();
            }
        }
        return Screen.getPrimary().getVisualBounds();
    }

    private static Rectangle2D boundsOf(Window w) {
        return new Rectangle2D(w.getX(), w.getY(), w.getWidth(), w.getHeight());
    }

    /**
     * Sizes a stage whose scene has no explicit size to its content (at most the screen), places it centred on
     * its owner, keeps it inside the screen once the window manager has framed it, and lets it grow when its
     * content does. Call after {@code setScene} and before {@code show}.
     */
    public static void fitAndCentre(Stage stage) {
        Scene scene = stage.getScene();
        Parent root = scene.getRoot();
        Window owner = stage.getOwner();
        Rectangle2D screen = screenOf(owner);
        Dimension2D content = contentSize(root);
        double w = Math.min(content.getWidth(), screen.getWidth());
        double h = Math.min(content.getHeight(), screen.getHeight() - FRAME_ALLOWANCE);
        if ((w < content.getWidth() || h < content.getHeight()) && root instanceof Region r) {
            r.setPrefSize(w, h); // larger than the screen: the content's own scroll panes take the rest
        } else if (root instanceof Region r) {
            preferReadableWidth(r, w);
        }
        stage.sizeToScene();
        // the window manager keeps a minimum size where it drops a requested one
        stage.setMinWidth(Math.min(w + FRAME_SIDES, screen.getWidth()));
        stage.setMinHeight(Math.min(h + FRAME_ALLOWANCE, screen.getHeight()));
        Rectangle2D around = owner != null && owner.isShowing() ? boundsOf(owner) : screen;
        Rectangle2D first = centredOn(around, w + FRAME_SIDES, h + FRAME_ALLOWANCE, screen);
        stage.setX(first.getMinX());
        stage.setY(first.getMinY());
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> {
            centreWhenFramed(stage, around, screen);
            growWithContent(stage, screen);
            keepInsideScreen(stage, screen);
        });
    }

    /**
     * Whatever grows the window later (its content, the window manager), it never ends up past the screen's edge.
     * While the window settles ({@link #SETTLING}) a move is checked too: the window manager's late answer to the
     * first map may place the window by the size it had then (seen under openbox: a dialog mapped small, placed
     * at 619,340, then grown to 528×661, its buttons below the screen). After that only growth is checked, so a
     * person may drag the window where they like.
     */
    private static void keepInsideScreen(Window stage, Rectangle2D screen) {
        InvalidationListener clamp = o -> Platform.runLater(() -> {
            if (stage instanceof Stage s && s.isMaximized() || !stage.isShowing()) {
                return;
            }
            if (stage.getX() + stage.getWidth() > screen.getMaxX() + 0.5) {
                stage.setX(Math.max(screen.getMinX(), screen.getMaxX() - stage.getWidth()));
            }
            if (stage.getY() + stage.getHeight() > screen.getMaxY() + 0.5) {
                stage.setY(Math.max(screen.getMinY(), screen.getMaxY() - stage.getHeight()));
            }
        });
        stage.widthProperty().addListener(clamp);
        stage.heightProperty().addListener(clamp);
        whileSettling(stage, clamp, stage.xProperty(), stage.yProperty());
        clamp.invalidated(stage.widthProperty());
    }

    /** Listens to {@code values} for the first {@link #SETTLING} after now, then stops. */
    private static void whileSettling(Window window, InvalidationListener listener, Observable... values) {
        for (Observable v : values) {
            v.addListener(listener);
        }
        PauseTransition settled = new PauseTransition(SETTLING);
        settled.setOnFinished(e -> {
            for (Observable v : values) {
                v.removeListener(listener);
            }
        });
        settled.play();
    }

    /**
     * Centres again once the window manager has framed the window and its real size is known, and again while its
     * first sizes arrive (the window manager answers the first map asynchronously, with its own placement).
     */
    private static void centreWhenFramed(Window window, Rectangle2D around, Rectangle2D screen) {
        Runnable centre = () -> {
            if (!window.isShowing()) {
                return;
            }
            Rectangle2D placed = centredOn(around, window.getWidth(), window.getHeight(), screen);
            window.setX(placed.getMinX());
            window.setY(placed.getMinY());
        };
        Platform.runLater(centre);
        // The window manager's own late placement (a move) is answered as well as its late sizes. Setting the same
        // place again changes nothing, so this settles; the bound stops a window manager that insists.
        int[] left = {MAX_RECENTRES};
        InvalidationListener again = o -> {
            if (left[0]-- > 0) {
                Platform.runLater(centre);
            }
        };
        whileSettling(window, again, window.widthProperty(), window.heightProperty(), window.xProperty(),
                window.yProperty());
    }

    /**
     * Applies bounds to a window that may be shown already: before showing, then again once shown (the window
     * manager does not keep a size requested before the window is mapped).
     */
    public static void applyBounds(Stage stage, Rectangle2D bounds) {
        Runnable apply = () -> {
            if (!stage.isMaximized()) {
                stage.setX(bounds.getMinX());
                stage.setY(bounds.getMinY());
                stage.setWidth(bounds.getWidth());
                stage.setHeight(bounds.getHeight());
            }
        };
        apply.run();
        if (!stage.isShowing()) {
            EventHandler<WindowEvent> once = new EventHandler<>() {
                @Override
                public void handle(WindowEvent e) {
                    stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, this);
                    apply.run();
                }
            };
            stage.addEventHandler(WindowEvent.WINDOW_SHOWN, once);
        }
    }

    /** When the content's preferred size grows past the window (a result or a list appears), the window grows. */
    private static void growWithContent(Stage stage, Rectangle2D screen) {
        Scene scene = stage.getScene();
        double[] last = {scene.getRoot().prefWidth(-1), scene.getRoot().prefHeight(scene.getWidth())};
        scene.addPostLayoutPulseListener(() -> {
            Parent root = scene.getRoot();
            double plainW = root.prefWidth(-1);
            double prefH = root.prefHeight(scene.getWidth());
            boolean widthGrew = plainW > last[0] + 0.5;
            boolean grew = widthGrew || prefH > last[1] + 0.5;
            last[0] = plainW;
            last[1] = prefH;
            if (!grew || stage.isMaximized() || stage.isFullScreen()) {
                return;
            }
            // a text that appears or grows wraps rather than widening the window (measured only when the width
            // asked for grew: measuring lays the root out again, and this listener runs after every layout)
            double prefW = widthGrew ? readableWidth(root) : 0;
            double frameW = stage.getWidth() - scene.getWidth();
            double frameH = stage.getHeight() - scene.getHeight();
            double w = Math.min(Math.max(stage.getWidth(), prefW + frameW), screen.getWidth());
            double h = Math.min(Math.max(stage.getHeight(), prefH + frameH), screen.getHeight());
            if (w > stage.getWidth() + 0.5 || h > stage.getHeight() + 0.5) {
                Rectangle2D inside = centredOn(boundsOf(stage), w, h, screen);
                stage.setWidth(w);
                stage.setHeight(h);
                stage.setX(Math.min(stage.getX(), inside.getMinX()));
                stage.setY(Math.min(stage.getY(), inside.getMinY()));
            }
        });
    }

    /**
     * Makes a dialog belong to {@code owner}: it opens at its content's size (inside the screen), centred on the
     * owner, and while it shows the owner takes no input (clicks bring the dialog to the front) without being
     * made non-resizable, so a maximized owner stays maximized. Call instead of {@code initOwner}.
     */
    public static void prepare(Dialog<?> dialog, @Nullable Window owner) {
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.initModality(Modality.NONE);
        dialog.getDialogPane().setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        dialog.addEventHandler(DialogEvent.DIALOG_SHOWING, e -> {
            Rectangle2D screen = screenOf(owner);
            Dimension2D content = contentSize(dialog.getDialogPane());
            double w = Math.min(content.getWidth(), screen.getWidth() - FRAME_SIDES);
            double h = Math.min(content.getHeight(), screen.getHeight() - FRAME_ALLOWANCE);
            if (w < content.getWidth() || h < content.getHeight()) {
                dialog.getDialogPane().setMinSize(Region.USE_COMPUTED_SIZE, Region.USE_COMPUTED_SIZE);
                dialog.getDialogPane().setPrefSize(w, h);
            } else {
                preferReadableWidth(dialog.getDialogPane(), w);
            }
            if (dialog.getDialogPane().getScene().getWindow() instanceof Stage stage) {
                // the window manager keeps a minimum size where it drops a requested one
                stage.setMinWidth(w + FRAME_SIDES);
                stage.setMinHeight(h + FRAME_ALLOWANCE);
            }
        });
        Blocker blocker = new Blocker(dialog, owner);
        dialog.addEventHandler(DialogEvent.DIALOG_SHOWN, e -> {
            Rectangle2D screen = screenOf(owner);
            Window window = dialog.getDialogPane().getScene().getWindow();
            centreWhenFramed(window, owner != null && owner.isShowing() ? boundsOf(owner) : screen, screen);
            // a dialog grows with its content (a list that loads, a message that appears) after it was centred
            keepInsideScreen(window, screen);
            blocker.block();
            blocker.focusDialog();
            // a dialog window closed directly (not through the dialog) fires no DIALOG_HIDDEN: never leave the
            // owner blocked (unblock is idempotent, so a dialog shown again may add this once more)
            dialog.getDialogPane().getScene().getWindow().addEventHandler(WindowEvent.WINDOW_HIDDEN, h -> blocker.unblock());
        });
        dialog.addEventHandler(DialogEvent.DIALOG_HIDDEN, e -> blocker.unblock());

    }

    /** Keeps input away from a dialog's owner while the dialog shows, as a modal window would. */
    private static final class Blocker {
        private final Dialog<?> dialog;
        private final @Nullable Window owner;
        private final List<Runnable> undo = new ArrayList<>();

        Blocker(Dialog<?> dialog, @Nullable Window owner) {
            this.dialog = dialog;
            this.owner = owner;
        }

        void block() {
            Window o = owner;
            if (o == null || !undo.isEmpty()) {
                return;
            }
            EventHandler<Event> swallow = e -> {
                e.consume();
                if (e.getEventType() == MouseEvent.MOUSE_PRESSED || e.getEventType() == KeyEvent.KEY_PRESSED) {
                    focusDialog();
                }
            };
            for (var type : List.of(MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_RELEASED, MouseEvent.MOUSE_CLICKED,
                    MouseEvent.MOUSE_DRAGGED, KeyEvent.ANY, ScrollEvent.ANY, DragEvent.ANY)) {
                @SuppressWarnings("unchecked")
                EventType<Event> t = (EventType<Event>) (EventType<?>) type;
                o.addEventFilter(t, swallow);
                undo.add(() -> o.removeEventFilter(t, swallow));
            }
            EventHandler<WindowEvent> keepOpen = WindowEvent::consume;
            o.addEventFilter(WindowEvent.WINDOW_CLOSE_REQUEST, keepOpen);
            undo.add(() -> o.removeEventFilter(WindowEvent.WINDOW_CLOSE_REQUEST, keepOpen));
        }

        /** Brings the dialog to the front with the keyboard focus (a window manager may map it behind or unfocused). */
        void focusDialog() {
            Window w = dialog.getDialogPane().getScene().getWindow();
            if (w instanceof Stage s) {
                s.toFront();
            }
            w.requestFocus();
        }

        void unblock() {
            undo.forEach(Runnable::run);
            undo.clear();
        }
    }
}
