package io.kamaros.app.sync;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.projectsettings.RemoteForm;
import io.kamaros.app.task.ErrorMessages;
import io.kamaros.app.task.ProgressText;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.engine.Remotes;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemoteTransferResult;
import io.kamaros.engine.model.ValidationException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;

/**
 * Open from remote…: where the remote is (the Remotes page's {@link RemoteForm}), the folder the new project goes
 * to, and its password when the engine says the remote holds an encrypted project. The clone runs as a visible
 * task with progress and Cancel ({@link Remotes#clone} builds it in a hidden folder, so a failed or cancelled clone
 * leaves nothing behind); when it is done the project opens.
 */
public final class OpenFromRemoteViewModel {
    /** The engine's clone (tests wrap it). */
    @FunctionalInterface
    public interface Cloner {
        RemoteTransferResult clone(RemoteConfig remote, Path folder, char @Nullable [] password,
                                   CancellationToken cancel, Consumer<? super JcfEvent> events);
    }

    /** The name the remote gets in the new project's settings. */
    static final String REMOTE_NAME = "origin";

    private final TaskRunner runner;
    private final Cloner cloner;
    private final Consumer<Path> openProject;
    private final RemoteForm form = new RemoteForm();
    private final StringProperty folder = new SimpleStringProperty(this, "folder", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final ReadOnlyBooleanWrapper passwordNeeded = new ReadOnlyBooleanWrapper(this, "passwordNeeded");
    private final ReadOnlyBooleanWrapper cloning = new ReadOnlyBooleanWrapper(this, "cloning");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final StringBinding folderProblem;
    private final BooleanBinding canClone;

    /** The app's: credentials from the process's environment (and the rest of AWS's chain). */
    public OpenFromRemoteViewModel(TaskRunner runner, Consumer<Path> openProject) {
        this(runner, openProject, (remote, target, pw, cancel, events) ->
                Remotes.clone(remote, target, pw, System.getenv(), cancel, events));
    }

    public OpenFromRemoteViewModel(TaskRunner runner, Consumer<Path> openProject, Cloner cloner) {
        this.runner = runner;
        this.cloner = cloner;
        this.openProject = openProject;
        folderProblem = Bindings.createStringBinding(this::folderProblemNow, folder);
        canClone = Bindings.createBooleanBinding(() -> !cloning.get() && form.complete() && !folder.get().isBlank()
                        && folderProblem.get().isEmpty() && (!passwordNeeded.get() || !password.get().isEmpty()),
                cloning, form.locationProperty(), form.locationProblemBinding(), form.endpointProblemBinding(), folder,
                folderProblem, passwordNeeded, password);
    }

    private String folderProblemNow() {
        String f = folder.get().strip();
        if (f.isEmpty()) {
            return "";
        }
        try {
            return Path.of(f).isAbsolute() ? "" : I18n.t("clone.invalid.folder");
        } catch (InvalidPathException e) {
            return I18n.t("clone.invalid.folder");
        }
    }

    /**
     * Clones in the background; the project opens when done. A remote that holds an encrypted project asks for its
     * password here (the field shows, and the person clones again); other failures go to the error dialog, and the
     * dialog's note says them too.
     */
    public void cloneNow() {
        if (!canClone.get()) {
            throw new IllegalStateException("The form does not describe a clone yet");
        }
        RemoteConfig remote = form.remote(REMOTE_NAME);
        Path target = Path.of(folder.get().strip()).toAbsolutePath().normalize();
        char[] pw = passwordNeeded.get() ? password.get().toCharArray() : null;
        cloning.set(true);
        problem.set("");
        runner.task(I18n.t("clone.task", remote.url()), ctx -> cloner.clone(remote, target, pw, ctx.cancellation(),
                        event -> {
                            if (event instanceof JcfEvent.Progress p) {
                                ctx.progress(ProgressText.describe(p, null), Math.round(p.percent() * 10), 1000);
                            }
                        }))
                .visible()
                .onSuccess(result -> {
                    password.set("");
                    runner.announceFinished(I18n.t("clone.done", result.versionsReceived(), target.getFileName()));
                    openProject.accept(target);
                })
                .onFailure(this::failed)
                .onDone(() -> cloning.set(false))
                .start();
    }

    private void failed(Throwable error) {
        String code = error instanceof JcfException j ? j.code() : "";
        if (ErrorCodes.PASSWORD_REQUIRED.equals(code) || ErrorCodes.WRONG_PASSWORD.equals(code)) {
            passwordNeeded.set(true);
            problem.set(I18n.t(ErrorCodes.WRONG_PASSWORD.equals(code) ? "clone.password.wrong" : "clone.password.needed"));
            return; // the dialog asks for it
        }
        ErrorMessages.Described d = ErrorMessages.describe(error);
        problem.set(I18n.t("clone.failed", d.headline(), d.whatToDo()));
        if (!(error instanceof ValidationException)) {
            runner.errors().present(I18n.t("clone.task", form.locationProperty().get()), error);
        }
    }

    public RemoteForm form() {
        return form;
    }

    /** The new project's folder (it must not exist, or be empty). */
    public StringProperty folderProperty() {
        return folder;
    }

    /** The remote project's password; asked only once the engine says it is encrypted. */
    public StringProperty passwordProperty() {
        return password;
    }

    public ReadOnlyBooleanProperty passwordNeededProperty() {
        return passwordNeeded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cloningProperty() {
        return cloning.getReadOnlyProperty();
    }

    /** What went wrong with the last clone, in plain words ("" when nothing did). */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public StringBinding folderProblemBinding() {
        return folderProblem;
    }

    public BooleanBinding canCloneBinding() {
        return canClone;
    }

}
