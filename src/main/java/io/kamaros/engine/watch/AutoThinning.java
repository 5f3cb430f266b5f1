package io.kamaros.engine.watch;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CancelledException;
import io.kamaros.engine.model.ConcurrentModificationException;
import io.kamaros.engine.model.ForgetResult;
import io.kamaros.engine.model.RetentionSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * History that thins itself: after an automatic save, the project's retention policy is applied
 * ({@link JcfManager#thinAutomatically}), at most once per {@link RetentionSettings#autoThinInterval()} and only
 * while {@link RetentionSettings#autoThin()} is on (the default). The settings are read at every save, so turning
 * it off on the Retention tab (or with {@code kamaros config}) takes effect at once. A thinning that could not
 * start (a person's write runs) or was cancelled by one is tried again after the next automatic save; a failed
 * one waits for the interval, as a done one does. When the last thinning ran is remembered in the project
 * ({@link JcfManager#lastAutomaticThinning}), so the interval also holds across restarts of the app or of
 * {@code kamaros watch}. Forgetting, its gap marker ("by policy") and the garbage
 * collection after it (only when something was forgotten) are the engine's, crash-safe as {@code forget} is.
 *
 * <p>{@link Autosave} calls {@link #afterSave} on its own thread, with the token of the save, so closing the
 * autosave or a person's checkpoint or restore cancels a thinning too.
 */
public final class AutoThinning {
    /** What {@link #afterSave} found or did. */
    public enum Outcome {
        /** Automatic thinning is off for this project. */
        OFF,
        /** The last thinning is younger than the interval. */
        NOT_DUE,
        /** The policy kept every version. */
        NOTHING_TO_FORGET,
        /** Versions were forgotten (and their space collected). */
        THINNED,
        /** A person's write ran or started: tried again after the next automatic save. */
        BUSY,
        /** It failed (the listener was told); tried again after the interval. */
        FAILED
    }

    /**
     * Applies the project's policy once, stopping when {@code cancel} is set. {@link #direct} thins on the calling
     * thread; the app runs the same as a task the person sees, and waits for it.
     */
    @FunctionalInterface
    public interface Thinner {
        ForgetResult thin(CancellationToken cancel);
    }

    /** The engine's automatic thinning on the calling thread, "now" and the time zone from {@code clock}. */
    public static Thinner direct(JcfManager jcf, Clock clock) {
        Objects.requireNonNull(jcf, "jcf");
        Objects.requireNonNull(clock, "clock");
        return cancel -> jcf.thinAutomatically(cancel, clock);
    }

    private final JcfManager jcf;
    private final Thinner thinner;
    private final Clock clock;
    private @Nullable Instant lastRun;

    public AutoThinning(JcfManager jcf, Clock clock) {
        this(jcf, direct(jcf, clock), clock);
    }

    /** Thins through {@code thinner} (the app's: as a task in its task panel). */
    public AutoThinning(JcfManager jcf, Thinner thinner, Clock clock) {
        this.jcf = Objects.requireNonNull(jcf, "jcf");
        this.thinner = Objects.requireNonNull(thinner, "thinner");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * After an automatic save: thins when it is on and due. The listener is told what a thinning forgot, or how
     * it failed; the outcome says what happened.
     */
    public synchronized Outcome afterSave(CancellationToken cancel, Autosave.Listener listener) {
        RetentionSettings settings;
        try {
            settings = jcf.getRetentionSettings();
        } catch (RuntimeException e) {
            listener.thinningFailed(e);
            return Outcome.FAILED;
        }
        if (!settings.autoThin()) {
            return Outcome.OFF;
        }
        Instant now = clock.instant();
        if (lastRun == null) {
            // an earlier run's, so a restart does not thin at once (one "in the future" is a clock that was wrong)
            Instant remembered = jcf.lastAutomaticThinning();
            lastRun = remembered != null && !remembered.isAfter(now) ? remembered : null;
        }
        if (lastRun != null && now.isBefore(lastRun.plus(settings.autoThinInterval()))) {
            return Outcome.NOT_DUE;
        }
        try {
            ForgetResult r = thinner.thin(cancel);
            lastRun = now;
            if (r.forgotten().isEmpty()) {
                return Outcome.NOTHING_TO_FORGET;
            }
            listener.thinned(r);
            return Outcome.THINNED;
        } catch (ConcurrentModificationException | CancelledException e) {
            return Outcome.BUSY;
        } catch (RuntimeException e) {
            lastRun = now;
            listener.thinningFailed(e);
            return Outcome.FAILED;
        }
    }
}
