package io.kamaros.app.verify;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.ToolWindow;
import io.kamaros.app.tools.AppContext;
import io.kamaros.app.tools.AppTool;
import javafx.stage.Window;

/** Tools → Verify integrity… */
public final class VerifyTool implements AppTool {
    @Override
    public String label() {
        return I18n.t("tools.verify");
    }

    @Override
    public String iconLiteral() {
        return "fth-check-circle";
    }

    @Override
    public void open(AppContext context, Window owner) {
        VerifyViewModel vm = new VerifyViewModel(context.session());
        ToolWindow.show("verify-window", I18n.t("verify.title"), owner, () -> new VerifyView(vm).node());
    }
}
