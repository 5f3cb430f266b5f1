package io.kamaros.engine.watch;

import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether a file of the working copy is still held by the program writing it, so autosave waits for it
 * instead of saving it half-written. Sizes and times that stop changing (autosave's two looks) cover most
 * programs; this covers the ones that hold a file open and locked while they work:
 * <ul>
 *   <li>On Windows a program writing a file usually opens it without sharing it for reading, or locks it
 *   ({@code LockFileEx}): opening it for reading then fails with a sharing violation, or a shared lock on it
 *   is refused. Both are seen here.</li>
 *   <li>On Linux Java's locks are POSIX record locks ({@code fcntl}), which another process sees: a program
 *   holding one (Java's {@code FileChannel.lock}, LibreOffice, SQLite) makes our shared lock refused, and the
 *   file is waited for. Programs that use {@code flock} or no lock at all cannot be seen, and on macOS locks
 *   are advisory too: there the settle time and the two looks at sizes and times are what protect the save.</li>
 * </ul>
 * The probe opens the file for reading and asks for a shared lock without waiting, releasing it at once; it
 * never blocks and never changes the file. (No library does this: it is the JDK's own file locking.)
 */
@FunctionalInterface
public interface FilesInUse {
    /** Nothing is ever in use (adapters that are not a folder on this computer). */
    FilesInUse NONE = path -> false;

    /** True when the file at this project-relative path is held by another program (or thread) right now. */
    boolean inUse(String path);

    /** The probe for a project's working copy: real for a folder on this computer, {@link #NONE} otherwise. */
    static FilesInUse of(FileSystemAdapter adapter) {
        if (adapter instanceof FileAdapter files) {
            Path folder = files.workingCopyPath();
            return path -> heldByAnotherProgram(folder.resolve(path));
        }
        return NONE;
    }

    /** Whether {@code file} refuses to be opened for reading or to be locked for sharing, right now. */
    static boolean heldByAnotherProgram(Path file) {
        if (!Files.isRegularFile(file)) {
            return false; // gone or not a file: the checkpoint's own scan says what it is
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
            if (lock == null) {
                return true; // another process holds a lock on it
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // a thread of this program holds a lock on it
        } catch (NoSuchFileException e) {
            return false;
        } catch (FileSystemException e) {
            return true; // Windows: "being used by another process" (a sharing violation)
        } catch (IOException e) {
            return false; // not a lock: the checkpoint reads it and reports what is wrong
        }
    }
}
