package io.kamaros.engine.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes a folder tree on disk, deepest first; links are deleted, never followed. Written here because the JDK
 * has no tree delete and these few lines served several places (not worth a commons-io dependency for the engine).
 */
public final class FolderTrees {
    private FolderTrees() {
    }

    /** Deletes the tree {@code root}; nothing happens when it is not there. The first failure stops it. */
    public static void delete(Path root) throws IOException {
        for (Path p : deepestFirst(root)) {
            Files.deleteIfExists(p);
        }
    }

    /**
     * Deletes what it can of the tree {@code root} and says nothing of the rest: for hidden work folders (a
     * failed clone's, an import's staging, a temp folder), where a leftover is only space that a later run removes.
     */
    public static void deleteQuietly(Path root) {
        try {
            for (Path p : deepestFirst(root)) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // left behind: see above
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the walk failed: as above
        }
    }

    private static List<Path> deepestFirst(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.sorted(Comparator.reverseOrder()).toList();
        }
    }
}
