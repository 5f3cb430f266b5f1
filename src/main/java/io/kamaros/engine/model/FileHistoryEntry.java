package io.kamaros.engine.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One version in which a file was added, changed, renamed or deleted. */
public record FileHistoryEntry(String versionId, String path, Instant timestamp, ChangeType changeType, long size,
                               @Nullable String hash, String author, String message,
                               @Nullable String previousPath) {
}
