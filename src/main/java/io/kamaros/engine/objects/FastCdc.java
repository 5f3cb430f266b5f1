package io.kamaros.engine.objects;

/**
 * Content-defined chunking: FastCDC (Xia et al., USENIX ATC 2016) with normalized chunking (level 2)
 * and a gear rolling hash. Written by hand because there is no maintained Java library for it, and
 * because chunk boundaries must never change between releases (they decide dedup across versions):
 * the gear table is generated here from a fixed seed with splitmix64, whose output is specified,
 * rather than from {@code java.util.Random} or a library default that could change.
 *
 * <p>Cut points depend only on the last 64 bytes before them, so an edit moves at most the
 * boundaries next to it and the rest of a large file keeps chunking identically.
 */
final class FastCdc {
    static final int MIN_SIZE = 16 * 1024;
    static final int AVG_SIZE = 64 * 1024;
    static final int MAX_SIZE = 256 * 1024;

    /*
     * Normalized chunking: before the average size a harder mask (2 more bits, 18) makes a cut less
     * likely, after it an easier one (2 fewer bits, 14) makes it more likely, which narrows the size
     * distribution around 64 KiB. The masks use the hash's top bits: with hash = (hash << 1) + gear,
     * bit k depends on the last k + 1 bytes, so the top bits see a 64-byte window.
     */
    private static final long MASK_HARD = -1L << (64 - 18);
    private static final long MASK_EASY = -1L << (64 - 14);
    private static final long[] GEAR = gearTable(0x4B616D61726F7331L); // "Kamaros1"

    private FastCdc() {
    }

    /**
     * The length of the chunk starting at {@code data[off]}, given {@code len} available bytes.
     * Callers pass at least {@link #MAX_SIZE} bytes unless the input ends sooner.
     */
    static int cut(byte[] data, int off, int len) {
        if (len <= MIN_SIZE) {
            return len;
        }
        int n = Math.min(len, MAX_SIZE);
        int normal = Math.min(n, AVG_SIZE);
        long hash = 0;
        int i = MIN_SIZE; // cut-point skipping: no boundary can fall before the minimum size
        for (; i < normal; i++) {
            hash = (hash << 1) + GEAR[data[off + i] & 0xff];
            if ((hash & MASK_HARD) == 0) {
                return i + 1;
            }
        }
        for (; i < n; i++) {
            hash = (hash << 1) + GEAR[data[off + i] & 0xff];
            if ((hash & MASK_EASY) == 0) {
                return i + 1;
            }
        }
        return n;
    }

    private static long[] gearTable(long seed) {
        long[] table = new long[256];
        long state = seed;
        for (int i = 0; i < table.length; i++) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            table[i] = z ^ (z >>> 31);
        }
        return table;
    }
}
