package io.kamaros.app.settings;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.toolkit.ToolWindow;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Slider;
import javafx.scene.control.Control;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.ToggleSwitch;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/** The Settings window (File → Settings…, Ctrl+,). */
public final class SettingsView {
    private final SettingsViewModel vm;
    private final BorderPane root = new BorderPane();
    private final Runnable close;
    private final String fileHint;

    /**
     * @param close    closes the window (after Save or on Cancel)
     * @param fileHint where the settings are kept, shown to the person
     */
    public SettingsView(SettingsViewModel vm, Runnable close, String fileHint) {
        this.vm = vm;
        this.close = close;
        this.fileHint = fileHint;
        build();
    }

    public Parent node() {
        return root;
    }

    private void build() {
        GridPane form = new GridPane();
        form.setHgap(14);
        form.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(130);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        form.getColumnConstraints().addAll(labels, fields);
        int row = 0;

        form.add(sectionLabel(I18n.t("settings.section.you")), 0, row++, 2, 1);
        TextField author = new TextField();
        author.setId("settings-author");
        author.textProperty().bindBidirectional(vm.authorProperty());
        author.setPromptText(I18n.t("settings.author.prompt", vm.defaultAuthor()));
        row = field(form, row, I18n.t("settings.author"), author, I18n.t("settings.author.hint"));
        TextField email = new TextField();
        email.setId("settings-email");
        email.textProperty().bindBidirectional(vm.emailProperty());
        email.setPromptText(I18n.t("settings.email.prompt"));
        Label problem = new Label();
        problem.setId("settings-problem");
        problem.getStyleClass().add("settings-problem");
        problem.textProperty().bind(vm.problemBinding());
        problem.visibleProperty().bind(vm.problemBinding().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        ValidationSupport validation = new ValidationSupport();
        validation.registerValidator(author, false, (Control c, String text) -> ValidationResult.fromErrorIf(c,
                I18n.t("settings.author.tooLong"), text != null && text.strip().length() > SettingsViewModel.MAX_AUTHOR));
        validation.registerValidator(email, false, (Control c, String text) -> ValidationResult.fromErrorIf(c,
                I18n.t("settings.email.invalid"), !AuthorIdentity.plausibleEmail(text)));
        form.add(label(I18n.t("settings.email")), 0, row);
        form.add(new VBox(4, email, problem), 1, row++);

        form.add(sectionLabel(I18n.t("settings.section.storage")), 0, row++, 2, 1);
        Slider level = new Slider(0, 9, vm.compressionLevelProperty().get());
        level.setId("settings-compression");
        level.setMajorTickUnit(1);
        level.setMinorTickCount(0);
        level.setSnapToTicks(true);
        level.setShowTickMarks(true);
        level.setShowTickLabels(false); // the label beside it says the level in words
        level.setBlockIncrement(1);
        level.valueProperty().addListener((o, a, b) -> vm.compressionLevelProperty().set((int) Math.round(b.doubleValue())));
        vm.compressionLevelProperty().addListener((o, a, b) -> level.setValue(b.intValue()));
        Label levelText = new Label();
        levelText.setId("settings-compression-text");
        levelText.setMinWidth(150);
        levelText.textProperty().bind(Bindings.createStringBinding(() -> levelName(vm.compressionLevelProperty().get()),
                vm.compressionLevelProperty()));
        HBox levelRow = new HBox(12, level, levelText);
        HBox.setHgrow(level, Priority.ALWAYS);
        levelRow.setAlignment(Pos.CENTER_LEFT);
        row = field(form, row, I18n.t("settings.compression"), levelRow, I18n.t("settings.compression.hint"));
        row = toggle(form, row, "settings-auto-clean-up", I18n.t("settings.autoCleanUp"), vm.autoCleanUpProperty(),
                I18n.t("settings.autoCleanUp.hint"));

        form.add(sectionLabel(I18n.t("settings.section.behaviour")), 0, row++, 2, 1);
        row = toggle(form, row, "settings-open-last", I18n.t("settings.openLastProject"), vm.openLastProjectProperty(),
                I18n.t("settings.openLastProject.hint"));
        row = toggle(form, row, "settings-notifications", I18n.t("settings.notifications"), vm.notificationsProperty(),
                I18n.t("settings.notifications.hint"));

        form.add(sectionLabel(I18n.t("settings.section.look")), 0, row++, 2, 1);
        ToggleGroup themes = new ToggleGroup();
        HBox themeRow = new HBox(16);
        for (AppSettings.Theme t : AppSettings.Theme.values()) {
            RadioButton b = new RadioButton(I18n.t("settings.theme." + t.name().toLowerCase(Locale.ROOT)));
            b.setId("settings-theme-" + t.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(themes);
            b.setUserData(t);
            b.setSelected(vm.themeProperty().get() == t);
            themeRow.getChildren().add(b);
        }
        themes.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.themeProperty().set((AppSettings.Theme) b.getUserData());
            }
        });
        vm.themeProperty().addListener((o, a, t) -> themes.getToggles().stream().filter(x -> x.getUserData() == t)
                .findFirst().ifPresent(x -> x.setSelected(true)));
        Label detected = new Label();
        detected.setId("settings-theme-detected");
        detected.getStyleClass().add("tool-hint");
        detected.setWrapText(true);
        detected.textProperty().bind(vm.systemThemeTextProperty());
        form.add(label(I18n.t("settings.theme")), 0, row);
        form.add(new VBox(4, themeRow, detected), 1, row++);

