package io.kamaros.engine;

import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.ProjectLock;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A test-only decorator that passes every call through, runs a hook once right after the next read
 * of a chosen file (another process "commits" there, between what a load read and what it does
 * next), and can hide the manifest's size and time from {@link #stat} (an adapter or file system
 * whose stat cannot tell two manifests apart), and can make writes of one file fail.
 */
final class HookedAdapter implements FileSystemAdapter {
    /** Work run by the hook. */
    @FunctionalInterface
    interface Hook {
        void run() throws Exception;
    }

    private final FileSystemAdapter delegate;
    private volatile String armedPath;
    private volatile Hook hook;
    private volatile boolean blindStat;
    private volatile String failWrites;

    HookedAdapter(FileSystemAdapter delegate) {
        this.delegate = delegate;
    }

    /** Runs {@code h} once, right after the next {@code readFile(path)} returned its bytes. */
    void afterNextRead(String path, Hook h) {
        this.hook = h;
        this.armedPath = path;
    }

    boolean hookPending() {
        return armedPath != null;
    }

    /** When on, {@code stat("manifest.json")} reports an unknown modification time. */
    void blindStat(boolean on) {
        this.blindStat = on;
    }

    /** While non-null, {@code writeFile(path)} of that path fails without writing (null: writes work). */
    void failWrites(String path) {
        this.failWrites = path;
    }

    @Override
    public byte[] readFile(String path) throws IOException {
        byte[] data = delegate.readFile(path);
        if (path.equals(armedPath)) {
            armedPath = null;
            try {
                hook.run();
            } catch (Exception e) {
                throw new IllegalStateException("hook failed", e);
            }
        }
        return data;
    }

    @Override
    public Optional<FileStat> stat(String path) throws IOException {
        if (blindStat && path.equals("manifest.json")) {
            return delegate.stat(path).map(s -> new FileStat(s.size(), -1));
        }
        return delegate.stat(path);
    }

    @Override
    public void writeFile(String path, byte[] data) throws IOException {
        if (path.equals(failWrites)) {
            throw new IOException("injected failure writing " + path);
        }
        delegate.writeFile(path, data);
    }

    @Override
    public AtomicOutput openWrite(String path) throws IOException {
        return delegate.openWrite(path);
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
    public void deleteFile(String path) throws IOException {
        delegate.deleteFile(path);
    }

    @Override
    public boolean fileExists(String path) throws IOException {
        return delegate.fileExists(path);
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
    public SortedMap<String, FileStat> listFilesWithStats(String directory) throws IOException {
        return delegate.listFilesWithStats(directory);
    }

    @Override
    public List<String> listStaleTemporaryFiles() throws IOException {
        return delegate.listStaleTemporaryFiles();
    }

    @Override
    public Optional<ProjectLock> tryLock() throws IOException {
        return delegate.tryLock();
    }

    @Override
    public String describe() {
        return "hooked(" + delegate.describe() + ")";
    }
}
