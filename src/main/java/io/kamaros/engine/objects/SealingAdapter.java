package io.kamaros.engine.objects;

import io.kamaros.engine.model.UnversionableFile;
import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.ProjectLock;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The storage of an encrypted project as the rest of the engine sees it: stored objects
 * ({@code .store/blobs|chunks|deltas/}, see {@link ObjectCipher#objectId}) are sealed on every write
 * and opened (authenticated) on every read; everything else passes through untouched. So the blob
 * store, reverse patches, checkpoint, restore, GC, verify and import work on plain bytes unchanged,
 * and an encrypted project cannot hold a plaintext object: there is no per-object "encrypted" flag
 * to disagree with the content (spec §7.7, dedup vs encryption state).
 *
 * <p>{@link #stat} reports plain sizes for sealed objects (derived from the stored size, no read),
 * as the blob store expects. {@link #unsealed} gives the raw storage, for copying ciphertext
 * verbatim (export).
 */
public final class SealingAdapter implements FileSystemAdapter {
    private final FileSystemAdapter base;
    private final ObjectCipher cipher;

    public SealingAdapter(FileSystemAdapter base, ObjectCipher cipher) {
        this.base = base;
        this.cipher = cipher;
    }

    /** The raw storage under {@code adapter} when it seals, else {@code adapter} itself. */
    public static FileSystemAdapter unsealed(FileSystemAdapter adapter) {
        return adapter instanceof SealingAdapter s ? s.base : adapter;
    }

    /** The cipher of {@code adapter} when it seals, else null. */
    public static @Nullable ObjectCipher cipherOf(FileSystemAdapter adapter) {
        return adapter instanceof SealingAdapter s ? s.cipher : null;
    }

    public FileSystemAdapter base() {
        return base;
    }

    @Override
    public byte[] readFile(String path) throws IOException {
        String id = ObjectCipher.objectId(path);
        byte[] stored = base.readFile(path);
        return id == null ? stored : cipher.open(stored, id);
    }

    /** Unsealed files (packs hold objects sealed one by one) read at a position; a sealed object only as a whole. */
    @Override
    public byte[] readRange(String path, long offset, int length) throws IOException {
        return ObjectCipher.objectId(path) == null ? base.readRange(path, offset, length)
                : FileSystemAdapter.super.readRange(path, offset, length);
    }

    @Override
    public void writeFile(String path, byte[] data) throws IOException {
        String id = ObjectCipher.objectId(path);
        base.writeFile(path, id == null ? data : cipher.seal(data, id));
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        String id = ObjectCipher.objectId(path);
        InputStream in = base.openRead(path);
        return id == null ? in : cipher.opening(in, id);
    }

    @Override
    public AtomicOutput openWrite(String path) throws IOException {
        String id = ObjectCipher.objectId(path);
        AtomicOutput out = base.openWrite(path);
        if (id == null) {
            return out;
        }
        // close() of the sealing stream writes the last segment, then commits the atomic output.
        OutputStream sealing = cipher.sealing(out, id);
        return new AtomicOutput() {
            @Override
            public void write(int b) throws IOException {
                sealing.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                sealing.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                sealing.close();
            }

            @Override
            public void abort() throws IOException {
                out.abort();
            }
        };
    }

    /**
     * Same object id on both sides (e.g. an import's staged object into place): the sealed body
     * moves as it is. Out of the object folders (verify's repair parks a damaged blob in temp): the
     * body moves as it is, still sealed. Into the object folders from elsewhere: a body that already
     * is an authentic sealing of the target (the parked blob coming back) moves as it is; anything
     * else is plain and is sealed on the way (copy, then delete). Between two different ids: opened
     * and sealed again.
     */
    @Override
    public void moveFile(String from, String to) throws IOException {
        String src = ObjectCipher.objectId(from);
        String dst = ObjectCipher.objectId(to);
        if (dst == null || dst.equals(src)) {
            base.moveFile(from, to);
            return;
        }
        if (src == null) {
            boolean sealedAlready;
            try (InputStream in = base.openRead(from)) {
                sealedAlready = cipher.isSealingOf(in, dst);
            }
            if (sealedAlready) {
                base.moveFile(from, to);
                return;
            }
        }
        FileSystemAdapter.super.moveFile(from, to); // openRead (opens src if sealed) -> openWrite (seals)
    }

    @Override
    public boolean fileExists(String path) throws IOException {
        return base.fileExists(path);
    }

    @Override
    public void deleteFile(String path) throws IOException {
        base.deleteFile(path);
    }

    @Override
    public List<String> listFiles(String directory) throws IOException {
        return base.listFiles(directory);
    }

    @Override
    public Optional<FileStat> stat(String path) throws IOException {
        Optional<FileStat> st = base.stat(path);
        if (st.isEmpty() || ObjectCipher.objectId(path) == null) {
            return st;
        }
        return Optional.of(new FileStat(ObjectCipher.plainSize(st.get().size()), st.get().modifiedNanos(), st.get().changeStamp()));
    }

    @Override
    public SortedMap<String, FileStat> listFilesWithStats(String directory) throws IOException {
        return listFilesWithStats(directory, new ArrayList<>());
    }

    @Override
    public SortedMap<String, FileStat> listFilesWithStats(String directory,
            List<UnversionableFile> notListed) throws IOException {
        return listFilesWithStats(directory, notListed, null);
    }

    @Override
    public boolean listsFolders() {
        return base.listsFolders();
    }

    @Override
    public void createFolder(String path) throws IOException {
        base.createFolder(path);
    }

    @Override
    public void deleteEmptyFolder(String path) throws IOException {
        base.deleteEmptyFolder(path);
    }

    @Override
    public SortedMap<String, FileStat> listFilesWithStats(String directory,
            List<UnversionableFile> notListed, @Nullable Collection<String> folders)
            throws IOException {
        SortedMap<String, FileStat> out = new TreeMap<>(folders == null
                ? base.listFilesWithStats(directory, notListed) : base.listFilesWithStats(directory, notListed, folders));
        String prefix = directory.isEmpty() ? "" : directory + "/";
        out.replaceAll((name, st) -> ObjectCipher.objectId(prefix + name) == null ? st
                : new FileStat(ObjectCipher.plainSize(st.size()), st.modifiedNanos(), st.changeStamp()));
        return out;
    }

    @Override
    public void appendFile(String path, byte[] data) throws IOException {
        if (ObjectCipher.objectId(path) == null) {
            base.appendFile(path, data);
        } else {
            FileSystemAdapter.super.appendFile(path, data);
        }
    }

    @Override
    public void truncateFile(String path, long length) throws IOException {
        if (ObjectCipher.objectId(path) == null) {
            base.truncateFile(path, length);
        } else {
            FileSystemAdapter.super.truncateFile(path, length);
        }
    }

    @Override
    public boolean supportsStreaming() {
        return base.supportsStreaming();
    }

    @Override
    public long maxFileSize() {
        return base.maxFileSize();
    }

    @Override
    public boolean compressionEnabled() {
        return base.compressionEnabled();
    }

    @Override
    public void init() throws IOException {
        base.init();
    }

    @Override
    public void sync() throws IOException {
        base.sync();
    }

    @Override
    public void dispose() throws IOException {
        base.dispose();
    }

    @Override
    public List<String> listStaleTemporaryFiles() throws IOException {
        return base.listStaleTemporaryFiles();
    }

    @Override
    public Optional<ProjectLock> tryLock() throws IOException {
        return base.tryLock();
    }

    @Override
    public HistoryOverlap historyOverlap(Path target) throws IOException {
        return base.historyOverlap(target);
    }

    @Override
    public boolean reachesHistory(String path) throws IOException {
        return base.reachesHistory(path);
    }

    @Override
    public @Nullable String firstReachingHistory(Collection<String> paths) throws IOException {
        return base.firstReachingHistory(paths);
    }

    @Override
    public String describe() {
        return base.describe();
    }
}
