package io.kamaros.engine.store;

import io.kamaros.engine.model.UnversionableFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * The base for a decorator of another adapter (logging, metrics, fault injection, a cache): every
 * method, the optional ones included, goes to the wrapped adapter, so a decorator overrides only
 * what it changes. A decorator that implements {@link FileSystemAdapter} directly gets the
 * interface's defaults for what it does not pass on — and so silently loses what the wrapped
 * adapter does better: its lock across processes, the guard that keeps writes out of the history's
 * own files ({@link #historyOverlap}), the listing of links, special files and empty folders.
 * {@code ForwardingAdapterTest} checks that every method of the interface is passed on here.
 */
public class ForwardingAdapter implements FileSystemAdapter {
    private final FileSystemAdapter delegate;

    public ForwardingAdapter(FileSystemAdapter delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The wrapped adapter. */
    protected FileSystemAdapter delegate() {
        return delegate;
    }

    @Override
    public byte[] readFile(String path) throws IOException {
        return delegate.readFile(path);
    }

    @Override
    public byte[] readRange(String path, long offset, int length) throws IOException {
        return delegate.readRange(path, offset, length);
    }

    @Override
    public void writeFile(String path, byte[] data) throws IOException {
        delegate.writeFile(path, data);
    }

    @Override
    public boolean fileExists(String path) throws IOException {
        return delegate.fileExists(path);
    }

    @Override
    public void deleteFile(String path) throws IOException {
        delegate.deleteFile(path);
    }

    @Override
    public List<String> listFiles(String directory) throws IOException {
        return delegate.listFiles(directory);
    }

    @Override
    public boolean supportsStreaming() {
        return delegate.supportsStreaming();
    }

    @Override
    public long maxFileSize() {
        return delegate.maxFileSize();
    }

    @Override
    public boolean compressionEnabled() {
        return delegate.compressionEnabled();
    }

    @Override
    public void init() throws IOException {
        delegate.init();
    }

    @Override
    public void sync() throws IOException {
        delegate.sync();
    }

    @Override
    public void dispose() throws IOException {
        delegate.dispose();
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        return delegate.openRead(path);
    }

    @Override
    public AtomicOutput openWrite(String path) throws IOException {
        return delegate.openWrite(path);
    }

    @Override
    public SortedMap<String, FileStat> listFilesWithStats(String directory) throws IOException {
        return delegate.listFilesWithStats(directory);
    }

    @Override
    public SortedMap<String, FileStat> listFilesWithStats(String directory, List<UnversionableFile> notListed)
            throws IOException {
        return delegate.listFilesWithStats(directory, notListed);
    }

    @Override
    public boolean listsFolders() {
        return delegate.listsFolders();
    }

    @Override
    public SortedMap<String, FileStat> listFilesWithStats(String directory, List<UnversionableFile> notListed,
            @Nullable Collection<String> folders) throws IOException {
        return delegate.listFilesWithStats(directory, notListed, folders);
    }

    @Override
    public void createFolder(String path) throws IOException {
        delegate.createFolder(path);
    }

    @Override
    public void deleteEmptyFolder(String path) throws IOException {
        delegate.deleteEmptyFolder(path);
    }

    @Override
    public List<String> listStaleTemporaryFiles() throws IOException {
        return delegate.listStaleTemporaryFiles();
    }

    @Override
    public Optional<FileStat> stat(String path) throws IOException {
        return delegate.stat(path);
    }

    @Override
    public void moveFile(String from, String to) throws IOException {
        delegate.moveFile(from, to);
    }

    @Override
    public void appendFile(String path, byte[] data) throws IOException {
        delegate.appendFile(path, data);
    }

    @Override
    public void truncateFile(String path, long length) throws IOException {
        delegate.truncateFile(path, length);
    }

    @Override
    public Optional<ProjectLock> tryLock() throws IOException {
        return delegate.tryLock();
    }

    @Override
    public HistoryOverlap historyOverlap(Path target) throws IOException {
        return delegate.historyOverlap(target);
    }

    @Override
    public boolean reachesHistory(String path) throws IOException {
        return delegate.reachesHistory(path);
    }

    @Override
    public @Nullable String firstReachingHistory(Collection<String> paths) throws IOException {
        return delegate.firstReachingHistory(paths);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
