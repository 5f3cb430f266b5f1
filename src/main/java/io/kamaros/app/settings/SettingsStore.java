package io.kamaros.app.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kamaros.app.home.AppPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes {@code settings.json} in the app's folder; writes go to a temp file, then a rename. */
public final class SettingsStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    public static SettingsStore of(AppPaths paths) {
        return new SettingsStore(paths.home().resolve("settings.json"));
    }

    public Path file() {
        return file;
    }

    /** The saved settings, or the defaults when there are none or the file cannot be read. */
    public AppSettings load() {
        if (!Files.isRegularFile(file)) {
            return new AppSettings();
        }
        try {
            AppSettings s = JSON.readValue(file.toFile(), AppSettings.class);
            if (s.compressionLevel < 0 || s.compressionLevel > 9) {
                s.compressionLevel = new AppSettings().compressionLevel;
            }
            if (s.theme == null) {
                s.theme = AppSettings.Theme.SYSTEM;
            }
            if (s.language == null) {
                s.language = AppSettings.Language.SYSTEM;
            }
            return s;
        } catch (IOException e) {
            // a damaged settings file only costs the person their preferences, never a project
            // the logger is made here, not at class load: setting up logging costs start-up ~0.2 s
            Logger log = LoggerFactory.getLogger(SettingsStore.class);
            log.warn("Could not read {}; using the default settings ({})", file, e.getMessage());
            return new AppSettings();
        }
    }

    public void save(AppSettings settings) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), settings);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
