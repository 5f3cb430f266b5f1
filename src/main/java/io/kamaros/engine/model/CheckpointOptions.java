package io.kamaros.engine.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Options of {@link JcfManager#saveCheckpoint(String, CheckpointOptions)}. */
public final class CheckpointOptions {
    private String author;
    private String email;
    private final List<String> tags = new ArrayList<>();
    private boolean allowEmpty;
    private CancellationToken cancel = CancellationToken.NONE;
    private Instant timestamp;
    private boolean strict;

    public static CheckpointOptions defaults() {
        return new CheckpointOptions();
    }

    public CheckpointOptions author(String value) {
        author = value;
        return this;
    }

    public CheckpointOptions email(String value) {
        email = value;
        return this;
    }

    public CheckpointOptions tags(String... values) {
        tags.addAll(Args.elements(values == null ? null : Arrays.asList(values), "tags", "The tags"));
        return this;
    }

    public CheckpointOptions tags(List<String> values) {
        tags.addAll(Args.elements(values, "tags", "The tags"));
        return this;
    }

    /** Save a version even when nothing changed. */
    public CheckpointOptions allowEmpty(boolean value) {
        allowEmpty = value;
        return this;
    }

    public CheckpointOptions cancel(CancellationToken token) {
        cancel = token == null ? CancellationToken.NONE : token;
        return this;
    }

    /**
     * Records this time instead of now: for history brought in from elsewhere (another tool, an
     * example project) whose moments are known. Null (the default) means now.
     */
    public CheckpointOptions timestamp(Instant value) {
        timestamp = value;
        return this;
    }

    /**
     * Refuse to save (a {@link ValidationException}, nothing written) when the working copy holds
     * anything that would not be saved as it is: an unreadable file or folder, a symbolic link, a
     * special file, an invalid name. By default (false) those are left out, the others saved, and
     * the checkpoint reports them ({@link JcfEvent.CheckpointCompleted#unversionable()}). Names that
     * Windows cannot hold are saved either way.
     */
    public CheckpointOptions strict(boolean value) {
        strict = value;
        return this;
    }

    public boolean strict() {
        return strict;
    }

    public Instant timestamp() {
        return timestamp;
    }

    public String author() {
        return author;
    }

    public String email() {
        return email;
    }

    public List<String> tags() {
        return List.copyOf(tags);
    }

    public boolean allowEmpty() {
        return allowEmpty;
    }

    public CancellationToken cancel() {
        return cancel;
    }
}
