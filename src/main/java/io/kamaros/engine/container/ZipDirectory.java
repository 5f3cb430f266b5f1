package io.kamaros.engine.container;

import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.ValidationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A minimal reader of a ZIP's central directory, for what {@link java.util.zip.ZipFile} does not
 * show: the Unix mode in the external attributes (symbolic links are refused) and the raw list of
 * names (duplicates are refused). It reads nothing but the directory, and stops as soon as the
 * archive holds more entries than allowed.
 */
final class ZipDirectory {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CEN = 0x02014b50;
    /** Every ZIP with entries (so every .jcf) starts with a local file header. */
    private static final int LOCAL_HEADER = 0x04034b50;

    /** One central-directory entry. */
    record Entry(String name, boolean symlink, long declaredSize) {
    }

    private ZipDirectory() {
    }

    static List<Entry> read(Path file, int maxEntries) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 4 || read(ch, 0, 4).getInt(0) != LOCAL_HEADER) {
                throw notAnArchive("it is not a ZIP file");
            }
            int tailLen = (int) Math.min(size, 22 + 65535);
            if (tailLen < 22) {
                throw corrupt("it is too short to be a ZIP archive");
            }
            ByteBuffer tail = read(ch, size - tailLen, tailLen);
            int eocd = -1;
            for (int i = tailLen - 22; i >= 0; i--) {
                if (tail.getInt(i) == EOCD && i + 22 + (tail.getShort(i + 20) & 0xffff) <= tailLen) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw corrupt("its end-of-directory record is missing (truncated or not a ZIP)");
            }
            long count = tail.getShort(eocd + 10) & 0xffff;
            long cenSize = tail.getInt(eocd + 12) & 0xffffffffL;
            long cenOffset = tail.getInt(eocd + 16) & 0xffffffffL;
            if (count == 0xffff || cenSize == 0xffffffffL || cenOffset == 0xffffffffL) {
                long locPos = size - tailLen + eocd - 20;
                if (locPos < 0) {
                    throw corrupt("its ZIP64 locator is missing");
                }
                ByteBuffer loc = read(ch, locPos, 20);
                if (loc.getInt(0) != ZIP64_LOCATOR) {
                    throw corrupt("its ZIP64 locator is missing");
                }
                long z64 = loc.getLong(8);
                if (z64 < 0 || z64 + 56 > size) {
                    throw corrupt("its ZIP64 directory record is out of range");
                }
                ByteBuffer rec = read(ch, z64, 56);
                if (rec.getInt(0) != ZIP64_EOCD) {
                    throw corrupt("its ZIP64 directory record is damaged");
                }
                count = rec.getLong(32);
                cenSize = rec.getLong(40);
                cenOffset = rec.getLong(48);
            }
            if (count < 0 || count > maxEntries) {
                throw new ValidationException("The archive has " + count + " entries; the import limit is " + maxEntries
                        + " (ImportOptions.maxEntries).", Map.of("field", "maxEntries", "value", count));
            }
            if (cenOffset < 0 || cenSize < 0 || cenOffset + cenSize > size || cenSize > Math.min((long) maxEntries * (46 + 3 * 65535L), 256L << 20)) {
                throw corrupt("its central directory is out of range");
            }
            ByteBuffer cen = read(ch, cenOffset, (int) cenSize);
            List<Entry> out = new ArrayList<>();
            int pos = 0;
            for (long i = 0; i < count; i++) {
                if (pos + 46 > cen.limit() || cen.getInt(pos) != CEN) {
                    throw corrupt("its central directory is damaged at entry " + (i + 1));
                }
                int madeBy = cen.getShort(pos + 4) & 0xffff;
                long declared = cen.getInt(pos + 24) & 0xffffffffL;
                int nameLen = cen.getShort(pos + 28) & 0xffff;
                int extraLen = cen.getShort(pos + 30) & 0xffff;
                int commentLen = cen.getShort(pos + 32) & 0xffff;
                long external = cen.getInt(pos + 38) & 0xffffffffL;
                if (pos + 46 + nameLen + extraLen + commentLen > cen.limit()) {
                    throw corrupt("its central directory is damaged at entry " + (i + 1));
                }
                byte[] name = new byte[nameLen];
                cen.get(pos + 46, name);
                int host = madeBy >>> 8;
                int mode = (int) (external >>> 16);
                boolean unixLike = host == 3 || host == 19;
                boolean symlink = unixLike && (mode & 0xF000) == 0xA000;
                out.add(new Entry(new String(name, StandardCharsets.UTF_8), symlink, declared));
                pos += 46 + nameLen + extraLen + commentLen;
            }
            return out;
        }
    }

    private static ByteBuffer read(FileChannel ch, long pos, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw corrupt("it ends early");
            }
        }
        buf.flip();
        return buf;
    }

    /**
     * The file is not a Kamaros archive at all (a text file renamed {@code .jcf}, another program's
     * ZIP): told apart from a damaged archive by {@link CorruptionException#isNotAnArchive()}.
     */
    static CorruptionException notAnArchive(String why) {
        return new CorruptionException("This file is not a Kamaros archive (.jcf): " + why + ". Nothing was imported.",
                Map.of("corruptedItem", "archive", "reason", why, CorruptionException.KIND, CorruptionException.NOT_AN_ARCHIVE));
    }

    static CorruptionException corrupt(String why) {
        return new CorruptionException("The archive cannot be imported: " + why + ". Nothing was imported.",
                Map.of("corruptedItem", "archive", "reason", why));
    }
}
