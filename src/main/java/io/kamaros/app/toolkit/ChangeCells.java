package io.kamaros.app.toolkit;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.task.ProgressText;
import io.kamaros.engine.model.ChangeType;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * A changed file's row, the same in every list of changes (a version's changes, a file's history, the
 * unsaved changes): its badge, its text cut with "…" when the list is narrow, and on the right a detail
 * such as its sizes, kept whole.
 */
public final class ChangeCells {
    private ChangeCells() {
    }

    /** A list whose rows {@link #row} draws, with a context menu per item (null: none). */
    public static <T> Callback<ListView<T>, ListCell<T>> factory(Function<T, Node> row,
                                                                 Function<T, @Nullable ContextMenu> menu) {
        return list -> new ListCell<>() {
            {
                setPrefWidth(0); // long paths are cut with "…", never a sideways scroll bar
            }

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                if (empty || item == null) {
                    setGraphic(null);
                    setContextMenu(null);
                    return;
                }
                setGraphic(row.apply(item));
                setContextMenu(menu.apply(item));
            }
        };
    }

    /** Badge, {@code text} (may shrink), and {@code detail} on the right when there is one. */
    public static HBox row(ChangeType type, Node text, @Nullable String detail) {
        Label badge = ChangeBadge.of(type);
        badge.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(8, badge, text);
        if (text instanceof Region r) {
            r.setMinWidth(0);
        }
        if (detail != null) {
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            Label size = new Label(detail);
            size.getStyleClass().add("version-meta");
            size.setMinWidth(Region.USE_PREF_SIZE);
            row.getChildren().addAll(grow, size);
        }
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** A row whose text is one line. */
    public static HBox row(ChangeType type, String text, @Nullable String detail) {
        return row(type, new Label(text), detail);
    }

    /** The sizes a change shows: an added file's, a deleted file's, "before → after", or that only the name changed (sizes below 0). */
    public static String sizes(ChangeType type, long before, long after) {
        return switch (type) {
            case ADDED -> ProgressText.bytes(after);
            case DELETED -> ProgressText.bytes(before);
            default -> before < 0 || after < 0 ? I18n.t("details.renamedOnly")
                    : ProgressText.bytes(before) + " → " + ProgressText.bytes(after);
        };
    }
}
