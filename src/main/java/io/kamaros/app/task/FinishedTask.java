package io.kamaros.app.task;

import java.time.Duration;
import java.time.Instant;

/**
 * A background operation that has ended, as the task panel lists it: its name, how it ended, what it
 * said at the end (the status line it left, e.g. "Checkpoint saved"), when it started and how long it took.
 */
public record FinishedTask(String name, Outcome outcome, String result, Instant startedAt, Duration took) {
    /** How an operation ended. */
    public enum Outcome { SUCCEEDED, FAILED, STOPPED }
}
