package io.kamaros.app.transfer;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.ToolWindow;
import io.kamaros.app.tools.AppContext;
import io.kamaros.app.tools.AppTool;
import java.time.Clock;
import javafx.stage.Window;

/** Tools → Import a .jcf file…: needs no open project (it opens the imported one). */
public final class ImportTool implements AppTool {
    @Override
    public String label() {
        return I18n.t("tools.import");
    }

    @Override
    public String iconLiteral() {
        return "fth-download";
    }

    @Override
    public boolean needsProject() {
        return false;
    }

    @Override
    public void open(AppContext context, Window owner) {
        ImportViewModel vm = new ImportViewModel(context.session(), context.opener(), context.recent(),
                Clock.systemDefaultZone());
        ToolWindow.show("import-window", I18n.t("import.title"), owner, () -> new ImportView(vm).node());
    }
}
