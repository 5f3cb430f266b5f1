package io.kamaros.engine.model;

import io.kamaros.engine.format.PathRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Options of {@link JcfManager#restoreVersion(String, RestoreOptions)}.
 * <ul>
 *   <li>{@code force}: overwrite uncommitted changes without the automatic checkpoint that keeps them.</li>
 *   <li>{@code paths}: restore only these files (HEAD does not move); empty = the whole version.</li>
 *   <li>{@code target}: write into this folder instead of the working copy; HEAD and the working copy stay.</li>
 * </ul>
 */
public final class RestoreOptions {
    private boolean force;
    private final List<String> paths = new ArrayList<>();
    private Path target;
    private CancellationToken cancel = CancellationToken.NONE;

    public static RestoreOptions defaults() {
        return new RestoreOptions();
    }

    public RestoreOptions force(boolean value) {
        force = value;
        return this;
    }

    public RestoreOptions paths(String... values) {
        return paths(values == null ? null : Arrays.asList(values));
    }

    public RestoreOptions paths(List<String> values) {
        Args.elements(values, "paths", "The paths to restore");
        values.forEach(PathRules::check);
        paths.addAll(values);
        return this;
    }

    public RestoreOptions target(Path folder) {
        target = folder;
        return this;
    }

    public RestoreOptions cancel(CancellationToken token) {
        cancel = token == null ? CancellationToken.NONE : token;
        return this;
    }

    public boolean force() {
        return force;
    }

    public List<String> paths() {
        return List.copyOf(paths);
    }

    public Path target() {
        return target;
    }

    public CancellationToken cancel() {
        return cancel;
    }
}
