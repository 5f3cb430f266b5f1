package io.kamaros.app.details;

import io.kamaros.app.diff.DiffInput;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.engine.JcfManager;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jspecify.annotations.Nullable;

/**
 * What a diff pane shows for one file, and its loading: both sides read in the background (a stored
 * version or the working copy), or a message saying why there is no diff (loading, gone).
 * Version details and the unsaved changes each own one; a newer load or message makes a load still
 * running stale, so an old diff never replaces a newer choice.
 */
public final class DiffLoader {
    private final ProjectSession session;
    private final ReadOnlyObjectWrapper<@Nullable DiffInput> diff = new ReadOnlyObjectWrapper<>(this, "diff");
    private final ReadOnlyStringWrapper message;
    private long generation;

    public DiffLoader(ProjectSession session, String firstMessage) {
        this.session = session;
        message = new ReadOnlyStringWrapper(this, "message", firstMessage);
    }

    /** The diff to show, or null while {@link #messageProperty()} says why not. */
    public ReadOnlyObjectProperty<@Nullable DiffInput> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Shows a message instead of a diff; a load still running is dropped. */
    public void showMessage(String text) {
        generation++;
        diff.set(null);
        message.set(text);
    }

    /**
     * Reads {@code before} and {@code after} in the background (null: the file has no such side, as for an added
     * or a deleted file; see {@link DiffReader} for what is read of a large file) and shows their diff; when
     * neither side exists it shows {@code noneMessage}.
     */
    public void load(String path, DiffReader.@Nullable Side before, DiffReader.@Nullable Side after,
                     String beforeLabel, String afterLabel, String noneMessage) {
        showMessage(I18n.t("diff.loading", path));
        long gen = generation;
        JcfManager jcf = session.manager();
        session.runner().task(I18n.t("task.loadDiff", path),
                ctx -> DiffReader.read(jcf, path, before, after, beforeLabel, afterLabel)).onSuccess(input -> {
            if (gen != generation) {
                return;
            }
            if (input == null) {
                message.set(noneMessage);
            } else {
                diff.set(input);
            }
        }).start();
    }
}
