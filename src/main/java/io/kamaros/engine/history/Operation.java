package io.kamaros.engine.history;

import io.kamaros.engine.CancellationToken;
import io.kamaros.engine.JcfEvent;
import io.kamaros.engine.OperationTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One running operation: its id, its cancel token and deadline, and progress reporting (throttled
 * to about 20 events a second so that listeners such as a GUI are not flooded).
 */
public final class Operation {
    private static final long MIN_PROGRESS_GAP_NANOS = 50_000_000L;

    private final String name;
    private final String id = UUID.randomUUID().toString();
    private final CancellationToken cancel;
    private final Duration timeout;
    private final long deadlineNanos;
    private final Consumer<JcfEvent> emitter;
    private final long startNanos = System.nanoTime();
    private long lastProgressNanos;
    private String lastPhase;

    public Operation(String name, CancellationToken cancel, Duration timeout, Consumer<JcfEvent> emitter) {
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

    public void emit(JcfEvent event) {
        emitter.accept(event);
    }

    /**
     * Reports progress; a new phase or 100 % is always sent, otherwise at most every 50 ms. Safe to
     * call from the several threads of one operation.
     */
    public synchronized void progress(String phase, double percent, long filesDone, long filesTotal, long bytesDone, long bytesTotal,
                         String currentFile) {
        long now = System.nanoTime();
        boolean important = !phase.equals(lastPhase) || percent >= 100.0;
        if (!important && now - lastProgressNanos < MIN_PROGRESS_GAP_NANOS) {
            return;
        }
        lastProgressNanos = now;
        lastPhase = phase;
        emitter.accept(new JcfEvent.Progress(name, id, Instant.now(), phase, Math.min(100.0, Math.max(0.0, percent)),
                filesDone, filesTotal, bytesDone, bytesTotal, currentFile));
    }
}
