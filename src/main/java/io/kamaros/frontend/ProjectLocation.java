package io.kamaros.frontend;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kamaros.engine.model.FileNotFoundException;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a project lives, and how both front ends find one. Two layouts are opened:
 * <ul>
 *   <li><b>tracked folder</b> (what the app creates): the person's own folder is the working copy and
 *       the history sits in a hidden {@code .kamaros} folder inside it;</li>
 *   <li><b>expanded JCF layout</b> (what the engine and CLI create): {@code manifest.json},
 *       {@code .store/} and the working copy under {@code content/}, or in the folder its settings name
 *       ({@code kamaros init --work-tree FOLDER DIR}: {@code "workTree"} in {@link #SETTINGS_FILE}).</li>
 * </ul>
 *
 * @param historyRoot the folder with {@code manifest.json} and {@code .store/}
 * @param workTree    the person's folder when tracked in place, else null (files under {@code content/})
 */
public record ProjectLocation(Path historyRoot, @Nullable Path workTree) {
    public static final String HISTORY_FOLDER = ".kamaros";
    /** A history's own settings (written by the CLI), inside its folder; the only one read here is {@code workTree}. */
    public static final String SETTINGS_FILE = ".jcf/config.json";

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
            return new ProjectLocation(f, workTreeSetting(f));
        }
        return null;
    }

    /**
     * The folder a history kept apart from it versions, from its settings file; null when it names none. Read by
     * both front ends: a history opened without it would show its empty {@code content/} and every file as deleted.
     * Jackson's streaming parser, as the CLI's settings: this runs before every command.
     */
    private static @Nullable Path workTreeSetting(Path history) {
        Path file = history.resolve(SETTINGS_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("workTree".equals(name) && value == JsonToken.VALUE_STRING) {
                    return history.resolve(p.getText());
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException | InvalidPathException e) {
            throw new ValidationException("The project's settings file " + file + " cannot be read (" + e.getMessage()
                    + "); fix or delete it.", Map.of("path", file.toString()), e);
        }
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

    /**
     * The project's storage (a new project's folders are made); refused when an existing history's versioned folder
     * is gone: it would read as an empty folder, every file deleted.
     */
    public FileAdapter adapter() {
        FileAdapter.Options options = new FileAdapter.Options();
        if (workTree != null && !Files.isDirectory(workTree) && isHistory(historyRoot)) {
            throw new FileNotFoundException("The folder this project versions (" + workTree + ") does not exist."
                    + " Put it back, or point the project elsewhere with 'kamaros config workTree FOLDER'.",
                    Map.of("path", workTree.toString()));
        }
        if (workTree != null) {
            options.workTree(workTree);
        }
        return new FileAdapter(historyRoot, options);
    }
}
