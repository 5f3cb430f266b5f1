package io.kamaros.engine.store;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One {@code lstat} of a path (links not followed): what kind of entry it is and, for a regular file, its
 * {@link FileStat} with the change stamp where the file system has one. The JDK's {@link BasicFileAttributes}
 * has no ctime, so on Unix file systems the "unix" attribute view is read instead: the same single system call,
 * returned as a map.
 */
record LinkStat(boolean regularFile, boolean directory, boolean symbolicLink, FileStat stat) {
    private static final String UNIX = "unix:isRegularFile,isDirectory,isSymbolicLink,size,lastModifiedTime,ctime,ino";

    static LinkStat of(Path p) throws IOException {
        if (hasUnixView(p.getFileSystem())) {
            Map<String, Object> a = Files.readAttributes(p, UNIX, LinkOption.NOFOLLOW_LINKS);
            long stamp = FileStat.changeStamp(get(a, "ino", Long.class), nanos(get(a, "ctime", FileTime.class)));
            return new LinkStat(get(a, "isRegularFile", Boolean.class), get(a, "isDirectory", Boolean.class),
                    get(a, "isSymbolicLink", Boolean.class), new FileStat(get(a, "size", Long.class),
                    nanos(get(a, "lastModifiedTime", FileTime.class)), stamp));
        }
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new LinkStat(a.isRegularFile(), a.isDirectory(), a.isSymbolicLink(),
                new FileStat(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
    }

    /** An attribute the "unix" view always returns when asked for it by name. */
    private static <T> T get(Map<String, Object> attrs, String name, Class<T> type) {
        return type.cast(Objects.requireNonNull(attrs.get(name), name));
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }

    private static boolean hasUnixView(FileSystem fs) {
        return fs.supportedFileAttributeViews().contains("unix");
    }
}
