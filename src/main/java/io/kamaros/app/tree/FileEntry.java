package io.kamaros.app.tree;

import io.kamaros.engine.model.ChangeType;
import org.jspecify.annotations.Nullable;

/**
 * A file of the working copy with its state since the last checkpoint.
 *
 * @param change       null when unchanged; DELETED entries are files gone from the folder
 * @param previousPath for a rename, where the file was
 */
public record FileEntry(String path, long size, @Nullable ChangeType change, @Nullable String previousPath) {
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
