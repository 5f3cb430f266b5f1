package io.kamaros.app.shell;

import io.kamaros.app.i18n.I18n;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.BorderStrokeStyle;
import javafx.scene.layout.BorderWidths;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Popup;
import javafx.stage.PopupWindow;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The notification of finished work: a small dark card at the window's bottom left, just above the status bar
 * (not over the undo bar at the top, nor over a centred dialog's buttons at its bottom right). It goes away by
 * itself after a few seconds, waits while the pointer is on it, and goes at once when clicked or when a dialog or
 * another window opens (it would lie over it).
 *
 * <p>The card is square, opaque, outlined (so it has an edge on the dark theme too) and shown and hidden at once, without a fade: a popup is a window of its own, and
 * what it leaves transparent (rounded corners, a half-faded card) is painted white or black by a window system
 * without a compositor (openbox under Xvfb, many X11 desktops), as the task panel's frame was.
 *
 * <p>Placed here rather than by ControlsFX's {@code Notifications}: that one anchors to the owner window's
 * outer bounds, which under a window manager (openbox, maximized) reach past the screen, and it re-places its
 * popup after every layout, so it cannot be kept inside the screen from outside.
 */
final class FinishedNotice {
    /** How long a notice stays when nobody looks at it. */
    static final Duration SHOWN_FOR = Duration.seconds(6);
    private static final double MARGIN = 12;
    private static final double TEXT_WIDTH = 420;
    /** The card's colour, opaque: GitHub's dark toast, legible over the light and the dark theme alike. */
    static final Color BACKGROUND = Color.rgb(36, 41, 47);
    /**
     * Its one-pixel outline: the card is barely darker or lighter than the dark theme's window (1.3:1), so without
     * it the card had no edge there; this grey reaches 3:1 against both themes' backgrounds.
     */
    static final Color EDGE = Color.rgb(125, 133, 144);

    private final Stage owner;
    private @Nullable Popup current;

    FinishedNotice(Stage owner) {
        this.owner = owner;
    }

    /** Shows the notice for {@code text}, replacing one still showing. */
    void show(String text) {
        hide();
        Popup popup = new Popup();
        popup.setAutoHide(false);
        popup.setHideOnEscape(true);
        // placed by its bottom left corner, so its height (wrapped lines) never pushes it past the window
        popup.setAnchorLocation(PopupWindow.AnchorLocation.CONTENT_BOTTOM_LEFT);
        HBox card = card(text);
        popup.getContent().add(card);

        PauseTransition stay = new PauseTransition(SHOWN_FOR);
        stay.setOnFinished(e -> popup.hide());
        card.setOnMouseEntered(e -> stay.stop());
        card.setOnMouseExited(e -> stay.playFromStart());
        card.setOnMouseClicked(e -> popup.hide());

        InvalidationListener follow = o -> place(popup);
        // a dialog or window opening now is what the person attends to: the notice goes, never lying over it
        ListChangeListener<Window> opened = change -> {
            while (change.next()) {
                if (change.getAddedSubList().stream().anyMatch(w -> !(w instanceof PopupWindow))) {
                    Platform.runLater(popup::hide); // not inside the window list's own change
                }
            }
        };
        Window.getWindows().addListener(opened);
        owner.xProperty().addListener(follow);
        owner.yProperty().addListener(follow);
        owner.widthProperty().addListener(follow);
        owner.heightProperty().addListener(follow);
        popup.setOnHidden(e -> {
            stay.stop();
            Window.getWindows().removeListener(opened);
            owner.xProperty().removeListener(follow);
            owner.yProperty().removeListener(follow);
            owner.widthProperty().removeListener(follow);
            owner.heightProperty().removeListener(follow);
            if (current == popup) {
                current = null;
            }
        });

        Point at = anchor();
        popup.show(owner, at.x(), at.y());
        current = popup;
        stay.play();
    }

    void hide() {
        Popup showing = current;
        if (showing != null) {
            showing.hide();
        }
    }

    private void place(Popup popup) {
        if (popup.isShowing()) {
            Point at = anchor();
            popup.setAnchorX(at.x());
            popup.setAnchorY(at.y());
        }
    }

    /**
     * The bottom left corner of the notice on the screen: inside the window's content, above the status bar, and
     * never past the visible part of the screen the window is on (whatever the window manager reports for it).
     */
    private Point anchor() {
        Scene scene = owner.getScene();
        double left = owner.getX() + (scene == null ? 0 : scene.getX()) + MARGIN;
        double contentBottom = owner.getY() + (scene == null ? owner.getHeight() : scene.getY() + scene.getHeight());
        double bottom = contentBottom - StatusBar.HEIGHT - MARGIN;
        Rectangle2D visible = Screen.getScreensForRectangle(owner.getX(), owner.getY(), Math.max(1, owner.getWidth()),
                        Math.max(1, owner.getHeight())).stream().findFirst().orElse(Screen.getPrimary())
                .getVisualBounds();
        bottom = Math.min(bottom, visible.getMaxY() - StatusBar.HEIGHT - MARGIN);
        left = Math.max(left, visible.getMinX() + MARGIN);
        return new Point(left, bottom);
    }

    /**
     * The notice's content, styled here: a popup's scene is reached by neither the app's stylesheet nor the
     * theme's colours.
     */
    private static HBox card(String text) {
        Label title = new Label(I18n.t("notify.title"));
        title.setStyle("-fx-font-weight: bold; -fx-text-fill: white;");
        Label body = new Label(text);
        body.setWrapText(true);
        // a fixed width, so long messages wrap into lines rather than widening the card across the window
        body.setPrefWidth(TEXT_WIDTH);
        body.setMaxWidth(TEXT_WIDTH);
        body.setMinHeight(Region.USE_PREF_SIZE);
        body.setStyle("-fx-text-fill: white;");
        FontIcon icon = new FontIcon("fth-check-circle");
        icon.setIconSize(22);
        // An inline style beats any stylesheet rule for Ikonli icons; appended, because Ikonli keeps the icon's
        // font family and size in the same inline style and the glyph is lost without them.
        String style = icon.getStyle().strip();
        icon.setStyle(style + (style.isEmpty() || style.endsWith(";") ? "" : ";") + " -fx-icon-color: #7ee2a8;");
        HBox card = new HBox(12, icon, new VBox(2, title, body));
        card.getStyleClass().add("finished-notice");
        card.setPadding(new Insets(12, 16, 12, 14));
        // square and opaque, edge to edge: nothing of the popup's window is left for the system to paint
        card.setBackground(new Background(new BackgroundFill(BACKGROUND, CornerRadii.EMPTY, Insets.EMPTY)));
        card.setBorder(new Border(new BorderStroke(EDGE, BorderStrokeStyle.SOLID, CornerRadii.EMPTY, BorderWidths.DEFAULT)));
        return card;
    }

    private record Point(double x, double y) {}
}
