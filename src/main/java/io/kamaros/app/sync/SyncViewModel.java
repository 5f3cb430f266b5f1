package io.kamaros.app.sync;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.ErrorMessages;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.Remotes;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemoteStatus;
import io.kamaros.engine.model.RemoteTransferResult;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The toolbar's Sync: shown when the project has a remote; says what waits ("2 versions to send · 1 to receive",
 * from the engine's {@link Remotes#status}, in the background), and runs {@link Remotes#sync} as a visible task
 * with progress and Cancel. The remote is the project's first unless another is chosen. The list and the counts are
 * read again whenever the session refreshes (a save, a restore, the window coming back to the front), one check
 * at a time.
 */
public final class SyncViewModel {
    private final ProjectSession session;
    private final Function<JcfManager, Remotes> remotesOf;
    private final ObservableList<RemoteConfig> remotes = FXCollections.observableArrayList();
    private final ObjectProperty<@Nullable RemoteConfig> chosen = new SimpleObjectProperty<>(this, "chosen");
    private final ReadOnlyObjectWrapper<@Nullable RemoteStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyStringWrapper statusProblem = new ReadOnlyStringWrapper(this, "statusProblem", "");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private final ReadOnlyBooleanWrapper syncing = new ReadOnlyBooleanWrapper(this, "syncing");
    private final BooleanBinding shown;
    private final BooleanBinding canSync;
    private final StringBinding countsText;
    /** A check asked for while one runs: it runs again when that one ends (the answer might be stale). */
    private boolean checkAgain;

    /** @param remotesOf the project's remotes (the app's is {@link Remotes#of}; tests give test credentials) */
    public SyncViewModel(ProjectSession session, Function<JcfManager, Remotes> remotesOf) {
        this.session = session;
        this.remotesOf = remotesOf;
        shown = Bindings.isNotEmpty(remotes).and(session.projectProperty().isNotNull());
        canSync = Bindings.createBooleanBinding(() -> chosen.get() != null && !syncing.get()
                && !session.runner().writingProperty().get(), chosen, syncing, session.runner().writingProperty());
        countsText = Bindings.createStringBinding(this::counts, status, statusProblem, checking, syncing);
        session.projectProperty().addListener((o, was, now) -> {
            remotes.clear();
            chosen.set(null);
            status.set(null);
            statusProblem.set("");
            if (now != null) {
                reload();
            }
        });
        session.refreshCountProperty().addListener((o, was, now) -> reload());
        chosen.addListener((o, was, now) -> {
            if (now != null && (was == null || !now.name().equals(was.name()))) {
                status.set(null);
                checkStatus();
            }
        });
    }

    /** Lists the project's remotes again (in the background), keeps the chosen one if it is still there, then checks. */
    public void reload() {
        if (!session.isOpen()) {
            return;
        }
        JcfManager jcf = session.manager();
        Remotes r = remotesOf.apply(jcf);
        session.runner().task(I18n.t("sync.task.list"), ctx -> r.list())
                .onSuccess(list -> {
                    if (session.isOpen() && session.manager() == jcf) {
                        show(list);
                    }
                })
                .onFailure(e -> remotes.clear()) // an unreadable settings file: the Remotes page says why
                .start();
    }

    private void show(List<RemoteConfig> list) {
        RemoteConfig was = chosen.get();
        remotes.setAll(list);
        RemoteConfig keep = was == null ? null
                : list.stream().filter(x -> x.name().equals(was.name())).findFirst().orElse(null);
        RemoteConfig next = keep != null ? keep : list.isEmpty() ? null : list.get(0);
        if (next != null && was != null && next.name().equals(was.name())) {
            chosen.set(next);
            checkStatus(); // same remote: its counts may have changed (a save, another machine's push)
        } else {
            chosen.set(next); // a new choice checks by itself
        }
    }

