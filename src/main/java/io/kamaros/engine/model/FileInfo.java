package io.kamaros.engine.model;

import java.time.Instant;

/**
 * A file in the working copy or in a version.
 *
 * @param hash      SHA-256, or null for a working-copy file changed since it was last hashed
 * @param modified  last modification (working copy) or the version's time
 * @param encoding  "utf-8" for text files, null for binary
 * @param mime      a MIME type guessed from the extension, or null
 * @param versionId the version listed, or null for the working copy
 */
public record FileInfo(String path, long size, FileType fileType, String hash, Instant modified, String encoding,
                       String mime, String inodeId, String versionId) {
}
