package io.kamaros.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.home.AppPaths;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.shell.MainWindowView;
import io.kamaros.app.shell.Shortcuts;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.ToolTestSupport.Errors;
import io.kamaros.app.tools.AppContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** F1 lists every accelerator the window has, with what it does. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ShortcutListTest {
    @TempDir
    static Path tmp;

    private MainWindowView window;

    @BeforeAll
    static void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    @Start
    void start(Stage stage) {
        AppContext context = KamarosApp.createContext(new AppPaths(tmp.resolve("home")), new TaskRunner(Runnable::run,
                new Errors()), () -> stage);
        KamarosApp.registerFeatures(context.tools());
        window = KamarosApp.createWindow(context, stage);
        stage.setScene(new Scene((Parent) window.node(), 900, 600));
        stage.show();
    }

    @Test
    void everyAcceleratorOfEveryMenuIsListedWithItsAction(FxRobot robot) {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        List<MenuItem> withKeys = new ArrayList<>();
        for (Menu menu : bar.getMenus()) {
            menu.getItems().stream().filter(i -> i.getAccelerator() != null).forEach(withKeys::add);
        }
        assertThat(withKeys).hasSizeGreaterThanOrEqualTo(15);
        List<Shortcuts.Row> listed = window.shortcuts();
        for (MenuItem item : withKeys) {
            assertThat(listed).as(item.getText()).anySatisfy(r -> {
                assertThat(r.keys()).isEqualTo(item.getAccelerator().getDisplayText());
                assertThat(item.getText()).startsWith(r.action());
            });
        }
        // the ones the old hand-written list missed
        assertThat(listed).extracting(Shortcuts.Row::action).contains("Keyboard shortcuts", "Settings", "Export to .jcf");
        assertThat(listed).extracting(Shortcuts.Row::action)
                .contains("Save the checkpoint (Save checkpoint dialog, Unsaved changes)",
                        "Go to the next change (in the comparison)");
        // walk of issue 14: the keys of the unsaved-changes panel and Escape were missing
        assertThat(listed).extracting(Shortcuts.Row::action).contains(
                "Tick or untick a file (Unsaved changes)", "Discard a file's changes (Unsaved changes)",
                "Close a tool window or dialog");
        assertThat(listed).extracting(Shortcuts.Row::keys).doesNotHaveDuplicates().allSatisfy(k -> assertThat(k).isNotBlank());
    }
}
