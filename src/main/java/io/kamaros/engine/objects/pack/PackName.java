package io.kamaros.engine.objects.pack;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * How a pack is named (docs/storage-format.md, "Packs"). A pack that starts with {@code "KPK" 02} is named by the
 * SHA-256 of its <em>skeleton</em>: its bytes with every entry's data left out — the pack's magic, every entry
 * header in order (each holds its object's id, its data's length and its data's CRC32C) and the trailer. One that
 * starts with {@code "KPK" 01} (written before) is named by the SHA-256 of all its bytes. Both are checked here.
 *
 * <p>Why the skeleton: it fixes which objects a pack holds, in which order and at which offsets, and (through
 * the CRCs) their bytes, and every object is checked again when it is read by its own hash (chunks and blobs
 * are named by the SHA-256 of their plain bytes, patches give a content whose hash the version names, sealed
 * objects are authenticated); so the same objects stored the same way still give the same name (a push
 * resumes on it), while a save no longer hashes every stored byte a third time after the whole file's and each
 * chunk's SHA-256 (≈ 0.9 s of CPU per GiB saved).
 */
public final class PackName {
    private PackName() {
    }

    /**
     * Checks a pack's bytes, given in order in slices of any size, against its name under the rule its magic
     * says. For a skeleton-named pack it also checks every entry's data against its CRC32C (as the SHA-256 of
     * all bytes did for the older packs), so a pack that {@link #matches} holds no damaged byte.
     */
    public static final class Check {
        private final MessageDigest skeleton = PackFormat.sha256();
        /** The SHA-256 of every byte: only for packs of the older rule ({@code "KPK" 01}). */
        private @Nullable MessageDigest whole;
        /** Magic, header or trailer bytes gathered so far (they may span slices). */
        private final byte[] gathered = new byte[PackFormat.MAX_HEADER];
        private int gatheredLength;
        private final CRC32C dataCrc = new CRC32C();
        private long dataLeft = -1; // ≥ 0 inside an entry's data
        private int expectedCrc;
        private long entries;
        private boolean magicRead;
        private boolean ended; // the trailer was read
        private boolean broken; // the skeleton does not parse, a CRC does not match, or bytes follow the trailer

        /** The next {@code len} bytes of the pack. */
        public void update(byte[] b, int off, int len) {
            MessageDigest all = whole;
            if (all != null) {
                all.update(b, off, len);
            }
            int at = off;
            int end = off + len;
            while (at < end && !broken) {
                if (dataLeft >= 0) {
                    int n = (int) Math.min(dataLeft, end - at);
                    dataCrc.update(b, at, n);
                    dataLeft -= n;
                    at += n;
                    if (dataLeft == 0) {
                        endData();
                    }
                } else if (ended) {
                    broken = true; // bytes after the trailer
                } else {
                    gathered[gatheredLength++] = b[at++];
                    parseGathered(b, at, end);
                }
            }
        }

        /** True when the pack's bytes given so far are a whole, intact pack of that name (call it once, at the end). */
        public boolean matches(String name) {
            MessageDigest all = whole;
            if (all != null) {
                return HexFormat.of().formatHex(all.digest()).equals(name);
            }
            return magicRead && ended && !broken && HexFormat.of().formatHex(skeleton.digest()).equals(name);
        }

        private void parseGathered(byte[] b, int at, int end) {
            if (!magicRead) {
                if (gatheredLength == PackFormat.PACK_MAGIC.length) {
                    magicRead = true;
                    if (Arrays.equals(gathered, 0, gatheredLength, PackFormat.PACK_MAGIC, 0, gatheredLength)) {
                        MessageDigest all = PackFormat.sha256();
                        all.update(gathered, 0, gatheredLength);
                        all.update(b, at, end - at); // the rest of this slice: update() fed only what came before
                        whole = all;
                    } else if (!Arrays.equals(gathered, 0, gatheredLength,
                            PackFormat.SKELETON_PACK_MAGIC, 0, gatheredLength)) {
                        broken = true; // a damaged magic: which rule names the pack cannot be told
                    }
                    skeletonTake();
                }
                return;
            }
            if (gatheredLength < 4) {
                return;
            }
            if (PackFormat.startsWith(gathered, 0, PackFormat.TRAILER_MAGIC)) {
                if (gatheredLength == PackFormat.TRAILER_LENGTH) {
                    ByteBuffer t = ByteBuffer.wrap(gathered, 4, 8);
                    int count = t.getInt();
                    int crc = t.getInt();
                    broken = count != entries || crc != PackFormat.crc(gathered, 0, 8);
                    ended = true;
                    skeletonTake();
                }
                return;
            }
            if (!PackFormat.startsWith(gathered, 0, PackFormat.ENTRY_MAGIC)) {
                broken = true;
                return;
            }
            if (gatheredLength < 6 || gatheredLength < PackFormat.headerLength(gathered[5] & 0xff)) {
                return;
            }
            PackFormat.Header h = PackFormat.parseHeader(gathered, 0, gatheredLength);
            if (h == null) {
                broken = true;
                return;
            }
            entries++;
            expectedCrc = h.dataCrc();
            dataCrc.reset();
            dataLeft = h.storedLength();
            skeletonTake();
            if (dataLeft == 0) {
                endData();
            }
        }

        private void endData() {
            broken |= (int) dataCrc.getValue() != expectedCrc;
            dataLeft = -1;
        }

        private void skeletonTake() {
            skeleton.update(gathered, 0, gatheredLength);
            gatheredLength = 0;
        }
    }
}