        ComboBox<AppSettings.Language> language = new ComboBox<>();
        language.setId("settings-language");
        language.getItems().setAll(AppSettings.Language.values());
        language.valueProperty().bindBidirectional(vm.languageProperty());
        language.setCellFactory(l -> new LanguageCell());
        language.setButtonCell(new LanguageCell());
        field(form, row, I18n.t("settings.language"), language, I18n.t("settings.language.hint"));

        Label where = new Label(fileHint);
        where.getStyleClass().add("tool-hint");
        where.setWrapText(true);
        Label saved = new Label();
        saved.setId("settings-saved");
        saved.getStyleClass().add("tool-hint");
        saved.textProperty().bind(vm.savedNoteProperty());
        Button cancel = new Button(I18n.t("action.cancel"));
        cancel.setId("settings-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> close.run());
        Button save = new Button(I18n.t("settings.save"));
        save.setId("settings-save");
        save.setDefaultButton(true);
        save.disableProperty().bind(vm.canSaveBinding().not());
        save.setOnAction(e -> vm.save(close));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, where, spacer, cancel, save);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.getStyleClass().add("tool-buttons");

        VBox content = new VBox(14, ToolWindow.header(I18n.t("settings.title"), I18n.t("settings.explanation")), form);
        content.setPadding(new Insets(16));
        VBox.setVgrow(form, Priority.ALWAYS);
        root.setCenter(content);
        buttons.setPadding(new Insets(10, 16, 14, 16));
        root.setBottom(buttons);
    }

    static String levelName(int level) {
        String kind = level == 0 ? "settings.compression.none" : level <= 3 ? "settings.compression.fast"
                : level <= 6 ? "settings.compression.balanced" : "settings.compression.small";
        return I18n.t(kind, level);
    }

    private static int field(GridPane form, int row, String label, Node field, String hint) {
        form.add(label(label), 0, row);
        form.add(field, 1, row++);
        Label h = new Label(hint);
        h.getStyleClass().add("tool-hint");
        h.setWrapText(true);
        h.setMinHeight(Region.USE_PREF_SIZE); // wrapped onto more lines, never cut with "…"
        form.add(h, 1, row++);
        GridPane.setMargin(h, new Insets(0, 0, 4, 0));
        return row;
    }

    /** An on/off setting: a ControlsFX switch saying what it does, its hint under it. */
    private static int toggle(GridPane form, int row, String id, String text, BooleanProperty value, String hint) {
        ToggleSwitch toggle = new ToggleSwitch(text);
        toggle.setId(id);
        toggle.selectedProperty().bindBidirectional(value);
        toggle.setMaxWidth(Region.USE_PREF_SIZE); // a click beside the text, far right, does not switch it
        return field(form, row, "", toggle, hint);
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("settings-label");
        return l;
    }

    private static Label sectionLabel(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("section-title", "settings-section");
        GridPane.setHalignment(l, HPos.LEFT);
        GridPane.setMargin(l, new Insets(8, 0, 2, 0));
        return l;
    }

    static final class LanguageCell extends ListCell<AppSettings.Language> {
        @Override
        protected void updateItem(AppSettings.Language l, boolean empty) {
            super.updateItem(l, empty);
            setText(empty || l == null ? null : I18n.t("settings.language." + l.name().toLowerCase(Locale.ROOT)));
        }
    }
}
