package io.kamaros.app.details;

import io.kamaros.app.diff.DiffInput;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.ProgressText;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.FileNotFoundException;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jspecify.annotations.Nullable;

/**
 * What a diff pane shows for one file, and its loading: both sides read in the background (a stored
 * version or the working copy), or a message saying why there is no diff (loading, too large, gone).
 * Version details and the unsaved changes each own one; a newer load or message makes a load still
 * running stale, so an old diff never replaces a newer choice.
 */
public final class DiffLoader {
    /**
     * Files larger than this are described from the change's sizes, not loaded. Up to it the diff viewer
     * gets the bytes and shows what it can: text and pictures within its own limits, else size, SHA-256
     * and what the header tells (a recording's length, a PDF's pages).
     */
    public static final long MAX_DIFF_BYTES = 128L * 1024 * 1024;

    /** One side of a diff: the file at {@code path} in {@code version}, or in the working copy when that is null. */
    public record Side(String path, @Nullable String version) {
        public static Side workingCopy(String path) {
            return new Side(path, null);
        }
    }

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
     * Loads {@code before} and {@code after} (null: the file has no such side, as for an added or a
     * deleted file) and shows their diff; a side missing there reads as empty. When a side is larger than
     * {@link #MAX_DIFF_BYTES} it only says so with both sizes; when neither side exists it shows {@code noneMessage}.
     */
    public void load(String path, @Nullable Side before, @Nullable Side after, String beforeLabel, String afterLabel,
                     long sizeBefore, long sizeAfter, String noneMessage) {
        if (sizeBefore > MAX_DIFF_BYTES || sizeAfter > MAX_DIFF_BYTES) {
            showMessage(I18n.t("diff.tooLargeSizes", path, ProgressText.bytes(sizeBefore), ProgressText.bytes(sizeAfter)));
            return;
        }
        showMessage(I18n.t("diff.loading", path));
        long gen = generation;
        JcfManager jcf = session.manager();
        session.runner().task(I18n.t("task.loadDiff", path), ctx -> {
            byte[] b = before == null ? null : readOrNull(jcf, before);
            byte[] a = after == null ? null : readOrNull(jcf, after);
            return b == null && a == null ? null : new DiffInput(path, b, a, beforeLabel, afterLabel);
        }).onSuccess(input -> {
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

    private static byte @Nullable [] readOrNull(JcfManager jcf, Side side) {
        try {
            return jcf.getFileContent(side.path(), side.version());
        } catch (FileNotFoundException e) {
            return null; // not on that side (a path picked where it was absent, or edited away meanwhile)
        }
    }
}
