package io.kamaros.app.task;

/** The one place failures go: a dialog in the app, a recorder in tests. */
@FunctionalInterface
public interface ErrorPresenter {
    /**
     * @param action what the person was doing, e.g. "Saving a checkpoint" (already translated)
     * @param error  what went wrong; presenters turn it into words via {@link ErrorMessages}
     */
    void present(String action, Throwable error);
}
