package io.kamaros.engine.remote;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Single requests to one kind of remote storage. Everything a protocol needs beyond one request — retries,
 * reading back after an ambiguous write, resuming multipart uploads — is {@link RemoteStore}'s, so every backend
 * behaves the same. Names are relative to the remote's root (its bucket prefix or folder) and already checked by
 * the store.
 *
 * <p>Errors: a failure that repeating may cure is a {@link TransientRemoteException} (saying whether the write may
 * have happened); anything else is a {@link io.kamaros.engine.model.RemoteException} subclass with a message for
 * people. An absent object is never an error: {@code null}.
 */
public interface RemoteBackend extends AutoCloseable {
    /** Where the remote is, for messages ({@code s3://bucket/prefix}, {@code file:///…}). */
    String describe();

    /** Creates the object only if no object of that name exists (S3: {@code If-None-Match: *}): true when created. */
    boolean createIfAbsent(String name, byte[] data);

    /**
     * Replaces the object only if its etag is {@code expectedEtag} (S3: {@code If-Match}), or creates it only if
     * absent when {@code expectedEtag} is null. Returns the new etag, or null when the condition did not hold.
     */
    @Nullable String replaceIfMatch(String name, @Nullable String expectedEtag, byte[] data);

    byte @Nullable [] get(String name);

    /** The bytes and the etag of the same write, in one request; null when absent. */
    @Nullable Tagged getTagged(String name);

    /** {@code length} bytes from {@code offset}; null when the object is absent. */
    byte @Nullable [] getRange(String name, long offset, int length);

    @Nullable ObjectInfo head(String name);

    /** Every object whose name starts with {@code prefix}, sorted by name. */
    List<ObjectInfo> list(String prefix);

    /** Deletes the object; a missing one is not an error. */
    void delete(String name);

    /** The smallest part a multipart upload accepts (all parts but the last). */
    long minPartSize();

    /** Unfinished multipart uploads of {@code name} (their ids), oldest first: what a resumed upload continues. */
    List<String> pendingUploads(String name);

    String startUpload(String name);

    List<PartInfo> uploadedParts(String name, String uploadId);

    /** Uploads (or replaces) one part; returns its etag. Repeating it is harmless. */
    String uploadPart(String name, String uploadId, int number, byte[] data);

    /**
     * Joins the parts into the object only if no object of that name exists: true when created; false when one
     * was there (the upload is then abandoned).
     */
    boolean completeUploadIfAbsent(String name, String uploadId, List<PartInfo> parts);

    void abortUpload(String name, String uploadId);

    @Override
    void close();
}
