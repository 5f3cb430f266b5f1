package io.kamaros.engine.store;

/**
 * Size and modification time of a stored file, used by the checkpoint's "unchanged since last
 * time" cache. {@code modifiedNanos} is nanoseconds since the epoch, or -1 when the adapter cannot
 * tell (the file is then re-hashed at every checkpoint).
 */
public record FileStat(long size, long modifiedNanos) {
    public boolean hasModifiedTime() {
        return modifiedNanos >= 0;
    }
}
