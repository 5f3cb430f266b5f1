/**
 * Remotes: a copy of a project's history on S3-compatible object storage or in a plain folder. {@link
 * io.kamaros.engine.remote.RemoteStore} is the one code path of the lock-free protocol's primitives (create once,
 * compare-and-set, multipart upload with resume, read-back after an ambiguous write, retries); a {@link
 * io.kamaros.engine.remote.RemoteBackend} ({@link io.kamaros.engine.remote.S3Backend}, {@link
 * io.kamaros.engine.remote.FolderBackend}) only makes single requests. The design is in docs/storage-format.md,
 * "Remotes".
 */
@NullMarked
package io.kamaros.engine.remote;

import org.jspecify.annotations.NullMarked;
