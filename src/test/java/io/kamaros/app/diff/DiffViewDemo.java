package io.kamaros.app.diff;

import static io.kamaros.app.diff.DiffSamples.utf8;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * Try the diff viewer by hand with sample files:
 * {@code mvn -o test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.kamaros.app.diff.DiffViewDemo}
 * (add {@code -Dexec.args=pl} for Polish). This class does not extend Application, so it also starts
 * with JavaFX on the plain class path.
 */
public final class DiffViewDemo {
    private DiffViewDemo() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            Locale.setDefault(Locale.forLanguageTag(args[0]));
        }
        Application.launch(DemoApp.class, args);
    }

    /** The window: sample list on the left, the viewer on the right, a light/dark switch. */
    public static final class DemoApp extends Application {
        @Override
        public void start(Stage stage) {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            DiffViewModel vm = new DiffViewModel();
            DiffView view = new DiffView(vm);
            Map<String, DiffInput> samples = samples();
            ListView<String> list = new ListView<>();
            list.getItems().setAll(samples.keySet());
            list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
                if (b == null) {
                    vm.clear();
                } else {
                    vm.show(samples.get(b));
                }
            });
            ToggleButton dark = new ToggleButton("Dark theme");
            dark.selectedProperty().addListener((o, a, b) -> Application.setUserAgentStylesheet(
                    b ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet()));
            BorderPane left = new BorderPane(list);
            left.setBottom(dark);
            SplitPane split = new SplitPane(left, view);
            split.setDividerPositions(0.2);
            stage.setTitle("Kamaros \u2014 diff viewer demo");
            stage.setScene(new Scene(split, 1300, 800));
            stage.show();
            list.getSelectionModel().selectFirst();
        }

        private static Map<String, DiffInput> samples() {
            Map<String, DiffInput> m = new LinkedHashMap<>();
            m.put("Java source", new DiffInput("src/Basket.java", utf8(DiffSamples.JAVA_BEFORE), utf8(DiffSamples.JAVA_AFTER), "v3", "v4"));
            m.put("Markdown chapter", new DiffInput("book/chapter-3.md", utf8(DiffSamples.MARKDOWN_BEFORE),
                    utf8(DiffSamples.MARKDOWN_AFTER), "Draft 2", "Draft 3"));
            int[] changed = new int[200];
            for (int i = 0; i < changed.length; i++) {
                changed[i] = 250 + i * 500;
            }
            m.put("100,000 lines, 200 changes", new DiffInput("logs/big.txt", utf8(DiffSamples.numbered(100_000)),
                    utf8(DiffSamples.numbered(100_000, changed)), "v1", "v2"));
            m.put("Poster (PNG, resized)", new DiffInput("art/poster.png", DiffSamples.poster(960, 600, 0, "png"),
                    DiffSamples.poster(1080, 600, 1, "png"), "v1", "v2"));
            m.put("Photo (JPEG)", new DiffInput("art/photo.jpg", DiffSamples.poster(1600, 1000, 0, "jpg"),
                    DiffSamples.poster(1600, 1000, 1, "jpg"), "v1", "v2"));
            m.put("New picture", new DiffInput("art/new.png", null, DiffSamples.poster(400, 300, 1, "png"), null, "v5"));
            byte[] data = DiffSamples.binary(48_000, 5);
            byte[] changedData = Arrays.copyOf(data, 51_200);
            changedData[1234] ^= 0x5A;
            m.put("Binary file", new DiffInput("scenes/model.blend", data, changedData, "v7", "v8"));
            m.put("New text file", new DiffInput("notes/todo.md", null, utf8(DiffSamples.MARKDOWN_AFTER), null, "v5"));
            m.put("Deleted text file", new DiffInput("notes/old.md", utf8(DiffSamples.MARKDOWN_BEFORE), null, "v4", "v5"));
            m.put("Only line endings", new DiffInput("notes.txt", utf8("a\r\nb\r\n"), utf8("a\nb\n"), "v1", "v2"));
            m.put("Identical", new DiffInput("same.txt", utf8("same\n"), utf8("same\n"), "v1", "v2"));
            m.put("Empty file added", new DiffInput("empty.txt", null, new byte[0], null, "v2"));
            return m;
        }
    }
}
