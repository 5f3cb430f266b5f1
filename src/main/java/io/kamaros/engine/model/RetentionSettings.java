package io.kamaros.engine.model;

import java.time.Duration;
import java.util.Map;

/**
 * A project's retention settings: its {@link RetentionPolicy} (kept in the project's config, so it travels with
 * the history) and, from the project's settings file ({@code .jcf/config.json}, beside autosave's settings), what
 * the policy may thin and whether the history thins itself after automatic saves. {@code kamaros forget} without
 * flags, the app's Retention tab and automatic thinning all read these through
 * {@code JcfManager#getRetentionSettings()}, so the switches mean the same everywhere.
 *
 * @param policy            which versions are kept
 * @param thinManual        the policy may forget manual checkpoints too (by default only automatic saves)
 * @param thinTagged        the policy may forget tagged versions too, with their tags
 * @param autoThin          after an automatic save the policy is applied by itself, at most once per
 *                          {@code autoThinInterval}; on by default, so a history that keeps itself also thins itself
 * @param autoThinInterval  the least time between two automatic thinnings
 */
public record RetentionSettings(RetentionPolicy policy, boolean thinManual, boolean thinTagged, boolean autoThin,
                                Duration autoThinInterval) {
    /** Settings-file key: the policy may thin manual checkpoints. */
    public static final String THIN_MANUAL_KEY = "retentionThinManual";
    /** Settings-file key: the policy may thin tagged versions. */
    public static final String THIN_TAGGED_KEY = "retentionThinTagged";
    /** Settings-file key: thin by itself after automatic saves (true unless set to false). */
    public static final String AUTO_KEY = "retentionAuto";
    /** Settings-file key: the least time between automatic thinnings ("1h", "30m", …). */
    public static final String AUTO_INTERVAL_KEY = "retentionAutoInterval";
    /**
     * Once an hour: the policy's finest step is an hour (keep one an hour after the first day), so thinning more
     * often would find almost nothing new; less often would let a busy day's autosaves pile up before they go.
     */
    public static final Duration DEFAULT_AUTO_INTERVAL = Duration.ofHours(1);

    public RetentionSettings {
        if (policy == null) {
            throw new ValidationException("A retention policy is required.", Map.of("field", "policy"));
        }
        if (autoThinInterval == null || autoThinInterval.isNegative()) {
            throw new ValidationException("The interval of automatic thinning must be zero or more.",
                    Map.of("field", "autoThinInterval"));
        }
    }

    /** Time Machine's policy, automatic saves only, thinned by itself once an hour. */
    public static RetentionSettings defaults() {
        return new RetentionSettings(RetentionPolicy.timeMachine(), false, false, true, DEFAULT_AUTO_INTERVAL);
    }

    /** How the policy is applied: manual checkpoints and tagged versions only when the switches say so. */
    public ForgetOptions forgetOptions() {
        return ForgetOptions.defaults().withIncludeManual(thinManual).withForce(thinTagged);
    }

    public RetentionSettings withPolicy(RetentionPolicy p) {
        return new RetentionSettings(p, thinManual, thinTagged, autoThin, autoThinInterval);
    }

    public RetentionSettings withThinManual(boolean value) {
        return new RetentionSettings(policy, value, thinTagged, autoThin, autoThinInterval);
    }

    public RetentionSettings withThinTagged(boolean value) {
        return new RetentionSettings(policy, thinManual, value, autoThin, autoThinInterval);
    }

    public RetentionSettings withAutoThin(boolean value) {
        return new RetentionSettings(policy, thinManual, thinTagged, value, autoThinInterval);
    }

    public RetentionSettings withAutoThinInterval(Duration value) {
        return new RetentionSettings(policy, thinManual, thinTagged, autoThin, value);
    }
}
