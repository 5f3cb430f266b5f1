package io.kamaros.engine.model;

import java.time.Instant;
import java.util.List;

/**
 * What a forget did (or, in a dry run, would do).
 *
 * @param forgotten  the versions that went (or would go), oldest first
 * @param kept       how many versions the history holds after it
 * @param bytesFreed bytes given back: measured by the garbage collection that follows a forget; in a dry run
 *                   an estimate (the stored objects only the forgotten versions need)
 * @param dryRun     nothing was changed
 */
public record ForgetResult(List<Item> forgotten, int kept, long bytesFreed, boolean dryRun) {
    public ForgetResult {
        forgotten = List.copyOf(forgotten);
    }

    /** One forgotten version, as it was listed; {@code autoSaved}: Kamaros saved it by itself (an autosave or a restore's safety checkpoint). */
    public record Item(String id, Instant timestamp, String message, boolean autoSaved) {
        /** The first 8 characters of the id, as shown to people. */
        public String shortId() {
            return id.length() <= 8 ? id : id.substring(0, 8);
        }
    }
}
