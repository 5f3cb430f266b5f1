package io.kamaros.app.transfer;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.ToolWindow;
import io.kamaros.app.tools.AppContext;
import io.kamaros.app.tools.AppTool;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;

/** Tools → Export to .jcf… */
public final class ExportTool implements AppTool {
    @Override
    public String label() {
        return I18n.t("tools.export");
    }

    @Override
    public String iconLiteral() {
        return "fth-upload";
    }

    @Override
    public KeyCombination accelerator() {
        return KeyCombination.keyCombination("Shortcut+E");
    }

    @Override
    public void open(AppContext context, Window owner) {
        ExportViewModel vm = new ExportViewModel(context.session());
        ToolWindow.show("export-window", I18n.t("export.title"), owner, () -> new ExportView(vm).node());
    }
}
