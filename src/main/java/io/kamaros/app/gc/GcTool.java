package io.kamaros.app.gc;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.ToolWindow;
import io.kamaros.app.tools.AppContext;
import io.kamaros.app.tools.AppTool;
import javafx.scene.Parent;
import javafx.stage.Window;

/** Tools → Clean up unused data… (garbage collection with a preview). */
public final class GcTool implements AppTool {
    @Override
    public String label() {
        return I18n.t("tools.gc");
    }

    @Override
    public String iconLiteral() {
        return "fth-trash-2";
    }

    @Override
    public void open(AppContext context, Window owner) {
        GcViewModel vm = new GcViewModel(context.session());
        // the preview starts when the window is built, not when an open window is only brought forward
        ToolWindow.show("gc-window", I18n.t("gc.title"), owner, () -> {
            Parent view = new GcView(vm).node();
            vm.preview();
            return view;
        });
    }
}
