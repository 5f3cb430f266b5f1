package io.kamaros.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.format.Json;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * When the project's automatic thinning last ran to its end ({@value #PATH} in its history folder), so that
 * the hourly thinning of the app and of {@code kamaros watch} waits for its interval across restarts instead
 * of running after the first automatic save of every start. Its own small file, not a member of the settings
 * file: it is state the engine writes after every thinning, and a settings page saving at that moment must not
 * lose it or have its own change lost. Written atomically through the storage (the old file or the new one).
 */
final class LastThinning {
    static final String PATH = ".jcf/last-thinning.json";
    private static final String FINISHED = "finished";

    private final FileSystemAdapter storage;

    LastThinning(FileSystemAdapter storage) {
        this.storage = storage;
    }

    /**
     * When the last automatic thinning ran (the "now" it thinned by), or null when none did — or the file is
     * missing or damaged: then the next thinning simply runs, which is what it would do anyway.
     */
    @Nullable Instant read() {
        try {
            if (!storage.fileExists(PATH)) {
                return null;
            }
            JsonNode root = Json.mapper().readTree(storage.readFile(PATH));
            String text = root == null ? "" : root.path(FINISHED).asText("");
            return text.isEmpty() ? null : Instant.parse(text);
        } catch (IOException | DateTimeParseException | IllegalArgumentException damaged) {
            return null;
        }
    }

    /** Remembers {@code when} as the last automatic thinning. */
    void write(Instant when) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put(FINISHED, when.toString());
        storage.writeFile(PATH, Json.mapper().writeValueAsBytes(root)); // atomic: temp file, fsync, rename
    }
}
