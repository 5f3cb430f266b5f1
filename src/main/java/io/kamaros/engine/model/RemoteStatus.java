package io.kamaros.engine.model;

/**
 * What waits between a project and one of its remotes, learnt from the remote's push records without downloading
 * any pack ({@code Remotes.status}).
 *
 * @param remote            the remote's name
 * @param versionsToSend    local versions the remote has no record of (a push would send them)
 * @param versionsToReceive versions the remote's records hold that this project has not (a fetch would add them)
 */
public record RemoteStatus(String remote, int versionsToSend, int versionsToReceive) {

    /** Nothing to send and nothing to receive. */
    public boolean inSync() {
        return versionsToSend == 0 && versionsToReceive == 0;
    }
}
