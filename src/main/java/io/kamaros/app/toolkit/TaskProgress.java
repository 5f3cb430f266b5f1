package io.kamaros.app.toolkit;

import io.kamaros.app.task.TaskRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jspecify.annotations.Nullable;

/**
 * The running operation of a tool's view-model: whether it runs, its progress and what it is doing,
 * and Cancel. A tool window binds its progress bar, message and Cancel button to this.
 * <p>A {@code javafx.concurrent.Task} reports its end through {@code Platform.runLater}, so even with the
 * tests' synchronous runner the task is still "running" when {@link #follow} is called right after
 * {@code start()}; a task that has already ended is not followed.
 */
public final class TaskProgress {
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private TaskRunner.@Nullable EngineTask<?> current;

    /** Call right after {@code start()}; pair with {@link #done()} in the task's {@code onDone}. */
    public <T> TaskRunner.EngineTask<T> follow(TaskRunner.EngineTask<T> task) {
        if (task.isDone()) {
            return task;
        }
        current = task;
        running.set(true);
        progress.bind(task.progressProperty());
        message.bind(task.messageProperty());
        return task;
    }

    /** The task ended (success, failure or cancel). */
    public void done() {
        current = null;
        progress.unbind();
        message.unbind();
        progress.set(-1);
        message.set("");
        running.set(false);
    }

    /**
     * Asks the engine to stop (asking the person first when it has run a while, see TaskRunner#stop);
     * the project is left as it was (or, for GC, with only unused objects removed).
     */
    public void cancel() {
        if (current != null) {
            current.cancel();
        }
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return running.get();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
