package io.kamaros.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.timeline.TimelineRow;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.Remotes;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionOrigin;
import io.kamaros.engine.remote.S3ProxyServer;
import io.kamaros.engine.store.FileAdapter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The toolbar's Sync against a real S3 server (S3Proxy in this JVM on 127.0.0.1), clicked through as a person
 * does: open the demo, add the bucket on the Remotes page of the project settings and test it, see "25 versions
 * to send · 0 to receive", click Sync, see its progress while it runs, then the result and "In sync"; a clone of
 * the bucket holds every version byte-exact. Then another machine (a clone) pushes a version: after F5 the counts
 * say "1 to receive", Sync brings it, and the timeline shows it "from" that machine.
 *
 * <p>The app takes its credentials from the standard AWS chain as it does for everyone; this test puts the
 * server's into that chain's system properties ({@code aws.accessKeyId}, {@code aws.secretAccessKey}) for its
 * run. To see the progress while the sync runs, the server holds the push record's upload (the last step of the
 * push, after every pack) until the test has looked: a test hook in the server ({@link HeldPushRecord}), not in
 * the app. {@code -Dkamaros.screens.dir=DIR} also writes the screen during and after the sync as PNGs (under a real X
 * server, {@code -Dxvfb}).
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class SyncGuiTest {
    private static final String KEY_PROPERTY = "aws.accessKeyId";
    private static final String SECRET_PROPERTY = "aws.secretAccessKey";

    @TempDir
    static Path dir;
    private static HeldPushRecord held;
    private static S3ProxyServer s3;
    private GuiFixture app;

    /** Holds the first upload of a push record until released: the sync is then running, its packs sent. */
    static final class HeldPushRecord extends ForwardingBlobStore {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        HeldPushRecord(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public PutObjectResponse putBlob(PutObjectRequest request, InputStream in) {
            if (request.key().contains("pushes/") && reached.getCount() > 0) {
                reached.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS); // well inside the client's 60 s socket time-out
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return delegate().putBlob(request, in);
        }
    }

    @BeforeAll
    static void serverAndHome() {
        I18n.setLocale(Locale.ENGLISH);
        s3 = S3ProxyServer.start(true, store -> held = new HeldPushRecord(store));
        System.setProperty(KEY_PROPERTY, S3ProxyServer.IDENTITY);
        System.setProperty(SECRET_PROPERTY, S3ProxyServer.CREDENTIAL);
        GuiFixture.prepareHome(dir.resolve("home"));
    }

    @AfterAll
    static void stopServer() {
        System.clearProperty(KEY_PROPERTY);
        System.clearProperty(SECRET_PROPERTY);
        held.release.countDown();
        s3.close();
    }

    @Start
    void start(Stage stage) {
        app = new GuiFixture(stage, dir.resolve("home"));
    }

    /** Waits until {@code condition}, asked on the FX thread (where tasks and controls may be read), holds. */
    private static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(condition));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(Supplier<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read::get).get(30, TimeUnit.SECONDS);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    /** The panel has faded in (the picture shows it as a person reads it). */
    private static boolean opaque(Node panel) {
        Scene scene = panel.getScene();
        return scene != null && scene.getWindow() != null && scene.getWindow().getOpacity() >= 1
                && scene.getRoot().getOpacity() >= 1;
    }

    private static void screenshot(FxRobot robot, String name) {
        String pictures = System.getProperty("kamaros.screens.dir");
        if (pictures != null && !Boolean.getBoolean("testfx.headless")) { // Monocle cannot capture its screen
            EveryScreenFitsTest.writeScreen(robot, Path.of(pictures).resolve(name + ".png"));
        }
    }

    @Test
    void theDemoIsSyncedToS3WithProgressAndAnotherMachinesVersionComesBack(FxRobot robot) throws Exception {
        ProjectSession session = app.context.session();
        TaskRunner runner = app.context.runner();
        robot.clickOn("#open-demo");
        waitUntil(() -> session.getVersions().size() == 25 && session.getHead() != null);
        assertThat(robot.lookup("#sync-box").query().isVisible()).as("no remote yet: no Sync").isFalse();

        // ---- Tools → Project settings… → Remotes: add the bucket, test it
        String bucket = s3.newBucket();
        robot.clickOn(I18n.t("menu.tools").replace("_", ""));
        robot.clickOn(I18n.t("tools.projectSettings"));
        waitUntil(() -> robot.lookup("#project-settings-window").tryQuery().isPresent());
        robot.clickOn(I18n.t("projectSettings.tab.remotes"));
        robot.clickOn("#ps-remotes-name").write("origin");
        robot.clickOn("#ps-remotes-location").write("s3://" + bucket + "/moonlit");
        robot.interact(() -> robot.lookup("#ps-remotes-endpoint").queryAs(TextField.class).setText(s3.endpoint()));
        robot.clickOn(robot.lookup("#ps-remotes-path-style .thumb-area").queryAs(Node.class));
        robot.clickOn("#ps-remotes-add");
        ListView<?> list = robot.lookup("#ps-remotes-list").queryAs(ListView.class);
        waitUntil(() -> list.getItems().size() == 1 && !robot.lookup("#ps-remotes-test").query().isDisabled());
        robot.clickOn("#ps-remotes-test");
        waitUntil(() -> text(robot, "#ps-remotes-test-result").equals("Reachable and writable"));
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE); // closes the settings window
        waitUntil(() -> robot.lookup("#project-settings-window").tryQuery().isEmpty());

        // ---- the toolbar says what waits (F5 reads the project again, as coming back to the window does)
        robot.press(KeyCode.F5).release(KeyCode.F5);
        waitUntil(() -> text(robot, "#sync-counts").equals("25 versions to send · 0 to receive"));
        assertThat(robot.lookup("#sync-box").query().isVisible()).isTrue();

        // ---- Sync: its progress shows while it runs
        List<Double> progressSeen = new CopyOnWriteArrayList<>();
        robot.interact(() -> runner.visibleTaskProperty().addListener((o, was, task) -> {
            if (task != null) {
                task.progressProperty().addListener((p, x, v) -> progressSeen.add(v.doubleValue()));
            }
        }));
        robot.clickOn("#sync-button");
        assertThat(held.reached.await(60, TimeUnit.SECONDS)).as("the push reached its record").isTrue();
        waitUntil(() -> runner.visibleTaskProperty().get() != null
                && runner.visibleTaskProperty().get().getProgress() > 0);
        TaskRunner.EngineTask<?> running = runner.visibleTaskProperty().get();
        assertThat(fx(running::getTitle)).isEqualTo("Sync with origin");
        double progress = fx(running::getProgress);
        assertThat(progress).as("packs sent, the record not yet").isBetween(0.5, 0.99);
        ProgressBar bar = robot.lookup("#status-progress").queryAs(ProgressBar.class);
        assertThat(bar.isVisible()).isTrue();
        assertThat(fx(bar::getProgress)).isEqualTo(progress);
        assertThat(text(robot, "#sync-counts")).isEqualTo("Syncing…");
        assertThat(robot.lookup("#sync-button").queryAs(Button.class).isDisabled()).as("one sync at a time").isTrue();
        robot.clickOn("#status-tasks"); // the panel of background work lists it with its progress
        waitUntil(() -> robot.lookup("#task-panel").tryQuery().map(SyncGuiTest::opaque).orElse(false));
        assertThat(robot.lookup("#task-running .label").queryAll().stream().map(n -> ((Label) n).getText()))
                .contains("Sync with origin");
        assertThat(robot.lookup("#task-running .progress-bar").queryAll()).isNotEmpty();
        screenshot(robot, "sync-during");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE); // the panel closes
        held.release.countDown();

        waitUntil(() -> text(robot, "#sync-counts").equals("In sync"));
        waitUntil(() -> runner.statusMessageProperty().get().equals("Sent 25 versions, received none (origin)"));
        assertThat(progressSeen).as("progress went up while it ran").anyMatch(p -> p > 0 && p < 1);
        assertThat(app.errors).isEmpty();
        screenshot(robot, "sync-after");

        // ---- on the engine side: a clone of the bucket holds every version of the demo byte-exact
        RemoteConfig remote = s3.config("origin", bucket + "/moonlit");
        Path cloneFolder = dir.resolve("other-machine");
        Remotes.clone(remote, cloneFolder, null, s3.env(), CancellationToken.NONE, e -> { });
        JcfManager clone = new JcfManager();
        try {
            clone.init(new FileAdapter(cloneFolder)); // opens the clone
            JcfManager demo = session.manager();
            assertThat(clone.getHistory()).hasSize(25);
            for (Version v : demo.getHistory()) {
                assertThat(clone.getVersion(v.id())).as(v.message()).isPresent();
                for (FileState f : v.fileStates().values()) {
                    assertThat(clone.getFileContent(f.path(), v.id())).as(f.path() + " at " + v.message())
                            .isEqualTo(demo.getFileContent(f.path(), v.id()));
                }
            }

            // ---- the other machine saves a version and pushes it
            clone.addFile("chapters/06-morning.md", "# Morning\n\nThe garden woke without the fox.\n");
            String theirs = clone.saveCheckpoint("Chapter 6: morning (written on the other machine)");
            new Remotes(clone, s3.env()).push("origin");

            robot.press(KeyCode.F5).release(KeyCode.F5);
            waitUntil(() -> text(robot, "#sync-counts").equals("0 versions to send · 1 to receive"));
            robot.clickOn("#sync-button");
            waitUntil(() -> session.getHead() != null && session.getHead().id().equals(theirs)
                    && text(robot, "#sync-counts").equals("In sync"));
            waitUntil(() -> runner.statusMessageProperty().get().equals("Sent no versions, received 1 (origin)"));
            Path work = session.location().orElseThrow().workTree();
            assertThat(Files.readString(work.resolve("chapters/06-morning.md"), StandardCharsets.UTF_8))
                    .as("the pull moved the working copy forward").contains("without the fox");

            // the timeline shows it, from the machine that pushed it
            VersionOrigin origin = session.originsProperty().get().get(theirs);
            assertThat(origin).isNotNull();
            String from = I18n.t("timeline.origin", origin.machine().isBlank()
                    ? I18n.t("timeline.origin.unknownMachine") : origin.machine());
            ListView<TimelineRow> timeline = robot.lookup("#timeline-list").queryAs(ListView.class);
            int row = -1;
            for (int i = 0; i < timeline.getItems().size(); i++) {
                Version v = timeline.getItems().get(i).version();
                if (v != null && v.id().equals(theirs)) {
                    row = i;
                }
            }
            assertThat(row).as("the version is on the timeline").isNotNegative();
            int target = row;
            robot.interact(() -> timeline.scrollTo(target));
            waitUntil(() -> robot.lookup("#timeline-list .badge-origin").queryAll().stream()
                    .anyMatch(n -> ((Label) n).getText().equals(from)));
            assertThat(app.errors).isEmpty();
            screenshot(robot, "sync-received");
        } finally {
            clone.close();
            closeOtherWindows();
        }
    }

    private static void closeOtherWindows() {
        Fx.runFx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w instanceof Stage s && s.getScene() != null && s.getScene().getRoot().getId() != null
                        && s.getScene().getRoot().getId().endsWith("-window")) {
                    s.close();
                }
            }
        });
    }
}
