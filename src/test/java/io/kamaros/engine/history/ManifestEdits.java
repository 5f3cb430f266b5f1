package io.kamaros.engine.history;

import io.kamaros.engine.project.ManifestDoc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import io.kamaros.engine.project.ProjectStore;

/**
 * Edits a project's manifest.json the way another program (or an attacker) that keeps its
 * checksum right would: the checksum is a guard against damage, not against deliberate edits, so
 * tests of deliberate edits must get past it to reach the check they are about.
 */
public final class ManifestEdits {
    private ManifestEdits() {
    }

    public static void edit(Path manifest, Consumer<ManifestDoc> change) throws IOException {
        ManifestDoc doc = ProjectStore.parse(Files.readAllBytes(manifest), manifest.getFileName().toString());
        change.accept(doc);
        Files.write(manifest, ProjectStore.toBytes(doc));
    }
}
