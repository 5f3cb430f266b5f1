package io.kamaros.engine.model;

import org.jspecify.annotations.Nullable;

/**
 * What a push, fetch, pull, sync or clone did.
 *
 * @param operation        {@code push}, {@code fetch}, {@code pull}, {@code sync} or {@code clone}
 * @param remote           the remote's name
 * @param versionsSent     versions the remote did not have and now has
 * @param versionsReceived versions this project did not have and now has (beside its own: nothing local is replaced)
 * @param packsSent        packs uploaded (each with its index)
 * @param packsReceived    packs downloaded
 * @param bytesSent        bytes uploaded (packs, indexes, dictionaries, the push record)
 * @param bytesReceived    bytes downloaded (packs, dictionaries, push records)
 * @param fastForwarded    a pull moved the current version forward to the remote's
 * @param diverged         work on both sides since the last sync: both lines are kept, as two branches
 * @param head             the current version afterwards (null in a project without versions)
 * @param remoteHead       the version the remote's branch head names afterwards (null when none)
 */
public record RemoteTransferResult(String operation, String remote, int versionsSent, int versionsReceived,
                                   int packsSent, int packsReceived, long bytesSent, long bytesReceived,
                                   boolean fastForwarded, boolean diverged, @Nullable String head,
                                   @Nullable String remoteHead) {

    /** Both results in one (a sync is a fetch, a pull and a push). */
    public RemoteTransferResult plus(RemoteTransferResult later, String asOperation) {
        return new RemoteTransferResult(asOperation, remote, versionsSent + later.versionsSent,
                versionsReceived + later.versionsReceived, packsSent + later.packsSent,
                packsReceived + later.packsReceived, bytesSent + later.bytesSent, bytesReceived + later.bytesReceived,
                fastForwarded || later.fastForwarded, diverged || later.diverged, later.head, later.remoteHead);
    }

    /** Nothing was sent or received. */
    public boolean upToDate() {
        return versionsSent == 0 && versionsReceived == 0 && !fastForwarded;
    }
}
