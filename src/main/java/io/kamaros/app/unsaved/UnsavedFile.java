package io.kamaros.app.unsaved;

import io.kamaros.engine.model.ChangeType;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.jspecify.annotations.Nullable;

/**
 * One changed file of the working copy against HEAD, and whether it goes into the next checkpoint.
 *
 * @param previousPath where a renamed file was in HEAD, else null
 */
public final class UnsavedFile {
    private final ChangeType type;
    private final String path;
    private final @Nullable String previousPath;
    private final long sizeBefore;
    private final long sizeAfter;
    private final BooleanProperty included = new SimpleBooleanProperty(this, "included", true);

    public UnsavedFile(ChangeType type, String path, @Nullable String previousPath, long sizeBefore, long sizeAfter) {
        this.type = type;
        this.path = path;
        this.previousPath = previousPath;
        this.sizeBefore = sizeBefore;
        this.sizeAfter = sizeAfter;
    }

    public ChangeType type() {
        return type;
    }

    public String path() {
        return path;
    }

    public @Nullable String previousPath() {
        return previousPath;
    }

    public long sizeBefore() {
        return sizeBefore;
    }

    public long sizeAfter() {
        return sizeAfter;
    }

    /** Checked: the next checkpoint saves this file's change. */
    public BooleanProperty includedProperty() {
        return included;
    }

    public boolean included() {
        return included.get();
    }

    /** The paths a partial checkpoint names for this change: a rename's old and new path. */
    List<String> checkpointPaths() {
        List<String> out = new ArrayList<>(2);
        if (previousPath != null) {
            out.add(previousPath);
        }
        out.add(path);
        return out;
    }

    @Override
    public String toString() {
        return type.jsonName() + " " + (previousPath != null ? previousPath + " → " : "") + path;
    }
}
