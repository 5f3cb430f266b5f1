package io.kamaros.engine.model;

import java.time.Instant;

/**
 * What a forget removed just before a version (the timeline's gap marker: "3 versions forgotten
 * on 7 Dec"). Kept on the nearest kept version after the gap; gaps merged by a later forget add up.
 *
 * @param count  how many versions were forgotten there
 * @param oldest when the oldest of them was made
 * @param newest when the newest of them was made
 * @param at     when they were last forgotten
 * @param by     how: {@link #BY_HAND}, or the retention policy that chose them (its flags)
 */
public record ForgottenVersions(int count, Instant oldest, Instant newest, Instant at, String by) {
    /** Forgotten one by one, by a person. */
    public static final String BY_HAND = "by hand";

    /** This gap and another one merged (the versions between were forgotten too). */
    public ForgottenVersions plus(ForgottenVersions other) {
        boolean otherLater = other.at.isAfter(at);
        return new ForgottenVersions(count + other.count, oldest.isBefore(other.oldest) ? oldest : other.oldest,
                newest.isAfter(other.newest) ? newest : other.newest, otherLater ? other.at : at,
                otherLater ? other.by : by);
    }
}
