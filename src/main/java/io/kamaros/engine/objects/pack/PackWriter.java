package io.kamaros.engine.objects.pack;

import io.kamaros.engine.objects.HashingPipeline;
import io.kamaros.engine.objects.ObjectCipher;
import io.kamaros.engine.objects.SealingAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Appends objects to pack files of about {@link PackFormat#TARGET_PACK_BYTES} and seals them: the
 * pack is streamed to {@code .store/temp/pack-<uuid>}, made durable once (the adapter's atomic
 * write: one fsync), renamed to {@code .store/packs/<sha256>.pack}, then its index is written the
 * same way. No per-object temp file, rename or fsync.
 *
 * <p>In an encrypted project (a {@link SealingAdapter}) each object is sealed on its own with its
 * object id as associated data, exactly as its loose file would be, so reading one object stays one
 * positioned read and one authentication; the pack's own bytes (headers, trailer) are written to
 * the raw storage.
 *
 * <p>A pack that is being written is invisible to readers until it is sealed. A crash leaves at
 * most a temp file (removed with the other temp files) or a sealed pack without index (the reader
 * rebuilds the index by scanning it) that no version refers to (removed by GC). Not thread-safe: one
 * writer per operation, under the project's writer lock.
 */
public final class PackWriter implements AutoCloseable {
    /** A pack this writer sealed: its name (the SHA-256 of its bytes) and its index. */
    public record SealedPack(String name, PackIndex index) {
        public String packPath() {
            return PackFormat.packPath(name);
        }

        public String indexPath() {
            return PackFormat.indexPath(name);
        }
    }

    private final FileSystemAdapter raw;
    private final @Nullable ObjectCipher cipher;
    private final long targetBytes;
    private final List<SealedPack> sealed = new ArrayList<>();
    /** Object id → the length of its stored data, for every object this writer holds. */
    private final Map<String, Long> added = new HashMap<>();
    private @Nullable OpenPack open;

    public PackWriter(FileSystemAdapter adapter) {
        this(adapter, PackFormat.TARGET_PACK_BYTES);
    }

    /** @param targetBytes packs are sealed before they grow past this (tests use small packs) */
    public PackWriter(FileSystemAdapter adapter, long targetBytes) {
        this.raw = SealingAdapter.unsealed(adapter);
        this.cipher = SealingAdapter.cipherOf(adapter);
        this.targetBytes = targetBytes;
    }

    /**
     * Appends an object: {@code body} is what its loose file would hold in a plain project (the
     * object codec's bytes); it is sealed here in an encrypted one. Seals the open pack first when
     * this object would take it past the target size.
     *
     * @param objectId {@code blobs/<sha256>}, {@code chunks/<sha256>} or {@code deltas/<name>}
     * @return false when this writer already holds the object (nothing is written)
     */
    public boolean add(String objectId, byte[] body) throws IOException {
        PackFormat.ObjectName id = PackFormat.parseId(objectId);
        if (added.containsKey(objectId)) {
            return false;
        }
        byte[] data = cipher == null ? body : cipher.seal(body, objectId);
        byte[] header = PackFormat.entryHeader(id, data);
        OpenPack pack = open;
        if (pack != null && !pack.entries.isEmpty()
                && pack.length + header.length + data.length + PackFormat.TRAILER_LENGTH > targetBytes) {
            seal(pack);
            pack = null;
        }
        if (pack == null) {
            pack = new OpenPack(raw);
            open = pack;
        }
        long offset = pack.length;
        pack.writeEntry(header, data);
        pack.entries.add(new PackIndex.Entry(objectId, offset, header.length, data.length));
        pack.ids.add(objectId);
        added.put(objectId, (long) data.length);
        return true;
    }

    /** True when this writer holds the object (in a sealed pack or the open one). */
    public boolean holds(String objectId) {
        return added.containsKey(objectId);
    }

    /** The ids of every object this writer holds. */
    public Set<String> heldIds() {
        return Set.copyOf(added.keySet());
    }

    /** True when the object is in the pack still being written (not readable until it is sealed). */
    public boolean inOpenPack(String objectId) {
        OpenPack pack = open;
        return pack != null && pack.ids.contains(objectId);
    }

    /** The length of the object's stored data (its loose file's size), or -1 when this writer does not hold it. */
    public long storedLength(String objectId) {
        return added.getOrDefault(objectId, -1L);
    }

    /** Seals the open pack, if it holds anything; returns every pack this writer sealed. */
    public List<SealedPack> finish() throws IOException {
        OpenPack pack = open;
        if (pack != null) {
            if (pack.entries.isEmpty()) {
                open = null;
                pack.abort();
            } else {
                seal(pack);
            }
        }
        return List.copyOf(sealed);
    }

    /** The packs sealed so far. */
    public List<SealedPack> sealed() {
        return List.copyOf(sealed);
    }

    /**
     * Undoes this writer (a failed or cancelled operation): throws the open pack away and deletes
     * the packs and indexes it sealed. Only for packs no version refers to yet.
     */
    public void rollback() throws IOException {
        close();
        for (SealedPack p : sealed) {
            raw.deleteFile(p.indexPath());
            raw.deleteFile(p.packPath());
        }
        sealed.clear();
        added.clear();
    }

    /** Throws the open (unsealed) pack away; sealed packs stay. */
    @Override
    public void close() throws IOException {
        OpenPack pack = open;
        open = null;
        if (pack != null) {
            pack.abort();
        }
    }

    private void seal(OpenPack pack) throws IOException {
        open = null;
        String name;
        try {
            pack.write(PackFormat.trailer(pack.entries.size()));
            pack.out.close(); // durable at its temp name
            name = pack.sha.finish();
        } catch (IOException | RuntimeException | Error e) {
            pack.abort();
            throw e;
        }
        PackIndex index = new PackIndex(pack.length, pack.entries);
        try {
            raw.moveFile(pack.tempPath, PackFormat.packPath(name));
        } catch (IOException | RuntimeException e) {
            raw.deleteFile(pack.tempPath);
            throw e;
        }
        SealedPack done = new SealedPack(name, index);
        sealed.add(done); // from here on, rollback deletes it
        raw.writeFile(done.indexPath(), index.encode());
    }

    /**
     * The pack being written: streamed to a temp file, and hashed (its name) on another core as it goes, so
     * that the caller's thread, which also cuts and hashes the chunks, does not hash every byte a third time.
     */
    private static final class OpenPack {
        final String tempPath = PackFormat.TEMP_DIR + "/" + PackFormat.TEMP_PREFIX + UUID.randomUUID();
        final FileSystemAdapter.AtomicOutput out;
        final HashingPipeline sha = new HashingPipeline();
        final List<PackIndex.Entry> entries = new ArrayList<>();
        final Set<String> ids = new HashSet<>();
        long length;

        OpenPack(FileSystemAdapter raw) throws IOException {
            out = raw.openWrite(tempPath);
            try {
                write(PackFormat.PACK_MAGIC.clone());
            } catch (IOException | RuntimeException | Error e) {
                abort();
                throw e;
            }
        }

        /** Header and data copied into one array: one write, and bytes the hashing thread owns (data is the caller's). */
        void writeEntry(byte[] header, byte[] data) throws IOException {
            byte[] entry = new byte[header.length + data.length];
            System.arraycopy(header, 0, entry, 0, header.length);
            System.arraycopy(data, 0, entry, header.length, data.length);
            write(entry);
        }

        /** Writes {@code bytes}, which nobody changes any more (the hashing thread reads them later). */
        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            sha.updateOwned(bytes);
            length += bytes.length;
        }

        void abort() throws IOException {
            sha.close();
            out.abort();
        }
    }
}
