package io.kamaros.engine.model;

import java.time.Instant;

/**
 * Where a version this project received from a remote was made: the push record that brought it names the machine
 * and the user who pushed it ({@code Remotes.origins}).
 *
 * @param remote   the name of the remote it was fetched from
 * @param machine  the host name of the machine that pushed it ("" when that machine did not know its name)
 * @param user     the account that pushed it on that machine
 * @param pushedAt when it was pushed
 */
public record VersionOrigin(String remote, String machine, String user, Instant pushedAt) {
}
