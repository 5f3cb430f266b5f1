package io.kamaros.engine.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link JcfManager#saveCheckpoint(String, CheckpointOptions)}; immutable. Build with
 * {@link #builder()}, change a copy with {@link #toBuilder()}.
 *
 * @param author     who saves (null: the configured author)
 * @param email      their e-mail (null: the configured one)
 * @param tags       tags given to the new version
 * @param allowEmpty save a version even when nothing changed
 * @param timestamp  records this time instead of now: for history brought in from elsewhere (another
 *                   tool, an example project) whose moments are known. Null (the default) means now.
 * @param strict     refuse to save (a {@link ValidationException}, nothing written) when the working copy
 *                   holds anything that would not be saved as it is: an unreadable file or folder, a
 *                   symbolic link, a special file, an invalid name. By default (false) those are left out,
 *                   the others saved, and the checkpoint reports them
 *                   ({@link JcfEvent.CheckpointCompleted#unversionable()}). Names that Windows cannot hold
 *                   are saved either way.
 * @param paths      a partial checkpoint: only the changes under these project-relative paths (files or
 *                   folders, forward slashes) go into the new version; every other file keeps its state
 *                   from the parent version and stays an unsaved change in the working copy. Empty (the
 *                   default) saves every change. A path that is neither in the working copy nor in the
 *                   parent version is a {@link ValidationException}.
 * @param automatic  an automatic save (autosave: the folder was watched and its changes had settled),
 *                   recorded as such in the version ({@link Version#automatic()}). It never waits for
 *                   another write: while one runs (a person's checkpoint or restore) it is refused with
 *                   a {@link ConcurrentModificationException}, and a person's checkpoint or restore started
 *                   while it runs cancels it (nothing of it is kept) and goes ahead.
 */
public record CheckpointOptions(@Nullable String author, @Nullable String email, List<String> tags,
                                boolean allowEmpty, CancellationToken cancel, @Nullable Instant timestamp,
                                boolean strict, List<String> paths, boolean automatic) {

    private static final CheckpointOptions DEFAULTS = builder().build();

    public CheckpointOptions {
        tags = List.copyOf(Args.elements(tags, "tags", "The tags"));
        cancel = cancel == null ? CancellationToken.NONE : cancel;
        paths = List.copyOf(Args.elements(paths, "paths", "The paths"));
    }

    /** True when only some paths' changes are saved ({@link #paths()} not empty). */
    public boolean partial() {
        return !paths.isEmpty();
    }

    public static CheckpointOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().author(author).email(email).tags(tags).allowEmpty(allowEmpty).cancel(cancel)
                .timestamp(timestamp).strict(strict).paths(paths).automatic(automatic);
    }

    /** Builder of {@link CheckpointOptions}; each setter replaces the value. */
    public static final class Builder {
        private @Nullable String author;
        private @Nullable String email;
        private List<String> tags = List.of();
        private boolean allowEmpty;
        private CancellationToken cancel = CancellationToken.NONE;
        private @Nullable Instant timestamp;
        private boolean strict;
        private List<String> paths = List.of();
        private boolean automatic;

        private Builder() {
        }

        public Builder author(@Nullable String value) {
            author = value;
            return this;
        }

        public Builder email(@Nullable String value) {
            email = value;
            return this;
        }

        public Builder tags(String @Nullable ... values) {
            return tags(values == null ? null : Arrays.asList(values));
        }

        public Builder tags(@Nullable List<String> values) {
            tags = List.copyOf(Args.elements(values, "tags", "The tags"));
            return this;
        }

        /** Save a version even when nothing changed. */
        public Builder allowEmpty(boolean value) {
            allowEmpty = value;
            return this;
        }

        public Builder cancel(@Nullable CancellationToken token) {
            cancel = token == null ? CancellationToken.NONE : token;
            return this;
        }

        /** Records this time instead of now (null, the default: now). */
        public Builder timestamp(@Nullable Instant value) {
            timestamp = value;
            return this;
        }

        /** Refuse to save when something would not be saved as it is (see {@link CheckpointOptions#strict()}). */
        public Builder strict(boolean value) {
            strict = value;
            return this;
        }

        /** Save only the changes under these paths (a partial checkpoint); empty or null: every change. */
        public Builder paths(@Nullable List<String> values) {
            paths = values == null ? List.of() : List.copyOf(Args.elements(values, "paths", "The paths"));
            return this;
        }

        public Builder paths(String @Nullable ... values) {
            return paths(values == null ? null : Arrays.asList(values));
        }

        /** An automatic save (autosave), recorded as such (see {@link CheckpointOptions#automatic()}). */
        public Builder automatic(boolean value) {
            automatic = value;
            return this;
        }

        public CheckpointOptions build() {
            return new CheckpointOptions(author, email, tags, allowEmpty, cancel, timestamp, strict, paths, automatic);
        }
    }
}
