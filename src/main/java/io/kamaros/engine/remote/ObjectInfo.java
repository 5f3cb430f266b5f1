package io.kamaros.engine.remote;

import org.jspecify.annotations.Nullable;

/**
 * An object on a remote.
 *
 * @param name its name below the remote's prefix ({@code packs/…}, {@code heads/main})
 * @param etag what {@link RemoteStore#compareAndSet} expects; changes whenever the object's bytes do. A listing
 *             may leave it out (a folder remote would have to read every file for it); {@link RemoteStore#head}
 *             always has it
 */
public record ObjectInfo(String name, long size, @Nullable String etag) {
}
