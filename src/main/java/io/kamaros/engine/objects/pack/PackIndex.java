package io.kamaros.engine.objects.pack;

import static io.kamaros.engine.objects.pack.PackFormat.ENTRY_MAGIC;
import static io.kamaros.engine.objects.pack.PackFormat.INDEX_MAGIC;
import static io.kamaros.engine.objects.pack.PackFormat.MAX_HEADER;
import static io.kamaros.engine.objects.pack.PackFormat.PACK_MAGIC;

import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one pack holds: object id → where its entry starts and how long its data is. Written once
 * beside its pack ({@code <pack>.idx}, see {@link PackFormat}); when it is missing or damaged it is
 * rebuilt by {@link #scan scanning} the pack, whose entries describe themselves.
 */
public final class PackIndex {
    /** One object in a pack: its entry starts at {@code offset}; its data is {@code storedLength} bytes. */
    public record Entry(String objectId, long offset, int headerLength, long storedLength) {
        /** Bytes the entry takes in its pack (header and data). */
        public long entryLength() {
            return headerLength + storedLength;
        }
    }

    /*
     * By kind, then name, as unsigned bytes: the same as the UTF-8 bytes of the whole id, since the
     * kinds' folders sort as their codes do (blobs B < chunks C < deltas P) and end in '/'.
     */
    private static final Comparator<Entry> ORDER = Comparator.comparing(
            (Entry e) -> e.objectId().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

    private final long packLength;
    private final List<Entry> entries;

    PackIndex(long packLength, List<Entry> entries) {
        this.packLength = packLength;
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        this.entries = List.copyOf(sorted);
    }

    public long packLength() {
        return packLength;
    }

    /** Sorted by kind, then name. */
    public List<Entry> entries() {
        return entries;
    }

    byte[] encode() {
        int size = 4 + 8 + 4 + 4;
        for (Entry e : entries) {
            size += 2 + PackFormat.parseId(e.objectId()).nameBytes().length + 16;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(INDEX_MAGIC).putLong(packLength).putInt(entries.size());
        for (Entry e : entries) {
            PackFormat.ObjectName id = PackFormat.parseId(e.objectId());
            b.put(id.kind().code).put((byte) id.nameBytes().length).put(id.nameBytes());
            b.putLong(e.offset()).putLong(e.storedLength());
        }
        b.putInt(PackFormat.crc(b.array(), 0, b.position()));
        return b.array();
    }

    /**
     * The index in {@code bytes}, or null when they are not an intact index of a pack of {@code packLength} bytes
     * (public for remotes, whose indexes say which objects a remote already holds).
     */
    public static @Nullable PackIndex decode(byte[] bytes, long packLength) {
        if (bytes.length < 20 || !PackFormat.startsWith(bytes, 0, INDEX_MAGIC)) {
            return null;
        }
        ByteBuffer tail = ByteBuffer.wrap(bytes, bytes.length - 4, 4);
        if (tail.getInt() != PackFormat.crc(bytes, 0, bytes.length - 4)) {
            return null;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes, 4, bytes.length - 8);
            long length = b.getLong();
            int count = b.getInt();
            if (length != packLength || count < 0) {
                return null;
            }
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                PackFormat.Kind kind = PackFormat.Kind.ofCode(b.get());
                int nameLength = b.get() & 0xff;
                byte[] name = new byte[nameLength];
                b.get(name);
                long offset = b.getLong();
                long stored = b.getLong();
                int header = PackFormat.headerLength(nameLength);
                String text = new String(name, StandardCharsets.UTF_8);
                if (kind == null || !PackFormat.isValidName(kind, text) || offset < PACK_MAGIC.length || stored < 0
                        || offset + header + stored > packLength) {
                    return null;
                }
                entries.add(new Entry(kind.folder + "/" + text, offset, header, stored));
            }
            return b.hasRemaining() ? null : new PackIndex(packLength, entries);
        } catch (BufferUnderflowException e) {
            return null;
        }
    }

    /**
     * Rebuilds the index of a pack from its entries. An entry whose header is damaged is skipped
     * (the scan looks for the next entry's magic), so one damaged byte costs the entry it lies in;
     * an entry whose data is damaged is listed, and reading it fails its checksum.
     */
    static PackIndex scan(FileSystemAdapter raw, String packPath, long packLength) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long at = PACK_MAGIC.length; // a damaged pack magic costs nothing: entries are found all the same
        while (at < packLength) {
            int want = (int) Math.min(MAX_HEADER, packLength - at);
            byte[] head = raw.readRange(packPath, at, want);
            PackFormat.Header h = PackFormat.parseHeader(head, 0, head.length);
            if (h != null && at + h.length() + h.storedLength() <= packLength) {
                if (seen.add(h.id())) {
                    entries.add(new Entry(h.id(), at, h.length(), h.storedLength()));
                }
                at += h.length() + h.storedLength();
                continue;
            }
            long next = findMagic(raw, packPath, at + 1, packLength);
            if (next < 0) {
                break; // the trailer, or damage up to the end
            }
            at = next;
        }
        return new PackIndex(packLength, entries);
    }

    /** The offset of the next entry magic at or after {@code from}, or -1. */
    private static long findMagic(FileSystemAdapter raw, String packPath, long from, long packLength)
            throws IOException {
        final int block = 64 * 1024;
        long at = from;
        while (at + ENTRY_MAGIC.length <= packLength) {
            int len = (int) Math.min(block, packLength - at);
            byte[] buf = raw.readRange(packPath, at, len);
            for (int i = 0; i + ENTRY_MAGIC.length <= len; i++) {
                if (PackFormat.startsWith(buf, i, ENTRY_MAGIC)) {
                    return at + i;
                }
            }
            at += len - (ENTRY_MAGIC.length - 1); // a magic across the block edge is found in the next block
            if (len < block) {
                break;
            }
        }
        return -1;
    }
}
