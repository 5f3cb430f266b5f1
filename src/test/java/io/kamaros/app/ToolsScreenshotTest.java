package io.kamaros.app;

import static io.kamaros.app.Fx.onFx;
import static io.kamaros.app.Fx.runFx;
import static io.kamaros.app.Fx.settle;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.demo.DemoProjectGenerator;
import io.kamaros.app.home.AppPaths;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.settings.Themes;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.ToolTestSupport;
import io.kamaros.app.toolkit.ToolTestSupport.Errors;
import io.kamaros.app.toolkit.ToolTestSupport.SampleProject;
import io.kamaros.app.tools.AppContext;
import io.kamaros.app.tools.AppTool;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.frontend.ProjectLocation;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ButtonBase;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes {@code target/screenshots/tools-*.png}: the verify report (damaged, then after Repair), the
 * garbage collection preview, the storage dashboard of the demo project (light and dark) and the
 * settings. Real projects, real engine calls; the pictures are for people to look at.
 */
@Tag("gui")
class ToolsScreenshotTest {
    private static final Path OUT = Path.of("target", "screenshots");

    @TempDir
    Path tmp;

    private final Errors errors = new Errors();
    private AppContext context;

    @BeforeAll
    static void fx() {
        Fx.start();
        I18n.setLocale(Locale.ENGLISH);
        runFx(() -> Themes.apply(false));
    }

    @AfterAll
    static void light() {
        runFx(() -> Themes.apply(false));
    }

    @AfterEach
    void closeAll() {
        runFx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w instanceof Stage s) {
                    s.close();
                }
            }
            if (context != null && context.session().isOpen()) {
                context.session().close();
            }
        });
    }

    private AppContext open(ProjectLocation location) {
        AppContext c = KamarosApp.createContext(new AppPaths(tmp.resolve("home")),
                new TaskRunner(Runnable::run, errors), () -> null);
        runFx(() -> c.session().open(new ProjectOpener(JcfConfig.defaults()).open(location)));
        return c;
    }

    private static Stage window(String id) {
        return onFx(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getScene() != null
                && id.equals(s.getScene().getRoot().getId())).map(w -> (Stage) w).findFirst().orElseThrow());
    }

    private static void press(Stage stage, String id) {
        runFx(() -> ((ButtonBase) stage.getScene().lookup(id)).fire());
    }

    private static Path shoot(Stage stage, String name) throws Exception {
        Files.createDirectories(OUT);
        Path file = OUT.resolve(name);
        // the window grows to its loaded content (WindowPlacement) in layout passes: picture it once its size holds
        WritableImage image = onFx(() -> stage.getScene().snapshot(null));
        double width = onFx(() -> stage.getScene().getWidth());
        for (int i = 0; i < 40 && (image.getWidth() != width || width != onFx(() -> stage.getScene().getWidth())); i++) {
            Thread.sleep(50); // a pulse
            settle();
            width = onFx(() -> stage.getScene().getWidth());
            image = onFx(() -> stage.getScene().snapshot(null));
        }
        BufferedImage png = SwingFXUtils.fromFXImage(image, null);
        ImageIO.write(png, "png", file.toFile());
        assertThat(png.getWidth()).isEqualTo((int) Math.round(width));
        return file;
    }

    private static AppTool tool(AppContext c, String label) {
        KamarosApp.registerFeatures(c.tools());
        return c.tools().tools().stream().filter(t -> t.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void verifyReportBeforeAndAfterRepair() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("Picture book"));
        // the deleted sketch's only copy (cannot be rebuilt), HEAD's story damaged (can), a leftover temp file,
        // and an edit not saved yet
        byte[] sketch = p.versions.get(p.ids().get(0)).get("old-sketch.png");
        Files.delete(p.historyRoot().resolve(BlobStore.BLOBS_DIR).resolve(BlobStore.sha256Hex(sketch)));
        Path story = p.historyRoot().resolve(BlobStore.BLOBS_DIR)
                .resolve(BlobStore.sha256Hex(p.versions.get(p.ids().get(4)).get("story.txt")));
        byte[] body = Files.readAllBytes(story);
        body[body.length / 2] ^= (byte) 0xFF;
        Files.write(story, body);
        Files.createDirectories(p.historyRoot().resolve(".store/temp"));
        Files.write(p.historyRoot().resolve(".store/temp/leftover-3f2a"), new byte[300]);
        Files.writeString(p.folder.resolve("todo.txt"), "- find a name for the fox\n- colour the owl\n");

        context = open(p.location);
        runFx(() -> tool(context, I18n.t("tools.verify")).open(context, null));
        Stage stage = window("verify-window");
        press(stage, "#verify-deep");
        press(stage, "#verify-start");
        assertThat(errors.errors).isEmpty();
        shoot(stage, "tools-verify.png");
        press(stage, "#verify-repair");
        assertThat(errors.errors).isEmpty();
        shoot(stage, "tools-verify-repaired.png");
    }

    @Test
    void garbageCollectionPreview() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("Picture book"));
        FileAdapter raw = new FileAdapter(p.historyRoot());
        BlobStore blobs = new BlobStore(raw, 6, true);
        blobs.put(ToolTestSupport.random(180_000, 11));
        blobs.put(ToolTestSupport.random(64_000, 12));
        blobs.put(ToolTestSupport.utf8("a draft nobody saved\n"));
        raw.writeFile(".store/deltas/00000000-0000-0000-0000-000000000000_0123456789abcdef.patch",
                ToolTestSupport.utf8("@@ -1 +1 @@\n-a\n+b\n"));
        raw.writeFile(".store/temp/0f0e0d0c-stale", new byte[40_000]);
        raw.dispose();

        context = open(p.location);
        runFx(() -> tool(context, I18n.t("tools.gc")).open(context, null));
        Stage stage = window("gc-window");
        assertThat(errors.errors).isEmpty();
        shoot(stage, "tools-gc.png");
        press(stage, "#gc-run");
        assertThat(errors.errors).isEmpty();
        shoot(stage, "tools-gc-done.png");
    }

    @Test
    void storageDashboardOfTheDemoProject() throws Exception {
        ProjectLocation demo = DemoProjectGenerator.ensure(tmp.resolve("demo"));
        context = open(demo);
        runFx(() -> tool(context, I18n.t("tools.storage")).open(context, null));
        Stage stage = window("storage-window");
        assertThat(errors.errors).isEmpty();
        shoot(stage, "tools-storage.png");
        runFx(() -> Themes.apply(true));
        shoot(stage, "tools-storage-dark.png");
        runFx(() -> Themes.apply(false));
    }

    @Test
    void settings() throws Exception {
        Files.createDirectories(tmp.resolve("home"));
        Files.writeString(tmp.resolve("home/settings.json"), "{ \"author\": \"Maja Kowalska\", "
                + "\"email\": \"maja@example.com\", \"compressionLevel\": 6, \"theme\": \"SYSTEM\", "
                + "\"language\": \"POLISH\" }");
        context = KamarosApp.createContext(new AppPaths(tmp.resolve("home")), new TaskRunner(Runnable::run, errors),
                () -> null);
        KamarosApp.registerFeatures(context.tools());
        runFx(() -> context.tools().settings().orElseThrow().open(context, null));
        Stage stage = window("settings-window");
        assertThat(errors.errors).isEmpty();
        shoot(stage, "tools-settings.png");
    }
}
