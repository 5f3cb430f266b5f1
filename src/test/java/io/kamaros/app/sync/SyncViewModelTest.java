package io.kamaros.app.sync;

import static io.kamaros.app.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.toolkit.ToolTestSupport;
import io.kamaros.app.toolkit.ToolTestSupport.Errors;
import io.kamaros.app.toolkit.ToolTestSupport.SampleProject;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.Remotes;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemoteStatus;
import io.kamaros.engine.model.VersionOrigin;
import io.kamaros.engine.store.FileAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The toolbar's Sync through its view-model on a real folder remote: shown only with a remote, what waits on each
 * side in words, the sync as a visible task whose result is announced, two branches when both sides had new work,
 * and a missing remote in the error dialog.
 */
class SyncViewModelTest {
    @TempDir
    Path tmp;

    private final Errors errors = new Errors();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private ProjectSession session;

    @BeforeAll
    static void start() {
        Fx.start();
        I18n.setLocale(Locale.ENGLISH);
    }

    @AfterEach
    void close() {
        if (session != null) {
            ToolTestSupport.close(session);
        }
    }

    private SyncViewModel open(Path folder) {
        session = onFx(() -> new ProjectSession(ToolTestSupport.directRunner(errors)));
        session.runner().showFinishedWith(notices::add);
        SyncViewModel vm = onFx(() -> new SyncViewModel(session, jcf -> new Remotes(jcf, Map.of())));
        ProjectOpener.OpenProject open = new ProjectOpener(JcfConfig.builder().author("Test Author").build())
                .open(SampleProject.create(folder).location);
        Fx.runAndSettle(session.runner(), () -> session.open(open));
        return vm;
    }

    private String counts(SyncViewModel vm) {
        return onFx(() -> vm.countsTextBinding().get());
    }

    @Test
    void syncSendsWhatWaitsAndSaysWhatItDid() throws Exception {
        SyncViewModel vm = open(tmp.resolve("a"));
        assertThat(onFx(() -> vm.shownBinding().get())).as("no remote: no Sync button").isFalse();

        Path remoteFolder = Files.createDirectories(tmp.resolve("remote"));
        RemoteConfig remote = RemoteConfig.folder("origin", remoteFolder);
        Fx.runAndSettle(session.runner(), () -> {
            Remotes.of(session.manager()).add(remote);
            vm.reload();
        });
        assertThat(onFx(() -> vm.shownBinding().get())).isTrue();
        assertThat(onFx(() -> vm.statusProperty().get())).isEqualTo(new RemoteStatus("origin", 5, 0));
        assertThat(counts(vm)).isEqualTo("5 versions to send · 0 to receive");

        Fx.runAndSettle(session.runner(), vm::sync);
        assertThat(errors.errors).isEmpty();
        assertThat(notices).containsExactly("Sent 5 versions, received none (origin)");
        assertThat(session.runner().getRecentTasks().get(0).name()).isEqualTo("Sync with origin");
        assertThat(counts(vm)).isEqualTo("In sync");
        // the remote holds the history: a clone of it has every version
        Path clone = tmp.resolve("clone");
        Remotes.clone(remote, clone, null, Map.of(), CancellationToken.NONE, e -> { });
        try (JcfManager b = new JcfManager()) {
            b.init(new FileAdapter(clone));
            assertThat(b.getHistory()).hasSize(5);

            // both sides work: the counts say so, and the sync keeps both lines as branches
            b.addFile("from-b.txt", "b's work\n");
            b.saveCheckpoint("B's work");
            new Remotes(b, Map.of()).push("origin");
        }
        Files.writeString(tmp.resolve("a/story.txt"), "A's new ending\n");
        Fx.runAndSettle(session.runner(), () -> session.manager().saveCheckpoint("A's work"));
        Fx.runAndSettle(session.runner(), vm::reload);
        assertThat(counts(vm)).isEqualTo("1 version to send · 1 to receive");

        notices.clear();
        Fx.runAndSettle(session.runner(), vm::sync);
        assertThat(errors.errors).isEmpty();
        assertThat(notices).containsExactly("Sent 1 version, received 1 (origin). Both sides had new work: the timeline"
                + " shows two branches.");
        assertThat(onFx(() -> session.getVersions())).extracting(v -> v.message()).contains("B's work", "A's work");
        // the timeline knows where B's version was made; A's own versions have no origin
        String bsWork = onFx(() -> session.getVersions().stream().filter(v -> v.message().equals("B's work"))
                .findFirst().orElseThrow().id());
        Map<String, VersionOrigin> origins = onFx(() -> session.originsProperty().get());
        assertThat(origins).containsOnlyKeys(bsWork);
        assertThat(origins.get(bsWork).user()).isEqualTo(System.getProperty("user.name"));
        assertThat(origins.get(bsWork).remote()).isEqualTo("origin");
        assertThat(counts(vm)).isEqualTo("In sync");
    }

