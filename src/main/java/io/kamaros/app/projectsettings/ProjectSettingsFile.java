package io.kamaros.app.projectsettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.model.StorageException;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.frontend.ProjectLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The project's own settings file ({@link ProjectLocation#SETTINGS_FILE} in its history folder), which the CLI's
 * {@code kamaros config}, the engine's remotes and the app's watch read too. An update reads the file, changes
 * only its own members and replaces the file atomically (temp file, then a rename): the other members
 * (remotes, work tree, the CLI's keys) stay as they were.
 */
final class ProjectSettingsFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    ProjectSettingsFile(Path historyRoot) {
        this.file = historyRoot.resolve(ProjectLocation.SETTINGS_FILE);
    }

    /** The settings as they are now; an empty object when there is no file. */
    ObjectNode read() {
        if (!Files.isRegularFile(file)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new ValidationException("The project's settings file " + file + " cannot be read (" + e.getMessage()
                    + "); fix or delete it.", Map.of("field", "settings", "path", file.toString()), e);
        }
    }

    /** Reads, lets {@code change} edit its members, writes the result atomically. */
    void update(Consumer<ObjectNode> change) {
        ObjectNode root = read();
        change.accept(root);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StorageException("Cannot write " + file + ": " + e.getMessage(), Map.of("path", file.toString()), e);
        }
    }
}
