package io.kamaros.engine;

import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.ProjectLock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * A test decorator whose reads of the given paths fail as a file without read permission does
 * ({@link AccessDeniedException}); everything else goes to the wrapped adapter. Works for root,
 * for whom {@code chmod 000} does not stop reading.
 */
final class UnreadableAdapter implements FileSystemAdapter {
    private final FileSystemAdapter inner;
    private final Set<String> unreadable;

    UnreadableAdapter(FileSystemAdapter inner, String... unreadable) {
        this.inner = inner;
        this.unreadable = Set.of(unreadable);
    }

    private void check(String path) throws IOException {
        if (unreadable.contains(path)) {
            throw new AccessDeniedException(path);
        }
    }

    @Override
    public byte[] readFile(String path) throws IOException {
        check(path);
        return inner.readFile(path);
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        check(path);
        return inner.openRead(path);
    }

    @Override
    public void writeFile(String path, byte[] data) throws IOException {
        inner.writeFile(path, data);
    }

    @Override
    public AtomicOutput openWrite(String path) throws IOException {
        return inner.openWrite(path);
    }

    @Override
    public boolean fileExists(String path) throws IOException {
        return inner.fileExists(path);
    }

    @Override
    public void deleteFile(String path) throws IOException {
        inner.deleteFile(path);
    }

    @Override
    public List<String> listFiles(String directory) throws IOException {
        return inner.listFiles(directory);
    }

    @Override
    public SortedMap<String, FileStat> listFilesWithStats(String directory) throws IOException {
        return inner.listFilesWithStats(directory);
    }

    @Override
    public Optional<FileStat> stat(String path) throws IOException {
        return inner.stat(path);
    }

    @Override
    public void moveFile(String from, String to) throws IOException {
        inner.moveFile(from, to);
    }

    @Override
    public void appendFile(String path, byte[] data) throws IOException {
        inner.appendFile(path, data);
    }

    @Override
    public void truncateFile(String path, long length) throws IOException {
        inner.truncateFile(path, length);
    }

    @Override
    public boolean supportsStreaming() {
        return inner.supportsStreaming();
    }

    @Override
    public void init() throws IOException {
        inner.init();
    }

    @Override
    public void sync() throws IOException {
        inner.sync();
    }

    @Override
    public Optional<ProjectLock> tryLock() throws IOException {
        return inner.tryLock();
    }

    @Override
    public String describe() {
        return inner.describe();
    }
}
