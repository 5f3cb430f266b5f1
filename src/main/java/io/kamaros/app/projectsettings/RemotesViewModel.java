package io.kamaros.app.projectsettings;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.Remotes;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemoteTestResult;
import io.kamaros.engine.model.ValidationException;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The Remotes page: the project's remotes (copies of its history on S3-compatible storage or in a folder), adding
 * one (name, {@code s3://bucket/prefix} or a folder, endpoint, region, path-style addressing, credentials profile),
 * removing one, and testing one, answered in plain words from the engine's {@link RemoteTestResult.Status}. All
 * of it runs in the background through the engine's {@link Remotes}; credentials are never asked or stored here
 * (they come from the AWS chain: environment, {@code ~/.aws}).
 */
public final class RemotesViewModel {
    private final ProjectSession session;
    private final Function<JcfManager, Remotes> remotesOf;
    private final ObservableList<RemoteConfig> remotes = FXCollections.observableArrayList();
    private final ObjectProperty<@Nullable RemoteConfig> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final RemoteForm form = new RemoteForm();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(this, "testing");
    private final ReadOnlyObjectWrapper<RemoteTestResult.@Nullable Status> testStatus =
            new ReadOnlyObjectWrapper<>(this, "testStatus");
    private final ReadOnlyStringWrapper testText = new ReadOnlyStringWrapper(this, "testText", "");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final StringBinding nameProblem;
    private final BooleanBinding canAdd;
    private final BooleanBinding canUseSelected;

    /** @param remotesOf the project's remotes (the app's is {@link Remotes#of}; tests give other credentials) */
    public RemotesViewModel(ProjectSession session, Function<JcfManager, Remotes> remotesOf) {
        this.session = session;
        this.remotesOf = remotesOf;
        nameProblem = Bindings.createStringBinding(this::nameProblemNow, name, remotes);
        canAdd = Bindings.createBooleanBinding(() -> !busy.get() && !name.get().isBlank() && nameProblem.get().isEmpty()
                        && form.complete(), busy, name, nameProblem, form.locationProperty(),
                form.locationProblemBinding(), form.endpointProblemBinding());
        canUseSelected = Bindings.createBooleanBinding(() -> selected.get() != null && !busy.get() && !testing.get(),
                selected, busy, testing);
        selected.addListener((o, a, b) -> {
            testStatus.set(null);
            testText.set("");
        });
    }

    /** Lists the project's remotes (in the background). */
    public void load() {
        Remotes r = remotesOf.apply(session.manager());
        busy.set(true);
        session.runner().task(I18n.t("projectSettings.task.remotes"), ctx -> r.list())
                .onSuccess(this::show)
                .onDone(() -> busy.set(false))
                .start();
    }

    private void show(List<RemoteConfig> list) {
        String was = selected.get() == null ? null : selected.get().name();
        remotes.setAll(list);
        selected.set(list.stream().filter(x -> x.name().equals(was)).findFirst().orElse(null));
    }

    /** The remote the form describes; a {@link ValidationException} naming the field in its details when it is not one. */
    RemoteConfig formRemote() {
        return form.remote(name.get().strip());
    }

    private String nameProblemNow() {
        String n = name.get().strip();
        if (n.isEmpty()) {
            return "";
        }
        if (remotes.stream().anyMatch(r -> r.name().equals(n))) {
            return I18n.t("projectSettings.remotes.invalid.taken", n);
        }
        try {
            new RemoteConfig(n, "s3://bucket", null, null, false, null);
            return "";
        } catch (ValidationException e) {
            return I18n.t("projectSettings.remotes.invalid.name");
        }
    }

    /** Adds the form's remote (in the background), then lists the remotes again with it selected. */
    public void add() {
        if (!canAdd.get()) {
            throw new IllegalStateException("The form does not describe a remote yet");
        }
        RemoteConfig remote = formRemote();
        Remotes r = remotesOf.apply(session.manager());
        busy.set(true);
        session.runner().task(I18n.t("projectSettings.task.addRemote"), ctx -> {
            r.add(remote);
            return r.list();
        }).onSuccess(list -> {
            show(list);
            selected.set(list.stream().filter(x -> x.name().equals(remote.name())).findFirst().orElse(null));
            clearForm();
            note.set(I18n.t("projectSettings.remotes.added", remote.name()));
        }).onDone(() -> busy.set(false)).start();
    }

    private void clearForm() {
        name.set("");
        form.clear();
    }

    /** Forgets the selected remote (confirmed by the view first); nothing on the remote is touched. */
    public void removeSelected() {
        RemoteConfig remote = selected.get();
        if (remote == null || !canUseSelected.get()) {
            throw new IllegalStateException("No remote selected");
        }
        Remotes r = remotesOf.apply(session.manager());
        busy.set(true);
        session.runner().task(I18n.t("projectSettings.task.removeRemote"), ctx -> {
            r.remove(remote.name());
            return r.list();
        }).onSuccess(list -> {
            show(list);
            note.set(I18n.t("projectSettings.remotes.removed", remote.name()));
        }).onDone(() -> busy.set(false)).start();
    }

    /** Tests the selected remote in the background: can this project's history be kept there? */
    public void testSelected() {
        RemoteConfig remote = selected.get();
        if (remote == null || !canUseSelected.get()) {
            throw new IllegalStateException("No remote selected");
        }
        Remotes r = remotesOf.apply(session.manager());
        testing.set(true);
        testStatus.set(null);
        testText.set(I18n.t("projectSettings.remotes.testing", remote.name()));
        session.runner().task(I18n.t("projectSettings.task.testRemote"), ctx -> r.test(remote))
                .onSuccess(result -> {
                    if (remote.equals(selected.get())) {
                        testStatus.set(result.status());
                        testText.set(describe(result));
                    }
                })
                .onDone(() -> testing.set(false))
                .start();
    }

    /** The engine's answer in plain words: "Bucket not found", "Access denied", "Reachable and writable" … */
    static String describe(RemoteTestResult result) {
        boolean s3 = result.remote().isS3();
        return switch (result.status()) {
            case READY -> I18n.t("projectSettings.remotes.test.ready");
            case NOT_FOUND -> I18n.t(s3 ? "projectSettings.remotes.test.noBucket" : "projectSettings.remotes.test.noFolder");
            case ACCESS_DENIED -> I18n.t("projectSettings.remotes.test.denied");
            case UNREACHABLE -> I18n.t("projectSettings.remotes.test.unreachable");
            case UNAVAILABLE -> I18n.t("projectSettings.remotes.test.unavailable");
            case NO_CONDITIONAL_WRITES -> I18n.t("projectSettings.remotes.test.noConditions");
            case FAILED -> I18n.t("projectSettings.remotes.test.failed", result.code() == null ? "?" : result.code());
        };
    }

    public ObservableList<RemoteConfig> remotes() {
        return remotes;
    }

    public ObjectProperty<@Nullable RemoteConfig> selectedProperty() {
        return selected;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** {@code s3://bucket/prefix}, {@code file:///…} or a folder's path. */
    public StringProperty locationProperty() {
        return form.locationProperty();
    }

    public StringProperty endpointProperty() {
        return form.endpointProperty();
    }

    public StringProperty regionProperty() {
        return form.regionProperty();
    }

    public BooleanProperty pathStyleProperty() {
        return form.pathStyleProperty();
    }

    public StringProperty profileProperty() {
        return form.profileProperty();
    }

    /** What is wrong with the name typed, or "". */
    public StringBinding nameProblemBinding() {
        return nameProblem;
    }

    public StringBinding locationProblemBinding() {
        return form.locationProblemBinding();
    }

    public StringBinding endpointProblemBinding() {
        return form.endpointProblemBinding();
    }

    /** Where the remote to add is (shared with Open from remote…). */
    public RemoteForm form() {
        return form;
    }

    public BooleanBinding canAddBinding() {
        return canAdd;
    }

    /** A remote is selected and nothing runs: Test and Remove may be used. */
    public BooleanBinding canUseSelectedBinding() {
        return canUseSelected;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    /** The last test's status (null: none yet), for the view's icon and colour. */
    public ReadOnlyObjectProperty<RemoteTestResult.@Nullable Status> testStatusProperty() {
        return testStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty testTextProperty() {
        return testText.getReadOnlyProperty();
    }

    /** "Remote origin added" / "removed", or empty. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }
}
