package io.kamaros.app.settings;

import io.kamaros.app.session.ProjectOpener;
import io.kamaros.engine.model.JcfConfig;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Who saves checkpoints: the name (and optional e-mail) from the settings or the JCF_AUTHOR and
 * JCF_EMAIL variables. Without one the engine would fall back to the project's first author or the
 * system account name, so the app asks at the first save and remembers the answer in the settings.
 */
public final class AuthorIdentity {
    private final SettingsStore store;
    private final ProjectOpener opener;

    /** A person's name and e-mail (empty when they gave none). */
    public record Name(String author, String email) {
    }

    public AuthorIdentity(SettingsStore store, ProjectOpener opener) {
        this.store = store;
        this.opener = opener;
    }

    /** The name given in the settings or the environment, or null when the person has not given one yet. */
    public @Nullable Name known() {
        JcfConfig config = opener.config();
        if (config.author() == null || config.author().isBlank()) {
            return null;
        }
        return new Name(config.author().strip(), config.email() == null ? "" : config.email().strip());
    }

    /** Keeps the name in the settings; projects opened from now on record it too. Call off the FX thread. */
    public void remember(String author, String email) throws IOException {
        AppSettings settings = store.load();
        settings.author = author.strip();
        settings.email = email.strip();
        store.save(settings);
        opener.useConfig(settings.applyTo(opener.config()));
    }

    /** True for an empty e-mail (it is optional) or one that looks like an address. */
    public static boolean plausibleEmail(@Nullable String email) {
        String e = email == null ? "" : email.strip();
        return e.isEmpty() || (e.contains("@") && !e.startsWith("@") && !e.endsWith("@") && !e.contains(" "));
    }
}
