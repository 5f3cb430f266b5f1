package io.kamaros.engine.store;

import io.kamaros.engine.model.UnversionableFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Where a project lives. Paths are relative, '/'-separated, in the JCF expanded layout:
 * {@code manifest.json}, {@code content/...} (the working copy), {@code .store/...} (history).
 *
 * <p>Only the five abstract methods are required; a user's own adapter (a cloud bucket, a database)
 * implements those and gets working defaults for the rest. Adapters that can do better (stream,
 * append in place, stat, rename, lock across processes) override the defaults.
 *
 * <p>Contract: {@link #writeFile} replaces a file atomically (readers see the old or the new bytes,
 * never a mix); reading a missing file throws {@link NoSuchFileException}.
 */
public interface FileSystemAdapter {

    byte[] readFile(String path) throws IOException;

    /** Creates or atomically replaces the file, creating parent folders as needed. */
    void writeFile(String path, byte[] data) throws IOException;

    boolean fileExists(String path) throws IOException;

    /** Deletes the file; deleting a missing file is not an error. */
    void deleteFile(String path) throws IOException;

    /**
     * Every file under {@code directory} ("" = the root), recursively, as paths relative to that
     * directory. Folders themselves are not listed. A missing directory lists as empty.
     */
    List<String> listFiles(String directory) throws IOException;

    /** True when {@link #openRead} / {@link #openWrite} stream without holding the file in memory. */
    default boolean supportsStreaming() {
        return false;
    }

    /** The largest file this adapter can hold, in bytes. */
    default long maxFileSize() {
        return Long.MAX_VALUE;
    }

    /** A hint from the adapter's owner: false stores history objects uncompressed. */
    default boolean compressionEnabled() {
        return true;
    }

    default void init() throws IOException {
    }

    /**
     * Makes every completed write durable. {@link #writeFile} and {@link #openWrite} make the
     * bytes durable before they appear; adapters may defer making their appearance (a folder
     * entry) durable until this call, which the engine makes before and after each commit point
     * and at the end of every write operation.
     */
    default void sync() throws IOException {
    }

    default void dispose() throws IOException {
    }

    default InputStream openRead(String path) throws IOException {
        return new ByteArrayInputStream(readFile(path));
    }

