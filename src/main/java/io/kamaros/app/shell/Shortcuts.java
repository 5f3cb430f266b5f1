package io.kamaros.app.shell;

import io.kamaros.app.i18n.I18n;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;

/**
 * The keyboard shortcuts F1 lists: every accelerator of the menus, read from the menus themselves (so
 * the list cannot drift from what the keys do), then the keys that work inside a view or dialog.
 */
public final class Shortcuts {
    /**
     * Keys handled by a view or dialog rather than a menu: the keys (several for one action separated by "|", shown
     * on one row so the list fits a small screen) and what they do (bundle key).
     */
    private static final String[][] IN_VIEWS = {
        {"Shortcut+Enter", "shortcut.saveInDialog"},
        {"Shortcut+C", "shortcut.copyLines"},
        {"Alt+Down|F7", "shortcut.nextChange"},
        {"Alt+Up|Shift+F7", "shortcut.previousChange"},
        {"Space", "shortcut.tickFile"},
        {"Delete", "shortcut.discardFile"},
        {"Esc", "shortcut.closeWindow"},
    };

    /** One line of the list: the keys as the platform writes them, and what they do. */
    public record Row(String keys, String action) {
    }

    private Shortcuts() {
    }

    public static List<Row> of(List<Menu> menus) {
        List<Row> rows = new ArrayList<>();
        for (Menu menu : menus) {
            collect(menu.getItems(), rows);
        }
        for (String[] key : IN_VIEWS) {
            String[] keys = key[0].split("\\|");
            String shown = keys.length == 1 ? display(keys[0]) : I18n.t("shortcut.either", display(keys[0]), display(keys[1]));
            rows.add(new Row(shown, I18n.t(key[1])));
        }
        return rows;
    }

    /** A key as the person's keyboard names it: JavaFX writes single keys by their English names ("Space"). */
    private static String display(String key) {
        return switch (key) {
            case "Space" -> I18n.t("key.space");
            case "Delete" -> I18n.t("key.delete");
            case "Esc" -> I18n.t("key.escape");
            default -> KeyCombination.keyCombination(key).getDisplayText();
        };
    }

    private static void collect(List<MenuItem> items, List<Row> rows) {
        for (MenuItem item : items) {
            if (item instanceof Menu sub) {
                collect(sub.getItems(), rows);
            } else if (item.getAccelerator() != null && item.getText() != null) {
                rows.add(new Row(item.getAccelerator().getDisplayText(), withoutEllipsis(item.getText())));
            }
        }
    }

    private static String withoutEllipsis(String text) {
        String t = text.strip();
        return t.endsWith("…") ? t.substring(0, t.length() - 1) : t;
    }
}
