package io.kamaros.app.projectsettings;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.ToolWindow;
import io.kamaros.app.tools.AppContext;
import io.kamaros.app.tools.AppTool;
import io.kamaros.engine.Remotes;
import javafx.scene.Parent;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Tools → Project settings…: the open project's autosave, retention policy and remotes. */
public final class ProjectSettingsTool implements AppTool {
    @Override
    public String label() {
        return I18n.t("tools.projectSettings");
    }

    @Override
    public String iconLiteral() {
        return "fth-sliders";
    }

    @Override
    public void open(AppContext context, Window owner) {
        AutosaveViewModel autosave = new AutosaveViewModel(context.session(), context.watch()::applyPolicy);
        RetentionViewModel retention = new RetentionViewModel(context.session());
        RemotesViewModel remotes = new RemotesViewModel(context.session(), Remotes::of);
        String name = context.session().location().map(l -> l.displayName()).orElse("");
        Stage[] stage = new Stage[1];
        stage[0] = ToolWindow.show("project-settings-window", I18n.t("projectSettings.title"), owner, () -> {
            Parent view = new ProjectSettingsView(name, autosave, retention, remotes, () -> stage[0].close()).node();
            autosave.load();
            retention.load();
            remotes.load();
            return view;
        });
    }
}
