package io.kamaros.app.projectsettings;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.controlsfx.control.ToggleSwitch;

/** The pieces the project settings pages are built of: switches, number fields in a sentence, hints. */
final class Forms {
    private Forms() {
    }

    /** An on/off setting: a ControlsFX switch saying what it does, bound both ways. */
    static ToggleSwitch toggle(String id, String text, BooleanProperty value) {
        ToggleSwitch toggle = new ToggleSwitch(text);
        toggle.setId(id);
        toggle.selectedProperty().bindBidirectional(value);
        toggle.setMaxWidth(Region.USE_PREF_SIZE); // a click beside the text, far right, does not switch it
        return toggle;
    }

    /** A whole number typed or stepped, bound both ways; typing is committed when the field loses focus. */
    static Spinner<Integer> number(String id, int min, int max, IntegerProperty value) {
        Spinner<Integer> spinner = new Spinner<>(min, max, Math.max(min, Math.min(max, value.get())));
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setPrefWidth(96);
        spinner.valueProperty().addListener((o, a, b) -> {
            if (b != null && b != value.get()) {
                value.set(b);
            }
        });
        value.addListener((o, a, b) -> spinner.getValueFactory().setValue(Math.max(min, Math.min(max, b.intValue()))));
        commitOnFocusLost(spinner);
        return spinner;
    }

    static <T> void commitOnFocusLost(Spinner<T> spinner) {
        spinner.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                SpinnerValueFactory<T> f = spinner.getValueFactory();
                try {
                    f.setValue(f.getConverter().fromString(spinner.getEditor().getText()));
                } catch (RuntimeException notANumber) {
                    spinner.getEditor().setText(f.getConverter().toString(f.getValue())); // back to the last good value
                }
            }
        });
    }

    /** A sentence with a field in it: "Save after [30] seconds without changes". */
    static HBox sentence(String before, Node field, ObservableValue<String> after) {
        Label a = new Label(before);
        a.setMinWidth(Region.USE_PREF_SIZE);
        Label b = new Label();
        b.textProperty().bind(after);
        b.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(8, a, field, b);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** A hint under a setting, wrapped onto more lines rather than cut with "…". */
    static Label hint(String text) {
        Label h = new Label(text);
        h.getStyleClass().add("tool-hint");
        h.setWrapText(true);
        h.setMinHeight(Region.USE_PREF_SIZE);
        return h;
    }

    static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    /** A note that shows only when it says something. */
    static Label note(String id, ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.textProperty().bind(text);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }
}
