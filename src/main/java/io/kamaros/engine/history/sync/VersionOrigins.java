package io.kamaros.engine.history.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.format.Json;
import io.kamaros.engine.model.VersionOrigin;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which machine and user each fetched version came from, kept in {@value #PATH} (version id → remote, machine,
 * user, push time). A version's journal line cannot take it (the line is the version's identity, byte for byte as
 * its author wrote it), so a fetch writes it here, before its commit: an entry never lacks for a fetched version, and
 * one whose version was not committed is never looked up. Display only: a damaged or deleted file hides the tags,
 * never history.
 */
public final class VersionOrigins {
    public static final String PATH = ".jcf/origins.json";

    private VersionOrigins() {
    }

    /** Every known origin by version id; empty when the project never fetched (or the file cannot be read). */
    public static Map<String, VersionOrigin> load(FileSystemAdapter storage) {
        Map<String, VersionOrigin> out = new TreeMap<>();
        try {
            if (!storage.fileExists(PATH)) {
                return out;
            }
            JsonNode root = Json.mapper().readTree(storage.readFile(PATH));
            root.properties().forEach(e -> {
                JsonNode o = e.getValue();
                Instant at = Json.parseTime(o.path("time").asText(null));
                out.put(e.getKey(), new VersionOrigin(o.path("remote").asText(""), o.path("machine").asText(""),
                        o.path("user").asText(""), at == null ? Instant.EPOCH : at));
            });
        } catch (IOException | RuntimeException damaged) {
            return new TreeMap<>(); // display only: no tags rather than a failed open
        }
        return out;
    }

    /** Adds the origins of versions about to be fetched (atomic write of the whole file). */
    static void add(FileSystemAdapter storage, Map<String, VersionOrigin> fetched) throws IOException {
        if (fetched.isEmpty()) {
            return;
        }
        Map<String, VersionOrigin> all = load(storage);
        all.putAll(fetched);
        ObjectNode root = Json.mapper().createObjectNode();
        all.forEach((id, o) -> {
            ObjectNode n = root.putObject(id);
            n.put("remote", o.remote());
            n.put("machine", o.machine());
            n.put("user", o.user());
            n.put("time", Json.formatTime(o.pushedAt()));
        });
        storage.writeFile(PATH, Json.mapper().writeValueAsBytes(root)); // atomic: the old file or the new one
    }
}
