package io.kamaros.engine.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.format.Json;
import io.kamaros.engine.project.ManifestDoc;
import io.kamaros.engine.project.ProjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Edits a project's manifest.json the way another program (or an attacker) that keeps its
 * checksum right would: the checksum is a guard against damage, not against deliberate edits, so
 * tests of deliberate edits must get past it to reach the check they are about. The edit is made on
 * the manifest's JSON, as another program would make it.
 */
public final class ManifestEdits {
    private ManifestEdits() {
    }

    public static void edit(Path manifest, Consumer<ObjectNode> change) throws IOException {
        String name = manifest.getFileName().toString();
        ManifestDoc doc = ProjectStore.parse(Files.readAllBytes(manifest), name);
        ObjectNode json = Json.mapper().valueToTree(doc);
        change.accept(json);
        json.remove("integrity"); // declared again, with the checksum in front, by toBytes
        Files.write(manifest, ProjectStore.toBytes(ProjectStore.parse(Json.mapper().writeValueAsBytes(json), name)));
    }
}
