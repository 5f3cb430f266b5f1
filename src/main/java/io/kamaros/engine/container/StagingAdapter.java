package io.kamaros.engine.container;

import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A view of one folder of the project's storage ({@code .store/temp/import-<id>/}) as if it were a
 * project root, so the blob and content stores can read and verify staged objects in place.
 */
final class StagingAdapter implements FileSystemAdapter {
    private final FileSystemAdapter base;
    private final String prefix;

    StagingAdapter(FileSystemAdapter base, String folder) {
        this.base = base;
        this.prefix = folder + "/";
    }

    String folder() {
        return prefix.substring(0, prefix.length() - 1);
    }

    String real(String path) {
        return path.isEmpty() ? folder() : prefix + path;
    }

    @Override
    public byte[] readFile(String path) throws IOException {
        return base.readFile(real(path));
    }

    @Override
    public byte[] readRange(String path, long offset, int length) throws IOException {
        return base.readRange(real(path), offset, length);
    }

    @Override
    public void writeFile(String path, byte[] data) throws IOException {
        base.writeFile(real(path), data);
    }

    @Override
    public boolean fileExists(String path) throws IOException {
        return base.fileExists(real(path));
    }

    @Override
    public void deleteFile(String path) throws IOException {
        base.deleteFile(real(path));
    }

    @Override
    public List<String> listFiles(String directory) throws IOException {
        return base.listFiles(real(directory));
    }

    @Override
    public boolean supportsStreaming() {
        return base.supportsStreaming();
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        return base.openRead(real(path));
    }

    @Override
    public AtomicOutput openWrite(String path) throws IOException {
        return base.openWrite(real(path));
    }

    @Override
    public Optional<FileStat> stat(String path) throws IOException {
        return base.stat(real(path));
    }

    @Override
    public String describe() {
        return base.describe() + " (" + folder() + ")";
    }
}
