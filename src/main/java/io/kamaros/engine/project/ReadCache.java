package io.kamaros.engine.project;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Contents already read, by hash, for an operation that reads many texts of the same files: a forget reads the
 * texts of consecutive kept versions, whose reverse-patch chains from the newest whole copy share all but their
 * last steps. {@link ContentStore#read(String, ReadCache)} starts a chain from the nearest content held here and
 * keeps every content the chain passes, so each patch is applied once, not once per read. Only bytes that were
 * hash-checked are kept, so a chain that starts here is as safe as one that starts from a blob.
 *
 * <p>Bounded by bytes, the least recently used going first (a plain access-ordered map: no cache library is in the
 * project, and this one's only job is to keep the last few chains). One per operation, on one thread.
 */
public final class ReadCache {
    private final long maxBytes;
    private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /** Keeps at most {@code maxBytes} of contents; a content larger than a quarter of it is not kept. */
    public ReadCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A cache that keeps nothing (every read walks its chain, as without a cache). */
    public static ReadCache none() {
        return new ReadCache(0);
    }

    /** The kept bytes of {@code hash} (shared: not to be modified), or null. */
    byte @Nullable [] get(String hash) {
        return entries.get(hash);
    }

    boolean contains(String hash) {
        return entries.containsKey(hash);
    }

    /** Keeps {@code data}, hash-checked to be {@code hash}'s content (shared from now on: not to be modified). */
    void put(String hash, byte[] data) {
        if (data.length > maxBytes / 4 || entries.containsKey(hash)) {
            return;
        }
        entries.put(hash, data);
        bytes += data.length;
        Iterator<Map.Entry<String, byte[]>> oldest = entries.entrySet().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            bytes -= oldest.next().getValue().length;
            oldest.remove();
        }
    }

    /** How many contents are kept (for tests). */
    int size() {
        return entries.size();
    }
}
