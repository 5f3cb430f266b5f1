package io.kamaros.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.model.StorageException;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The project's settings file ({@value #PATH} in its history folder), which the engine's remotes and retention
 * settings, the CLI's {@code kamaros config} and the app's project settings share. An update reads the file,
 * changes only its own members and writes it atomically through the storage (the old file or the new one):
 * the other members stay as they were.
 */
final class SettingsFile {
    static final String PATH = ".jcf/config.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final FileSystemAdapter storage;

    SettingsFile(FileSystemAdapter storage) {
        this.storage = storage;
    }

    /** The settings as they are now; an empty object when there is no file. */
    ObjectNode read() {
        try {
            if (!storage.fileExists(PATH)) {
                return JSON.createObjectNode();
            }
            JsonNode node = JSON.readTree(storage.readFile(PATH));
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new ValidationException("The project's settings file " + PATH + " cannot be read ("
                    + e.getMessage() + "); fix or delete it.", Map.of("field", "settings", "path", PATH), e);
        }
    }

    /** Writes {@code root} as the whole file, atomically. */
    void write(ObjectNode root) {
        try {
            storage.writeFile(PATH, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new StorageException("Cannot write " + PATH + ": " + e.getMessage(), Map.of("path", PATH), e);
        }
    }

    /** Reads, lets {@code change} edit its members, writes the result. */
    void update(Consumer<ObjectNode> change) {
        ObjectNode root = read();
        change.accept(root);
        write(root);
    }
}
