package io.kamaros.app.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.kamaros.engine.model.JcfConfig;
import org.jspecify.annotations.Nullable;

/**
 * The person's settings, kept in {@code settings.json} in the app's folder ({@code ~/.kamaros}).
 * Public fields for Jackson; a missing field keeps its default, unknown fields are ignored (so a
 * newer version's file still opens).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class AppSettings {
    /** Name recorded with checkpoints; blank: the JCF_AUTHOR variable, then the system user name. */
    public String author = "";
    /** E-mail recorded with checkpoints; blank: none (or JCF_EMAIL). */
    public String email = "";
    /** 0 (fastest, largest) to 9 (slowest, smallest). */
    public int compressionLevel = JcfConfig.DEFAULT_COMPRESSION_LEVEL;
    public Theme theme = Theme.SYSTEM;
    public Language language = Language.SYSTEM;
    /** Remove stored contents no version needs after every checkpoint (the engine's automatic GC). */
    public boolean autoCleanUp;
    /** At start without a project named, open the most recently opened project instead of the welcome screen. */
    public boolean openLastProject;
    /** Announce finished work (a save, verify, export ...) with a notification, besides the status line. */
    public boolean notifications = true;

    /** Light, dark, or whatever the desktop uses. */
    public enum Theme { LIGHT, DARK, SYSTEM }

    /** The language of the app; {@code SYSTEM} follows the system locale. */
    public enum Language {
        SYSTEM(null), ENGLISH("en"), POLISH("pl");

        private final @Nullable String tag;

        Language(@Nullable String tag) {
            this.tag = tag;
        }

        /** The language tag, or null for the system's. */
        public @Nullable String tag() {
            return tag;
        }
    }

    public AppSettings copy() {
        AppSettings c = new AppSettings();
        c.author = author;
        c.email = email;
        c.compressionLevel = compressionLevel;
        c.theme = theme;
        c.language = language;
        c.autoCleanUp = autoCleanUp;
        c.openLastProject = openLastProject;
        c.notifications = notifications;
        return c;
    }

    /**
     * The engine configuration with these settings over {@code base} (which carries the environment's
     * JCF_* values): a blank name or e-mail keeps the base's.
     */
    public JcfConfig applyTo(JcfConfig base) {
        JcfConfig.Builder b = base.toBuilder().compressionLevel(compressionLevel).autoGc(autoCleanUp);
        if (author != null && !author.isBlank()) {
            b.author(author.strip());
        }
        if (email != null && !email.isBlank()) {
            b.email(email.strip());
        }
        return b.build();
    }
}
