package io.kamaros.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Shape;
import javafx.scene.text.Text;
import javafx.stage.Window;
import org.controlsfx.control.PopOver;
import org.jspecify.annotations.Nullable;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Text and icons a person can read: each visible label's text and each icon against the colour that lies under
 * it (the nearest opaque background fill of it or a parent), at least WCAG's 3:1 for large text and icons. Made
 * for the dark theme, where a colour written for a light background (a dark icon, a grey hint) disappears.
 * Call on the FX thread.
 */
public final class Contrast {
    /** WCAG 2 minimum for icons and large text; body text should reach 4.5:1, but 3:1 catches the illegible. */
    public static final double MIN_RATIO = 3.0;

    private Contrast() {
    }

    static List<String> problems(String screen, Window window) {
        List<String> out = new ArrayList<>();
        if (window.getScene() != null) {
            visit(window.getScene().getRoot(), screen, out);
        }
        return out;
    }

    private static void visit(Node node, String screen, List<String> out) {
        if (!node.isVisible() || node.getOpacity() < 0.5) {
            return;
        }
        Paint fill = null;
        String what = null;
        if (node instanceof FontIcon icon) {
            fill = icon.getIconColor();
            what = "icon " + icon.getIconLiteral();
        } else if (node instanceof Text t && !t.getText().isBlank() && !insideDisabled(t)) {
            fill = t.getFill();
            what = "text \"" + abbreviate(t.getText()) + "\"";
        }
        if (fill instanceof Color color && color.getOpacity() > 0.3) {
            Color under = background(node);
            double ratio = ratio(color, under);
            if (ratio < MIN_RATIO) {
                out.add(String.format("%s: %s in %s has contrast %.1f:1 (%s on %s)", screen, what, owner(node), ratio,
                        color, under));
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                visit(child, screen, out);
            }
        }
    }

    /**
     * Surfaces that must not stand out from the theme: a popup's card (a ControlsFX PopOver paints it as a
     * ".border" shape around its content) is the content's own surface, not a bright frame around a dark panel
     * (under 1.5:1 apart); and every shown ToggleSwitch (ControlsFX) is a switch a person can see and read: its
     * track's edge reaches 3:1 against what lies around it, its knob 3:1 against the track.
     */
    static List<String> surfaceProblems(String screen, Window window) {
        List<String> out = new ArrayList<>();
        if (window instanceof PopOver pop && pop.getContentNode() != null) {
            Color surface = background(pop.getContentNode());
            for (Node n : pop.getRoot().lookupAll(".border")) {
                if (n instanceof Shape card && card.getFill() instanceof Color c && ratio(c, surface) > 1.5) {
                    out.add(String.format("%s: the popup's card %s stands out from its content %s (%.1f:1): a frame",
                            screen, c, surface, ratio(c, surface)));
                }
            }
        }
        if (window.getScene() != null) {
            for (Node n : window.getScene().getRoot().lookupAll(".toggle-switch")) {
                if (!Screens.shown(n) || !(n.lookup(".thumb-area") instanceof Region track)
                        || !(n.lookup(".thumb") instanceof Region knob)) {
                    continue;
                }
                Color around = background(n);
                Color edge = fill(track, 0);
                Color inside = fill(track, -1);
                Color thumb = fill(knob, -1);
                String what = screen + ": switch " + owner(n) + (n.getStyleClass().contains("selected")
                        || n.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("selected")) ? " (on)" : " (off)");
                if (edge == null || ratio(edge, around) < MIN_RATIO) {
                    out.add(String.format("%s: its track %s on %s has contrast %.1f:1", what, edge, around,
                            edge == null ? 0 : ratio(edge, around)));
                }
                if (thumb == null || inside == null || ratio(thumb, inside) < MIN_RATIO) {
                    out.add(String.format("%s: its knob %s on the track %s has contrast %.1f:1", what, thumb, inside,
                            thumb == null || inside == null ? 0 : ratio(thumb, inside)));
                }
            }
        }
        return out;
    }

    /** A region's background fill colour: the first layer ({@code 0}) or the last ({@code -1}); null when none. */
    private static @Nullable Color fill(Region r, int layer) {
        if (r.getBackground() == null || r.getBackground().getFills().isEmpty()) {
            return null;
        }
        List<BackgroundFill> fills = r.getBackground().getFills();
        return fills.get(layer < 0 ? fills.size() - 1 : layer).getFill() instanceof Color c ? c : null;
    }

    /** Disabled controls are dimmed on purpose. */
    private static boolean insideDisabled(Node node) {
        return node.isDisabled();
    }

    /** The colour under a node: the nearest opaque background fill that covers it, else the scene's fill. */
    static Color background(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            // a ControlsFX PopOver paints its card as a shape (".border") beside its content, not under it
            if (n instanceof Parent p) {
                for (Node sibling : p.getChildrenUnmodifiable()) {
                    if (sibling instanceof Shape shape && sibling.getStyleClass().contains("border")
                            && shape.getFill() instanceof Color c && c.getOpacity() > 0.8) {
                        return c;
                    }
                }
            }
            if (n instanceof Region r && r.getBackground() != null) {
                for (int i = r.getBackground().getFills().size() - 1; i >= 0; i--) {
                    BackgroundFill f = r.getBackground().getFills().get(i);
                    if (f.getFill() instanceof Color c && c.getOpacity() > 0.8 && covers(f.getInsets(), r)) {
                        return c;
                    }
                }
            }
        }
        Paint scene = node.getScene() == null ? null : node.getScene().getFill();
        return scene instanceof Color c && c.getOpacity() > 0.8 ? c : Color.WHITE;
    }

    /** A fill inset by less than half the region covers its middle (a border line does not). */
    private static boolean covers(Insets insets, Region r) {
        return insets.getTop() + insets.getBottom() < r.getHeight() / 2 && insets.getLeft() + insets.getRight() < r.getWidth() / 2;
    }

    /** WCAG 2 contrast ratio of two colours. */
    public static double ratio(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static String owner(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n.getId() != null) {
                return n.getClass().getSimpleName() + "#" + n.getId();
            }
            if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank() && n != node) {
                return n.getClass().getSimpleName() + " \"" + abbreviate(l.getText()) + "\"";
            }
        }
        return node.getClass().getSimpleName();
    }

    private static String abbreviate(String text) {
        String one = text.replace('\n', ' ');
        return one.length() > 40 ? one.substring(0, 40) + "…" : one;
    }
}
