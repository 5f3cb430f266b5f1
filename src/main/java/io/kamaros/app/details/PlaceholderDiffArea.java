package io.kamaros.app.details;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.task.ProgressText;
import java.io.ByteArrayInputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A simple diff viewer used until the full one is merged: unified text diff with coloured lines,
 * images side by side, sizes for other files.
 */
public final class PlaceholderDiffArea implements DiffArea {
    private final BorderPane root = new BorderPane();
    private final Label title = new Label();
    private final Label subtitle = new Label();

    public PlaceholderDiffArea() {
        root.getStyleClass().add("diff-area");
        title.getStyleClass().add("diff-title");
        subtitle.getStyleClass().add("diff-subtitle");
        VBox header = new VBox(2, title, subtitle);
        header.setPadding(new Insets(8, 10, 8, 10));
        header.getStyleClass().add("pane-header");
        root.setTop(header);
        showMessage(I18n.t("diff.pickChange"));
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void showMessage(String text) {
        title.setText(I18n.t("diff.title"));
        subtitle.setText("");
        Label l = new Label(text);
        l.getStyleClass().add("empty-hint");
        l.setWrapText(true);
        StackPane p = new StackPane(l);
        p.setPadding(new Insets(24));
        root.setCenter(p);
    }

    @Override
    public void show(DiffInput in) {
        title.setText(in.path());
        subtitle.setText(side(in.beforeLabel(), in.before()) + "  →  " + side(in.afterLabel(), in.after()));
        String before = text(in.before());
        String after = text(in.after());
        if (isImage(in.path()) && (in.before() != null || in.after() != null)) {
            root.setCenter(images(in));
        } else if ((in.before() == null || before != null) && (in.after() == null || after != null)) {
            root.setCenter(textDiff(in, before == null ? "" : before, after == null ? "" : after));
        } else {
            Label l = new Label(I18n.t("diff.binary", side(in.beforeLabel(), in.before()), side(in.afterLabel(), in.after())));
            l.setWrapText(true);
            StackPane p = new StackPane(l);
            p.setPadding(new Insets(24));
            root.setCenter(p);
        }
    }

    private static String side(String label, byte[] bytes) {
        return bytes == null ? label + " (" + I18n.t("diff.absent") + ")" : label + " (" + ProgressText.bytes(bytes.length) + ")";
    }

    private Node textDiff(DiffInput in, String before, String after) {
        List<String> a = Arrays.asList(before.split("\r?\n", -1));
        List<String> b = Arrays.asList(after.split("\r?\n", -1));
        List<String> lines = before.equals(after)
                ? b.stream().map(s -> " " + s).toList()
                : UnifiedDiffUtils.generateUnifiedDiff(in.beforeLabel(), in.afterLabel(), a, DiffUtils.diff(a, b), 3)
                        .stream().skip(2).toList();
        ListView<String> list = new ListView<>();
        list.getItems().setAll(lines);
        list.getStyleClass().add("diff-lines");
        list.setFixedCellSize(21);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("diff-add", "diff-del", "diff-hunk");
                if (empty || line == null) {
                    setText(null);
                    return;
                }
                setText(line);
                if (line.startsWith("+")) {
                    getStyleClass().add("diff-add");
                } else if (line.startsWith("-")) {
                    getStyleClass().add("diff-del");
                } else if (line.startsWith("@@")) {
                    getStyleClass().add("diff-hunk");
                }
            }
        });
        return list;
    }

    private Node images(DiffInput in) {
        HBox box = new HBox(12, imageSide(in.beforeLabel(), in.before()), imageSide(in.afterLabel(), in.after()));
        box.setPadding(new Insets(12));
        box.setAlignment(Pos.TOP_CENTER);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setMinWidth(0);
        return scroll;
    }

    private static Node imageSide(String label, byte[] bytes) {
        VBox v = new VBox(6);
        v.setAlignment(Pos.TOP_CENTER);
        HBox.setHgrow(v, Priority.ALWAYS);
        Label caption = new Label(label);
        caption.getStyleClass().add("diff-subtitle");
        if (bytes == null) {
            Label none = new Label(I18n.t("diff.absent"));
            none.getStyleClass().add("empty-hint");
            v.getChildren().addAll(caption, none);
            return v;
        }
        Image img = new Image(new ByteArrayInputStream(bytes));
        ImageView view = new ImageView(img);
        view.setPreserveRatio(true);
        view.setFitWidth(Math.min(img.getWidth(), 300));
        v.setMinWidth(0);
        Label dims = new Label(I18n.t("diff.dimensions", (int) img.getWidth(), (int) img.getHeight()));
        dims.getStyleClass().add("diff-subtitle");
        v.getChildren().addAll(caption, view, dims);
        return v;
    }

    static boolean isImage(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith(".png") || p.endsWith(".jpg") || p.endsWith(".jpeg") || p.endsWith(".gif") || p.endsWith(".bmp");
    }

    /** The bytes as UTF-8 text, or null when they are not text. */
    static String text(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
