package io.kamaros.engine.objects.pack;

import io.kamaros.engine.objects.ObjectCipher;
import io.kamaros.engine.objects.SealingAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Appends objects to pack files of about {@link PackFormat#TARGET_PACK_BYTES} and seals them: the
 * pack is streamed to {@code .store/temp/pack-<uuid>}, made durable once (the adapter's atomic
 * write: one fsync), renamed to {@code .store/packs/<name>.pack}, then its index is written the
 * same way. No per-object temp file, rename or fsync. The name ({@link PackName}) is the SHA-256 of the pack's
 * magic, entry headers and trailer, hashed as they are written: the objects' bytes are not hashed again.
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
    /** A pack this writer sealed: its name ({@link PackName}) and its index. */
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
        pack.writeSkeleton(header);
        pack.writeData(data);
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
            pack.writeSkeleton(PackFormat.trailer(pack.entries.size()));
            pack.out.close(); // durable at its temp name
            name = HexFormat.of().formatHex(pack.skeleton.digest());
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

    /** The pack being written: streamed to a temp file; its skeleton hashed (its name) as it goes. */
    private static final class OpenPack {
        final String tempPath = PackFormat.TEMP_DIR + "/" + PackFormat.TEMP_PREFIX + UUID.randomUUID();
        final FileSystemAdapter.AtomicOutput out;
        final MessageDigest skeleton = PackFormat.sha256();
        final List<PackIndex.Entry> entries = new ArrayList<>();
        final Set<String> ids = new HashSet<>();
        long length;

        OpenPack(FileSystemAdapter raw) throws IOException {
            out = raw.openWrite(tempPath);
            try {
                writeSkeleton(PackFormat.SKELETON_PACK_MAGIC.clone());
            } catch (IOException | RuntimeException | Error e) {
                abort();
                throw e;
            }
        }

        /** Writes bytes of the pack's skeleton (magic, an entry header, the trailer): they make its name. */
        void writeSkeleton(byte[] bytes) throws IOException {
            out.write(bytes);
            skeleton.update(bytes);
            length += bytes.length;
        }

        /** Writes an entry's data as it is (a second write, not a copy into one array with its header). */
        void writeData(byte[] data) throws IOException {
            out.write(data);
            length += data.length;
        }

        void abort() throws IOException {
            out.abort();
        }
    }
}
