package io.kamaros.app.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.TestApp;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.transfer.ExportViewModel;
import io.kamaros.app.welcome.WelcomeViewModel;
import io.kamaros.engine.model.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 3 in the app: the folder choosers (restore into a folder, export target, tracking
 * a folder) refuse the open project's own folder and anything inside its history, with the
 * engine's message in the error dialog, before anything is written.
 */
class HistoryFolderChoiceTest {
    @TempDir
    Path dir;
    private TestApp app;
    private ProjectSession session;
    private ProjectOpener.OpenProject project;

    @BeforeEach
    void open() {
        app = new TestApp(dir.resolve("home"));
        session = app.context.session();
        project = app.openDemoCopy(dir);
    }

    @AfterEach
    void close() {
        app.run(session::close);
    }

    @Test
    void restoreIntoTheProjectFolderOrItsHistoryIsRefusedBeforeTheConfirmation() throws Exception {
        RestoreViewModel vm = Fx.call(() -> new RestoreViewModel(session));
        Path work = project.location().workTree();
        Path history = project.location().historyRoot();
        byte[] manifest = Files.readAllBytes(history.resolve("manifest.json"));
        int versions = session.getVersions().size();
        Version oldest = session.getVersions().get(versions - 1);
        for (Path target : List.of(work, history, history.resolve(".store"))) {
            app.errors.clear();
            AtomicReference<RestorePlan> plan = new AtomicReference<>();
            app.run(() -> vm.plan(oldest, List.of(), target, plan::set));
            assertThat(plan.get()).as(target.toString()).isNull(); // no confirmation offered
            assertThat(app.errors).singleElement().asString().contains("history");
        }
        assertThat(Files.readAllBytes(history.resolve("manifest.json"))).isEqualTo(manifest);
        app.run(session::refresh);
        assertThat(session.getVersions()).hasSize(versions);
        // an ordinary folder is still offered
        app.errors.clear();
        AtomicReference<RestorePlan> ok = new AtomicReference<>();
        app.run(() -> vm.plan(oldest, List.of(), dir.resolve("elsewhere"), ok::set));
        assertThat(app.errors).isEmpty();
        assertThat(ok.get()).isNotNull();
    }

    @Test
    void anExportOverTheManifestIsRefused() throws Exception {
        Path history = project.location().historyRoot();
        byte[] manifest = Files.readAllBytes(history.resolve("manifest.json"));
        ExportViewModel vm = Fx.call(() -> new ExportViewModel(session));
        app.run(() -> {
            vm.targetProperty().set(history.resolve(".store").resolve("copy.jcf"));
            vm.export();
        });
        assertThat(app.errors).singleElement().asString().contains("history");
        assertThat(history.resolve(".store/copy.jcf")).doesNotExist();
        assertThat(Files.readAllBytes(history.resolve("manifest.json"))).isEqualTo(manifest);
    }

    @Test
    void trackingAFolderInsideAHistoryIsRefused() throws Exception {
        Path store = project.location().historyRoot().resolve(".store");
        WelcomeViewModel welcome = Fx.call(() -> new WelcomeViewModel(session, app.context.opener(), app.context.recent(),
                app.context.paths(), Clock.systemUTC()));
        app.errors.clear();
        app.run(() -> welcome.openPath(store));
        assertThat(app.errors).singleElement().asString().contains("inside the history");
        assertThat(store.resolve(".kamaros")).doesNotExist();
    }
}