    /** Asks the chosen remote what waits on each side (in the background, no dialog on failure: the label says it). */
    public void checkStatus() {
        RemoteConfig remote = chosen.get();
        if (remote == null || !session.isOpen() || syncing.get()) {
            return;
        }
        if (checking.get()) {
            checkAgain = true;
            return;
        }
        JcfManager jcf = session.manager();
        Remotes r = remotesOf.apply(jcf);
        checking.set(true);
        session.runner().task(I18n.t("sync.task.status", remote.name()), ctx -> r.status(remote.name(),
                        ctx.cancellation()))
                .onSuccess(s -> {
                    if (isStill(remote, jcf)) {
                        status.set(s);
                        statusProblem.set("");
                    }
                })
                .onFailure(e -> {
                    if (isStill(remote, jcf)) {
                        status.set(null);
                        statusProblem.set(ErrorMessages.describe(e).headline());
                    }
                })
                .onDone(() -> {
                    checking.set(false);
                    if (checkAgain) {
                        checkAgain = false;
                        checkStatus();
                    }
                })
                .start();
    }

    private boolean isStill(RemoteConfig remote, JcfManager jcf) {
        RemoteConfig now = chosen.get();
        return now != null && now.name().equals(remote.name()) && session.isOpen() && session.manager() == jcf;
    }

    /**
     * Syncs with the chosen remote: a visible task changing the project (fetch, pull, push) with progress and
     * Cancel; the result in the finished notice, failures in the error dialog; then the history is read again.
     */
    public void sync() {
        RemoteConfig remote = chosen.get();
        if (remote == null || !canSync.get()) {
            throw new IllegalStateException("Nothing to sync with now");
        }
        JcfManager jcf = session.manager();
        Remotes r = remotesOf.apply(jcf);
        syncing.set(true);
        session.runner().task(I18n.t("sync.task.sync", remote.name()), ctx -> r.sync(remote.name(), ctx.cancellation()))
                .progressFrom(jcf)
                .visible()
                .writes()
                .onSuccess(result -> session.runner().announceFinished(resultText(result)))
                .onDone(() -> {
                    syncing.set(false);
                    session.refresh(); // received versions, a fast-forward: the timeline shows them; then a new check
                })
                .start();
    }

    /** "Sent 2 versions, received 1" (and when both sides had new work, that the timeline shows two branches). */
    static String resultText(RemoteTransferResult r) {
        String text = r.versionsSent() == 0 && r.versionsReceived() == 0
                ? I18n.t("sync.result.upToDate", r.remote())
                : I18n.t("sync.result.done", r.versionsSent(), r.versionsReceived(), r.remote());
        return r.diverged() ? text + ". " + I18n.t("sync.result.diverged") : text; // two sentences
    }

    private String counts() {
        RemoteStatus s = status.get();
        if (syncing.get()) {
            return I18n.t("sync.counts.syncing");
        }
        if (!statusProblem.get().isEmpty()) {
            return I18n.t("sync.counts.problem");
        }
        if (s == null) {
            return checking.get() ? I18n.t("sync.counts.checking") : "";
        }
        return s.inSync() ? I18n.t("sync.counts.inSync") : I18n.t("sync.counts", s.versionsToSend(), s.versionsToReceive());
    }

    public ObservableList<RemoteConfig> remotes() {
        return remotes;
    }

    /** The remote Sync works with: the project's first unless another was picked. */
    public ObjectProperty<@Nullable RemoteConfig> chosenProperty() {
        return chosen;
    }

    /** What waits, as last checked (null: not known yet, or the check failed). */
    public ReadOnlyObjectProperty<@Nullable RemoteStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why the last check failed, in plain words ("" when it did not), for the label's tooltip. */
    public ReadOnlyStringProperty statusProblemProperty() {
        return statusProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty syncingProperty() {
        return syncing.getReadOnlyProperty();
    }

    /** The project has a remote: the Sync button shows. */
    public BooleanBinding shownBinding() {
        return shown;
    }

    public BooleanBinding canSyncBinding() {
        return canSync;
    }

    /** "2 versions to send · 1 to receive", "In sync", "Checking…", or "" before anything is known. */
    public StringBinding countsTextBinding() {
        return countsText;
    }
}
