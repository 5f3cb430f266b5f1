package io.kamaros.engine.remote;

import org.jspecify.annotations.Nullable;

/**
 * What {@link RemoteStore#compareAndSet} did.
 *
 * @param swapped true: the object now holds the new bytes
 * @param current the object as it is now: after a swap the new one (its etag is the next expected one); after a
 *                conflict the one another writer put there, or null when there is none
 */
public record CasResult(boolean swapped, @Nullable ObjectInfo current) {
}
