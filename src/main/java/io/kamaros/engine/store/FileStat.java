package io.kamaros.engine.store;

/**
 * Size, modification time and change stamp of a stored file, used by the checkpoint's "unchanged since last
 * time" cache. {@code modifiedNanos} is nanoseconds since the epoch, or -1 when the adapter cannot tell (the
 * file is then re-hashed at every checkpoint).
 *
 * <p>{@code changeStamp} mixes the file's inode number and its status-change time (ctime), as git's index
 * compares them beside size and time: a file moved over another of the same size and time is another inode,
 * and a file rewritten with its old time put back ({@code cp -p}, {@code rsync -t}, unpacking an archive) has
 * a new ctime. Size and time alone would take either for the file remembered. 0 when the file system does
 * not tell (Windows, memory and object stores): then only size and time are compared.
 */
public record FileStat(long size, long modifiedNanos, long changeStamp) {
    /** A stat without a change stamp. */
    public FileStat(long size, long modifiedNanos) {
        this(size, modifiedNanos, 0);
    }

    public boolean hasModifiedTime() {
        return modifiedNanos >= 0;
    }

    public boolean hasChangeStamp() {
        return changeStamp != 0;
    }

    /** The stamp of an inode number and a ctime in nanoseconds; never 0. */
    public static long changeStamp(long inode, long ctimeNanos) {
        long h = inode * 0x9E3779B97F4A7C15L + ctimeNanos; // a multiplicative mix: inode and ctime both count
        return h == 0 ? 1 : h;
    }
}
