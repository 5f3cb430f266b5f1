package io.kamaros.app.toolkit;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Tab;

/**
 * A tab whose content joins the scene when the tab is first selected. A tab pane keeps every tab's content in the
 * scene, hidden or not, so the content of a tab the person has not opened yet would otherwise be styled and laid
 * out with the window's first frame.
 */
public final class LazyTab {
    private LazyTab() {
    }

    public static Tab of(String text, Node content) {
        Tab tab = new Tab(text);
        tab.selectedProperty().addListener(new ChangeListener<Boolean>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> o, Boolean was, Boolean selected) {
                if (selected) {
                    tab.selectedProperty().removeListener(this);
                    tab.setContent(content);
                }
            }
        });
        return tab;
    }
}
