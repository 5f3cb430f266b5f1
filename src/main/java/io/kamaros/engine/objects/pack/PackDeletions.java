package io.kamaros.engine.objects.pack;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The objects GC deleted from a pack it kept (docs/storage-format.md, "Packs"): a sealed pack is
 * never changed, so its dead objects are listed beside it in
 * {@code .store/packs/<pack>.<sha256 of this file>.del}, written atomically (temp file, fsync,
 * rename) and, like the pack, never changed: a later GC that deletes more writes a new file holding
 * all of them and then deletes the older ones. Every such file of a pack counts (their union), so a
 * crash between the two steps loses nothing; a file whose bytes do not hash to its name is ignored,
 * which shows its objects again (the next GC finds them unused again), never hides a live one.
 *
 * <pre>
 * deletions = "KPD" 0x01, count u32, (kind u8, nameLength u8, name)* sorted as in the index
 * </pre>
 */
final class PackDeletions {
    static final String SUFFIX = ".del";
    private static final byte[] MAGIC = {'K', 'P', 'D', 1};
    private static final Pattern FILE = Pattern.compile("([0-9a-f]{64})\\.([0-9a-f]{64})\\.del");

    private PackDeletions() {
    }

    /** The pack a deletions file name belongs to, or null when the name is not one. */
    static @Nullable String packOf(String fileName) {
        Matcher m = FILE.matcher(fileName);
        return m.matches() ? m.group(1) : null;
    }

    /** The file name for {@code encoded}, the deletions of {@code pack}. */
    static String fileName(String pack, byte[] encoded) {
        return pack + "." + HexFormat.of().formatHex(PackFormat.sha256().digest(encoded)) + SUFFIX;
    }

    static byte[] encode(Collection<String> objectIds) {
        List<PackFormat.ObjectName> names = objectIds.stream().map(PackFormat::parseId)
                .sorted((a, b) -> Arrays.compareUnsigned(a.id().getBytes(StandardCharsets.UTF_8),
                        b.id().getBytes(StandardCharsets.UTF_8)))
                .toList();
        int size = MAGIC.length + 4;
        for (PackFormat.ObjectName n : names) {
            size += 2 + n.nameBytes().length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(MAGIC).putInt(names.size());
        for (PackFormat.ObjectName n : names) {
            b.put(n.kind().code).put((byte) n.nameBytes().length).put(n.nameBytes());
        }
        return b.array();
    }

    /** The object ids in a deletions file named {@code fileName}, or null when it is damaged (not its hash). */
    static @Nullable Set<String> decode(String fileName, byte[] bytes) {
        Matcher m = FILE.matcher(fileName);
        if (!m.matches() || !HexFormat.of().formatHex(PackFormat.sha256().digest(bytes)).equals(m.group(2))
                || !PackFormat.startsWith(bytes, 0, MAGIC)) {
            return null;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes, MAGIC.length, bytes.length - MAGIC.length);
            int count = b.getInt();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < count; i++) {
                PackFormat.Kind kind = PackFormat.Kind.ofCode(b.get());
                byte[] name = new byte[b.get() & 0xff];
                b.get(name);
                String text = new String(name, StandardCharsets.UTF_8);
                if (kind == null || !PackFormat.isValidName(kind, text)) {
                    return null;
                }
                ids.add(kind.folder + "/" + text);
            }
            return b.hasRemaining() ? null : ids;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return null;
        }
    }
}
