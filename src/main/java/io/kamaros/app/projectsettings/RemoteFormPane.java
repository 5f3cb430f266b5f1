package io.kamaros.app.projectsettings;

import io.kamaros.app.i18n.I18n;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.geometry.HPos;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/**
 * The fields of a {@link RemoteForm} in a two-column grid (labels | fields): where (with Browse… for a folder),
 * endpoint, region, path-style, profile, each marked by ControlsFX when the engine finds it wrong. The Remotes
 * page and Open from remote… build their forms with it.
 */
public final class RemoteFormPane {
    private RemoteFormPane() {
    }

    /** An empty grid: right-aligned labels, fields that take the width. */
    public static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHalignment(HPos.RIGHT);
        labels.setMinWidth(Label.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, fields);
        return grid;
    }

    /**
     * Adds the form's rows to {@code grid} from {@code row} on; node ids start with {@code idPrefix}
     * ({@code -location}, {@code -browse}, {@code -endpoint}, {@code -region}, {@code -path-style}, {@code -profile}).
     * Returns the next free row.
     */
    public static int addRows(GridPane grid, int row, RemoteForm form, ValidationSupport validation, String idPrefix) {
        TextField location = field(idPrefix + "-location", I18n.t("projectSettings.remotes.location.prompt"));
        location.textProperty().bindBidirectional(form.locationProperty());
        Button browse = new Button(I18n.t("projectSettings.remotes.browse"));
        browse.setId(idPrefix + "-browse");
        browse.setMinWidth(Button.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(I18n.t("projectSettings.remotes.browse.title"));
            File folder = chooser.showDialog(browse.getScene().getWindow());
            if (folder != null) {
                form.locationProperty().set(folder.getAbsolutePath());
            }
        });
        HBox locationRow = new HBox(8, location, browse);
        HBox.setHgrow(location, Priority.ALWAYS);
        TextField endpoint = field(idPrefix + "-endpoint", I18n.t("projectSettings.remotes.endpoint.prompt"));
        endpoint.textProperty().bindBidirectional(form.endpointProperty());
        TextField region = field(idPrefix + "-region", I18n.t("projectSettings.remotes.region.prompt"));
        region.textProperty().bindBidirectional(form.regionProperty());
        TextField profile = field(idPrefix + "-profile", I18n.t("projectSettings.remotes.profile.prompt"));
        profile.textProperty().bindBidirectional(form.profileProperty());
        validate(validation, location, form.locationProblemBinding());
        validate(validation, endpoint, form.endpointProblemBinding());

        int r = row;
        grid.addRow(r++, new Label(I18n.t("projectSettings.remotes.location")), locationRow);
        grid.add(Forms.hint(I18n.t("projectSettings.remotes.location.hint")), 1, r++);
        grid.addRow(r++, new Label(I18n.t("projectSettings.remotes.endpoint")), endpoint);
        grid.addRow(r++, new Label(I18n.t("projectSettings.remotes.region")), region);
        grid.add(Forms.toggle(idPrefix + "-path-style", I18n.t("projectSettings.remotes.pathStyle"),
                form.pathStyleProperty()), 1, r++);
        grid.addRow(r++, new Label(I18n.t("projectSettings.remotes.profile")), profile);
        return r;
    }

    public static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(28);
        return f;
    }

    /** ControlsFX's mark on the field, with the view-model's words for what is wrong. */
    public static void validate(ValidationSupport support, TextField field, StringBinding problem) {
        support.registerValidator(field, false, (Control c, String text) ->
                ValidationResult.fromErrorIf(c, problem.get(), !problem.get().isEmpty()));
    }

    /** The first problem of those given, as a note that shows only when there is one. */
    public static Label problemNote(String id, StringBinding... problems) {
        Label note = Forms.note(id, Bindings.createStringBinding(() -> {
            for (StringBinding p : problems) {
                if (!p.get().isEmpty()) {
                    return p.get();
                }
            }
            return "";
        }, problems));
        note.getStyleClass().add("settings-problem");
        return note;
    }
}
