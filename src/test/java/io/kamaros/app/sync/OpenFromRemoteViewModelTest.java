package io.kamaros.app.sync;

import static io.kamaros.app.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.task.FinishedTask;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.ToolTestSupport;
import io.kamaros.app.toolkit.ToolTestSupport.Errors;
import io.kamaros.app.toolkit.ToolTestSupport.SampleProject;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.Remotes;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Open from remote… through its view-model on a real folder remote: the clone opens; a cancelled one leaves nothing. */
class OpenFromRemoteViewModelTest {
    @TempDir
    Path tmp;

    private final Errors errors = new Errors();

    @BeforeAll
    static void start() {
        Fx.start();
        I18n.setLocale(Locale.ENGLISH);
    }

    /** A remote folder holding the sample project's five versions. */
    private Path pushedRemote() {
        Path remote = tmp.resolve("remote");
        SampleProject p = SampleProject.create(tmp.resolve("source"));
        try (JcfManager jcf = new ProjectOpener(JcfConfig.builder().build()).open(p.location).manager()) {
            Files.createDirectories(remote);
            Remotes r = new Remotes(jcf, Map.of());
            r.add(RemoteConfig.folder("origin", remote));
            r.push("origin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return remote;
    }

    @Test
    void aClonedFolderRemoteOpensAsAProject() throws Exception {
        Path remote = pushedRemote();
        TaskRunner runner = ToolTestSupport.directRunner(errors);
        List<String> notices = new CopyOnWriteArrayList<>();
        runner.showFinishedWith(notices::add);
        List<Path> opened = new CopyOnWriteArrayList<>();
        OpenFromRemoteViewModel vm = onFx(() -> new OpenFromRemoteViewModel(runner, opened::add));
        Path target = tmp.resolve("clone");
        Fx.runAndSettle(runner, () -> {
            vm.form().locationProperty().set(remote.toString());
            assertThat(vm.canCloneBinding().get()).as("no folder yet").isFalse();
            vm.folderProperty().set(target.toString());
            assertThat(vm.canCloneBinding().get()).isTrue();
            vm.cloneNow();
        });
        assertThat(errors.errors).isEmpty();
        assertThat(opened).containsExactly(target);
        assertThat(notices).containsExactly("5 versions copied from the remote into clone");
        assertThat(Files.readString(target.resolve("content/story.txt"))).contains("Line 42: the end.");
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new FileAdapter(target));
            assertThat(jcf.getHistory()).hasSize(5);
            assertThat(new Remotes(jcf, Map.of()).list()).extracting(RemoteConfig::name).containsExactly("origin");
        }
    }

    @Test
    void aCancelledCloneLeavesNoFolderBehind() throws Exception {
        Path remote = pushedRemote();
        TaskRunner runner = ToolTestSupport.directRunner(errors);
        List<Path> opened = new CopyOnWriteArrayList<>();
        // the person presses Cancel as soon as the download has started (the engine stops at its next step)
        OpenFromRemoteViewModel vm = onFx(() -> new OpenFromRemoteViewModel(runner, opened::add,
                (r, folder, pw, cancel, events) -> Remotes.clone(r, folder, pw, Map.of(), cancel, e -> {
                    events.accept(e);
                    if (e instanceof JcfEvent.Progress p && "receiving".equals(p.phase())) {
                        cancel.cancel();
                    }
                })));
        Path target = tmp.resolve("clone");
        Fx.runAndSettle(runner, () -> {
            vm.form().locationProperty().set(remote.toString());
            vm.folderProperty().set(target.toString());
            vm.cloneNow();
        });
        assertThat(errors.errors).isEmpty();
        assertThat(opened).isEmpty();
        assertThat(runner.getRecentTasks().get(0).outcome()).isEqualTo(FinishedTask.Outcome.STOPPED);
        assertThat(Files.exists(target)).isFalse();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("remote", "source");
        }
        assertThat(onFx(() -> vm.cloningProperty().get())).isFalse();
    }
}
