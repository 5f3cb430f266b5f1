package io.kamaros.engine.watch;

import io.kamaros.engine.model.ValidationException;
import java.time.Duration;
import java.util.Map;

/**
 * When autosave saves: after {@code settle} without further writes, and no more often than every
 * {@code minInterval}. Immutable.
 *
 * <p>The defaults: 30 seconds of quiet is longer than any program takes between the writes of one
 * save (an editor's temp file and rename, a paint program's layers) and short enough that work is
 * kept soon after a pause; one save per 10 minutes at most keeps a day of steady work to about 50
 * versions, which the history shows folded as one row per run.
 */
public record AutosavePolicy(boolean enabled, Duration settle, Duration minInterval) {
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

    public AutosavePolicy {
        if (settle == null || settle.isNegative() || minInterval == null || minInterval.isNegative()) {
            throw new ValidationException("The settle time and the interval of autosave must be zero or more.",
                    Map.of("field", "settle/minInterval"));
        }
    }

    /** On, with the default settle time and interval. */
    public static AutosavePolicy defaults() {
        return new AutosavePolicy(true, DEFAULT_SETTLE, DEFAULT_INTERVAL);
    }

    public AutosavePolicy withEnabled(boolean value) {
        return new AutosavePolicy(value, settle, minInterval);
    }
}
