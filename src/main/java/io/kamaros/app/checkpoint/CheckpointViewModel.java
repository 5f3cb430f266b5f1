package io.kamaros.app.checkpoint;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.settings.AuthorIdentity;
import io.kamaros.app.task.ProgressText;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.tree.FileEntry;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.RenameInfo;
import io.kamaros.engine.model.WorkingCopyStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The checkpoint dialog: message, optional tags, the changes that will be saved; saving with progress and Cancel. */
public final class CheckpointViewModel {
    private final ProjectSession session;
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final StringProperty tags = new SimpleStringProperty(this, "tags", "");
    private final ObservableList<FileEntry> changes = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");
    private final AuthorIdentity identity;
    private final StringProperty author = new SimpleStringProperty(this, "author", "");
    private final StringProperty email = new SimpleStringProperty(this, "email", "");
    private final ReadOnlyBooleanWrapper askAuthor = new ReadOnlyBooleanWrapper(this, "askAuthor");
    private final StringBinding messageProblem;
    private final StringBinding authorProblem;
    private final StringBinding emailProblem;
    private final BooleanBinding canSave;

    public CheckpointViewModel(ProjectSession session, AuthorIdentity identity) {
        this.session = session;
        this.identity = identity;
        messageProblem = Bindings.createStringBinding(() -> message.get().isBlank()
                ? I18n.t("checkpoint.message.required") : "", message);
        authorProblem = Bindings.createStringBinding(() -> askAuthor.get() && author.get().isBlank()
                ? I18n.t("checkpoint.author.required") : "", askAuthor, author);
        emailProblem = Bindings.createStringBinding(() -> askAuthor.get() && !AuthorIdentity.plausibleEmail(email.get())
                ? I18n.t("settings.email.invalid") : "", askAuthor, email);
        canSave = Bindings.createBooleanBinding(() -> messageProblem.get().isEmpty() && authorProblem.get().isEmpty()
                        && emailProblem.get().isEmpty() && !changes.isEmpty() && !saving.get(),
                messageProblem, authorProblem, emailProblem, changes, saving);
    }

    /** The name to record; asked for (and remembered) at the first save. */
    public StringProperty authorProperty() {
        return author;
    }

    /** The e-mail to record (optional). */
    public StringProperty emailProperty() {
        return email;
    }

    /** True when nobody has given a name yet: the dialog asks for one. */
    public ReadOnlyBooleanProperty askAuthorProperty() {
        return askAuthor.getReadOnlyProperty();
    }

    /** Why the message cannot be saved ("" when it can). */
    public StringBinding messageProblemBinding() {
        return messageProblem;
    }

    public StringBinding authorProblemBinding() {
        return authorProblem;
    }

    public StringBinding emailProblemBinding() {
        return emailProblem;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty tagsProperty() {
        return tags;
    }

    public ObservableList<FileEntry> getChanges() {
        return changes;
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    public BooleanBinding canSaveBinding() {
        return canSave;
    }

    /** Starts a new checkpoint: clears the form and reads what changed. */
    public void prepare() {
        message.set("");
        tags.set("");
        changes.clear();
        loaded.set(false);
        askAuthor.set(false);
        refreshAuthor();
        JcfManager jcf = session.manager();
        session.runner().task(I18n.t("task.status"), ctx -> jcf.getStatus())
                .onSuccess(s -> {
                    changes.setAll(entries(s));
                    loaded.set(true);
                })
                .start();
    }

    /**
     * Reads whether a name is known: the remembered one is shown, or the name is asked for (a name already typed
     * while it is asked stays). Called by the dialog and by the unsaved-changes panel, which saves too.
     */
    public void refreshAuthor() {
        AuthorIdentity.Name known = identity.known();
        if (known != null) {
            askAuthor.set(false);
            author.set(known.author());
            email.set(known.email());
        } else if (!askAuthor.get()) {
            askAuthor.set(true);
            author.set("");
            email.set("");
        }
    }

    static List<FileEntry> entries(WorkingCopyStatus s) {
        List<FileEntry> out = new ArrayList<>();
        s.added().forEach(p -> out.add(new FileEntry(p, 0, ChangeType.ADDED, null)));
        for (String p : s.modified()) {
            if (s.renamed().stream().noneMatch(r -> r.toPath().equals(p))) {
                out.add(new FileEntry(p, 0, ChangeType.MODIFIED, null));
            }
        }
        s.deleted().forEach(p -> out.add(new FileEntry(p, 0, ChangeType.DELETED, null)));
        for (RenameInfo r : s.renamed()) {
            out.add(new FileEntry(r.toPath(), 0, ChangeType.RENAMED, r.fromPath()));
        }
        out.sort(Comparator.comparing(FileEntry::path));
        return out;
    }

    /** The tags typed, split on commas and spaces. */
    public List<String> parsedTags() {
        return Arrays.stream(tags.get().split("[,\\s]+")).map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
    }

    /**
     * Saves the checkpoint in the background (progress in the status bar, Cancel through the engine).
     * Returns the task so a dialog can follow a long save.
     */
    public TaskRunner.EngineTask<String> save(Consumer<String> onSaved) {
        return save(message.get(), parsedTags(), List.of(), onSaved);
    }

    /**
     * Saves a checkpoint of only the changes under {@code paths} (empty: every change); the other
     * changes stay unsaved in the working copy.
     */
    public TaskRunner.EngineTask<String> save(String text, List<String> tagList, List<String> paths,
                                              Consumer<String> onSaved) {
        JcfManager jcf = session.manager();
        String msg = text.strip();
        boolean firstName = askAuthor.get() && !author.get().isBlank();
        // a save from the unsaved-changes panel has no name field: it records the remembered name
        AuthorIdentity.Name known = author.get().isBlank() ? identity.known() : null;
        String name = known != null ? known.author() : author.get().strip();
        String mail = known != null ? known.email() : email.get().strip();
        saving.set(true);
        AtomicReference<JcfEvent.CheckpointCompleted> completed = new AtomicReference<>();
        return session.runner().task(I18n.t("task.checkpoint"), ctx -> {
                    if (firstName) {
                        identity.remember(name, mail);
                    }
                    Consumer<JcfEvent> listener = jcf.on(JcfEvent.CheckpointCompleted.class, completed::set);
                    try {
                        // named explicitly: the engine would otherwise take the project's first author
                        return jcf.saveCheckpoint(msg, CheckpointOptions.builder().author(name.isEmpty() ? null : name)
                                .email(mail.isEmpty() ? null : mail).tags(tagList).paths(paths)
                                .cancel(ctx.cancellation()).build());
                    } finally {
                        jcf.off("*", listener);
                    }
                })
                .progressFrom(jcf).visible().writes()
                .onSuccess(id -> {
                    askAuthor.set(false);
                    JcfEvent.CheckpointCompleted done = completed.get();
                    session.runner().announceFinished(done == null ? I18n.t("status.checkpointSaved", msg)
                            : savedText(msg, done));
                    session.setLastRestore(null);
                    session.selectedVersionProperty().set(null);
                    onSaved.accept(id);
                })
                .onDone(() -> {
                    saving.set(false);
                    session.refresh();
                })
                .start();
    }

    /** "Checkpoint “Draft 2” saved — 12 files, 3.4 MB stored". */
    static String savedText(String message, JcfEvent.CheckpointCompleted done) {
        int files = done.filesAdded() + done.filesModified() + done.filesDeleted() + done.filesRenamed();
        return I18n.t("notify.checkpointSaved", message, files, ProgressText.bytes(done.bytesStored()));
    }
}
