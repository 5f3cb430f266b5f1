package io.kamaros.app.storage;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.ToolWindow;
import io.kamaros.app.tools.AppContext;
import io.kamaros.app.tools.AppTool;
import javafx.scene.Parent;
import javafx.stage.Window;

/** Tools → Storage dashboard… */
public final class StorageTool implements AppTool {
    @Override
    public String label() {
        return I18n.t("tools.storage");
    }

    @Override
    public String iconLiteral() {
        return "fth-pie-chart";
    }

    @Override
    public void open(AppContext context, Window owner) {
        StorageViewModel vm = new StorageViewModel(context.session());
        ToolWindow.show("storage-window", I18n.t("storage.title"), owner, () -> {
            Parent view = new StorageView(vm).node();
            vm.load();
            return view;
        });
    }
}
