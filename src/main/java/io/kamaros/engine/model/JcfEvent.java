package io.kamaros.engine.model;

import org.jspecify.annotations.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything the engine reports while it works. Subscribe with {@link JcfManager#on(String, java.util.function.Consumer)}
 * using the seed's string names ({@code "checkpoint:progress"}, {@code "restore:*"}, {@code "*:progress"},
 * {@code "*"}) or by type with {@link JcfManager#on(Class, java.util.function.Consumer)}.
 * Listeners run on the thread doing the work; a listener that throws never breaks the operation
 * (a {@link HandlerFailed} event reports it).
 */
public sealed interface JcfEvent {

    /** The seed's name of this event, e.g. {@code "checkpoint:progress"}. */
    String type();

    Instant timestamp();

    /** Identifies the operation the event belongs to (null for events outside one). */
    @Nullable String operationId();

    /** {@code checkpoint:start}. */
    record CheckpointStarted(String operationId, Instant timestamp, String message) implements JcfEvent {
        @Override
        public String type() {
            return "checkpoint:start";
        }
    }

    /**
     * {@code checkpoint:complete}. {@code unversionable}: what the working copy holds that this
     * version does not have as it is (links, unreadable and special files, invalid names), and the
     * names it saved that Windows cannot restore; empty when everything was saved cleanly.
     * {@code changesLeft}: the working-copy changes a partial checkpoint left unsaved (0 for a full
     * one); the files it saved are {@link #filesChanged()}.
     */
    record CheckpointCompleted(String operationId, Instant timestamp, String versionId, String message,
                               int filesAdded, int filesModified, int filesDeleted, int filesRenamed,
                               long bytesStored, Duration duration, List<UnversionableFile> unversionable,
                               int changesLeft)
            implements JcfEvent {
        public CheckpointCompleted {
            unversionable = unversionable == null ? List.of() : List.copyOf(unversionable);
        }

        public CheckpointCompleted(String operationId, Instant timestamp, String versionId, String message,
                                   int filesAdded, int filesModified, int filesDeleted, int filesRenamed,
                                   long bytesStored, Duration duration, List<UnversionableFile> unversionable) {
            this(operationId, timestamp, versionId, message, filesAdded, filesModified, filesDeleted, filesRenamed,
                    bytesStored, duration, unversionable, 0);
        }

        public CheckpointCompleted(String operationId, Instant timestamp, String versionId, String message,
                                   int filesAdded, int filesModified, int filesDeleted, int filesRenamed,
                                   long bytesStored, Duration duration) {
            this(operationId, timestamp, versionId, message, filesAdded, filesModified, filesDeleted, filesRenamed,
                    bytesStored, duration, List.of());
        }

        /** True when some working-copy entry was left out or saved with a warning. */
        public boolean hasWarnings() {
            return !unversionable.isEmpty();
        }

        @Override

        public String type() {
            return "checkpoint:complete";
        }

        public int filesChanged() {
            return filesAdded + filesModified + filesDeleted + filesRenamed;
        }
    }

    /** {@code restore:start}. */
    record RestoreStarted(String operationId, Instant timestamp, String versionId) implements JcfEvent {
        @Override
        public String type() {
            return "restore:start";
        }
    }

    /** {@code restore:complete}. */
    record RestoreCompleted(String operationId, Instant timestamp, RestoreResult result) implements JcfEvent {
        @Override
        public String type() {
            return "restore:complete";
        }
    }

    /** {@code export:start}; {@code estimatedSize} is the stored size of what will be written (bytes). */
    record ExportStarted(String operationId, Instant timestamp, long estimatedSize) implements JcfEvent {
        @Override
        public String type() {
            return "export:start";
        }
    }

    /** {@code export:complete}. */
    record ExportCompleted(String operationId, Instant timestamp, ExportResult result) implements JcfEvent {
        @Override
        public String type() {
            return "export:complete";
        }
    }

    /** {@code import:start}. */
    record ImportStarted(String operationId, Instant timestamp) implements JcfEvent {
        @Override
        public String type() {
            return "import:start";
        }
    }

    /** {@code import:complete}. */
    record ImportCompleted(String operationId, Instant timestamp, ImportResult result) implements JcfEvent {
        @Override
        public String type() {
            return "import:complete";
        }

        public int filesImported() {
            return result.filesImported();
        }
    }

    /**
     * {@code <operation>:progress}, e.g. {@code checkpoint:progress}: phase (scanning, saving-blobs,
     * diffing, writing, reconstructing, applying ...), percent 0–100, files and bytes done of total.
     */
    record Progress(String operation, String operationId, Instant timestamp, String phase, double percent,
                    long filesDone, long filesTotal, long bytesDone, long bytesTotal, @Nullable String currentFile)
            implements JcfEvent {
        @Override
        public String type() {
            return operation + ":progress";
        }
    }

    /** {@code <operation>:file-complete}: one file was processed. */
    record FileCompleted(String operation, String operationId, Instant timestamp, String path) implements JcfEvent {
        @Override
        public String type() {
            return operation + ":file-complete";
        }
    }

    /** {@code <operation>:error}: the operation failed; the project is as it was before. */
    record OperationFailed(String operation, String operationId, Instant timestamp, JcfException error)
            implements JcfEvent {
        @Override
        public String type() {
            return operation + ":error";
        }

        public boolean recoverable() {
            return error.recoverable();
        }
    }

    /** {@code <operation>:rollback}: partial work of a failed or cancelled operation was undone. */
    record RolledBack(String operation, String operationId, Instant timestamp) implements JcfEvent {
        @Override
        public String type() {
            return operation + ":rollback";
        }
    }

    /**
     * {@code file:change} for a file added, modified, deleted or renamed through the API (listeners of
     * {@code file:add}, {@code file:modify}, {@code file:delete} get the matching ones too).
     */
    record FileChanged(String operationId, Instant timestamp, String path, ChangeType changeType, long size)
            implements JcfEvent {
        @Override
        public String type() {
            return "file:change";
        }
    }

    /** {@code handler:error}: a listener threw while handling {@code originalEvent}. */
    record HandlerFailed(@Nullable String operationId, Instant timestamp, JcfEvent originalEvent, Throwable error)
            implements JcfEvent {
        @Override
        public String type() {
            return "handler:error";
        }
    }

    /**
     * {@code warning}: something worth telling the person that did not stop the work. {@code file}:
     * the working-copy entry it is about when a checkpoint could not version one as it is, else null.
     */
    record Warning(@Nullable String operationId, Instant timestamp, String message, @Nullable UnversionableFile file) implements JcfEvent {
        public Warning(@Nullable String operationId, Instant timestamp, String message) {
            this(operationId, timestamp, message, null);
        }

        @Override

        public String type() {
            return "warning";
        }
    }

    /** {@code gc:start}. */
    record GcStarted(String operationId, Instant timestamp, GcOptions options) implements JcfEvent {
        @Override
        public String type() {
            return "gc:start";
        }
    }

    /** {@code gc:complete}. */
    record GcCompleted(String operationId, Instant timestamp, GcReport report) implements JcfEvent {
        @Override
        public String type() {
            return "gc:complete";
        }
    }

    /** {@code verify:start}. */
    record VerifyStarted(String operationId, Instant timestamp, VerifyOptions options) implements JcfEvent {
        @Override
        public String type() {
            return "verify:start";
        }
    }

    /** {@code verify:complete}. */
    record VerifyCompleted(String operationId, Instant timestamp, VerificationReport report) implements JcfEvent {
        @Override
        public String type() {
            return "verify:complete";
        }
    }
}
