package io.kamaros.engine.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.format.Json;
import io.kamaros.engine.objects.SealingAdapter;
import io.kamaros.engine.objects.pack.PackingAdapter;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ids of the versions forgotten in this project, in {@code .jcf/forgotten-versions.json}, so that a fetch from
 * a remote that still holds them does not bring them back (a secret forgotten by hand stays forgotten here). Written
 * before the forget's commit: a crash between the two leaves ids of versions still in the project, which a fetch
 * skips anyway, since it has them. Beside the project's other local state ({@code .jcf/remotes/}), not in the
 * store, whose every file is an object or an index.
 */
public final class ForgottenIds {
    static final String PATH = ".jcf/forgotten-versions.json";

    private ForgottenIds() {
    }

    /** The ids forgotten so far (none when the file is missing or damaged: then a fetch may bring versions back). */
    public static Set<String> read(ProjectStore store) {
        return read(store, "versions");
    }

    /**
     * The kept versions whose journal lines a forget here rewrote (re-parented past forgotten ones): a push sends
     * their new lines to remotes that hold the old ones (docs/storage-format.md, "Forgotten versions on a remote").
     */
    public static Set<String> rewritten(ProjectStore store) {
        return read(store, "rewritten");
    }

    private static Set<String> read(ProjectStore store, String member) {
        Set<String> ids = new TreeSet<>();
        FileSystemAdapter raw = raw(store);
        try {
            if (raw.fileExists(PATH)) {
                JsonNode root = Json.mapper().readTree(raw.readFile(PATH));
                root.path(member).forEach(n -> ids.add(n.asText()));
            }
        } catch (IOException | RuntimeException damaged) {
            return new TreeSet<>();
        }
        return ids;
    }

    static void add(ProjectStore store, Collection<String> forgotten, Collection<String> rewrittenLines)
            throws IOException {
        Set<String> ids = read(store);
        Set<String> rewritten = rewritten(store);
        boolean changed = ids.addAll(forgotten);
        changed |= rewritten.addAll(rewrittenLines);
        if (!changed) {
            return;
        }
        ObjectNode root = Json.mapper().createObjectNode();
        ids.forEach(root.putArray("versions")::add);
        rewritten.forEach(root.putArray("rewritten")::add);
        raw(store).writeFile(PATH, Json.mapper().writeValueAsBytes(root)); // atomic
    }

    private static FileSystemAdapter raw(ProjectStore store) {
        return PackingAdapter.unpacked(SealingAdapter.unsealed(store.adapter()));
    }
}
