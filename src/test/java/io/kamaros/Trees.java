package io.kamaros;

import io.kamaros.engine.store.FolderTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Copies and deletes folder trees for tests and benchmarks. The copy is written here because the JDK has none and
 * the tests need nothing more than these few lines (not worth a commons-io dependency).
 */
public final class Trees {
    private Trees() {
    }

    /** Copies the tree {@code from} into {@code to} (created if missing), file times kept, files there replaced. */
    public static void copyTree(Path from, Path to) throws IOException {
        copyTree(from, to, f -> true);
    }

    /**
     * Copies a project folder like {@link #copyTree}, but not its store's lock file: that file names the process that
     * held the original, and the copy is a project nobody holds yet.
     */
    public static void copyProject(Path from, Path to) throws IOException {
        copyTree(from, to, f -> !f.getFileName().toString().equals("lock"));
    }

    private static void copyTree(Path from, Path to, Predicate<Path> copyFile) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path f : walk.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (copyFile.test(f)) {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Deletes the tree {@code root}, deepest first; nothing happens when it is not there. */
    public static void deleteTree(Path root) throws IOException {
        FolderTrees.delete(root);
    }
}
