package io.kamaros.app.password;

import io.kamaros.app.i18n.I18n;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;

/**
 * The choice to encrypt a new project's history: the switch, the password typed twice, how strong it
 * is and what is still missing. {@link #take()} hands the password over as a char[] (the engine wipes
 * it) and clears the fields.
 */
public final class NewPassword {
    private final BooleanProperty encrypt = new SimpleBooleanProperty(this, "encrypt", false);
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty repeat = new SimpleStringProperty(this, "repeat", "");
    private final StringBinding strength;
    private final StringBinding problem;
    private final BooleanBinding ready;

    public NewPassword() {
        strength = Bindings.createStringBinding(() -> password.get().isEmpty() ? ""
                : I18n.t("newProject.strength." + PasswordStrength.of(password.get()).name().toLowerCase(Locale.ROOT)),
                password);
        problem = Bindings.createStringBinding(() -> {
            if (!encrypt.get()) {
                return "";
            }
            if (password.get().isEmpty()) {
                return I18n.t("newProject.password.empty");
            }
            return password.get().equals(repeat.get()) ? "" : I18n.t("newProject.password.mismatch");
        }, encrypt, password, repeat);
        ready = Bindings.createBooleanBinding(() -> problem.get().isEmpty(), problem);
    }

    /** The password to create the project with, or null without encryption; the fields are cleared. */
    public char @Nullable [] take() {
        char[] chars = encrypt.get() && ready.get() ? password.get().toCharArray() : null;
        password.set("");
        repeat.set("");
        return chars;
    }

    public BooleanProperty encryptProperty() {
        return encrypt;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty repeatProperty() {
        return repeat;
    }

    /** "Strength: …" with advice, empty before anything is typed. */
    public StringBinding strengthBinding() {
        return strength;
    }

    /** What keeps the choice from being used (no password, the two differ), or empty. */
    public StringBinding problemBinding() {
        return problem;
    }

    /** True when the project can be created: no encryption, or a password typed the same twice. */
    public BooleanBinding readyBinding() {
        return ready;
    }
}
