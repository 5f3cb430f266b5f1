package io.kamaros.app.session;

import io.kamaros.app.i18n.I18n;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.PasswordException;
import java.util.Arrays;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One question for the password of an encrypted project or archive, open until the right password
 * is given or the person cancels: a wrong password is said in the same dialog, which stays for the
 * next try. The password lives only in the char[] handed to {@link Attempt#start}; whoever runs the
 * attempt gives it to the engine, which wipes it. Posted on {@link ProjectSession#askPassword}; the
 * window shows it.
 */
public final class PasswordRequest {
    /** Starts one try in the background; it ends by calling {@link #refused}, {@link #failed} or {@link #accepted}. */
    @FunctionalInterface
    public interface Attempt {
        void start(char[] password, PasswordRequest request);
    }

    private final String what;
    private final Attempt attempt;
    private final Runnable onCancel;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished");

    public PasswordRequest(String what, Attempt attempt, Runnable onCancel) {
        this.what = what;
        this.attempt = attempt;
        this.onCancel = onCancel;
    }

    /** True for the engine's answer that means "ask (again) for the password". */
    public static boolean asksForPassword(Throwable error) {
        return error instanceof PasswordException p
                && (ErrorCodes.PASSWORD_REQUIRED.equals(p.code()) || ErrorCodes.WRONG_PASSWORD.equals(p.code()));
    }

    /** The project's or archive's name, for the dialog's header. */
    public String what() {
        return what;
    }

    /** Tries {@code password}; an empty one is refused here without asking the engine. */
    public void submit(char[] password) {
        if (busy.get() || finished.get()) {
            Arrays.fill(password, '\0');
            return;
        }
        if (password.length == 0) {
            error.set(I18n.t("password.empty"));
            return;
        }
        error.set("");
        busy.set(true);
        attempt.start(password, this);
    }

    /** The try was refused: the password was wrong. The dialog stays for another try. */
    public void refused() {
        busy.set(false);
        error.set(I18n.t("password.wrong"));
    }

    /** The try failed for another reason (already reported): the question ends. */
    public void failed() {
        busy.set(false);
        finished.set(true);
    }

    /** The password was right. */
    public void accepted() {
        busy.set(false);
        finished.set(true);
    }

    /** The person gave up: nothing is opened, they stay where they were. */
    public void cancel() {
        if (finished.get() || busy.get()) { // a running try ends by itself; the dialog's buttons wait for it
            return;
        }
        finished.set(true);
        onCancel.run();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True once the question is over (right password, other failure or Cancel): the dialog closes. */
    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }
}
