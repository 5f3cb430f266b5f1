package io.kamaros.engine.objects.pack;

import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.ForwardingAdapter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The project's storage with stored objects ({@code .store/blobs/}, {@code .store/chunks/},
 * {@code .store/deltas/}) kept in packs: what the blob and content stores write to an object's path
 * is appended to the operation's open pack instead of becoming a file of its own, and reading a
 * path looks in the packs first, then in the loose layout (older projects, and big blobs streamed
 * into place). Everything else passes through unchanged. This is the whole interface between
 * "encode an object" and "store it": the stores above keep writing and reading paths.
 *
 * <p>It sits under the {@code SealingAdapter} of an encrypted project, so every object arrives here
 * already sealed on its own under its object id, exactly as its loose file would hold it.
 *
 * <p>Commit protocol: {@link #sync()} seals the open pack (one fsync for the pack, one for its
 * index) before the journal line and the manifest are written; {@link #keepWritten()} after the
 * commit makes what was written permanent; {@link #rollBack()} (a failed or cancelled operation)
 * deletes the packs the operation sealed and throws the open one away. An object is readable (by
 * this process) once its pack is sealed: a read of an object still in the open pack seals it first.
 *
 * <p>Deleting a packed object cannot change its sealed pack: the object is hidden from this point
 * on ({@link #deletedPackedObjects()}), and GC's repack ({@code PackCompactor}) drops it for good.
 */
public final class PackingAdapter extends ForwardingAdapter {
    private static final Set<String> OBJECT_DIRS = Set.of(".store/blobs", ".store/chunks", ".store/deltas");

    private final PackReader packs;
    private final long targetBytes;
    /** The current operation's writer; null until it writes an object. Guarded by {@code this}. */
    private @Nullable PackWriter writer;
    /** Sealed packs of {@link #writer} already handed to {@link #packs}. */
    private int published;
    /** Packed objects deleted since the project was opened: no longer listed nor read. */
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();

    public PackingAdapter(FileSystemAdapter delegate) throws IOException {
        this(delegate, PackFormat.TARGET_PACK_BYTES);
    }

    /** @param targetBytes packs are sealed before they grow past this (tests use small packs) */
    public PackingAdapter(FileSystemAdapter delegate, long targetBytes) throws IOException {
        super(delegate);
        this.packs = PackReader.open(delegate);
        this.targetBytes = targetBytes;
    }

    /** The merged index of every sealed pack. */
    public PackReader packs() {
        return packs;
    }

    /** The pack object id ({@code blobs/<hash>} …) of a store path, or null for any other path. */
    static @Nullable String objectId(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0 || !OBJECT_DIRS.contains(path.substring(0, slash))) {
            return null;
        }
        String id = path.substring(".store/".length());
        try {
            PackFormat.parseId(id);
        } catch (RuntimeException e) {
            return null; // a name no pack can hold (e.g. a temp name) stays a loose file
        }
        return id;
    }

    private boolean packed(String id) {
        return packs.contains(id) && !deleted.contains(id);
    }

    private synchronized boolean pending(String id) {
        PackWriter w = writer;
        return w != null && w.holds(id) && !deleted.contains(id);
    }

    // ---- writing --------------------------------------------------------------------------------

    @Override
    public void writeFile(String path, byte[] data) throws IOException {
        String id = objectId(path);
        if (id == null) {
            super.writeFile(path, data);
            return;
        }
        synchronized (this) {
            PackWriter w = writer;
            if (w == null) {
                w = new PackWriter(delegate(), targetBytes);
                writer = w;
                published = 0;
            }
            w.add(id, data);
            deleted.remove(id);
            publishSealed(w);
        }
    }

    /** Objects are written whole into the open pack when the stream closes (no temp file of their own). */
    @Override
    public AtomicOutput openWrite(String path) throws IOException {
        if (objectId(path) == null) {
            return super.openWrite(path);
        }
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
                    writeFile(path, buffer.toByteArray());
                }
            }

            @Override
            public void abort() {
                done = true;
            }
        };
    }

    /** Seals the open pack (its objects become readable and durable), then syncs the storage. */
    @Override
    public void sync() throws IOException {
        sealOpenPack();
        super.sync();
    }

    private synchronized void sealOpenPack() throws IOException {
        PackWriter w = writer;
        if (w != null) {
            w.finish();
            publishSealed(w);
        }
    }

    private void publishSealed(PackWriter w) {
        List<PackWriter.SealedPack> sealed = w.sealed();
        if (sealed.size() > published) {
            packs.add(sealed.subList(published, sealed.size()));
            published = sealed.size();
        }
    }

    /**
     * After a commit (or the end of an operation that wrote without one, such as repair): seals
     * what is open and keeps every pack written so far, so a later {@link #rollBack} leaves them.
     */
    public synchronized void keepWritten() throws IOException {
        sealOpenPack();
        PackWriter w = writer;
        writer = null;
        if (w != null) {
            w.close();
        }
    }

    /**
     * A failed or cancelled operation: the open pack is thrown away and the packs it sealed (no
     * version refers to them: the commit did not happen) are deleted.
     */
    public synchronized void rollBack() throws IOException {
        PackWriter w = writer;
        writer = null;
        if (w != null) {
            for (PackWriter.SealedPack p : w.sealed()) {
                packs.remove(p.name());
            }
            w.rollback();
        }
    }

    /** Forgets the open pack (the project is closed). */
    @Override
    public void dispose() throws IOException {
        synchronized (this) {
            PackWriter w = writer;
            writer = null;
            if (w != null) {
                w.close();
            }
        }
        super.dispose();
    }

    /** Takes in packs another process sealed, and forgets deleted ones. */
    public void refresh() throws IOException {
        packs.refresh();
    }

    /** Packed objects deleted since open (hidden, still in their packs until GC repacks them). */
    public Set<String> deletedPackedObjects() {
        return Set.copyOf(deleted);
    }

    @Override
    public void deleteFile(String path) throws IOException {
        String id = objectId(path);
        if (id != null && (packs.contains(id) || pendingIgnoringDeletes(id))) {
            deleted.add(id);
        }
        super.deleteFile(path); // a loose copy, if there is one
    }

    private synchronized boolean pendingIgnoringDeletes(String id) {
        PackWriter w = writer;
        return w != null && w.holds(id);
    }

    @Override
    public void moveFile(String from, String to) throws IOException {
        String id = objectId(to);
        if (id != null) {
            deleted.remove(id); // a big blob streamed into place stays a loose file (too big to buffer)
        }
        super.moveFile(from, to);
    }

    // ---- reading --------------------------------------------------------------------------------

    @Override
    public boolean fileExists(String path) throws IOException {
        String id = objectId(path);
        if (id != null && (packed(id) || pending(id))) {
            return true;
        }
        return super.fileExists(path);
    }

    @Override
    public byte[] readFile(String path) throws IOException {
        String id = objectId(path);
        if (id != null) {
            byte[] body = readPacked(id);
            if (body != null) {
                return body;
            }
            if (deleted.contains(id)) {
                throw new NoSuchFileException(path);
            }
        }
        return super.readFile(path);
    }

    /** The object's body from a pack (sealing the open pack first when it is there), or null when it is not packed. */
    private byte @Nullable [] readPacked(String id) throws IOException {
        synchronized (this) {
            PackWriter w = writer;
            if (w != null && w.inOpenPack(id)) {
                sealOpenPack();
            }
        }
        if (!packed(id)) {
            return null;
        }
        try {
            return packs.read(id);
        } catch (NoSuchFileException e) {
            return null; // its pack was removed meanwhile (GC): a loose copy may exist
        }
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        String id = objectId(path);
        if (id != null) {
            byte[] body = readPacked(id);
            if (body != null) {
                return new ByteArrayInputStream(body);
            }
            if (deleted.contains(id)) {
                throw new NoSuchFileException(path);
            }
        }
        return super.openRead(path);
    }

    @Override
    public byte[] readRange(String path, long offset, int length) throws IOException {
        String id = objectId(path);
        byte[] body = id == null ? null : readPacked(id);
        if (body == null) {
            return super.readRange(path, offset, length);
        }
        if (offset < 0 || offset + length > body.length) {
            throw new EOFException(path + " has " + body.length + " bytes, not " + (offset + length));
        }
        return Arrays.copyOfRange(body, (int) offset, (int) offset + length);
    }

    /** A packed object's size is the length of its stored data (what its loose file would hold). */
    @Override
    public Optional<FileStat> stat(String path) throws IOException {
        String id = objectId(path);
        if (id != null) {
            long length = storedDataLength(id);
            if (length >= 0) {
                return Optional.of(new FileStat(length, -1));
            }
            if (deleted.contains(id)) {
                return Optional.empty();
            }
        }
        return super.stat(path);
    }

    /** The data length of a packed or pending object, or -1. */
    private long storedDataLength(String id) {
        if (deleted.contains(id)) {
            return -1;
        }
        synchronized (this) {
            PackWriter w = writer;
            if (w != null && w.holds(id)) {
                return w.storedLength(id);
            }
        }
        return packs.dataLength(id);
    }

    @Override
    public List<String> listFiles(String directory) throws IOException {
        List<String> loose = super.listFiles(directory);
        if (!OBJECT_DIRS.contains(directory)) {
            return loose;
        }
        TreeSet<String> all = new TreeSet<>(loose);
        String prefix = directory.substring(".store/".length()) + "/";
        for (String id : visibleIds(prefix)) {
            all.add(id.substring(prefix.length()));
        }
        return List.copyOf(all);
    }

    @Override
    public SortedMap<String, FileStat> listFilesWithStats(String directory) throws IOException {
        SortedMap<String, FileStat> loose = super.listFilesWithStats(directory);
        if (!OBJECT_DIRS.contains(directory)) {
            return loose;
        }
        SortedMap<String, FileStat> all = new TreeMap<>(loose);
        String prefix = directory.substring(".store/".length()) + "/";
        for (String id : visibleIds(prefix)) {
            all.put(id.substring(prefix.length()), new FileStat(storedDataLength(id), -1));
        }
        return all;
    }

    private Set<String> visibleIds(String prefix) {
        Set<String> out = new TreeSet<>();
        for (String id : packs.objectIds()) {
            if (id.startsWith(prefix) && !deleted.contains(id)) {
                out.add(id);
            }
        }
        synchronized (this) {
            PackWriter w = writer;
            if (w != null) {
                for (String id : w.heldIds()) {
                    if (id.startsWith(prefix) && !deleted.contains(id)) {
                        out.add(id);
                    }
                }
            }
        }
        return out;
    }
}
