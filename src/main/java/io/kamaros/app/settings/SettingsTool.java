package io.kamaros.app.settings;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.ToolWindow;
import io.kamaros.app.tools.AppContext;
import io.kamaros.app.tools.AppTool;
import io.kamaros.engine.model.JcfConfig;
import javafx.scene.Parent;
import javafx.stage.Stage;
import javafx.stage.Window;

/** File → Settings… (Ctrl+,); registered with {@code ToolRegistry.registerSettings}. */
public final class SettingsTool implements AppTool {
    @Override
    public String label() {
        return I18n.t("menu.file.settings");
    }

    @Override
    public String iconLiteral() {
        return "fth-settings";
    }

    @Override
    public boolean needsProject() {
        return false;
    }

    @Override
    public void open(AppContext context, Window owner) {
        SettingsStore store = SettingsStore.of(context.paths());
        SettingsViewModel vm = new SettingsViewModel(store, context.session(), context.opener(),
                JcfConfig.builder().fromEnvironment(System.getenv()).build(), Themes::apply,
                () -> SystemTheme.ofThisMachine().detect());
        Stage[] stage = new Stage[1];
        stage[0] = ToolWindow.show("settings-window", I18n.t("settings.title"), owner, () -> {
            Parent view = new SettingsView(vm, () -> stage[0].close(),
                    I18n.t("settings.file", store.file())).node();
            vm.load();
            return view;
        });
    }
}
