package io.kamaros.engine.model;

import org.jspecify.annotations.Nullable;

/**
 * One file as it is in one version.
 *
 * @param inodeId     identity kept across renames
 * @param path        the file's path in that version
 * @param hash        SHA-256 (lowercase hex) of the file's bytes
 * @param size        size in bytes
 * @param type        text or binary
 * @param contentRef  where the bytes are stored: a blob path, or the reverse patch written with this version
 * @param changeType  what changed in this version, or null when the file is unchanged
 * @param previousPath for a rename, the path in the parent version; otherwise null
 * @param previousHash the parent version's hash when the content changed; otherwise null
 */
public record FileState(String inodeId, String path, String hash, long size, FileType type, @Nullable String contentRef,
                        @Nullable ChangeType changeType, @Nullable String previousPath,
                        @Nullable String previousHash) {

    /** True for the entry that records a deletion (the file is absent from this version). */
    public boolean deleted() {
        return changeType == ChangeType.DELETED;
    }

    /** This state as it is carried into a child version where the file did not change. */
    public FileState unchanged() {
        return changeType == null && previousPath == null && previousHash == null ? this
                : new FileState(inodeId, path, hash, size, type, contentRef, null, null, null);
    }
}
