package io.kamaros.engine.model;

import org.jspecify.annotations.Nullable;

/**
 * Options of {@link JcfManager#verifyIntegrity(VerifyOptions)}; immutable, built with {@link #builder()}.
 *
 * @param deep   re-hash every blob and chunk, apply and check every reverse patch, rebuild every content
 *               kept only as patches (reads all history; without it only presence is checked).
 * @param repair fix what redundancy allows (see {@link VerificationReport#repaired()}); never invents
 *               history. Off by default: verification alone changes nothing.
 * @param cancel stops the verification between steps.
 */
public record VerifyOptions(boolean deep, boolean repair, CancellationToken cancel) {
    private static final VerifyOptions DEFAULTS = new VerifyOptions(false, false, CancellationToken.NONE);

    public VerifyOptions {
        cancel = cancel == null ? CancellationToken.NONE : cancel;
    }

    public static VerifyOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().deep(deep).repair(repair).cancel(cancel);
    }

    @Override
    public String toString() {
        return "VerifyOptions[deep=" + deep + ", repair=" + repair + "]";
    }

    /** Builder of {@link VerifyOptions}. */
    public static final class Builder {
        private boolean deep;
        private boolean repair;
        private CancellationToken cancel = CancellationToken.NONE;

        private Builder() {
        }

        public Builder deep(boolean value) {
            deep = value;
            return this;
        }

        public Builder repair(boolean value) {
            repair = value;
            return this;
        }

        public Builder cancel(@Nullable CancellationToken token) {
            cancel = token == null ? CancellationToken.NONE : token;
            return this;
        }

        public VerifyOptions build() {
            return new VerifyOptions(deep, repair, cancel);
        }
    }
}
