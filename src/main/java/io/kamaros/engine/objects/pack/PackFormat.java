package io.kamaros.engine.objects.pack;

import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.model.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of pack files and their indexes (docs/storage-format.md, "Packs"). All integers are
 * big-endian.
 *
 * <pre>
 * pack   = "KPK" 0x02 (0x01 in packs named by the SHA-256 of all their bytes, see {@link PackName}), entry*, trailer
 * entry  = "KPE" 0x01, kind u8, nameLength u8, name (UTF-8), storedLength u64, dataCrc u32,
 *          headerCrc u32 (CRC32C of the header bytes before it), data (storedLength bytes)
 * trailer= "KPT" 0x01, entryCount u32, trailerCrc u32 (CRC32C of the 8 bytes before it)
 * index  = "KPI" 0x01, packLength u64, entryCount u32,
 *          (kind u8, nameLength u8, name, offset u64, storedLength u64)* sorted by kind then name,
 *          indexCrc u32 (CRC32C of everything before it)
 * </pre>
 *
 * An entry's data is exactly the body a loose object file would hold (the object codec's bytes,
 * sealed by {@code ObjectCipher} under the same object id in an encrypted project). The object id is
 * the loose file's path under {@code .store/}: {@code blobs/<sha256>}, {@code chunks/<sha256>},
 * {@code deltas/<version>_<pathhash>.patch}. A pack is {@code .store/packs/<name>.pack} ({@link PackName}: the
 * SHA-256 of its bytes with the entries' data left out), its index {@code .store/packs/<same>.idx}.
 */
public final class PackFormat {
    /** Where packs and their indexes live. */
    public static final String DIR = ".store/packs";
    /** Where a pack is written before its name ({@link PackName}) is known. */
    static final String TEMP_DIR = ".store/temp";
    static final String TEMP_PREFIX = "pack-";
    public static final String PACK_SUFFIX = ".pack";
    public static final String INDEX_SUFFIX = ".idx";
    /**
     * A few random bytes, written anew (atomically) before anything under {@link #DIR} that other
     * processes may have taken in is deleted or hidden, so that a writer lists the folder again only
     * when it changed ({@link PackReader#refreshUnderLock}). Not a pack name: listings skip it.
     */
    static final String GENERATION = DIR + "/generation";

    /**
     * A pack is sealed once adding the next entry would take it past this size (an object larger
     * than this gets a pack of its own). 64 MiB: a 1 GiB file's first checkpoint makes 16 packs and 16
     * indexes (32 MiB made 32 + 32, over issue 15's 50 files), written as fast as with 32 MiB, and still a
     * bounded unit for a remote to upload (restic uses 16 MiB, kopia 20–40 MiB, borg 500 MiB segments).
     */
    public static final long TARGET_PACK_BYTES = 64L << 20;

    /** The magic of packs named by the SHA-256 of all their bytes (written before {@link #SKELETON_PACK_MAGIC}). */
    static final byte[] PACK_MAGIC = {'K', 'P', 'K', 1};
    /** The magic of packs named by the SHA-256 of their skeleton ({@link PackName}): every pack written now. */
    static final byte[] SKELETON_PACK_MAGIC = {'K', 'P', 'K', 2};
    static final byte[] ENTRY_MAGIC = {'K', 'P', 'E', 1};
    static final byte[] TRAILER_MAGIC = {'K', 'P', 'T', 1};
    static final byte[] INDEX_MAGIC = {'K', 'P', 'I', 1};
    static final int TRAILER_LENGTH = 12;
    /** An entry header without its name. */
    static final int ENTRY_FIXED = 4 + 1 + 1 + 8 + 4 + 4;
    static final int MAX_NAME = 255;
    static final int MAX_HEADER = ENTRY_FIXED + MAX_NAME;
    /** Largest array the JVM reliably allocates: the largest entry one read can return. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private static final Pattern PACK_FILE = Pattern.compile("[0-9a-f]{64}\\.(pack|idx)");

    private PackFormat() {
    }

    /** What kind of object an entry holds: the loose layout's folder. */
    public enum Kind {
        BLOB('B', "blobs"),
        CHUNK('C', "chunks"),
        PATCH('P', "deltas");

        final byte code;
        final String folder;

        Kind(char code, String folder) {
            this.code = (byte) code;
            this.folder = folder;
        }

        static @Nullable Kind ofCode(byte code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            return null;
        }

        static @Nullable Kind ofFolder(String folder) {
            for (Kind k : values()) {
                if (k.folder.equals(folder)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** An object id split into its kind and name, checked. */
    record ObjectName(Kind kind, String name, byte[] nameBytes) {
        String id() {
            return kind.folder + "/" + name;
        }
    }

    /**
     * Checks an object id ({@code blobs/<sha256>}, {@code chunks/<sha256>},
     * {@code deltas/<name>}) before it goes into a pack.
     */
    static ObjectName parseId(String objectId) {
        int slash = objectId.indexOf('/');
        Kind kind = slash < 0 ? null : Kind.ofFolder(objectId.substring(0, slash));
        String name = slash < 0 ? "" : objectId.substring(slash + 1);
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (kind == null || bytes.length > MAX_NAME || !isValidName(kind, name)) {
            throw new ValidationException("Not an object id a pack can hold: " + objectId,
                    Map.of("objectId", objectId));
        }
        return new ObjectName(kind, name, bytes);
    }

    /** A name an object of {@code kind} can have: a SHA-256 for blobs and chunks, a file name for patches. */
    static boolean isValidName(Kind kind, String name) {
        return !name.isEmpty() && name.indexOf('/') < 0 && !name.equals(".") && !name.equals("..")
                && name.indexOf('\0') < 0 && (kind == Kind.PATCH || BlobStore.isHash(name));
    }

    static String packPath(String pack) {
        return DIR + "/" + pack + PACK_SUFFIX;
    }

    static String indexPath(String pack) {
        return DIR + "/" + pack + INDEX_SUFFIX;
    }

    /** True for a file name under {@link #DIR} that a pack or an index has ({@code <sha256>.pack|.idx}). */
    public static boolean isPackFileName(String name) {
        return PACK_FILE.matcher(name).matches();
    }

    static int headerLength(int nameLength) {
        return ENTRY_FIXED + nameLength;
    }

    static byte[] entryHeader(ObjectName id, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(headerLength(id.nameBytes().length));
        b.put(ENTRY_MAGIC).put(id.kind().code).put((byte) id.nameBytes().length).put(id.nameBytes());
        b.putLong(data.length).putInt(crc(data, 0, data.length));
        b.putInt(crc(b.array(), 0, b.position()));
        return b.array();
    }

    static byte[] trailer(int entryCount) {
        ByteBuffer b = ByteBuffer.allocate(TRAILER_LENGTH);
        b.put(TRAILER_MAGIC).putInt(entryCount);
        b.putInt(crc(b.array(), 0, 8));
        return b.array();
    }

    /** A parsed entry header; {@code length} is the header's own length. */
    record Header(Kind kind, String name, long storedLength, int dataCrc, int length) {
        String id() {
            return kind.folder + "/" + name;
        }
    }

    /** The entry header at {@code at} in {@code buf} (up to {@code end}), or null when there is none intact. */
    static @Nullable Header parseHeader(byte[] buf, int at, int end) {
        if (end - at < ENTRY_FIXED || !startsWith(buf, at, ENTRY_MAGIC)) {
            return null;
        }
        Kind kind = Kind.ofCode(buf[at + 4]);
        int nameLength = buf[at + 5] & 0xff;
        int length = headerLength(nameLength);
        if (kind == null || nameLength == 0 || end - at < length) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(buf, at + 6 + nameLength, 16);
        long storedLength = b.getLong();
        int dataCrc = b.getInt();
        int headerCrc = b.getInt();
        if (headerCrc != crc(buf, at, length - 4) || storedLength < 0) {
            return null;
        }
        String name = new String(buf, at + 6, nameLength, StandardCharsets.UTF_8);
        return isValidName(kind, name) ? new Header(kind, name, storedLength, dataCrc, length) : null;
    }

    static boolean startsWith(byte[] buf, int at, byte[] magic) {
        return buf.length - at >= magic.length && Arrays.equals(buf, at, at + magic.length, magic, 0, magic.length);
    }

    static int crc(byte[] data, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(data, off, len);
        return (int) c.getValue();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static CorruptionException damaged(String objectId, String pack, String why, @Nullable Throwable cause) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("corruptedItem", objectId);
        details.put("pack", pack);
        return new CorruptionException("Stored object " + objectId + " in pack " + pack + " is damaged: " + why + ".",
                details, cause);
    }
}
