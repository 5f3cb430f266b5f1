package io.kamaros.engine.container;

import io.kamaros.engine.store.FolderTrees;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A new project made by an import is built in a hidden folder beside its target, {@code
 * .<name>.kamaros-import-<pid>-<uuid>}, and renamed to the target only once complete: a killed
 * import never leaves a half or empty project at the target. What a killed import left beside it is
 * removed by the next import into the same parent folder ({@link #removeStale}): only folders of
 * that exact name pattern whose process has ended, so a user's folder is never touched. A clone from
 * a remote builds its project the same way, under {@link #CLONE_INFIX}.
 */
public final class ImportStaging {
    public static final String INFIX = ".kamaros-import-";
    /** The infix of a clone's hidden folder ({@code .<name>.kamaros-clone-<pid>-<uuid>}). */
    public static final String CLONE_INFIX = ".kamaros-clone-";
    private static final Pattern NAME = pattern(INFIX);

    private ImportStaging() {
    }

    private static Pattern pattern(String infix) {
        return Pattern.compile("\\..+" + Pattern.quote(infix)
                + "([0-9]{1,19})-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    /** A new staging folder's path for {@code target} (not created); stale ones beside it are removed first. */
    public static Path beside(Path target) throws IOException {
        return beside(target, INFIX);
    }

    /** {@link #beside(Path)} for the staging folders named with {@code infix} (an import's or a clone's). */
    public static Path beside(Path target, String infix) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        // An absolute file path always has a parent folder.
        Path parent = Objects.requireNonNull(abs.getParent(), "parent of " + abs);
        Files.createDirectories(parent);
        removeStale(parent, infix);
        return parent.resolve("." + abs.getFileName() + infix + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
    }

    /** Renames the complete {@code staging} folder to {@code target} (which may be an empty folder, replaced). */
    public static void moveIntoPlace(Path staging, Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new DirectoryNotEmptyException(target.toString());
                }
            }
            Files.delete(target);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** True when {@code folder}'s name is that of an import's staging folder. */
    public static boolean isStaging(Path folder) {
        return folder.getFileName() != null && NAME.matcher(folder.getFileName().toString()).matches();
    }

    /** Removes staging folders in {@code parent} whose import process has ended. */
    public static void removeStale(Path parent) {
        removeStale(parent, INFIX);
    }

    /** Removes the staging folders named with {@code infix} in {@code parent} whose process has ended. */
    public static void removeStale(Path parent, String infix) {
        Pattern name = infix.equals(INFIX) ? NAME : pattern(infix);
        try (Stream<Path> s = Files.list(parent)) {
            for (Path d : s.toList()) {
                Matcher m = name.matcher(d.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                long pid = Long.parseLong(m.group(1));
                if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // an import or clone still running
                }
                FolderTrees.deleteQuietly(d);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover is only space, and the next import tries again
        }
    }
}
