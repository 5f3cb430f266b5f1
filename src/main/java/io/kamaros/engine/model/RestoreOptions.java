package io.kamaros.engine.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link JcfManager#restoreVersion(String, RestoreOptions)}; immutable, built with
 * {@link #builder()}.
 *
 * @param force  overwrite uncommitted changes without the automatic checkpoint that keeps them
 * @param paths  restore only these files (HEAD does not move); empty = the whole version
 * @param target write into this folder instead of the working copy; HEAD and the working copy stay
 *               (null: the working copy)
 * @param cancel stops the restore between steps
 */
public record RestoreOptions(boolean force, List<String> paths, @Nullable Path target, CancellationToken cancel) {
    private static final RestoreOptions DEFAULTS = new RestoreOptions(false, List.of(), null, CancellationToken.NONE);

    public RestoreOptions {
        paths = List.copyOf(Args.elements(paths, "paths", "The paths to restore"));
        paths.forEach(PathRules::check);
        cancel = cancel == null ? CancellationToken.NONE : cancel;
    }

    public static RestoreOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().force(force).paths(paths).target(target).cancel(cancel);
    }

    /** Builder of {@link RestoreOptions}; each setter replaces the value. */
    public static final class Builder {
        private boolean force;
        private List<String> paths = List.of();
        private @Nullable Path target;
        private CancellationToken cancel = CancellationToken.NONE;

        private Builder() {
        }

        public Builder force(boolean value) {
            force = value;
            return this;
        }

        public Builder paths(String @Nullable ... values) {
            return paths(values == null ? null : Arrays.asList(values));
        }

        public Builder paths(@Nullable List<String> values) {
            List<String> given = Args.elements(values, "paths", "The paths to restore");
            given.forEach(PathRules::check);
            paths = List.copyOf(given);
            return this;
        }

        public Builder target(@Nullable Path folder) {
            target = folder;
            return this;
        }

        public Builder cancel(@Nullable CancellationToken token) {
            cancel = token == null ? CancellationToken.NONE : token;
            return this;
        }

        public RestoreOptions build() {
            return new RestoreOptions(force, paths, target, cancel);
        }
    }
}
