package io.kamaros.frontend;

import io.kamaros.engine.store.FileAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where a project lives, and how both front ends find one. Two layouts are opened:
 * <ul>
 *   <li><b>tracked folder</b> (what the app creates): the person's own folder is the working copy and
 *       the history sits in a hidden {@code .kamaros} folder inside it;</li>
 *   <li><b>expanded JCF layout</b> (what the engine and CLI create): {@code manifest.json},
 *       {@code .store/} and the working copy under {@code content/}.</li>
 * </ul>
 *
 * @param historyRoot the folder with {@code manifest.json} and {@code .store/}
 * @param workTree    the person's folder when tracked in place, else null (files under {@code content/})
 */
public record ProjectLocation(Path historyRoot, @Nullable Path workTree) {
    public static final String HISTORY_FOLDER = ".kamaros";

    public ProjectLocation {
        historyRoot = historyRoot.toAbsolutePath().normalize();
        workTree = workTree == null ? null : workTree.toAbsolutePath().normalize();
    }

    /** A folder tracked in place: the history goes into {@code folder/.kamaros}. */
    public static ProjectLocation trackedFolder(Path folder) {
        return new ProjectLocation(folder.resolve(HISTORY_FOLDER), folder);
    }

    /** A folder holding a project's history: {@code manifest.json} and the {@code .store/} folder. */
    public static boolean isHistory(Path dir) {
        return Files.isRegularFile(dir.resolve("manifest.json")) && Files.isDirectory(dir.resolve(".store"));
    }

    /**
     * The project a folder the person picked holds: a tracked folder, an expanded JCF project, the
     * {@code .kamaros} folder itself, or null when it is neither.
     */
    public static @Nullable ProjectLocation detect(Path folder) {
        Path f = folder.toAbsolutePath().normalize();
        if (isHistory(f.resolve(HISTORY_FOLDER))) {
            return trackedFolder(f);
        }
        if (f.getFileName() != null && f.getFileName().toString().equals(HISTORY_FOLDER) && isHistory(f)
                && f.getParent() != null) {
            return trackedFolder(f.getParent());
        }
        if (isHistory(f)) {
            return new ProjectLocation(f, null);
        }
        return null;
    }

    /** The project at {@code start} or in its nearest parent folder (as git finds its repository), or null. */
    public static @Nullable ProjectLocation find(Path start) {
        for (Path d = start.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            ProjectLocation found = detect(d);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The folder with the person's files. */
    public Path workingFolder() {
        return workTree != null ? workTree : historyRoot.resolve("content");
    }

    /** The folder people think of as "the project". */
    public Path projectFolder() {
        return workTree != null ? workTree : historyRoot;
    }

    public String displayName() {
        Path name = projectFolder().getFileName();
        return name == null ? projectFolder().toString() : name.toString();
    }

    public FileAdapter adapter() {
        FileAdapter.Options options = new FileAdapter.Options();
        if (workTree != null) {
            options.workTree(workTree);
        }
        return new FileAdapter(historyRoot, options);
    }
}
