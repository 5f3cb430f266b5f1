package io.kamaros.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.TestApp;
import io.kamaros.app.checkpoint.CheckpointViewModel;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.settings.AuthorIdentity;
import io.kamaros.app.settings.SettingsStore;
import io.kamaros.engine.model.UnversionableFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main window's warning bar: what the project folder holds that is not versioned as it is. */
class MainWindowViewModelTest {
    @TempDir
    Path dir;
    private TestApp app;
    private MainWindowViewModel vm;
    private ProjectOpener.OpenProject project;
    private Locale before;

    @BeforeEach
    void open() {
        before = I18n.locale();
        app = new TestApp(dir.resolve("home"));
        vm = Fx.call(() -> new MainWindowViewModel(app.context.session()));
        project = app.openDemoCopy(dir);
    }

    @AfterEach
    void close() {
        app.run(() -> app.context.session().close());
        I18n.setLocale(before);
    }

    @Test
    void theWarningBarListsWhatIsNotVersionedAndStaysAfterASave() throws Exception {
        assertThat(Fx.call(() -> vm.unversionableShownBinding().get())).isFalse();
        Path work = project.location().workTree();
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(work.resolve("shortcut"), outside);
        Files.writeString(work.resolve("aux.txt"), "a device name on Windows");
        app.run(() -> app.context.session().refresh());

        assertThat(Fx.call(() -> vm.unversionableShownBinding().get())).isTrue();
        assertThat(vm.unversionable()).extracting(UnversionableFile::path, UnversionableFile::reason).containsExactly(
                Tuple.tuple("aux.txt", UnversionableFile.Reason.WINDOWS_NAME),
                Tuple.tuple("shortcut", UnversionableFile.Reason.SYMLINK));
        assertThat(Fx.call(() -> vm.unversionableHeadlineBinding().get()))
                .isEqualTo("1 item is not versioned; 1 saved name cannot be restored on Windows");
        assertThat(Fx.call(() -> vm.unversionableListBinding().get()).lines().toList()).containsExactly(
                "aux.txt — saved, but Windows cannot hold this name",
                "shortcut — a shortcut (symbolic link): not followed or saved");

        // A checkpoint saves the rest; the bar still tells what it left out.
        CheckpointViewModel checkpoint = Fx.call(() -> new CheckpointViewModel(app.context.session(),
                new AuthorIdentity(SettingsStore.of(app.context.paths()), app.context.opener())));
        app.run(checkpoint::prepare);
        AtomicReference<String> saved = new AtomicReference<>();
        app.run(() -> {
            checkpoint.messageProperty().set("With a link beside");
            checkpoint.save(saved::set);
        });
        assertThat(app.errors).isEmpty();
        assertThat(saved.get()).isNotNull();
        assertThat(project.manager().getVersion(saved.get()).orElseThrow().fileStates()).containsKey("aux.txt")
                .doesNotContainKey("shortcut");
        assertThat(Fx.call(() -> vm.unversionableShownBinding().get())).isTrue();
        assertThat(Fx.call(() -> vm.unversionableListBinding().get())).contains("shortcut");

        Files.delete(work.resolve("shortcut"));
        Files.delete(work.resolve("aux.txt"));
        app.run(() -> app.context.session().refresh());
        assertThat(Fx.call(() -> vm.unversionableShownBinding().get())).isFalse();
    }

    @Test
    void theBarSpeaksPolish() throws Exception {
        Path work = project.location().workTree();
        Files.createSymbolicLink(work.resolve("skrót"), dir);
        I18n.setLocale(Locale.forLanguageTag("pl"));
        app.run(() -> app.context.session().refresh());
        assertThat(Fx.call(() -> vm.unversionableHeadlineBinding().get()))
                .isEqualTo("Elementy w folderze projektu, które nie są wersjonowane: 1");
        assertThat(Fx.call(() -> vm.unversionableListBinding().get()))
                .isEqualTo("skrót — skrót (dowiązanie symboliczne): nie jest otwierany ani zapisywany");
    }
}
