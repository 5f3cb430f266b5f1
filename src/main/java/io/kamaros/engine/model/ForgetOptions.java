package io.kamaros.engine.model;

/**
 * How to forget versions.
 *
 * @param force          also forget tagged versions (their tags go with them); the current version is never forgotten
 * @param includeManual  a retention policy may thin manual checkpoints too (by default only automatic saves)
 * @param dryRun         only say what would go and what it would free; nothing is written
 * @param cancel         stops the forget before its commit
 */
public record ForgetOptions(boolean force, boolean includeManual, boolean dryRun, CancellationToken cancel) {
    public ForgetOptions {
        cancel = cancel == null ? CancellationToken.NONE : cancel;
    }

    public static ForgetOptions defaults() {
        return new ForgetOptions(false, false, false, CancellationToken.NONE);
    }

    public ForgetOptions withForce(boolean f) {
        return new ForgetOptions(f, includeManual, dryRun, cancel);
    }

    public ForgetOptions withIncludeManual(boolean m) {
        return new ForgetOptions(force, m, dryRun, cancel);
    }

    public ForgetOptions withDryRun(boolean d) {
        return new ForgetOptions(force, includeManual, d, cancel);
    }

    public ForgetOptions withCancel(CancellationToken c) {
        return new ForgetOptions(force, includeManual, dryRun, c);
    }
}
