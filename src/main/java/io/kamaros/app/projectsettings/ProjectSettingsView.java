package io.kamaros.app.projectsettings;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.ToolWindow;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The project settings window: a tab per page (Autosave, Retention, Remotes), each saved on its own. */
public final class ProjectSettingsView {
    /** The tabs' ids, in order: {@code ps-tab-autosave}, … */
    public static final String[] TABS = {"autosave", "retention", "remotes"};

    private final BorderPane root = new BorderPane();

    public ProjectSettingsView(String projectName, AutosaveViewModel autosave, RetentionViewModel retention,
                               RemotesViewModel remotes, Runnable close) {
        TabPane tabs = new TabPane(tab(TABS[0], AutosavePage.build(autosave)), tab(TABS[1], RetentionPage.build(retention)),
                tab(TABS[2], RemotesPage.build(remotes)));
        tabs.setId("ps-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Button closeButton = new Button(I18n.t("action.close"));
        closeButton.setId("ps-close");
        closeButton.setCancelButton(true);
        closeButton.setOnAction(e -> close.run());
        HBox buttons = new HBox(closeButton);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.getStyleClass().add("tool-buttons");
        buttons.setPadding(new Insets(10, 16, 14, 16));
        VBox content = new VBox(10, ToolWindow.header(I18n.t("projectSettings.title"),
                I18n.t("projectSettings.explanation", projectName)), tabs);
        content.setPadding(new Insets(16, 16, 0, 16));
        root.setCenter(content);
        root.setBottom(buttons);
    }

    private static Tab tab(String id, Node page) {
        Tab t = new Tab(I18n.t("projectSettings.tab." + id), page);
        t.setId("ps-tab-" + id);
        return t;
    }

    public Parent node() {
        return root;
    }
}
