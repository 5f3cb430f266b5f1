package io.kamaros.engine.model;

/**
 * Options of {@link JcfManager#verifyIntegrity(VerifyOptions)}.
 *
 * <ul>
 *   <li>{@code deep}: re-hash every blob and chunk, apply and check every reverse patch, rebuild every
 *       content kept only as patches (reads all history; without it only presence is checked).</li>
 *   <li>{@code repair}: fix what redundancy allows (see {@link VerificationReport#repaired()}); never
 *       invents history. Off by default: verification alone changes nothing.</li>
 *   <li>{@code cancel}: stops the verification between steps.</li>
 * </ul>
 */
public final class VerifyOptions {
    private boolean deep;
    private boolean repair;
    private CancellationToken cancel = CancellationToken.NONE;

    public static VerifyOptions defaults() {
        return new VerifyOptions();
    }

    public VerifyOptions deep(boolean value) {
        deep = value;
        return this;
    }

    public VerifyOptions repair(boolean value) {
        repair = value;
        return this;
    }

    public VerifyOptions cancel(CancellationToken token) {
        cancel = token == null ? CancellationToken.NONE : token;
        return this;
    }

    public boolean deep() {
        return deep;
    }

    public boolean repair() {
        return repair;
    }

    public CancellationToken cancel() {
        return cancel;
    }

    @Override
    public String toString() {
        return "VerifyOptions[deep=" + deep + ", repair=" + repair + "]";
    }
}
