package io.kamaros.engine.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A file in the working copy or in a version.
 *
 * @param hash      SHA-256, or null for a working-copy file changed since it was last hashed
 * @param modified  last modification (working copy; null when the storage keeps no times) or the version's time
 * @param inodeId   the file's identity across renames; null for a working-copy file never saved
 * @param encoding  "utf-8" for text files, null for binary
 * @param mime      a MIME type guessed from the extension, or null
 * @param versionId the version listed, or null for the working copy
 */
public record FileInfo(String path, long size, FileType fileType, @Nullable String hash, @Nullable Instant modified,
                       @Nullable String encoding, @Nullable String mime, @Nullable String inodeId, @Nullable String versionId) {
}
