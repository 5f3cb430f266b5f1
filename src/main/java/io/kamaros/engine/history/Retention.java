package io.kamaros.engine.history;

import io.kamaros.engine.model.RetentionPolicy;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which versions a {@link RetentionPolicy} keeps: a pure function of the versions, the policy, the
 * time zone and "now", so it can be previewed, tested with random histories and applied twice with
 * the same result. Written here rather than taken from a library: restic's and borg's rules live
 * inside their Go and Python programs, and no Java library implements them.
 */
public final class Retention {
    private Retention() {
    }

    /**
     * One version as the policy sees it.
     *
     * @param bytes an estimate of what only this version holds (for {@code maxBytes})
     */
    public record Candidate(String id, Instant timestamp, long bytes) {
    }

    /** Newest first; equal times by id, so the order (and the result) never depends on the input's order. */
    private static final Comparator<Candidate> NEWEST_FIRST = Comparator.comparing(Candidate::timestamp).reversed()
            .thenComparing(Candidate::id);

    /**
     * The ids to keep. Every version {@code thinnable} rejects is kept, and so is the newest one; of
     * the rest, those the policy's rules pick (see {@link RetentionPolicy}).
     */
    public static Set<String> keep(List<Candidate> versions, Predicate<Candidate> thinnable, RetentionPolicy policy,
                                   ZoneId zone, Instant now) {
        List<Candidate> sorted = new ArrayList<>(versions);
        sorted.sort(NEWEST_FIRST);
        Set<String> keep = new LinkedHashSet<>();
        if (!sorted.isEmpty()) {
            keep.add(sorted.get(0).id());
        }
        for (Candidate c : sorted) {
            if (!thinnable.test(c)) {
                keep.add(c.id());
            }
        }
        int last = policy.keepLast();
        for (int i = 0; i < sorted.size() && (last == RetentionPolicy.UNLIMITED || i < last); i++) {
            keep.add(sorted.get(i).id());
        }
        if (!policy.keepWithin().isZero()) {
            Instant from = now.minus(policy.keepWithin());
            for (Candidate c : sorted) {
                if (c.timestamp().isAfter(from)) {
                    keep.add(c.id());
                }
            }
        }
        bucket(sorted, policy.keepHourly(), t -> t.withMinute(0).withSecond(0).withNano(0).toString(), zone, keep);
        bucket(sorted, policy.keepDaily(), t -> t.toLocalDate().toString(), zone, keep);
        bucket(sorted, policy.keepWeekly(), t -> t.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), zone, keep);
        bucket(sorted, policy.keepMonthly(), t -> t.getYear() + "-" + t.getMonthValue(), zone, keep);
        if (policy.maxBytes() > 0) {
            fitSize(sorted, thinnable, policy.maxBytes(), keep);
        }
        return keep;
    }

    /** restic's rule: walking newest first, the first version of each new bucket is kept, for {@code count} buckets. */
    private static void bucket(List<Candidate> newestFirst, int count, Function<ZonedDateTime, String> bucketOf,
                               ZoneId zone, Set<String> keep) {
        if (count == 0) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Candidate c : newestFirst) {
            if (count != RetentionPolicy.UNLIMITED && seen.size() >= count) {
                return;
            }
            if (seen.add(bucketOf.apply(c.timestamp().atZone(zone)))) {
                keep.add(c.id());
            }
        }
    }

    /** Drops the oldest thinnable kept versions (never the newest) until the kept estimate fits. */
    private static void fitSize(List<Candidate> newestFirst, Predicate<Candidate> thinnable, long maxBytes,
                                Set<String> keep) {
        long total = 0;
        for (Candidate c : newestFirst) {
            if (keep.contains(c.id())) {
                total += c.bytes();
            }
        }
        for (int i = newestFirst.size() - 1; i > 0 && total > maxBytes; i--) {
            Candidate c = newestFirst.get(i);
            if (keep.contains(c.id()) && thinnable.test(c)) {
                keep.remove(c.id());
                total -= c.bytes();
            }
        }
    }
}
