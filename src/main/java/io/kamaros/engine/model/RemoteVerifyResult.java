package io.kamaros.engine.model;

import java.util.List;

/**
 * What {@code verify --remote} found on a remote.
 *
 * @param remote   the remote's name
 * @param deep     every pack was downloaded, re-hashed and read entry by entry (else: listing, records and heads)
 * @param records  push records read (each checked against the hash in its name)
 * @param versions versions the records hold
 * @param packs    packs listed
 * @param problems what is wrong, one sentence each (empty: intact)
 */
public record RemoteVerifyResult(String remote, boolean deep, int records, int versions, int packs,
                                 List<String> problems) {
    public RemoteVerifyResult {
        problems = List.copyOf(problems);
    }

    public boolean intact() {
        return problems.isEmpty();
    }
}