    /**
     * One sync that receives (and fast-forwards to what it received) and sends is one progress bar: every value the
     * task's bar takes, and every progress event the engine sends while it runs, is at least the one before
     * (it used to go back to 0 between the pull and the push, and between the fetch and the restore).
     */
    @Test
    void oneSyncIsOneProgressBarThatNeverGoesBack() throws Exception {
        SyncViewModel vm = open(tmp.resolve("a"));
        Path remoteFolder = Files.createDirectories(tmp.resolve("remote"));
        RemoteConfig remote = RemoteConfig.folder("origin", remoteFolder);
        Fx.runAndSettle(session.runner(), () -> {
            Remotes.of(session.manager()).add(remote);
            vm.reload();
        });
        Fx.runAndSettle(session.runner(), vm::sync);
        String shared = onFx(() -> session.manager().getCurrentVersion().orElseThrow().id());
        // here: a version only this side has, on a line left by going back to the shared one
        Files.writeString(tmp.resolve("a/story.txt"), "A's draft, kept aside\n");
        Fx.runAndSettle(session.runner(), () -> session.manager().saveCheckpoint("A's draft"));
        Fx.runAndSettle(session.runner(), () -> session.manager().restoreVersion(shared));
        // there: another machine goes on from the shared version
        Path clone = tmp.resolve("clone");
        Remotes.clone(remote, clone, null, Map.of(), CancellationToken.NONE, e -> { });
        try (JcfManager b = new JcfManager()) {
            b.init(new FileAdapter(clone));
            b.addFile("from-b.txt", "b's work\n");
            b.saveCheckpoint("B's work");
            new Remotes(b, Map.of()).push("origin");
        }
        Fx.runAndSettle(session.runner(), vm::reload);
        assertThat(counts(vm)).isEqualTo("1 version to send · 1 to receive");

        List<Double> bar = new CopyOnWriteArrayList<>();
        List<JcfEvent.Progress> recorded = new CopyOnWriteArrayList<>();
        onFx(() -> {
            session.runner().visibleTaskProperty().addListener((o, was, task) -> {
                if (task != null) {
                    ChangeListener<Number> onBar = (p, before, now) -> {
                        // -1: not started. Only until its work returns: this test's runner runs the task on the
                        // FX thread, so an update sent from a transfer thread is applied later, after the task ended
                        if (now.doubleValue() >= 0 && !task.isDone()) {
                            bar.add(now.doubleValue());
                        }
                    };
                    task.progressProperty().addListener(onBar);
                }
            });
            return null;
        });
        Consumer<JcfEvent> listener = session.manager().on(JcfEvent.Progress.class, recorded::add);
        notices.clear();
        Fx.runAndSettle(session.runner(), vm::sync);
        session.manager().off("*", listener);

        assertThat(errors.errors).isEmpty();
        assertThat(notices).containsExactly("Sent 1 version, received 1 (origin)");
        assertThat(onFx(() -> session.manager().getCurrentVersion().orElseThrow().message()))
                .as("the sync fast-forwarded to what it received").isEqualTo("B's work");
        // what the sync sent (the checks the refresh after it starts are tasks of their own)
        List<JcfEvent.Progress> events = new ArrayList<>(recorded);
        while (!events.isEmpty() && !events.get(events.size() - 1).operation().equals("sync")) {
            events.remove(events.size() - 1);
        }
        List<String> trace = events.stream().map(p -> p.operation() + ":" + p.phase() + "=" + Math.round(p.percent()))
                .toList();
        assertThat(trace).as("the fetch, the restore and the push all reported")
                .anyMatch(t -> t.contains("receiving")).anyMatch(t -> t.contains(":validating="))
                .anyMatch(t -> t.contains("sending"));
        assertThat(events).as("one bar: " + trace).allMatch(p -> p.operation().equals("sync"));
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).percent()).as("went back: " + trace)
                    .isGreaterThanOrEqualTo(events.get(i - 1).percent());
        }
        assertThat(events.get(events.size() - 1).percent()).as(trace.toString()).isEqualTo(100.0);
        assertThat(bar).as("the task's bar moved").hasSizeGreaterThan(2);
        for (int i = 1; i < bar.size(); i++) {
            assertThat(bar.get(i)).as("the bar went back: " + bar).isGreaterThanOrEqualTo(bar.get(i - 1));
        }
    }

    @Test
    void severalRemotesSyncWithTheChosenOneAndAMissingRemoteIsAnError() throws Exception {
        SyncViewModel vm = open(tmp.resolve("a"));
        Path first = Files.createDirectories(tmp.resolve("first"));
        Path gone = tmp.resolve("gone");
        Files.createDirectories(gone);
        Fx.runAndSettle(session.runner(), () -> {
            Remotes r = Remotes.of(session.manager());
            r.add(RemoteConfig.folder("first", first));
            r.add(RemoteConfig.folder("nas", gone));
            vm.reload();
        });
        assertThat(onFx(() -> vm.chosenProperty().get().name())).as("the first remote by default").isEqualTo("first");
        Files.delete(gone); // the NAS is not mounted any more

        Fx.runAndSettle(session.runner(), () -> vm.chosenProperty().set(vm.remotes().get(1)));
        assertThat(counts(vm)).isEqualTo("Cannot check the remote");
        assertThat(onFx(() -> vm.statusProblemProperty().get())).isNotEmpty();
        assertThat(errors.errors).as("a failed check is no dialog").isEmpty();

        Fx.runAndSettle(session.runner(), vm::sync);
        assertThat(errors.errors).hasSize(1);
        assertThat(((JcfException) errors.errors.get(0)).code()).isEqualTo(ErrorCodes.REMOTE_NOT_FOUND);
        assertThat(notices).isEmpty();
        assertThat(Files.exists(gone)).as("nothing was created where the remote was").isFalse();
    }
}
