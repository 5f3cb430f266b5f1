package io.kamaros.engine.history;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.OperationTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One running operation: its id, its cancel token and deadline, and progress reporting (throttled
 * to about 20 events a second so that listeners such as a GUI are not flooded).
 */
public final class Operation {
    private static final long MIN_PROGRESS_GAP_NANOS = 50_000_000L;

    private final String name;
    private final String id = UUID.randomUUID().toString();
    private final CancellationToken cancel;
    private final @Nullable Duration timeout;
    private final long deadlineNanos;
    private final Consumer<JcfEvent> emitter;
    private final long startNanos = System.nanoTime();
    private long lastProgressNanos;
    private @Nullable String lastPhase;
    /** The part of the whole bar the current step reports into (see {@link #within}). */
    private double spanFrom = 0;
    private double spanTo = 100;
    /** For an operation run as a step of another ({@link #nested}): where its progress goes. */
    private @Nullable Operation progressParent;
    /** How {@link #committing} keeps readers out: the runner's lock, or nothing outside a runner. */
    private final Exclusion exclusion;

    /**
     * How a write's short commit step excludes the readers of the committed state (see
     * {@code OperationRunner}): the long work before it runs beside them.
     */
    public interface Exclusion {
        Exclusion NONE = new Exclusion() {
            @Override
            public <T> T exclusively(Step<T> step) throws IOException {
                return step.run();
            }
        };

        <T> T exclusively(Step<T> step) throws IOException;
    }

    /** A step that may throw I/O errors. */
    @FunctionalInterface
    public interface Step<T> {
        T run() throws IOException;
    }

    public Operation(String name, @Nullable CancellationToken cancel, @Nullable Duration timeout, Consumer<JcfEvent> emitter) {
        this(name, cancel, timeout, emitter, Exclusion.NONE);
    }

    public Operation(String name, @Nullable CancellationToken cancel, @Nullable Duration timeout, Consumer<JcfEvent> emitter,
                     Exclusion exclusion) {
        this.exclusion = exclusion;
        this.name = name;
        this.cancel = cancel == null ? CancellationToken.NONE : cancel;
        this.timeout = timeout == null || timeout.isZero() ? null : timeout;
        this.deadlineNanos = this.timeout == null ? 0 : startNanos + this.timeout.toNanos();
        this.emitter = emitter;
    }

    public String name() {
        return name;
    }

    public String id() {
        return id;
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Stops the work with CancelledException or OperationTimeoutException when it must stop. */
    public void checkpoint() {
        cancel.throwIfCancelled(name);
        if (timeout != null && System.nanoTime() - deadlineNanos > 0) {
            throw new OperationTimeoutException("The " + name + " took longer than operationTimeout (" + timeout.toMillis()
                    + " ms) and was stopped; the project is as it was before. Raise operationTimeout in JcfConfig.",
                    Map.of("operation", name, "timeout", timeout.toMillis()));
        }
    }

    /**
     * Runs the commit step of a write: what makes its new state the committed one (journal line,
     * manifest, the in-memory graph and ledger) happens here, with no reader looking, so a reader sees
     * the state before or after it, never half of it.
     */
    public <T> T committing(Step<T> step) throws IOException {
        return exclusion.exclusively(step);
    }

    public void emit(JcfEvent event) {
        emitter.accept(event);
    }

    /**
     * Reports progress; a new phase or 100 % is always sent, otherwise at most every 50 ms. Safe to
     * call from the several threads of one operation. Inside {@link #within} the percent is of that
     * step and is mapped into the step's part of the whole operation.
     */
    public synchronized void progress(String phase, double percent, long filesDone, long filesTotal, long bytesDone, long bytesTotal,
                         @Nullable String currentFile) {
        double clamped = Math.min(100.0, Math.max(0.0, percent));
        double overall = spanFrom + (spanTo - spanFrom) * clamped / 100.0;
        long now = System.nanoTime();
        Operation parent = progressParent;
        if (parent != null) { // a step of another operation: part of that one's bar
            parent.progress(phase, overall, filesDone, filesTotal, bytesDone, bytesTotal, currentFile);
            return;
        }
        boolean important = !phase.equals(lastPhase) || clamped >= 100.0;
        if (!important && now - lastProgressNanos < MIN_PROGRESS_GAP_NANOS) {
            return;
        }
        lastProgressNanos = now;
        lastPhase = phase;
        emitter.accept(new JcfEvent.Progress(name, id, Instant.now(), phase, overall,
                filesDone, filesTotal, bytesDone, bytesTotal, currentFile));
    }

    /**
     * An operation run as one step of this one (the automatic save before a restore): it has its own
     * id and start / complete events, but its progress is reported as this operation's progress, in
     * the part of the bar set by {@link #within}, so a bar shown for the whole call never goes back.
     */
    public Operation nested(String name, @Nullable CancellationToken cancel) {
        return nested(name, cancel, null);
    }

    /** {@link #nested(String, CancellationToken)} with a deadline of its own. */
    public Operation nested(String name, @Nullable CancellationToken cancel, @Nullable Duration timeout) {
        Operation child = new Operation(name, cancel, timeout, emitter, exclusion);
        child.progressParent = this;
        return child;
    }

    /**
     * Runs one step of a multi-step operation as the part {@code from}–{@code to} % of the whole:
     * until the returned span is closed, the step's own 0–100 % is reported as {@code from}–{@code to},
     * so the operation's progress only goes forward. A step that reuses another's code (the
     * checkpoint's scan, say) does not need to know where in the whole it runs.
     */
    public synchronized Span within(double from, double to) {
        double outerFrom = spanFrom;
        double outerTo = spanTo;
        spanFrom = outerFrom + (outerTo - outerFrom) * from / 100.0;
        spanTo = outerFrom + (outerTo - outerFrom) * to / 100.0;
        return () -> {
            synchronized (this) {
                spanFrom = outerFrom;
                spanTo = outerTo;
            }
        };
    }

    /** A step's part of the progress bar; closing it returns to the enclosing part. */
    @FunctionalInterface
    public interface Span extends AutoCloseable {
        @Override
        void close();
    }
}
