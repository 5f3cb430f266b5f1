package io.kamaros.app.welcome;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.i18n.TimeText;
import java.time.Instant;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The first screen: what Kamaros does, ways to start, and recent projects. */
public final class WelcomeView {
    private final BorderPane root = new BorderPane();

    /** What the welcome buttons ask the window to do (choosers need the window). */
    public interface Actions {
        void newEmptyProject();

        void trackExistingFolder();

        void openProjectFolder();

        void openJcfFile();

        void openFromRemote();
    }

    public WelcomeView(WelcomeViewModel vm, Actions actions) {
        root.getStyleClass().add("welcome");
        root.setId("welcome");

        // The app's own mark (the icon the installers use), not a generic clock.
        ImageView logo = new ImageView(new Image(
                WelcomeView.class.getResourceAsStream("/io/kamaros/app/icons/kamaros-128.png"), 48, 48, true, true));
        logo.getStyleClass().add("welcome-logo");
        Label title = new Label(I18n.t("app.name"));
        title.getStyleClass().add("welcome-title");
        Label tagline = new Label(I18n.t("welcome.tagline"));
        tagline.getStyleClass().add("welcome-tagline");
        tagline.setWrapText(true);
        tagline.setPrefWidth(430);
        tagline.setMinHeight(Region.USE_PREF_SIZE);

        Button demo = bigButton("welcome.openDemo", "welcome.openDemo.hint", "fth-star", vm::openDemo);
        demo.getStyleClass().add("accent");
        demo.setId("open-demo");
        Button empty = bigButton("welcome.newEmpty", "welcome.newEmpty.hint", "fth-file-plus", actions::newEmptyProject);
        Button track = bigButton("welcome.trackFolder", "welcome.trackFolder.hint", "fth-folder-plus",
                actions::trackExistingFolder);
        Button open = bigButton("welcome.openFolder", "welcome.openFolder.hint", "fth-folder", actions::openProjectFolder);
        Button jcf = bigButton("welcome.openJcf", "welcome.openJcf.hint", "fth-package", actions::openJcfFile);
        Button remote = bigButton("welcome.openRemote", "welcome.openRemote.hint", "fth-download-cloud",
                actions::openFromRemote);
        remote.setId("open-from-remote");
        for (Button b : new Button[] {demo, empty, track, open, jcf, remote}) {
            b.disableProperty().bind(vm.openingProperty());
        }
        VBox left = new VBox(14, new HBox(12, logo, title), tagline, spacer(8), demo, empty, track, open, jcf,
                remote);
        ((HBox) left.getChildren().get(0)).setAlignment(Pos.CENTER_LEFT);
        left.setPadding(new Insets(48, 40, 40, 56));
        left.setPrefWidth(520);
        left.setMinWidth(420);

        Label recentTitle = new Label(I18n.t("welcome.recent"));
        recentTitle.getStyleClass().add("section-title");
        ListView<RecentProjects.Entry> list = new ListView<>(vm.getRecent());
        list.setId("recent-projects");
        list.getStyleClass().add("recent-list");
        Label empty0 = new Label(I18n.t("welcome.recent.empty"));
        empty0.setWrapText(true);
        empty0.getStyleClass().add("empty-hint");
        list.setPlaceholder(empty0);
        Instant now = Instant.now();
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(RecentProjects.Entry e, boolean isEmpty) {
                super.updateItem(e, isEmpty);
                if (isEmpty || e == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label name = new Label(e.name);
                name.getStyleClass().add("recent-name");
                Label path = new Label(e.location().projectFolder().toString());
                path.getStyleClass().add("recent-path");
                Label when = new Label(e.exists() ? I18n.t("welcome.recent.opened", TimeText.relative(e.lastOpenedAt(), now))
                        : I18n.t("welcome.recent.missing"));
                when.getStyleClass().add("recent-path");
                FontIcon icon = new FontIcon(e.exists() ? "fth-book-open" : "fth-alert-triangle");
                icon.getStyleClass().add("recent-icon");
                VBox text = new VBox(2, name, path, when);
                HBox row = new HBox(12, icon, text);
                row.setAlignment(Pos.CENTER_LEFT);
                setGraphic(row);
                setText(null);
                MenuItem forget = new MenuItem(I18n.t("welcome.recent.forget"));
                forget.setOnAction(a -> vm.forget(e));
                setContextMenu(new ContextMenu(forget));
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                vm.openRecent(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedItem() != null) {
                vm.openRecent(list.getSelectionModel().getSelectedItem());
            }
        });
        Label dropHint = new Label(I18n.t("welcome.dropHint"), new FontIcon("fth-download"));
        dropHint.getStyleClass().add("empty-hint");
        VBox right = new VBox(12, recentTitle, list, dropHint);
        VBox.setVgrow(list, Priority.ALWAYS);
        right.setPadding(new Insets(48, 56, 40, 24));
        HBox.setHgrow(right, Priority.ALWAYS);
        root.setCenter(new HBox(left, right));
    }

    private static Region spacer(double h) {
        Region r = new Region();
        r.setMinHeight(h);
        return r;
    }

    private static Button bigButton(String key, String hintKey, String icon, Runnable action) {
        Label main = new Label(I18n.t(key));
        main.getStyleClass().add("big-button-title");
        Label hint = new Label(I18n.t(hintKey));
        hint.getStyleClass().add("big-button-hint");
        VBox text = new VBox(2, main, hint);
        FontIcon fi = new FontIcon(icon);
        fi.getStyleClass().add("big-button-icon");
        HBox g = new HBox(14, fi, text);
        g.setAlignment(Pos.CENTER_LEFT);
        Button b = new Button(null, g);
        b.getStyleClass().add("big-button");
        b.setMaxWidth(Double.MAX_VALUE);

        b.setAlignment(Pos.CENTER_LEFT);
        b.setTooltip(new Tooltip(I18n.t(hintKey)));
        b.setOnAction(e -> action.run());
        return b;
    }

    public Node node() {
        return root;
    }
}