    /**
     * {@code length} bytes of the file starting at {@code offset}: one object out of a pack file
     * (see {@code io.kamaros.engine.objects.pack}). Adapters that can read at a position without
     * reading what comes before (a file channel, a ranged HTTP GET) override it; the default
     * streams from the start and skips.
     *
     * @throws EOFException when the range runs past the end of the file
     */
    default byte[] readRange(String path, long offset, int length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative range " + offset + "+" + length + " of " + path);
        }
        try (InputStream in = openRead(path)) {
            in.skipNBytes(offset);
            byte[] out = in.readNBytes(length);
            if (out.length != length) {
                throw new EOFException(path + ": " + length + " bytes at " + offset + " run past the end");
            }
            return out;
        }
    }

    /**
     * A stream whose bytes replace the file atomically when it is closed. {@link AtomicOutput#abort()}
     * throws the bytes away (used when an operation is cancelled).
     */
    default AtomicOutput openWrite(String path) throws IOException {
        return bufferedWrite(this, path);
    }

    /** A writer that keeps the bytes in memory and hands them to {@code target.writeFile} when closed. */
    static AtomicOutput bufferedWrite(FileSystemAdapter target, String path) {
        return new AtomicOutput() {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            private boolean done;

            @Override
            public void write(int b) {
                buffer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (!done) {
                    done = true;
                    target.writeFile(path, buffer.toByteArray());
                }
            }

            @Override
            public void abort() {
                done = true;
            }
        };
    }

    /**
     * Every file under {@code directory} with its size and modification time, sorted by path — the
     * working-copy scan of each checkpoint. Adapters that learn both in one pass (a folder walk)
     * override it; the default lists, then stats each file.
     */
    default SortedMap<String, FileStat> listFilesWithStats(String directory) throws IOException {
        SortedMap<String, FileStat> out = new TreeMap<>();
        String prefix = directory.isEmpty() ? "" : directory + "/";
        for (String name : listFiles(directory)) {
            stat(prefix + name).ifPresent(st -> out.put(name, st));
        }
        return out;
    }

    /**
     * Like {@link #listFilesWithStats(String)}, also adding to {@code notListed} what is under the
     * folder but cannot be listed as a file: symbolic links (never followed), FIFOs, sockets and
     * devices, and folders or entries that cannot be read. The working-copy scan reports these, so
     * nothing is left out silently. The default reports nothing (an adapter that holds only files).
     */
    default SortedMap<String, FileStat> listFilesWithStats(String directory,
            List<UnversionableFile> notListed) throws IOException {
        return listFilesWithStats(directory);
    }

    /**
     * True when {@link #listFilesWithStats(String, List, java.util.Collection)} reports folders, so
     * that the working copy's empty folders are versioned. False by default: for an adapter that
     * does not (one holding only files, or a decorator that does not pass the call on), the engine
     * takes the empty folders to be as the current version has them — never as deleted.
     */
    default boolean listsFolders() {
        return false;
    }

    /**
     * Like {@link #listFilesWithStats(String, List)}, also adding to {@code folders} every folder
     * under {@code directory} (relative paths, the history storage left out), so that the working
     * copy's empty folders can be versioned (see {@link #listsFolders()}). The default adds none.
     */
    default SortedMap<String, FileStat> listFilesWithStats(String directory,
            List<UnversionableFile> notListed, @Nullable Collection<String> folders)
            throws IOException {
        return listFilesWithStats(directory, notListed);
    }

    /** Creates a folder (and its parents); an existing folder is not an error. The default does nothing. */
    default void createFolder(String path) throws IOException {
    }

    /**
     * Removes a folder if it is empty, and the parents that leaves empty (up to the working copy's
     * top); a folder that holds anything, or none at all, is left as it is. The default does nothing.
     */
    default void deleteEmptyFolder(String path) throws IOException {
    }

    /**
     * Temp files an interrupted write of this adapter left behind (adapter paths). Only called
     * under the writer lock, when no write of the project is in flight, so every one is stale.
     * Adapters whose writes leave no such files return nothing (the default).
     */
    default List<String> listStaleTemporaryFiles() throws IOException {
        return List.of();
    }

    /** Size and modification time, or empty when the file does not exist. */
    default Optional<FileStat> stat(String path) throws IOException {
        if (!fileExists(path)) {
            return Optional.empty();
        }
        return Optional.of(new FileStat(readFile(path).length, -1));
    }

    /** Moves a file, replacing the target. Defaults to copy then delete. */
    default void moveFile(String from, String to) throws IOException {
        if (from.equals(to)) {
            if (!fileExists(from)) {
                throw new NoSuchFileException(from);
            }
            return; // copy-then-delete would delete the file
        }
        try (InputStream in = openRead(from)) {
            AtomicOutput out = openWrite(to);
            try {
                in.transferTo(out);
            } catch (IOException | RuntimeException e) {
                try {
                    out.abort(); // closing would commit a partial copy over the target
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            out.close();
        }
        deleteFile(from);
    }

    /** Appends bytes to a file (creating it), durable when this returns. */
    default void appendFile(String path, byte[] data) throws IOException {
        byte[] old = fileExists(path) ? readFile(path) : new byte[0];
        byte[] joined = new byte[old.length + data.length];
        System.arraycopy(old, 0, joined, 0, old.length);
        System.arraycopy(data, 0, joined, old.length, data.length);
        writeFile(path, joined);
    }

    /** Cuts a file to {@code length} bytes (no-op when it is not longer). */
    default void truncateFile(String path, long length) throws IOException {
        byte[] old = readFile(path);
        if (old.length > length) {
            byte[] cut = new byte[(int) length];
            System.arraycopy(old, 0, cut, 0, cut.length);
            writeFile(path, cut);
        }
    }

    /**
     * Takes the project's writer lock against other processes, or returns empty when another holder
     * has it. Adapters without cross-process locking return a lock that only guards this process:
     * the default allows one holder per adapter (adapters that are {@code equals} count as one
     * project); it is not reentrant and may be released on any thread.
     */
    default Optional<ProjectLock> tryLock() throws IOException {
        return InProcessLock.tryLock(this);
    }

    /**
     * Where {@code target}, a file or folder on this computer, stands to the folders and files in
     * which this adapter keeps the project's history (manifest, journal, objects, settings): the
     * engine refuses a restore target, an export file or a working-copy path that is, contains or lies
     * inside them. Real paths are compared (links, {@code ..} and letter case resolved). Adapters
     * that keep no history on this computer's disk answer {@link HistoryOverlap#NONE} (the default).
     */
    default HistoryOverlap historyOverlap(Path target) throws IOException {
        return HistoryOverlap.NONE;
    }

    /**
     * True when the adapter path (a {@code content/...} working-copy path) would reach the
     * history storage on disk: a history folder kept inside the working copy, or a link into it.
     */
    default boolean reachesHistory(String path) throws IOException {
        return false;
    }

    /** The first of {@code paths} for which {@link #reachesHistory(String)} is true, or null. */
    default @Nullable String firstReachingHistory(Collection<String> paths) throws IOException {
        for (String p : paths) {
            if (reachesHistory(p)) {
                return p;
            }
        }
        return null;
    }

    /** See {@link #historyOverlap}. */
    enum HistoryOverlap {
        /** Apart from the history. */
        NONE,
        /** The history storage itself, or inside it. */
        INSIDE,
        /** A folder that holds the history storage. */
        CONTAINS
    }

    /** A human-readable name of where the project is (for error messages). */
    default String describe() {
        return getClass().getSimpleName();
    }

    /** The in-process lock behind the default {@link #tryLock()}; nothing here is callable from outside. */
    final class InProcessLock {
        private static final Set<FileSystemAdapter> HELD =
                Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

        private InProcessLock() {
        }

        private static Optional<ProjectLock> tryLock(FileSystemAdapter adapter) {
            if (!HELD.add(adapter)) {
                return Optional.empty();
            }
            AtomicBoolean released = new AtomicBoolean();
            return Optional.of(() -> {
                if (released.compareAndSet(false, true)) {
                    HELD.remove(adapter);
                }
            });
        }
    }

    /** A stream that commits on close and can be aborted. */
    abstract class AtomicOutput extends OutputStream {
        /** Throws the written bytes away; a later close does nothing. */
        public abstract void abort() throws IOException;
    }
}
